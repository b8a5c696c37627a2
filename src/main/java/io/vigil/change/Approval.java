package io.vigil.change;

import io.vigil.change.contract.ApprovalDecision;
import java.time.OffsetDateTime;

/** One approver group's vote on a change: pending until someone of the group decides. */
public record Approval(int position, String group, ApprovalDecision decision, String decidedBy, String comment,
    OffsetDateTime decidedAt) {}
