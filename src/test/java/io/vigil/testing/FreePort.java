package io.vigil.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Random;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Chooses the HTTP port before the context starts: the in-process workers build their engine URL at
 * start-up, before a random port would be known.
 */
public final class FreePort implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final int BELOW_EPHEMERAL = 20_000;
  private static final int EPHEMERAL = 32_768;
  private static final Random RANDOM = new Random();

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("server.port=" + find()).applyTo(context);
  }

  /**
   * A port free now, below the range the system hands out for outgoing connections and port 0
   * (32768 and up on Linux): between this choice and its use another socket of the test (a node's
   * connection to its peer, a server on port 0) can then not be given the same port.
   */
  public static int find() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = BELOW_EPHEMERAL + RANDOM.nextInt(EPHEMERAL - BELOW_EPHEMERAL);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + BELOW_EPHEMERAL + " and " + EPHEMERAL);
  }
}
