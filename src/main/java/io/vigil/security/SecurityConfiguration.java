package io.vigil.security;

import io.vigil.web.Problems;
import io.vigil.intake.IntakeProperties;
import java.util.Arrays;
import java.util.stream.Stream;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Nothing answers without authentication but the health probes.
 *
 * <ul>
 *   <li>{@code /api}, the OpenAPI description and the actuator: HTTP Basic against the engine's users
 *       (Spring Security); writes need a group other than {@code auditors}; metrics need
 *       {@code vigil-admins}. Monitoring posts with a bearer token instead ({@link IntakeTokenFilter}).
 *   <li>{@code /engine-rest}: the engine's own Basic authentication filter, so that Camunda
 *       authorizations apply to the authenticated user.
 *   <li>The Camunda webapps: their own login and authorizations.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  static final String[] WRITER_ROLES = Arrays.stream(VigilGroup.values())
      .filter(VigilGroup::mayWriteTickets)
      .map(VigilGroup::id)
      .toArray(String[]::new);

  static final String[] HEARTBEAT_ROLES = Stream.concat(Stream.of(IntakeTokenFilter.HEARTBEATS_ROLE), Arrays.stream(WRITER_ROLES))
      .toArray(String[]::new);

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, IntakeProperties intake) throws Exception {
    http.securityMatcher("/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/**")
        .addFilterBefore(new IntakeTokenFilter(intake), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
            .requestMatchers("/actuator/**").hasRole(VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers(HttpMethod.POST, IntakeTokenFilter.ALERTS_PATH).hasRole(IntakeTokenFilter.ALERTS_ROLE)
            .requestMatchers(HttpMethod.POST, "/api/heartbeats/*", "/api/heartbeats/*/fail").hasAnyRole(HEARTBEAT_ROLES)
            .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
            .requestMatchers("/api/**").hasAnyRole(WRITER_ROLES)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Vigil")
            .authenticationEntryPoint((request, response, e) -> {
              response.setHeader("WWW-Authenticate", "Basic realm=\"Vigil\"");
              Problems.write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required");
            }))
        .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
            Problems.write(request, response, HttpStatus.FORBIDDEN, "Your groups do not allow this")))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /** The webapps and {@code /engine-rest} authenticate themselves (see the class comment). */
  @Bean
  @Order(2)
  SecurityFilterChain engineSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.cacheControl(cache -> cache.disable()).frameOptions(frame -> frame.sameOrigin()));
    return http.build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
