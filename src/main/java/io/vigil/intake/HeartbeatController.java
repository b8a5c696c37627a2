package io.vigil.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.web.UnprocessableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/heartbeats}: monitors of scheduled jobs, and the pings of those jobs. */
@RestController
@RequestMapping("/api/heartbeats")
@Tag(name = "Monitoring intake")
class HeartbeatController {

  /** Enough for the 1,000 characters kept; the rest of a longer body is not read. */
  private static final int MAX_REASON_BYTES = 4096;

  private final HeartbeatService heartbeats;

  HeartbeatController(HeartbeatService heartbeats) {
    this.heartbeats = heartbeats;
  }

  @PostMapping
  @Operation(summary = "Create a heartbeat monitor",
      description = "period and grace are ISO-8601 durations (PT15M). The first ping is expected within period + grace."
          + " 409 when the name is taken.")
  ResponseEntity<HeartbeatMonitor> create(@Valid @RequestBody HeartbeatRequest request, Authentication authentication) {
    HeartbeatMonitor monitor = heartbeats.create(request, authentication.getName());
    return ResponseEntity.created(URI.create("/api/heartbeats/" + monitor.name())).body(monitor);
  }

  @GetMapping
  @Operation(summary = "Every heartbeat monitor, by name")
  List<HeartbeatMonitor> all() {
    return heartbeats.all();
  }

  @GetMapping("/{name}")
  @Operation(summary = "One heartbeat monitor")
  HeartbeatMonitor one(@PathVariable String name) {
    return heartbeats.get(name);
  }

  @PutMapping("/{name}")
  @Operation(summary = "Change a monitor's period, grace, configuration item or priority",
      description = "The next run is then expected within the new period + grace from now.")
  HeartbeatMonitor update(@PathVariable String name, @Valid @RequestBody HeartbeatRequest request) {
    if (!name.equals(request.name())) {
      throw new UnprocessableException("name", "name: the body names '" + request.name() + "', the path '" + name + "'");
    }
    return heartbeats.update(request);
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a heartbeat monitor", description = "An incident it opened stays as it is.")
  void delete(@PathVariable String name) {
    heartbeats.delete(name);
  }

  @PostMapping("/{name}")
  @Operation(summary = "Ping: the job ran well",
      description = "Bearer token vigil.intake.heartbeats.token, or a user with write access. An incident the monitor opened"
          + " records the recovery.")
  HeartbeatMonitor ping(@PathVariable String name) {
    return heartbeats.ping(name);
  }

  @PostMapping("/{name}/fail")
  @Operation(summary = "Report a failed run",
      description = "The body, if any, is kept as the reason (first 1,000 characters). Opens an incident unless one is open"
          + " for this monitor.")
  HeartbeatMonitor fail(@PathVariable String name, HttpServletRequest request) throws IOException {
    return heartbeats.fail(name, reason(request));
  }

  /**
   * What the job sent, as it sent it. {@code curl -d "exit 3"} posts a form, which the servlet
   * container parses into parameters; any other body is read as text.
   */
  private static String reason(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type != null && type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      return request.getParameterMap().entrySet().stream()
          .map(parameter -> String.join(",", parameter.getValue()).isEmpty()
              ? parameter.getKey()
              : parameter.getKey() + "=" + String.join(",", parameter.getValue()))
          .collect(Collectors.joining("&"));
    }
    Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(request.getCharacterEncoding());
    return new String(request.getInputStream().readNBytes(MAX_REASON_BYTES), charset);
  }
}
