package io.vigil.workers.support;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

/** A worker whose tasks run on the {@link WorkerThreads}, several at a time. */
public abstract class PooledWorker implements ExternalTaskHandler {

  private final WorkerThreads threads;

  protected PooledWorker(WorkerThreads threads) {
    this.threads = threads;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    threads.run(() -> handle(task, service));
  }

  /** Works one task: complete it, throw a BPMN error, or report a failure through {@link Failures}. */
  protected abstract void handle(ExternalTask task, ExternalTaskService service);
}
