package io.vigil.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.web.ConflictException;
import io.vigil.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications/deliveries}: the delivery ledger. The workers' account records each
 * delivery before it sends and marks it sent after (ADR 27); auditors, incident managers and
 * admins read what went to whom.
 */
@RestController
@RequestMapping("/api/notifications/deliveries")
@Validated
@Tag(name = "Notifications", description = "What was sent to whom, once per recipient")
class DeliveryController {

  private final NotificationDeliveries deliveries;

  DeliveryController(NotificationDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @PostMapping
  @Operation(summary = "Begin a delivery (workers)",
      description = "201 with status PENDING for a new key; 200 with the delivery as it stands for a key already begun,"
          + " whose status SENT means: do not send again. 409 when the key was begun for another ticket, channel or recipient.")
  ResponseEntity<NotificationDelivery> begin(@Valid @RequestBody DeliveryRequest request) {
    NotificationDeliveries.Begun begun = deliveries.begin(request);
    NotificationDelivery delivery = begun.delivery();
    if (!delivery.ticket().equals(request.ticket()) || delivery.channel() != request.channel()
        || !delivery.recipient().equals(request.recipient())) {
      throw new ConflictException("Delivery " + request.key() + " was begun for another ticket, channel or recipient");
    }
    if (begun.created()) {
      return ResponseEntity.created(URI.create("/api/notifications/deliveries/" + delivery.key())).body(delivery);
    }
    return ResponseEntity.ok(delivery);
  }

  @PutMapping("/{key}/sent")
  @Operation(summary = "Mark a delivery sent (workers)", description = "Idempotent: the first time counts.")
  NotificationDelivery sent(@PathVariable @Pattern(regexp = DeliveryRequest.KEY) String key) {
    return deliveries.sent(key).orElseThrow(() -> new NotFoundException("delivery", key));
  }

  @GetMapping
  @Operation(summary = "What went to whom for a ticket, oldest first (auditors, incident managers, admins)")
  List<NotificationDelivery> ofTicket(@RequestParam @Pattern(regexp = "[A-Z]{3}-\\d{6,12}") String ticket) {
    return deliveries.ofTicket(ticket);
  }
}
