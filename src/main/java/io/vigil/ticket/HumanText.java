package io.vigil.ticket;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Text a person typed: no {@link ControlCharacters} (tab and line breaks are fine). */
@Documented
@Constraint(validatedBy = HumanText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface HumanText {

  String message() default TicketInput.CONTROL_CHARACTERS;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<HumanText, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || !ControlCharacters.in(value);
    }
  }
}
