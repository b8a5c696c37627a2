package io.vigil.intake;

import io.vigil.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Monitoring authenticates with a bearer token, as Alertmanager's {@code http_config.authorization}
 * and a cron job's {@code curl -H "Authorization: Bearer …"} do. A token is good only for its own
 * intake, and only to post: the Alertmanager token for the webhook, the heartbeat token for pings
 * ({@link IntakeSecurity} puts this filter in front of those endpoints only). A bearer token that
 * is not good here is answered 401; requests without one go on to HTTP Basic.
 */
class IntakeTokenFilter extends OncePerRequestFilter {

  static final String ALERTS_ROLE = "intake-alerts";
  static final String HEARTBEATS_ROLE = "intake-heartbeats";
  static final String ALERTS_PATH = "/api/alerts/alertmanager";
  static final String HEARTBEATS_PATH = "/api/heartbeats/";
  static final String[] HEARTBEAT_REPORTS = {HEARTBEATS_PATH + "*", HEARTBEATS_PATH + "*/fail"};

  private final IntakeProperties properties;

  IntakeTokenFilter(IntakeProperties properties) {
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String token = header.substring(7).trim();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean post = "POST".equals(request.getMethod());
    String role = null;
    if (post && path.equals(ALERTS_PATH) && matches(token, properties.alertmanager().token())) {
      role = ALERTS_ROLE;
    } else if (post && path.startsWith(HEARTBEATS_PATH) && matches(token, properties.heartbeats().token())) {
      role = HEARTBEATS_ROLE;
    }
    if (role == null) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Vigil\", error=\"invalid_token\"");
      Problems.write(request, response, HttpStatus.UNAUTHORIZED, "The bearer token is not valid for " + path);
      return;
    }
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
        role.equals(ALERTS_ROLE) ? "alertmanager" : "heartbeat", null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** Constant time, so that the answer's timing does not tell how much of a guess was right. */
  private static boolean matches(String given, String expected) {
    return expected != null && !expected.isBlank()
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
