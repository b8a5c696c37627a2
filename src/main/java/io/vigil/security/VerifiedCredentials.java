package io.vigil.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.commons.utils.cache.ConcurrentLruCache;
import org.springframework.stereotype.Component;

/**
 * User names and passwords checked against the engine's users, with the user's groups and tenants,
 * remembered for {@code vigil.security.credentials-ttl} (ADR 15).
 *
 * <p>Integrations and the workers send Basic credentials with every request; checking each one
 * anew cost three queries and a password hash per request, a twelfth of the JVM's CPU in the
 * lifecycle benchmark. Only a successful check is remembered, under a salted hash of the password,
 * never the password: a wrong password always reaches the engine, which counts failed attempts and
 * locks the account. A changed password, group or tenant counts at the latest after the TTL, as
 * in Camunda's own webapps (their authentication cache, five minutes by default).
 */
@Component
public class VerifiedCredentials {

  /** A user whose password was right: the groups and tenants the engine knows the user by. */
  public record Identity(String userId, List<String> groups, List<String> tenants) {}

  private record Verified(Identity identity, Instant until) {}

  private static final int REMEMBERED = 10_000;

  private final IdentityService identityService;
  private final Clock clock;
  private final SecurityProperties properties;
  private final byte[] salt = new SecureRandom().generateSeed(16);
  private final ConcurrentLruCache<String, Verified> verified = new ConcurrentLruCache<>(REMEMBERED);

  VerifiedCredentials(IdentityService identityService, Clock clock, SecurityProperties properties) {
    this.identityService = identityService;
    this.clock = clock;
    this.properties = properties;
  }

  /** The user, when the password is theirs; empty for a blank name, an unknown user or a wrong password. */
  public Optional<Identity> verify(String userId, String password) {
    if (userId == null || userId.isBlank() || password == null) {
      return Optional.empty();
    }
    String key = key(userId, password);
    Instant now = clock.instant();
    Verified remembered = verified.get(key);
    if (remembered != null && now.isBefore(remembered.until())) {
      return Optional.of(remembered.identity());
    }
    if (!identityService.checkPassword(userId, password)) {
      verified.remove(key);
      return Optional.empty();
    }
    Identity identity = new Identity(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
        identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId).toList());
    if (!properties.credentialsTtl().isZero()) {
      verified.put(key, new Verified(identity, now.plus(properties.credentialsTtl())));
    }
    return Optional.of(identity);
  }

  private String key(String userId, String password) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update(userId.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
