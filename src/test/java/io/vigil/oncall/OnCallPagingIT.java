package io.vigil.oncall;

import static io.restassured.RestAssured.given;
import static io.vigil.incident.TasklistOverHttp.resolveAndClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.oncall.contract.PagingProcess;
import io.vigil.testing.Mailbox;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The whole way over HTTP and SMTP: a P2 reported for the orders database pages the database group's
 * on-call by mail (with the link to acknowledge), the caller is told it is registered, the on-call
 * acknowledges over the API and nobody else is paged; resolved and closed, the caller hears of both.
 */
@VigilTest
class OnCallPagingIT {

  private static final String CALLER = "oncall.caller@example.com";

  @Value("${server.port}") int port;
  @Autowired HistoryService history;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void aP2PagesTheOnCallWhoAcknowledgesAndTheCallerHearsEachStep() {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Orders database refuses connections", "description", "Every checkout fails: too many clients",
            "caller", CALLER, "ci", "pg-orders-01", "impact", "HIGH", "urgency", "MEDIUM"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");

    Mailbox.Mail page = await().atMost(Duration.ofSeconds(30))
        .until(() -> pages("db.dave@example.com", number), mails -> !mails.isEmpty()).get(0);
    assertThat(page.subject()).contains("PAGE " + number, "P2");
    assertThat(page.text()).contains("/api/incidents/" + number + "/acknowledge", "pg-orders-01");
    Mailbox.Mail registered = await().atMost(Duration.ofSeconds(30))
        .until(() -> Mailbox.receivedFor(CALLER, number), mails -> !mails.isEmpty()).get(0);
    assertThat(registered.subject()).isEqualTo(number + " registered: Orders database refuses connections");

    given().auth().preemptive().basic("net.nina", "demo").post("/api/incidents/{n}/acknowledge", number)
        .then().statusCode(403).contentType("application/problem+json");
    given().auth().preemptive().basic("db.dave", "demo").post("/api/incidents/{n}/acknowledge", number)
        .then().statusCode(200).body("acknowledgedBy", equalTo("db.dave")).body("pagedUsers", contains("db.dave"));
    assertThat(history.createHistoricActivityInstanceQuery().activityId(PagingProcess.Elements.ACKNOWLEDGED_BY_PRIMARY)
        .processInstanceId(history.createHistoricProcessInstanceQuery().processDefinitionKey(PagingProcess.KEY)
            .processInstanceBusinessKey(number).singleResult().getId()).count()).isOne();

    resolveAndClose(number, "Raised max_connections and restarted the connection pooler.");

    await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.receivedFor(CALLER, number).size() >= 3);
    assertThat(Mailbox.receivedFor(CALLER, number)).extracting(Mailbox.Mail::subject).containsExactlyInAnyOrder(
        number + " registered: Orders database refuses connections",
        number + " resolved: Orders database refuses connections",
        number + " closed: Orders database refuses connections");
    assertThat(pages("im.ian@example.com", number)).as("nobody else was paged").isEmpty();
    given().auth().preemptive().basic("db.dave", "demo").post("/api/incidents/{n}/acknowledge", number)
        .then().statusCode(409);
    given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}/audit", number).then().statusCode(200)
        .body("findAll { it.action == 'PAGED' }.detail", contains("db.dave, primary on-call of database; acknowledge within PT15M"))
        .body("findAll { it.action == 'PAGE_ACKNOWLEDGED' }.actor", contains("db.dave"));
  }

  private static List<Mailbox.Mail> pages(String address, String number) {
    return Mailbox.receivedFor(address, number).stream().filter(mail -> mail.subject().contains("PAGE " + number)).toList();
  }
}
