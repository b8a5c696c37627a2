package io.vigil.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.VigilApplication;
import io.vigil.testing.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.yaml.snakeyaml.Yaml;

/**
 * Outside the {@code demo} profile no account has a password Vigil made up: the operator gives the
 * administrator's, or Vigil does not start (issue 14).
 */
class NoDefaultCredentialsIT {

  private static final String ENGINE = "nodefaults";

  @Test
  void withoutTheDemoProfileStartUpRefusesAMissingAdministratorPassword() {
    // No web server: the engine REST API's long-polling handler is one per JVM, and a failed node's
    // servlet context would shut it down for the shared test contexts' workers.
    SpringApplicationBuilder node = new SpringApplicationBuilder(VigilApplication.class)
        .web(WebApplicationType.NONE)
        .initializers(new TestCluster());
    try {
      assertThatThrownBy(() -> node.run(
              "--vigil.role=engine",
              // Camunda keeps engines in a JVM-wide registry by name: this one must not stand in for the shared contexts' engine
              "--camunda.bpm.process-engine-name=" + ENGINE,
              "--camunda.bpm.job-execution.enabled=false",
              "--spring.datasource.url=jdbc:h2:mem:no-default-credentials-" + UUID.randomUUID(),
              // empty, as an unset variable leaves it, whatever this machine's environment holds
              "--vigil.security.admin.password=").close())
          .hasStackTraceContaining("No administrator 'admin' exists and vigil.security.admin.password is not set");
    } finally {
      // built before the check refused to go on, it would stay in that registry (closing it needs its database, closed already)
      Optional.ofNullable(ProcessEngines.getProcessEngines().get(ENGINE)).ifPresent(ProcessEngines::unregister);
    }
  }

  @Test
  void theApplicationsOwnSettingsHoldNoSecret() throws IOException {
    Map<String, Object> settings;
    try (InputStream yaml = getClass().getResourceAsStream("/application.yaml")) {
      settings = new Yaml().load(yaml);
    }
    Map<String, Object> secrets = new TreeMap<>();
    collectSecrets("", settings, secrets);
    assertThat(secrets).as("the settings that hold a password, secret or token").isNotEmpty()
        // no value, or another setting's without a default
        .allSatisfy((key, value) -> assertThat(value == null ? "" : value.toString()).as(key).matches("|\\$\\{[a-z0-9.-]+:?}"));
  }

  /** Every setting named a password, secret or token ({@code client-secret}, not {@code fail-on-trailing-tokens}), by its full name. */
  private static void collectSecrets(String prefix, Map<?, ?> settings, Map<String, Object> secrets) {
    settings.forEach((name, value) -> {
      String key = prefix + name;
      if (value instanceof Map<?, ?> nested) {
        collectSecrets(key + ".", nested, secrets);
      } else if (name.toString().matches("(?i)([a-z0-9-]*-)?(password|secret|token)")) {
        secrets.put(key, value);
      }
    });
  }
}
