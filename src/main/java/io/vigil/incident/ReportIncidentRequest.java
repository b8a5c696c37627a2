package io.vigil.incident;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.incident.contract.Level;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a caller or an integration reports. Impact and urgency are derived when absent. */
public record ReportIncidentRequest(
    @Schema(example = "Checkout returns HTTP 500") @NotBlank @Size(max = TicketInput.MAX_TITLE) @HumanText String title,
    @Schema(example = "Since 10:02 every order fails at the payment step.") @NotBlank @Size(max = TicketInput.MAX_TEXT) @HumanText String description,
    @Schema(example = "jane.doe@example.com") @NotBlank @Size(max = 100) @HumanText String caller,
    @Schema(example = "checkout") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String service,
    @Schema(example = "checkout-web") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
    Level impact,
    Level urgency) {}
