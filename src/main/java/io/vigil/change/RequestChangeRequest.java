package io.vigil.change;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.change.contract.ChangeType;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import io.vigil.web.FourDigitYear;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** What a change is requested with. A standard change's template fills the plans it does not give. */
public record RequestChangeRequest(
    @Schema(example = "Raise max_connections on the orders database") @NotBlank @Size(max = TicketInput.MAX_TITLE) @HumanText String title,
    @Schema(example = "The nightly export exhausts the pool (PRB-000003).") @NotBlank @Size(max = TicketInput.MAX_TEXT) @HumanText
    String description,
    @NotNull ChangeType type,
    @Schema(example = "os-security-patch", description = "Standard changes only: GET /api/changes/templates")
    @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String template,
    @Schema(example = "[\"pg-orders-01\"]") @NotEmpty @Size(max = ChangeTicket.MAX_CIS)
    List<@NotNull @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String> cis,
    @Schema(example = "2027-02-06T01:00:00Z") @NotNull @FourDigitYear OffsetDateTime plannedStart,
    @Schema(example = "2027-02-06T02:00:00Z") @NotNull @FourDigitYear OffsetDateTime plannedEnd,
    @Schema(description = "Required unless the template gives it") @Size(max = TicketInput.MAX_TEXT) @HumanText String implementationPlan,
    @Size(max = TicketInput.MAX_TEXT) @HumanText String backoutPlan,
    @Size(max = TicketInput.MAX_TEXT) @HumanText String testEvidence,
    @Schema(description = "Only for a window inside a freeze: why it cannot wait. The CAB approves the exception.")
    @Size(max = TicketInput.MAX_REASON) @HumanText String exceptionReason,
    @Schema(example = "PRB-000003") @Pattern(regexp = "PRB-\\d{6}") String problem,
    @Schema(example = "database", description = "The resolver group that implements it; defaults to the template's, then to the requester's")
    @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String implementerGroup) {}
