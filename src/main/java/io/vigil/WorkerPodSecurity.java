package io.vigil;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** A worker pod ({@code vigil.role=workers}) answers only its health probes; it holds no users to authenticate anyone. */
@Configuration(proxyBeanMethods = false)
class WorkerPodSecurity {

  @Bean
  SecurityFilterChain workerPodSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
            .anyRequest().denyAll())
        .csrf(csrf -> csrf.disable());
    return http.build();
  }
}
