package io.vigil.security;

import io.vigil.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;

/**
 * What every filter chain of Vigil's REST API shares: HTTP Basic against the engine's users, no
 * session, and 401 and 403 as problem details. A feature with a chain of its own (the monitoring
 * intake and its bearer tokens) applies it too. The API never touches a session either: a Cockpit
 * session that authenticates a read of the history (WebappSessionAuthentication) keeps its id,
 * which Spring Security would otherwise change at each request as if it were a new login.
 */
public final class ApiSecurity {

  private ApiSecurity() {}

  public static HttpSecurity basicAuthentication(HttpSecurity http) throws Exception {
    return http
        .httpBasic(basic -> basic.realmName("Vigil")
            .authenticationEntryPoint((request, response, e) -> {
              response.setHeader("WWW-Authenticate", "Basic realm=\"Vigil\"");
              Problems.write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required");
            }))
        .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
            Problems.write(request, response, HttpStatus.FORBIDDEN, "Your groups do not allow this")))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
        .csrf(csrf -> csrf.disable());
  }
}
