package io.vigil.ticket;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who acts on a ticket through the API, as the engine should see them: the user and their groups. */
public record TicketActor(String userId, List<String> groups) {

  /** The authenticated user of a request; their groups are their roles. */
  public static TicketActor of(Authentication authentication) {
    List<String> groups = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()))
        .toList();
    return new TicketActor(authentication.getName(), groups);
  }
}
