package io.vigil.notify;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.ticket.HumanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The worker is about to deliver a notification: the key names the task, channel and recipient. */
public record DeliveryRequest(
    @Schema(example = "5b0c1f3e-8d5f-3a8e-9c0e-2f1d2b7c4a10") @NotNull @Pattern(regexp = DeliveryRequest.KEY) String key,
    @Schema(example = "INC-000042") @NotNull @Pattern(regexp = "[A-Z]{3}-\\d{6,12}") String ticket,
    @NotNull DeliveryChannel channel,
    @Schema(example = "jane@example.com") @NotBlank @Size(max = 320) @HumanText String recipient,
    @Schema(example = "incident-registered") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String template) {

  /** What a key may be: it is a path segment and the left part of a Message-ID. */
  static final String KEY = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
}
