package io.vigil.workers.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.workers.support.VigilApi;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The people an audience names, with their addresses, read from {@code /api/people}. A person
 * without a usable address is skipped and logged: the others are still told.
 */
@Component
class Directory {

  private static final Logger log = LoggerFactory.getLogger(Directory.class);

  /** What a user id can be (the engine's resource id whitelist). */
  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}");

  private final VigilApi api;

  Directory(VigilApi api) {
    this.api = api;
  }

  /** The audience's recipients, one per address, in the order Vigil lists them. */
  List<Recipient> recipients(String ticket, Audience audience, String caller) {
    List<Recipient> found = switch (audience.kind()) {
      case CALLER -> caller(ticket, caller);
      case USER -> person(ticket, audience.name()).stream().toList();
      case NAMED -> api.get("/people?group={group}", audience.name()).map(members -> members(ticket, members)).orElse(List.of());
    };
    Map<String, Recipient> byAddress = new LinkedHashMap<>();
    found.forEach(recipient -> byAddress.putIfAbsent(recipient.address().toLowerCase(), recipient));
    return List.copyOf(byAddress.values());
  }

  /** The caller is free text: an address as it is, a user id by that user's address, else nobody. */
  private List<Recipient> caller(String ticket, String caller) {
    if (caller == null || caller.isBlank()) {
      log.info("{} has no caller to mail", ticket);
      return List.of();
    }
    String text = caller.trim();
    Optional<InternetAddress> address = text.contains("@") ? address(text) : Optional.empty();
    if (address.isPresent()) {
      String name = address.get().getPersonal();
      return List.of(new Recipient(address.get().getAddress(), name == null ? "" : name));
    }
    if (USER_ID.matcher(text).matches()) {
      return person(ticket, text).stream().toList();
    }
    log.info("{} caller '{}' is neither an e-mail address nor a user: no mail", ticket, text);
    return List.of();
  }

  private Optional<Recipient> person(String ticket, String userId) {
    Optional<JsonNode> person = api.get("/people/{id}", userId);
    if (person.isEmpty()) {
      log.info("{} no user '{}' to mail", ticket, userId);
      return Optional.empty();
    }
    return recipient(ticket, person.get());
  }

  private List<Recipient> members(String ticket, JsonNode members) {
    List<Recipient> recipients = new ArrayList<>();
    members.forEach(member -> recipient(ticket, member).ifPresent(recipients::add));
    return recipients;
  }

  private Optional<Recipient> recipient(String ticket, JsonNode person) {
    String id = person.path("id").asText();
    String email = person.path("email").isTextual() ? person.path("email").asText().trim() : "";
    Optional<InternetAddress> address = email.isEmpty() ? Optional.empty() : address(email);
    if (address.isEmpty()) {
      log.warn("{} user {} has no usable e-mail address ('{}'): skipped", ticket, id, email);
      return Optional.empty();
    }
    return Optional.of(new Recipient(address.get().getAddress(), person.path("name").asText("")));
  }

  private static Optional<InternetAddress> address(String text) {
    try {
      return Optional.of(new InternetAddress(text, true));
    } catch (AddressException e) {
      return Optional.empty();
    }
  }
}
