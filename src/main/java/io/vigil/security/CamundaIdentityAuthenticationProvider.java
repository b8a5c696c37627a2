package io.vigil.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks API and actuator credentials against the engine's users, the same accounts as Tasklist
 * (through VerifiedCredentials).
 * Each group becomes a role ({@code ROLE_service-desk}). The engine counts failed attempts and
 * locks the account after too many.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final VerifiedCredentials credentials;

  CamundaIdentityAuthenticationProvider(VerifiedCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String password = authentication.getCredentials() instanceof String given ? given : null;
    VerifiedCredentials.Identity identity = credentials.verify(authentication.getName(), password)
        .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    return UsernamePasswordAuthenticationToken.authenticated(identity.userId(), null, roles(identity.groups()));
  }

  /** Each group as a role: what the API's rules check, however the caller authenticated. */
  static List<SimpleGrantedAuthority> roles(List<String> groups) {
    return groups.stream().map(id -> new SimpleGrantedAuthority("ROLE_" + id)).toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
