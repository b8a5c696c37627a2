package io.vigil.workers.support;

import io.vigil.workers.WorkerProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads the workers' tasks run on ({@code vigil.workers.threads}). The external task client
 * calls every handler in turn on its one fetching thread, so a step waiting on HTTP would hold up
 * all the others; here up to that many tasks run at once. When all threads are busy, the fetching
 * thread waits for one to be free, so tasks are never fetched faster than they are worked and none
 * sits long enough to lose its lock.
 */
@Component
public class WorkerThreads implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WorkerThreads.class);

  private final Semaphore free;
  private final ExecutorService pool;

  public WorkerThreads(WorkerProperties properties) {
    this.free = new Semaphore(properties.threads());
    AtomicInteger count = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(properties.threads(), work -> {
      Thread thread = new Thread(work, "vigil-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Runs the work on a free thread, waiting for one if all are busy. */
  public void run(Runnable work) {
    free.acquireUninterruptibly();
    try {
      pool.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.error("A worker failed outside its own error handling", e);
        } finally {
          free.release();
        }
      });
    } catch (RuntimeException rejected) {
      free.release();
      throw rejected;
    }
  }

  /** Lets running tasks finish; a task cut short keeps its lock until it expires, then runs again. */
  @Override
  public void destroy() throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }
}
