package io.vigil.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.security.*}: the accounts Vigil creates at start. No password has a default: the
 * operator gives them (a Kubernetes secret, an environment variable) or the demo profile does.
 * {@code credentials-ttl}: how long a right password is remembered (VerifiedCredentials); zero
 * checks every request against the engine.
 */
@Validated
@ConfigurationProperties("vigil.security")
public record SecurityProperties(@Valid Account admin, @Valid Account worker, Duration credentialsTtl) {

  /** An account created on first start if absent; an existing account's password is left alone. */
  public record Account(@NotBlank @DefaultValue("admin") String username, String password) {

    public boolean configured() {
      return password != null && !password.isBlank();
    }
  }

  public SecurityProperties {
    admin = admin == null ? new Account("admin", null) : admin;
    worker = worker == null ? new Account("vigil-worker", null) : worker;
    credentialsTtl = credentialsTtl == null ? Duration.ofMinutes(1) : credentialsTtl;
    if (credentialsTtl.isNegative()) {
      throw new IllegalArgumentException("vigil.security.credentials-ttl must not be negative: " + credentialsTtl);
    }
  }
}
