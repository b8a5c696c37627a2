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
 * Reports a technical failure of a step to the engine, with the retries left as {@link Retries}
 * counts them from {@code vigil.workers.retries} and {@code vigil.workers.retry-backoff}.
 */
@Component
public class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private final Retries retries;

  public Failures(WorkerProperties properties) {
    this.retries = new Retries(properties.retries(), properties.retryBackoff());
  }

  public void report(ExternalTask task, ExternalTaskService service, Exception failure) {
    Retries.Retry next = retries.next(task.getRetries());
    String message = summary(failure);
    log.warn("{} {} failed ({} retries left): {}", task.getTopicName(), task.getBusinessKey(), next.retries(), message);
    service.handleFailure(task, message, details(failure), next.retries(), next.backoffMillis());
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
