package io.vigil.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Cockpit's "Ticket history" page read {@code /api/history} as the person signed into Cockpit,
 * with the webapp's session cookie instead of Basic credentials (ADR 24).
 *
 * <p>Only GET requests under {@code /api/history}, and only when they carry no Authorization header:
 * reads change nothing, so a forged cross-site request gains nothing, and the browser keeps the
 * answer from any other site. The session must hold a Camunda login for this engine that may open
 * Cockpit; its user's groups become roles as Basic authentication makes them, so the API's rules
 * decide the rest. Groups the webapp has held past its revalidation time are read afresh from the
 * engine. The filter never creates a session, and the chain changes none ({@link ApiSecurity}).
 */
final class WebappSessionAuthentication extends OncePerRequestFilter {

  static final String COCKPIT = "cockpit";

  private final RequestMatcher reads = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/history/**");
  private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
  private final ObjectProvider<ProcessEngine> engine;

  /** The engine is looked up at the first request: the security filters are made before it. */
  WebappSessionAuthentication(ObjectProvider<ProcessEngine> engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null && reads.matches(request)
        && contexts.getContext().getAuthentication() == null) {
      cockpitUser(session).ifPresent(user -> {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(user);
        contexts.setContext(context);
      });
    }
    chain.doFilter(request, response);
  }

  private Optional<PreAuthenticatedAuthenticationToken> cockpitUser(HttpSession session) {
    ProcessEngine processEngine = engine.getObject();
    Authentication login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(processEngine.getName());
    if (!(login instanceof UserAuthentication user) || !user.isAuthorizedForApp(COCKPIT)) {
      return Optional.empty();
    }
    return Optional.of(new PreAuthenticatedAuthenticationToken(user.getIdentityId(), null,
        CamundaIdentityAuthenticationProvider.roles(groups(user, processEngine))));
  }

  /** The groups the webapp holds, unless they are due for revalidation, as Camunda's own webapp filter would do. */
  private static List<String> groups(UserAuthentication user, ProcessEngine processEngine) {
    Date due = user.getCacheValidationTime();
    if (due == null || ClockUtil.getCurrentTime().before(due)) {
      return user.getGroupIds();
    }
    return processEngine.getIdentityService().createGroupQuery().groupMember(user.getIdentityId()).list().stream()
        .map(Group::getId).toList();
  }
}
