package io.vigil.intake;

import io.vigil.web.RequestBodyLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The monitoring intake's settings, and the larger body Alertmanager's batches need. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

  IntakeConfiguration(IntakeProperties properties) {
    if (blank(properties.alertmanager().token())) {
      log.info("Alertmanager intake off: vigil.intake.alertmanager.token is not set");
    }
    if (blank(properties.heartbeats().token())) {
      log.info("Heartbeat pings by token off (users with write access still ping): vigil.intake.heartbeats.token is not set");
    }
  }

  @Bean
  RequestBodyLimitFilter.BodyLimit alertmanagerBodyLimit(IntakeProperties properties) {
    return new RequestBodyLimitFilter.BodyLimit("/api/alerts/", properties.alertmanager().maxRequestSize());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
