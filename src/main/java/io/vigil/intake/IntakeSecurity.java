package io.vigil.intake;

import io.vigil.security.ApiSecurity;
import io.vigil.security.VigilGroup;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may post what monitoring sends, ahead of the API's general chain: Alertmanager's webhook takes
 * its bearer token only; a heartbeat's ping and failure report take the heartbeat token or a user who
 * may write tickets. Managing monitors is an ordinary API call.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class IntakeSecurity {

  private static final String[] HEARTBEAT_ROLES = Stream.concat(Stream.of(IntakeTokenFilter.HEARTBEATS_ROLE),
      Stream.of(VigilGroup.ticketWriterRoles())).toArray(String[]::new);

  @Bean
  @Order(0)
  SecurityFilterChain monitoringIntakeSecurity(HttpSecurity http, IntakeProperties intake) throws Exception {
    http.securityMatchers(matchers -> matchers
            .requestMatchers(HttpMethod.POST, IntakeTokenFilter.ALERTS_PATH)
            .requestMatchers(HttpMethod.POST, IntakeTokenFilter.HEARTBEAT_REPORTS))
        .addFilterBefore(new IntakeTokenFilter(intake), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(IntakeTokenFilter.ALERTS_PATH).hasRole(IntakeTokenFilter.ALERTS_ROLE)
            .anyRequest().hasAnyRole(HEARTBEAT_ROLES));
    return ApiSecurity.basicAuthentication(http).build();
  }
}
