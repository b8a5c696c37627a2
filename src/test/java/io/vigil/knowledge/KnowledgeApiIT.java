package io.vigil.knowledge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code /api/knowledge} over HTTP: writing articles, finding them ranked, and what is refused. */
@VigilTest
class KnowledgeApiIT {

  @Value("${server.port}") int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired KnowledgeBase knowledge;
  @Autowired TransactionTemplate transaction;

  /** A word of this run's own, so that articles of other tests never rank among this test's. */
  private final String token = "zq" + System.nanoTime();

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void writtenArticlesAreFoundBestFirstTheTitleWeighingMost() {
    long inTitle = write("sd.anna", article("Replication stalls on the warehouse " + token,
        "The nightly load waits for the standby.", "Restart the WAL receiver on the standby."), 201)
        .header("Location", matchesPattern("/api/knowledge/\\d+"))
        .body("author", equalTo("sd.anna"))
        .body("problem", nullValue())
        .extract().jsonPath().getLong("id");
    long inSymptoms = write("pm.paula", article("Warehouse load late " + token,
        "Replication stalls every night and the load waits.", "Run the load by hand after 06:00."), 201)
        .body("author", equalTo("pm.paula"))
        .extract().jsonPath().getLong("id");
    long elsewhere = write("admin", article("Mail queue grows " + token, "Outgoing mail waits in the queue.", "Flush the queue."), 201)
        .extract().jsonPath().getLong("id");

    List<Map<String, Object>> hits = search("audit.ada", "stalled replication " + token);
    assertThat(hits).extracting(hit -> ((Number) hit.get("id")).longValue()).startsWith(inTitle, inSymptoms, elsewhere);
    assertThat(hits).extracting(hit -> ((Number) hit.get("score")).floatValue()).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(hits.get(0)).containsEntry("title", "Replication stalls on the warehouse " + token)
        .containsEntry("symptoms", "The nightly load waits for the standby.")
        .containsEntry("workaround", "Restart the WAL receiver on the standby.")
        .containsEntry("problem", null)
        .containsOnlyKeys("id", "title", "symptoms", "workaround", "problem", "score");

    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", "warehouse " + token).queryParam("size", 1)
        .when().get("/knowledge")
        .then().statusCode(200).body("", hasSize(1));
  }

  @Test
  void anArticleReadsWithItsAuthorAndItsServiceFromItsCi() {
    Map<String, Object> body = article("VPN drops every few minutes " + token, "Calls break when the tunnel drops.",
        "Turn off the OS privacy setting for the Wi-Fi network.");
    body.put("rootCause", "  The client's keep-alive is blocked.  ");
    body.put("ci", "vpn-gw-01");
    long id = write("sd.anna", body, 201).extract().jsonPath().getLong("id");

    given().auth().preemptive().basic("db.dave", "demo").when().get("/knowledge/{id}", id)
        .then().statusCode(200)
        .body("title", equalTo("VPN drops every few minutes " + token))
        .body("rootCause", equalTo("The client's keep-alive is blocked."))
        .body("ci", equalTo("vpn-gw-01"))
        .body("service", equalTo("remote-access"))
        .body("author", equalTo("sd.anna"))
        .body("createdAt", notNullValue());
  }

  @Test
  void onlyTheServiceDeskProblemManagersAndAdminsWrite() {
    for (String user : List.of("db.dave", "audit.ada", "im.ian")) {
      problem(given().auth().preemptive().basic(user, "demo").contentType(ContentType.JSON)
          .body(article("Written by " + user + " " + token, "s", "w")).when().post("/knowledge").then(), 403);
    }
    given().contentType(ContentType.JSON).body(article("Anonymous " + token, "s", "w"))
        .when().post("/knowledge").then().statusCode(401);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM knowledge_article WHERE title LIKE ?", Long.class, "%" + token))
        .isZero();
    given().when().get("/knowledge?q=anything").then().statusCode(401);
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("q", token).when().get("/knowledge")
        .then().statusCode(200).body("", empty());
  }

  @Test
  void badRequestsAreRefusedWithProblemDetailsAndNothingIsWritten() {
    long before = jdbc.queryForObject("SELECT COUNT(*) FROM knowledge_article", Long.class);

    problem(searchResponse(Map.of()), 400).body("detail", containsString("q"));
    problem(searchResponse(Map.of("q", "a")), 400).body("errors.field", hasItem("q"));
    problem(searchResponse(Map.of("q", "a ! ?")), 400).body("errors.message", hasItem("needs a word of two or more letters or digits"));
    problem(searchResponse(Map.of("q", "x".repeat(201))), 400).body("errors.field", hasItem("q"));
    problem(searchResponse(Map.of("q", "deadlock\u0000")), 400).body("errors.field", hasItem("q"));
    problem(searchResponse(Map.of("q", "deadlock", "size", "0")), 400).body("errors.field", hasItem("size"));
    problem(searchResponse(Map.of("q", "deadlock", "size", "51")), 400).body("errors.field", hasItem("size"));
    problem(searchResponse(Map.of("q", "deadlock", "size", "many")), 400).body("errors.field", hasItem("size"));

    problem(write("sd.anna", Map.of(), 400), 400).body("errors.field", hasItems("title", "symptoms", "workaround"));
    problem(write("sd.anna", article("x".repeat(201), "s", "w"), 400), 400).body("errors.field", contains("title"));
    problem(write("sd.anna", article("t", "x".repeat(4001), "w"), 400), 400).body("errors.field", contains("symptoms"));
    problem(write("sd.anna", article("t", "s", "   "), 400), 400).body("errors.field", contains("workaround"));
    problem(write("sd.anna", article("t", "bell \u0007", "w"), 400), 400).body("errors.field", contains("symptoms"))
        .body("errors[0].message", containsString("control characters"));
    problem(write("sd.anna", with(article("t", "s", "w"), "ci", "Bad CI!"), 400), 400).body("errors.field", contains("ci"));
    problem(write("sd.anna", with(article("t", "s", "w"), "ci", "no-such-ci"), 422), 422)
        .body("detail", equalTo("ci: unknown configuration item 'no-such-ci'"))
        .body("errors[0].field", equalTo("ci"));
    problem(write("sd.anna", with(article("t", "s", "w"), "service", "no-such-service"), 422), 422)
        .body("errors[0].field", equalTo("service"));
    problem(write("sd.anna", with(with(article("t", "s", "w"), "ci", "pg-orders-01"), "service", "email"), 422), 422)
        .body("detail", containsString("belongs to service 'checkout'"));

    problem(given().auth().preemptive().basic("sd.anna", "demo").when().get("/knowledge/{id}", 999_999_999).then(), 404)
        .body("detail", equalTo("No knowledge article '999999999'"));
    problem(given().auth().preemptive().basic("sd.anna", "demo").when().get("/knowledge/{id}", "abc").then(), 400);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM knowledge_article", Long.class)).isEqualTo(before);
  }

  @Test
  void querySyntaxInTheWordsIsPlainText() {
    long id = write("sd.anna", article("Certificate expired on the portal " + token, "Browsers warn.", "Renew it."), 201)
        .extract().jsonPath().getLong("id");

    for (String q : List.of("\"certificate AND (portal " + token, token + " title:certificate", "NOT " + token, token + "* ~ ^ \\")) {
      assertThat(search("sd.anna", q)).as(q).extracting(hit -> ((Number) hit.get("id")).longValue()).containsExactly(id);
    }
  }

  @Test
  void anArticleWrittenOnAnotherNodeIsFoundAfterTheRefresh() {
    // Stamped a while before it commits, as a long transaction on another node does: the overlap still reads it.
    OffsetDateTime stamped = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(20);
    jdbc.update("""
            INSERT INTO knowledge_article (title, symptoms, workaround, author, created_at, updated_at)
            VALUES (?, ?, ?, 'pm.paula', ?, ?)""",
        "Queue consumers stop after failover " + token, "Messages pile up in the orders queue.", "Restart the consumers.",
        stamped, stamped);
    long id = jdbc.queryForObject("SELECT id FROM knowledge_article WHERE title LIKE ?", Long.class, "%" + token);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(search("audit.ada", "consumers " + token)).extracting(hit -> ((Number) hit.get("id")).longValue()).containsExactly(id));

    jdbc.update("UPDATE knowledge_article SET title = ?, updated_at = ? WHERE id = ?",
        "Listeners idle after failover " + token, OffsetDateTime.now(ZoneOffset.UTC), id);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(search("audit.ada", "listeners")).extracting(hit -> ((Number) hit.get("id")).longValue()).contains(id);
      assertThat(search("audit.ada", "stop")).as("a word only the old title had").extracting(hit -> ((Number) hit.get("id")).longValue())
          .doesNotContain(id);
    });
  }

  @Test
  void aKnownErrorIsFoundAsSoonAsItsTransactionCommitsAndNeverWhenItRollsBack() {
    String problem = "PRB-" + token.substring(token.length() - 9);
    transaction.executeWithoutResult(status -> knowledge.publish(new KnowledgeBase.KnownError(problem,
        "Orders database runs out of connections " + token, "Checkout fails during the nightly export.",
        "The export holds its connections.", "Pause the export.", "checkout", "pg-orders-01", "pm.paula")));
    assertThat(knowledge.search("connections " + token, 5)).extracting(KnowledgeHit::problem).containsExactly(problem);

    transaction.executeWithoutResult(status -> {
      knowledge.publish(new KnowledgeBase.KnownError(problem + "R", "Rolled back " + token, "s", null, "w", null, null, "pm.paula"));
      status.setRollbackOnly();
    });
    assertThat(knowledge.search("rolled " + token, 5)).extracting(KnowledgeHit::problem).containsExactly(problem);
  }

  private static Map<String, Object> article(String title, String symptoms, String workaround) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("symptoms", symptoms);
    body.put("workaround", workaround);
    return body;
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    body.put(field, value);
    return body;
  }

  private static ValidatableResponse write(String user, Map<String, Object> body, int status) {
    return given().auth().preemptive().basic(user, "demo").contentType(ContentType.JSON).body(body)
        .when().post("/knowledge").then().statusCode(status);
  }

  private static List<Map<String, Object>> search(String user, String q) {
    return given().auth().preemptive().basic(user, "demo").queryParam("q", q)
        .when().get("/knowledge").then().statusCode(200).extract().path("");
  }

  private static ValidatableResponse searchResponse(Map<String, String> params) {
    return given().auth().preemptive().basic("sd.anna", "demo").queryParams(params).when().get("/knowledge").then();
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("title", notNullValue());
  }
}
