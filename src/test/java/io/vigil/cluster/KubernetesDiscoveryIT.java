package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vigil.testing.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes discovery as the chart uses it: the engine pods find each other through the DNS name of
 * a headless service, which resolves to every pod's address. Here the name resolves, from a hosts
 * file, to two loopback addresses, and a member listens on each with the same port, as pods do.
 * The members run in a JVM of their own: a hosts file replaces name resolution for the whole JVM.
 */
class KubernetesDiscoveryIT {

  private static final String SERVICE_DNS = "vigil-engine-headless.vigil.svc.cluster.local";

  @Test
  void membersFindEachOtherThroughTheHeadlessServiceName(@TempDir Path dir) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), """
        127.0.0.1 localhost
        127.0.0.1 %1$s
        127.0.0.2 %1$s
        """.formatted(SERVICE_DNS));
    // Not the default 5701: members on another port must be probed on theirs.
    int port = FreePort.find();
    Process members = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"), TwoMembers.class.getName(), String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(dir.resolve("members.log").toFile()).start();
    assertThat(members.waitFor(90, TimeUnit.SECONDS)).as("members finished").isTrue();
    String log = Files.readString(dir.resolve("members.log"), StandardCharsets.UTF_8);
    assertThat(log).as(log).contains("first member sees 2", "second member sees 2");
    assertThat(members.exitValue()).isZero();
  }

  /** Two members from Vigil's cluster configuration with Kubernetes discovery, one per address. */
  public static final class TwoMembers {

    public static void main(String[] args) throws IOException, InterruptedException {
      ClusterProperties properties = new ClusterProperties("kubernetes-" + args[0], Integer.parseInt(args[0]),
          ClusterProperties.Discovery.KUBERNETES, List.of(), SERVICE_DNS);
      HazelcastInstance first = Hazelcast.newHazelcastInstance(member(properties, "127.0.0.1"));
      HazelcastInstance second = Hazelcast.newHazelcastInstance(member(properties, "127.0.0.2"));
      try {
        System.out.println("first member sees " + first.getCluster().getMembers().size());
        System.out.println("second member sees " + second.getCluster().getMembers().size());
      } finally {
        second.shutdown();
        first.shutdown();
      }
      // The DNS lookups leave a non-daemon thread that idles a minute before the JVM may end.
      System.exit(0);
    }

    private static Config member(ClusterProperties properties, String address) {
      Config config = new ClusterConfiguration().hazelcastConfig(properties);
      config.setInstanceName("vigil-" + address);
      // A pod has an address of its own; here each member takes one loopback address.
      config.setProperty("hazelcast.local.localAddress", address);
      config.setProperty("hazelcast.socket.bind.any", "false");
      return config;
    }
  }
}
