package io.vigil.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's own Basic authentication for {@code /engine-rest}, so that Camunda authorizations
 * apply to the user, with the check of the credentials and the user's groups and tenants taken from
 * VerifiedCredentials, and the one engine handed over instead of looked up per request.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

  private final ObjectProvider<ProcessEngine> engine;
  private final ObjectProvider<VerifiedCredentials> credentials;

  /** Both looked up at the first request: a servlet filter is made before the engine, which must wait for the migrations. */
  EngineRestAuthentication(ObjectProvider<ProcessEngine> engine, ObjectProvider<VerifiedCredentials> credentials) {
    this.engine = engine;
    this.credentials = credentials;
  }

  @Override
  public void init(FilterConfig filterConfig) {
    servletPathPrefix = "/engine-rest";
    authenticationProvider = new BasicCredentials();
  }

  @Override
  protected ProcessEngine getAddressedEngine(String engineName) {
    ProcessEngine vigils = engine.getObject();
    return vigils.getName().equals(engineName) ? vigils : super.getAddressedEngine(engineName);
  }

  /** {@code Authorization: Basic …}, answered with the user's groups and tenants so that the filter need not query them. */
  private final class BasicCredentials extends HttpBasicAuthenticationProvider {

    private static final String BASIC = "Basic ";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine addressed) {
      if (addressed != engine.getObject()) {
        return super.extractAuthenticatedUser(request, addressed);
      }
      String header = request.getHeader("Authorization");
      if (header == null || !header.startsWith(BASIC)) {
        return AuthenticationResult.unsuccessful();
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return AuthenticationResult.unsuccessful();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return AuthenticationResult.unsuccessful();
      }
      String userId = decoded.substring(0, colon);
      return credentials.getObject().verify(userId, decoded.substring(colon + 1))
          .map(identity -> {
            AuthenticationResult result = AuthenticationResult.successful(identity.userId());
            result.setGroups(identity.groups());
            result.setTenants(identity.tenants());
            return result;
          })
          .orElseGet(() -> AuthenticationResult.unsuccessful(userId));
    }
  }
}
