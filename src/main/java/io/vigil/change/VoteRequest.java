package io.vigil.change;

import io.vigil.change.contract.ApprovalDecision;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One approver's vote; a rejection gives its reason. */
public record VoteRequest(@NotNull ApprovalDecision decision, @Size(max = TicketInput.MAX_REASON) @HumanText String comment) {}
