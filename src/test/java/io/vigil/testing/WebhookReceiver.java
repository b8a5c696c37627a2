package io.vigil.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real HTTP endpoint on loopback that the notification worker posts to: the tests' stand-in for a
 * chat channel. It answers 204 and keeps what it received.
 */
public final class WebhookReceiver implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** One delivery: the idempotency key and the JSON body. */
  public record Delivery(String idempotencyKey, String body) {}

  private static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
  private static HttpServer server;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of(
            "vigil.workers.notifications.channels[0].name=test-channel",
            "vigil.workers.notifications.channels[0].url=" + url(),
            "vigil.workers.notifications.channels[0].audiences[0]=stakeholders",
            "vigil.workers.notifications.channels[0].audiences[1]=incident-managers")
        .applyTo(context);
  }

  public static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/hooks", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        DELIVERIES.add(new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  public static List<Delivery> deliveries() {
    return List.copyOf(DELIVERIES);
  }
}
