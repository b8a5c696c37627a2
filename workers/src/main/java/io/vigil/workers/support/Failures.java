package io.vigil.workers.support;

import io.vigil.workers.WorkerProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reports a technical failure of a step. The engine does not count retries down by itself: the
 * first failure starts from {@code vigil.workers.retries}, each next one takes one off, with an
 * exponential back-off; at zero the engine raises an engine incident for an operator to retry.
 */
@Component
public class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private final WorkerProperties properties;

  public Failures(WorkerProperties properties) {
    this.properties = properties;
  }

  public void report(ExternalTask task, ExternalTaskService service, Exception failure) {
    Retry next = next(task.getRetries());
    String message = summary(failure);
    log.warn("{} {} failed ({} retries left): {}", task.getTopicName(), task.getBusinessKey(), next.retries(), message);
    service.handleFailure(task, message, details(failure), next.retries(), next.backoffMillis());
  }

  /** The retries left after this failure, and how long to wait before the next attempt. */
  public record Retry(int retries, long backoffMillis) {}

  public Retry next(Integer retriesBefore) {
    int configured = properties.retries();
    int left = retriesBefore == null ? configured - 1 : Math.max(retriesBefore - 1, 0);
    int attempt = configured - left;
    long backoff = left == 0 ? 0 : properties.retryBackoff().toMillis() << Math.min(attempt - 1, 10);
    return new Retry(left, backoff);
  }

  private static String summary(Exception failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return message.length() > 600 ? message.substring(0, 600) : message;
  }

  private static String details(Exception failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
