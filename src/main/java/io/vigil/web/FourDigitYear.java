package io.vigil.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A date and time in the years 1 to 9999 (UTC). Java reads years up to 999,999,999, which the
 * calendar arithmetic overflows and PostgreSQL cannot store (its last year is 294276: a 500 where H2
 * stores it); iCalendar writes four digits. Year 1 is in: Alertmanager's "no end yet" is
 * 0001-01-01T00:00:00Z.
 */
@Documented
@Constraint(validatedBy = FourDigitYear.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FourDigitYear {

  String MESSAGE = "must be in the years 1 to 9999";

  String message() default MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<FourDigitYear, OffsetDateTime> {

    @Override
    public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
      return value == null || holds(value);
    }

    public static boolean holds(OffsetDateTime value) {
      int year = value.withOffsetSameInstant(ZoneOffset.UTC).getYear();
      return year >= 1 && year <= 9999;
    }
  }
}
