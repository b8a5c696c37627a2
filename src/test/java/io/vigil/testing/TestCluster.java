package io.vigil.testing;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each test context is a Hazelcast cluster of its own: a free port on loopback and a name no other
 * context shares, so that two contexts in one JVM (or two builds on one machine) never join.
 */
public final class TestCluster implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    int port = FreePort.find();
    TestPropertyValues.of(
            "vigil.cluster.name=vigil-test-" + UUID.randomUUID(),
            "vigil.cluster.port=" + port,
            "vigil.cluster.members=127.0.0.1:" + port)
        .applyTo(context);
  }
}
