package io.vigil.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.security.VigilGroup;
import io.vigil.testing.Mailbox;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue digest over HTTP and SMTP: two P5s and a P2 reach the database group's queue; the P2 is
 * mailed to the group at once, the P5s wait for the digest, which the test sends itself (the shared
 * context's scheduled look waits a day) and which mails the group one list of both, once.
 */
@VigilTest
class QueueDigestIT {

  private static final String GROUP = VigilGroup.DATABASE.id();

  @Value("${server.port}") int port;
  @Autowired QueueDigestSender digests;
  @Autowired IdentityService identity;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void lowPrioritiesReachTheGroupInOneDigestAndTheOthersAtOnce() {
    String word = "Quill" + UUID.randomUUID().toString().substring(0, 6);
    String slowExport = report(word + " database nightly export is slow", "LOW", "LOW");
    String staleView = report(word + " database view refreshes late", "LOW", "LOW");
    String lagging = report(word + " database replica lag grows past ten minutes", "HIGH", "MEDIUM");
    List<String> members = identity.createUserQuery().memberOfGroup(GROUP).list().stream().map(User::getEmail).toList();
    assertThat(members).isNotEmpty().doesNotContainNull();

    members.forEach(member -> await().atMost(Duration.ofSeconds(30))
        .until(() -> queued(member, lagging), mails -> mails.size() == 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> gathered(slowExport, staleView) == 2);
    assertThat(priority(slowExport)).isEqualTo("P5");
    assertThat(priority(lagging)).isEqualTo("P2");

    assertThat(digests.send()).isPositive();

    for (String member : members) {
      Mailbox.Mail digest = await().atMost(Duration.ofSeconds(30))
          .until(() -> digests(member, slowExport), mails -> !mails.isEmpty()).get(0);
      assertThat(digest.text()).contains(
          "- " + slowExport + " P5: " + word + " database nightly export is slow\n",
          "- " + staleView + " P5: " + word + " database view refreshes late\n",
          "/api/incidents/" + slowExport, "/camunda/app/tasklist/default/");
      assertThat(digest.text()).doesNotContain(lagging);
      assertThat(digest.html()).contains("/api/incidents/" + staleView + "\">" + staleView + "</a>");
    }
    assertThat(gathered(slowExport, staleView)).as("rows left after the digest").isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> notified(slowExport).stream()
        .anyMatch(entry -> entry.startsWith("in the database digest: database -> ") && entry.contains(members.get(0))));
    await().atMost(Duration.ofSeconds(30)).until(() -> !notified(staleView).isEmpty());

    assertThat(digests.send()).as("digests of a second look").isZero();
    for (String member : members) {
      assertThat(queued(member, slowExport)).as("incident-queued mails of a P5").isEmpty();
      assertThat(queued(member, staleView)).as("incident-queued mails of a P5").isEmpty();
      assertThat(digests(member, slowExport)).hasSize(1);
      assertThat(digests(member, staleView)).hasSize(1);
    }
    assertThat(notified(slowExport)).singleElement();
    assertThat(notified(staleView)).singleElement();
  }

  private String report(String title, String impact, String urgency) {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", title + " since this morning.", "caller", "queue.caller@example.com",
            "impact", impact, "urgency", urgency))
        .post("/api/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(30)).until(() -> incident(number, "state"), "ASSIGNED"::equals);
    assertThat(incident(number, "resolverGroup")).isEqualTo(GROUP);
    return number;
  }

  private String priority(String number) {
    return incident(number, "priority");
  }

  private static String incident(String number, String field) {
    return given().auth().preemptive().basic("sd.anna", "demo").get("/api/incidents/{n}", number).then().statusCode(200)
        .extract().path(field);
  }

  private long gathered(String... numbers) {
    return jdbc.sql("SELECT COUNT(*) FROM queue_digest WHERE incident_number IN (?, ?)").params((Object[]) numbers)
        .query(Long.class).single();
  }

  /** The group's mails of template incident-queued for the incident. */
  private static List<Mailbox.Mail> queued(String address, String number) {
    return Mailbox.receivedFor(address, number).stream().filter(mail -> mail.subject().startsWith("New in your queue: " + number))
        .toList();
  }

  private static List<Mailbox.Mail> digests(String address, String number) {
    return Mailbox.receivedFor(address, number).stream()
        .filter(mail -> mail.subject().matches("\\d+ incidents? in the " + GROUP + " queue")).toList();
  }

  /** The incident's NOTIFIED entries about the group's queue (the caller's are left out). */
  private static List<String> notified(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}/audit", number).then().statusCode(200)
        .extract().jsonPath().getList("findAll { it.action == 'NOTIFIED' }.detail", String.class).stream()
        .filter(detail -> !detail.startsWith("incident-registered"))
        .toList();
  }
}
