package io.vigil.workers.support;

import io.vigil.workers.WorkerProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Worker settings as application.yaml gives them, with what a test varies. */
public final class TestWorkerProperties {

  private TestWorkerProperties() {}

  public static WorkerProperties with(int threads, int retries, Duration retryBackoff) {
    return new WorkerProperties(URI.create("http://localhost/engine-rest"), URI.create("http://localhost/api"), "worker",
        "vigil-worker", "secret", threads, retries, retryBackoff, Duration.ofSeconds(10),
        new WorkerProperties.Classification(0.5, Duration.ofMinutes(1)),
        new WorkerProperties.Escalation(75, 100, Map.of(), Map.of()),
        new WorkerProperties.Closure(20),
        new WorkerProperties.Notifications(List.of()),
        new WorkerProperties.Mail(null, "vigil@localhost", null));
  }
}
