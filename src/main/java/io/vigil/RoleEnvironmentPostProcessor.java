package io.vigil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches off the auto-configuration a role does not use: a worker pod has no engine, database or
 * webapps; an engine node has no external-task client.
 */
public class RoleEnvironmentPostProcessor implements EnvironmentPostProcessor {

  static final List<String> ENGINE_AUTO_CONFIGURATION =
      List.of(
          "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
          "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
          "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
          "org.springframework.boot.autoconfigure.jersey.JerseyAutoConfiguration",
          "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
          "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
          "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
          "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
          "org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration",
          "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration");

  static final List<String> WORKER_AUTO_CONFIGURATION =
      List.of("org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication app) {
    VigilRole role = VigilRole.parse(environment.getProperty(VigilRole.PROPERTY));
    List<String> excluded = new ArrayList<>();
    String configured = environment.getProperty("spring.autoconfigure.exclude");
    if (configured != null && !configured.isBlank()) {
      excluded.add(configured);
    }
    if (!role.runsEngine()) {
      excluded.addAll(ENGINE_AUTO_CONFIGURATION);
    }
    if (!role.runsWorkers()) {
      excluded.addAll(WORKER_AUTO_CONFIGURATION);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
    environment.getPropertySources().addFirst(new MapPropertySource("vigilRole", properties));
  }
}
