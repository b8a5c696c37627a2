package io.vigil.audit;

import java.time.OffsetDateTime;

/**
 * What verifying a stretch of the chain found. {@code checked} seals were read, {@code broken} of
 * them do not hold, the first named; {@code unsealed} entries of the period were still in flight
 * (their transactions had not committed when the chain was sealed).
 */
public record ChainVerification(boolean valid, long checked, long broken, Broken firstBroken, long unsealed,
    Long firstSeq, Long lastSeq, String lastHash) {

  /** One seal that does not hold, and why. */
  public record Broken(long seq, Long entryId, String ticketNumber, OffsetDateTime occurredAt, String reason) {}
}
