package io.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.vigil.VigilApplication;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.incident.IncidentDriver;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.contract.Level;
import io.vigil.sla.SlaClock.Kind;
import io.vigil.testing.FreePort;
import io.vigil.testing.TestClock;
import io.vigil.testing.TestClockConfiguration;
import io.vigil.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two engine nodes on loopback, one database, one Hazelcast cluster: every threshold fires once
 * across both; when the member that owns clocks goes, the other fires them; after both stop, the
 * first to start again rebuilds the schedule from the database and fires what passed, once, late.
 * Cluster tests run in a JVM of their own (see the failsafe executions in pom.xml): Camunda's engine
 * registry and the logging system are JVM-wide.
 */
@ExtendWith(TestDatabase.class)
class SlaClusterIT {

  private final String cluster = "vigil-cluster-test-" + UUID.randomUUID();
  private final int firstPort = FreePort.find();
  private final int secondPort = FreePort.find();
  private final Map<String, String> database = TestDatabase.shared("cluster");
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(Node::stop);
  }

  @Test
  void everyThresholdFiresOnceAndSurvivesTheLossOfItsMember() {
    Node first = start(firstPort);
    Node second = start(secondPort);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getCluster().getMembers().size() == 2);

    // P3 on checkout: response 1 h, resolution 9 h, around the clock. Enough incidents that both
    // members own some.
    List<String> tickets = new ArrayList<>();
    while (tickets.size() < 4 || !ownedByBoth(first, tickets)) {
      ProcessInstance instance = first.driver().report("Checkout node " + tickets.size() + " answers slowly", null, Level.MEDIUM, Level.MEDIUM);
      first.driver().classify(instance, "APPLICATION", "checkout", Level.MEDIUM, Level.MEDIUM);
      tickets.add(instance.getBusinessKey());
    }

    advance(Duration.ofHours(2), first, second);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tickets.forEach(ticket ->
        assertThat(fired(first, ticket, Kind.RESPONSE)).as(ticket).containsExactly(50, 75, 100)));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> tickets.forEach(ticket ->
        assertThat(reached(first, ticket)).as(ticket).hasSize(3)));

    // The member that owns the first ticket goes; its clocks' next thresholds fire on the other.
    Node owner = ownerOf(first, tickets.get(0)).equals(first.memberId()) ? first : second;
    Node survivor = owner == first ? second : first;
    owner.kill();
    advance(Duration.ofHours(3), survivor);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tickets.forEach(ticket ->
        assertThat(fired(survivor, ticket, Kind.RESOLUTION)).as(ticket).containsExactly(50)));

    // The whole cluster stops; the node that starts again fires what passed meanwhile, once, late.
    survivor.stop();
    Node restarted = start(firstPort);
    advance(Duration.ofHours(7), restarted);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tickets.forEach(ticket ->
        assertThat(fired(restarted, ticket, Kind.RESOLUTION)).as(ticket).containsExactly(50, 75)));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> tickets.forEach(ticket -> {
      List<AuditEntry> reached = reached(restarted, ticket);
      assertThat(reached).as(ticket).hasSize(5);
      assertThat(reached.get(4).detail()).contains("resolution clock at 75%").contains("fired late");
    }));
  }

  private Node start(int hazelcastPort) {
    String members = "127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort;
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--vigil.role=engine",
        // Camunda registers engines by name in a JVM-wide registry: each node its own.
        "--camunda.bpm.process-engine-name=cluster" + hazelcastPort,
        "--camunda.bpm.job-execution.enabled=false",
        "--vigil.cluster.name=" + cluster,
        "--vigil.cluster.port=" + hazelcastPort,
        "--vigil.cluster.members=" + members));
    database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class, TestClockConfiguration.class)
        .profiles("demo")
        .run(arguments.toArray(String[]::new));
    Node node = new Node(context);
    nodes.add(node);
    return node;
  }

  private static void advance(Duration duration, Node... nodes) {
    Stream.of(nodes).forEach(node -> node.clock().advance(duration));
  }

  private static boolean ownedByBoth(Node node, List<String> tickets) {
    return tickets.stream().map(ticket -> ownerOf(node, ticket)).distinct().count() == 2;
  }

  private static UUID ownerOf(Node node, String ticket) {
    Partition partition = node.hazelcast().getPartitionService().getPartition(new SlaSchedule.ClockKey(ticket, Kind.RESOLUTION));
    return partition.getOwner().getUuid();
  }

  private static List<Integer> fired(Node node, String ticket, Kind kind) {
    return node.sla().view(ticket).stream().filter(c -> c.kind() == kind).findFirst()
        .map(c -> List.copyOf(c.thresholdsFired())).orElse(List.of());
  }

  private static List<AuditEntry> reached(Node node, String ticket) {
    return node.context().getBean(AuditTrail.class).of(ticket).stream()
        .filter(entry -> entry.action() == AuditAction.SLA_THRESHOLD_REACHED).toList();
  }

  /** One running Vigil engine node. */
  private record Node(ConfigurableApplicationContext context) {

    HazelcastInstance hazelcast() {
      return context.getBean(HazelcastInstance.class);
    }

    UUID memberId() {
      return hazelcast().getCluster().getLocalMember().getUuid();
    }

    TestClock clock() {
      return context.getBean(TestClock.class);
    }

    SlaService sla() {
      return context.getBean(SlaService.class);
    }

    IncidentDriver driver() {
      return new IncidentDriver(context.getBean(ProcessEngine.class), context.getBean(IncidentService.class),
          context.getBean(IncidentRepository.class));
    }

    /** Gone at once, as a crashed pod: the member leaves without handing anything over. */
    void kill() {
      hazelcast().getLifecycleService().terminate();
      stop();
    }

    void stop() {
      if (context.isActive()) {
        context.close();
      }
    }
  }
}
