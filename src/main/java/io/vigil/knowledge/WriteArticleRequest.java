package io.vigil.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigil.ticket.HumanText;
import io.vigil.ticket.TicketInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An article the service desk or a problem manager writes directly, with no problem behind it. */
public record WriteArticleRequest(
    @Schema(example = "VPN drops every few minutes on macOS") @NotBlank @Size(max = TicketInput.MAX_TITLE) @HumanText String title,
    @Schema(example = "The VPN client reconnects every 3 to 5 minutes; calls and uploads break.") @NotBlank
    @Size(max = TicketInput.MAX_TEXT) @HumanText String symptoms,
    @Schema(example = "Turn off \"Limit IP address tracking\" for the Wi-Fi network, then reconnect.") @NotBlank
    @Size(max = TicketInput.MAX_TEXT) @HumanText String workaround,
    @Schema(example = "The client's keep-alive is blocked by the OS privacy setting.") @Size(max = TicketInput.MAX_TEXT)
    @HumanText String rootCause,
    @Schema(example = "remote-access") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String service,
    @Schema(example = "vpn-gw-01") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String ci) {}
