package io.vigil.security;

import io.vigil.web.Problems;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Nothing answers without authentication but the health probes.
 *
 * <ul>
 *   <li>{@code /api}, the OpenAPI description and the actuator: HTTP Basic against the engine's users
 *       (Spring Security, {@link ApiSecurity}); writes need a group other than {@code auditors} and
 *       {@code vigil-workers}, on problems {@code problem-managers} (or {@code vigil-admins}), on the knowledge base
 *       {@code service-desk} or {@code problem-managers} (or {@code vigil-admins}), on a resolver group's
 *       on-call rota and overrides ({@code /api/groups/{group}}) that group, {@code incident-managers}
 *       or {@code vigil-admins};
 *       metrics need {@code vigil-admins}; {@code /api/audit} (the whole trail) {@code auditors} or
 *       {@code vigil-admins}; {@code /api/history} needs an auditor's, a manager's, a process
 *       owner's or an admin's group, and its reads also take the Cockpit session of such a person
 *       ({@link WebappSessionAuthentication}, ADR 24); the notification ledger
 *       ({@code /api/notifications}) is written by {@code vigil-workers} only and read by
 *       {@code auditors}, {@code incident-managers} and {@code vigil-admins}. The monitoring intake's endpoints have a chain of
 *       their own, ahead of this one, that also takes its bearer tokens.
 *   <li>{@code /engine-rest}: the engine's own Basic authentication filter, so that Camunda
 *       authorizations apply to the authenticated user.
 *   <li>The Camunda webapps: their own login and authorizations.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

  /**
   * Spring Security's own observations time every filter of a chain on every request: about 4 % of
   * a node's CPU in the lifecycle benchmark, for figures no dashboard reads (docs/benchmarks.md).
   * Requests are still timed as {@code http.server.requests}.
   */
  @Bean
  static SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * The firewall refuses a URL that could mean two things to two readers (an encoded slash, period or
   * semicolon, "..", "//", NUL): 400 problem details like every other refusal, where Spring Security
   * would send the container's error page, which is not one.
   */
  @Bean
  RequestRejectedHandler requestRejectedWithProblemDetails() {
    return (request, response, rejected) -> Problems.write(request, response, HttpStatus.BAD_REQUEST, rejected.getMessage());
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<ProcessEngine> engine) throws Exception {
    http.securityMatcher("/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
            .requestMatchers("/actuator/**").hasRole(VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers("/api/audit/**").hasAnyRole(VigilGroup.AUDITORS.id(), VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers(HttpMethod.GET, "/api/history/**").hasAnyRole(VigilGroup.historyReaderRoles())
            .requestMatchers(HttpMethod.GET, "/api/notifications/**")
            .hasAnyRole(VigilGroup.AUDITORS.id(), VigilGroup.INCIDENT_MANAGERS.id(), VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers("/api/notifications/**").hasRole(VigilGroup.VIGIL_WORKERS.id())
            .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
            .requestMatchers("/api/problems/**").hasAnyRole(VigilGroup.PROBLEM_MANAGERS.id(), VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers(HttpMethod.POST, "/api/changes").hasAnyRole(VigilGroup.changeRequesterRoles())
            .requestMatchers("/api/groups/{group}/**").access((authentication, context) ->
                new AuthorizationDecision(VigilGroup.mayKeepRotaOf(context.getVariables().get("group"), roles(authentication.get()))))
            .requestMatchers("/api/knowledge/**")
            .hasAnyRole(VigilGroup.SERVICE_DESK.id(), VigilGroup.PROBLEM_MANAGERS.id(), VigilGroup.VIGIL_ADMINS.id())
            .requestMatchers("/api/**").hasAnyRole(VigilGroup.ticketWriterRoles())
            .anyRequest().authenticated())
        .addFilterBefore(new WebappSessionAuthentication(engine), BasicAuthenticationFilter.class);
    return ApiSecurity.basicAuthentication(http).build();
  }

  /** The groups an authenticated caller is in: their roles without the prefix (CamundaIdentityAuthenticationProvider). */
  private static List<String> roles(Authentication authentication) {
    return authentication == null ? List.of() : authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(role -> role.startsWith("ROLE_"))
        .map(role -> role.substring("ROLE_".length()))
        .toList();
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
  FilterRegistrationBean<EngineRestAuthentication> engineRestAuthentication(
      ObjectProvider<ProcessEngine> engine, ObjectProvider<VerifiedCredentials> credentials) {
    FilterRegistrationBean<EngineRestAuthentication> registration =
        new FilterRegistrationBean<>(new EngineRestAuthentication(engine, credentials));
    registration.setName("camunda-engine-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
