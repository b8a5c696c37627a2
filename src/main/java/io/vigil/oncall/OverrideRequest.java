package io.vigil.oncall;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import io.vigil.web.FourDigitYear;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Someone on call in a layer in place of the rota from {@code from} until {@code to}; times are kept to the second. */
public record OverrideRequest(
    @Schema(example = "db.dave", description = "A member of the group") @NotBlank @Size(max = 100) @Pattern(regexp = RotaRequest.USER)
    String user,
    @Schema(example = "2026-12-01T18:00:00Z") @NotNull @FourDigitYear OffsetDateTime from,
    @Schema(example = "2026-12-02T06:00:00Z") @NotNull @FourDigitYear OffsetDateTime to,
    @NotNull Layer layer,
    @Schema(example = "Olga's flight lands at 07:00") @Size(max = TicketInput.MAX_REASON) @HumanText String reason) {}
