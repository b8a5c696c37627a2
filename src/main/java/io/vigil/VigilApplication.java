package io.vigil;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * One jar, three roles ({@link VigilRole}): {@link RoleSides} imports the engine side and the worker
 * side separately, so that each role loads only its own beans.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RoleSides.class)
public class VigilApplication {

  public static void main(String[] args) {
    SpringApplication.run(VigilApplication.class, args);
  }

  /** The role this process runs in, for the beans that behave differently by role. */
  @Bean
  VigilRole vigilRole(Environment environment) {
    return VigilRole.of(environment);
  }
}
