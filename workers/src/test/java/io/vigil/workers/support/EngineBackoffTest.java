package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.Test;

/** A worker whose engine is down waits longer and longer between attempts instead of spinning. */
class EngineBackoffTest {

  @Test
  void anEngineThatDoesNotAnswerIsAskedAFewTimesNotHundreds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (ServerSocket brokenEngine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread hangUp = new Thread(() -> {
        while (!brokenEngine.isClosed()) {
          try (Socket connection = brokenEngine.accept()) {
            attempts.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
      hangUp.setDaemon(true);
      hangUp.start();
      ExternalTaskClient client = ExternalTaskClient.create()
          .baseUrl("http://127.0.0.1:" + brokenEngine.getLocalPort() + "/engine-rest")
          .asyncResponseTimeout(1000)
          .backoffStrategy(EngineBackoff.strategy())
          .build();
      client.subscribe("incident.classify").handler((task, service) -> {}).open();
      try {
        Thread.sleep(3000);
      } finally {
        client.stop();
        brokenEngine.close();
        hangUp.join(1000);
      }
    }
    // Waits of 0.5 s, 1 s, 2 s: about four attempts in three seconds, where a tight loop makes hundreds.
    assertThat(attempts.get()).isBetween(2, 8);
  }
}
