package io.vigil.sla;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA calendars, built from {@code vigil.sla.*} at start so that a wrong zone or time fails the start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlaProperties.class)
class SlaConfiguration {

  @Bean
  SlaCalendars slaCalendars(SlaProperties properties) {
    return new SlaCalendars(properties);
  }
}
