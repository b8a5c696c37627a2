package io.vigil.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a problem manager opens a problem with; the incidents given are linked to it. */
public record OpenProblemRequest(
    @Schema(example = "Orders database runs out of connections") @NotBlank @Size(max = TicketInput.MAX_TITLE) @HumanText String title,
    @Schema(example = "Three outages of checkout this week, each while the nightly export runs.") @NotBlank
    @Size(max = TicketInput.MAX_TEXT) @HumanText String description,
    @Schema(example = "checkout") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String service,
    @Schema(example = "pg-orders-01") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci,
    @Schema(example = "[\"INC-000042\"]") @Size(max = 100) List<@Pattern(regexp = "INC-\\d{6}") String> incidents) {}
