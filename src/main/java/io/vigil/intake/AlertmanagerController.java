package io.vigil.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.incident.IncidentService;
import io.vigil.web.PayloadTooLargeException;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Prometheus Alertmanager's webhook receiver, and the alerts each incident holds. */
@RestController
@Tag(name = "Monitoring intake")
class AlertmanagerController {

  private final AlertIntake intake;
  private final IncidentService incidents;
  private final IntakeProperties properties;

  AlertmanagerController(AlertIntake intake, IncidentService incidents, IntakeProperties properties) {
    this.intake = intake;
    this.incidents = incidents;
    this.properties = properties;
  }

  @PostMapping("/api/alerts/alertmanager")
  @Operation(summary = "Alertmanager webhook (payload version 4)",
      description = "Bearer token vigil.intake.alertmanager.token. A firing alert opens an incident or attaches to the open one"
          + " that holds its fingerprint (or group); repeats only count; a resolved alert is recorded, and when it was the"
          + " last firing one the incident recovers. The response lists the incidents the batch opened or updated. A batch"
          + " above vigil.intake.alertmanager.max-alerts is refused whole (413).")
  AlertIntake.Outcome receive(@Valid @RequestBody AlertmanagerPayload payload) {
    int max = properties.alertmanager().maxAlerts();
    if (payload.alerts().size() > max) {
      throw new PayloadTooLargeException("The batch holds " + payload.alerts().size() + " alerts; at most " + max
          + " are accepted at once (set max_alerts in Alertmanager's webhook_config). Nothing was recorded.");
    }
    return intake.receive(payload);
  }

  @GetMapping("/api/incidents/{number}/alerts")
  @Operation(summary = "The monitoring alerts an incident holds, oldest first, with how often each was sent")
  List<AlertView> alerts(@PathVariable String number) {
    incidents.incident(number);
    return intake.alertsOf(number);
  }
}
