package io.vigil.workers;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.workers.*}: where the workers find the engine and Vigil's API, how they retry, and
 * the policies of the steps they run. The external task client itself reads
 * {@code camunda.bpm.client.*}, which application.yaml points at these values.
 */
@Validated
@ConfigurationProperties("vigil.workers")
public record WorkerProperties(
    @NotNull URI engineUrl,
    @NotNull URI apiUrl,
    @NotBlank String workerId,
    @NotBlank String username,
    String password,
    @DefaultValue("4") @Min(1) @Max(64) int threads,
    @DefaultValue("3") @Min(1) @Max(20) int retries,
    @DefaultValue("PT10S") @NotNull Duration retryBackoff,
    @DefaultValue("PT10S") @NotNull Duration httpTimeout,
    @Valid @NotNull @DefaultValue Classification classification,
    @Valid @NotNull @DefaultValue Escalation escalation,
    @Valid @NotNull @DefaultValue Closure closure,
    @Valid @NotNull @DefaultValue Notifications notifications,
    @Valid @NotNull @DefaultValue Mail mail) {

  public WorkerProperties {
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("vigil.workers.password is empty: the workers authenticate to the engine as "
          + username + ". Set VIGIL_WORKERS_PASSWORD (worker pods) or vigil.security.worker.password (role all)");
    }
    if (mail.publicUrl() == null && apiUrl != null) {
      mail = new Mail(withoutApi(apiUrl), mail.from(), mail.templates());
    }
  }

  /** Where Vigil answers, as the people reading a mail reach it: the API's address without its {@code /api}. */
  private static URI withoutApi(URI apiUrl) {
    String url = apiUrl.toString().replaceAll("/+$", "");
    return URI.create(url.endsWith("/api") ? url.substring(0, url.length() - "/api".length()) : url);
  }

  /** Step {@code incident.classify}. */
  public record Classification(
      @DefaultValue("0.5") @DecimalMin("0.1") @DecimalMax("1.0") double duplicateSimilarity,
      @DefaultValue("PT1M") @NotNull Duration catalogCacheTtl) {}

  /**
   * Step {@code incident.escalate}: at {@code functionalAt} percent the work moves to the group's
   * next tier; at {@code hierarchicalAt} (per priority, else the default) the incident managers are
   * told. A group without a next tier escalates hierarchically at once.
   */
  public record Escalation(
      @DefaultValue("75") @Min(1) @Max(1000) int functionalAt,
      @DefaultValue("100") @Min(1) @Max(1000) int hierarchicalAt,
      @DefaultValue Map<String, Integer> hierarchicalAtByPriority,
      @DefaultValue Map<String, String> nextTier) {}

  /** Step {@code incident.close}. */
  public record Closure(@DefaultValue("20") @Min(1) @Max(4000) int minimumNotesLength) {}

  /** Step {@code notify.send}: webhook channels (Slack, Teams or any JSON receiver) per audience. */
  public record Notifications(@DefaultValue List<@Valid Channel> channels) {

    public record Channel(@NotBlank String name, @NotNull URI url, @DefaultValue List<String> audiences) {}
  }

  /**
   * Step {@code notify.send}, its e-mail (sent only when {@code spring.mail.host} is set): the
   * address Vigil's links in a mail start with ({@code publicUrl}, by default the API's address
   * without {@code /api}), the sender, and a directory whose templates win over the built-in ones.
   */
  public record Mail(URI publicUrl, @DefaultValue("vigil@localhost") @NotBlank String from, Path templates) {

    public Mail {
      try {
        if (from != null) {
          new InternetAddress(from, true);
        }
      } catch (AddressException e) {
        throw new IllegalArgumentException("vigil.workers.mail.from is not an e-mail address: " + from, e);
      }
      if (templates != null && !Files.isDirectory(templates)) {
        throw new IllegalArgumentException("vigil.workers.mail.templates is not a directory: " + templates.toAbsolutePath());
      }
    }
  }
}
