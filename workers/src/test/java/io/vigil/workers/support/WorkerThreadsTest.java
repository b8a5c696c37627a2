package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

  @Test
  void runsAsManyTasksAtOnceAsThereAreThreadsAndHoldsTheFetcherBackBeyond() throws Exception {
    WorkerThreads threads = new WorkerThreads(TestWorkerProperties.with(2, 3, Duration.ofSeconds(10)));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch twoRunning = new CountDownLatch(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    Runnable task = () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      twoRunning.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
    };
    threads.run(task);
    threads.run(task);
    assertThat(twoRunning.await(5, TimeUnit.SECONDS)).isTrue();

    CountDownLatch thirdHandedOver = new CountDownLatch(1);
    Thread fetcher = new Thread(() -> {
      threads.run(task);
      thirdHandedOver.countDown();
    });
    fetcher.start();
    assertThat(thirdHandedOver.await(300, TimeUnit.MILLISECONDS)).as("the fetcher waits while both threads are busy").isFalse();

    release.countDown();
    assertThat(thirdHandedOver.await(5, TimeUnit.SECONDS)).as("and goes on once one is free").isTrue();
    threads.destroy();
    assertThat(mostAtOnce.get()).isEqualTo(2);
    assertThat(running.get()).isZero();
  }

  @Test
  void aTaskThatThrowsFreesItsThread() throws Exception {
    WorkerThreads threads = new WorkerThreads(TestWorkerProperties.with(1, 3, Duration.ofSeconds(10)));
    threads.run(() -> {
      throw new IllegalStateException("boom");
    });
    CountDownLatch ran = new CountDownLatch(1);
    threads.run(ran::countDown);
    assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    threads.destroy();
  }
}
