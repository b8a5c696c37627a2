package io.vigil.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * An audit entry in its place in the chain. Its hash is SHA-256 over {@link #canonical()}: one line
 * of JSON, keys in a fixed order, strings escaped as RFC 8785 (JSON.stringify) does, times in UTC
 * to the microsecond. The export writes that line with the hash appended as its last key, so an
 * auditor checks an entry offline by taking the hash off the line and hashing the rest
 * (docs/auditor-guide.md). {@code action} stays text: a tampered row need not name a known action.
 */
public record SealedEntry(long seq, String prevHash, String hash, long id, String ticketNumber,
    OffsetDateTime occurredAt, String actor, String action, String detail) {

  /** The previous hash of the first seal. */
  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  /** What the hash is taken over. */
  public String canonical() {
    StringBuilder json = new StringBuilder(256 + (detail == null ? 0 : detail.length()));
    json.append("{\"prev\":");
    string(json, prevHash);
    json.append(",\"seq\":").append(seq).append(",\"id\":").append(id).append(",\"ticket\":");
    string(json, ticketNumber);
    json.append(",\"occurredAt\":");
    string(json, occurredAtUtc());
    json.append(",\"actor\":");
    string(json, actor);
    json.append(",\"action\":");
    string(json, action);
    json.append(",\"detail\":");
    string(json, detail);
    return json.append('}').toString();
  }

  /** When it occurred, as the hash takes it: UTC, to the microsecond. */
  public String occurredAtUtc() {
    return occurredAt.withOffsetSameInstant(ZoneOffset.UTC).format(MICROSECONDS);
  }

  /** The exported line: the canonical JSON with the stored hash as its last key. */
  public String line() {
    String canonical = canonical();
    return canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + hash + "\"}";
  }

  /** Whether the stored hash is the one the entry's content and its previous hash give. */
  public boolean intact() {
    return hashOf(canonical()).equals(hash);
  }

  /** This entry's content sealed after {@code previous}. */
  static SealedEntry seal(long seq, String previous, long id, String ticketNumber, OffsetDateTime occurredAt,
      String actor, String action, String detail) {
    SealedEntry unsealed = new SealedEntry(seq, previous, null, id, ticketNumber, occurredAt, actor, action, detail);
    return new SealedEntry(seq, previous, hashOf(unsealed.canonical()), id, ticketNumber, occurredAt, actor, action, detail);
  }

  static String hashOf(String canonical) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void string(StringBuilder json, String value) {
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
