package io.vigil.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.testing.VigilTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** {@code /api/people} and the delivery ledger {@code /api/notifications/deliveries} over HTTP, as the workers use them. */
@VigilTest
class NotificationApiIT {

  @Value("${server.port}") int port;
  @Value("${vigil.workers.username}") String workerUser;
  @Value("${vigil.workers.password}") String workerPassword;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api";
  }

  @Test
  void aUserIsReadWithNameAndAddress() {
    as(workerUser, workerPassword).get("/people/{id}", "db.dave").then().statusCode(200)
        .body("id", equalTo("db.dave")).body("name", equalTo("Dave Database")).body("email", equalTo("db.dave@example.com"));
    as("sd.anna", "demo").get("/people/{id}", "admin").then().statusCode(200).body("email", equalTo("admin@example.com"));
  }

  @Test
  void aGroupIsReadAsItsMembers() {
    as(workerUser, workerPassword).get("/people?group={group}", "incident-managers").then().statusCode(200)
        .body("id", contains("im.ian")).body("email", contains("im.ian@example.com"));
  }

  @Test
  void whatIsNotThereIsNotFoundAndWhatCannotBeAnIdIsRefused() {
    as(workerUser, workerPassword).get("/people/{id}", "nobody.here").then().statusCode(404)
        .contentType("application/problem+json").body("detail", equalTo("No user 'nobody.here'"));
    as(workerUser, workerPassword).get("/people?group={group}", "stakeholders").then().statusCode(404)
        .body("detail", equalTo("No group 'stakeholders'"));
    as(workerUser, workerPassword).get("/people?group={group}", "a group").then().statusCode(400)
        .contentType("application/problem+json");
    as(workerUser, workerPassword).get("/people").then().statusCode(400);
  }

  @Test
  void aDeliveryIsBegunOnceSentOnceAndReadByTheAuditor() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> delivery = delivery(key, "INC-900001", "MAIL", "jane@example.com");

    begin(delivery).statusCode(201).header("Location", endsWith("/api/notifications/deliveries/" + key))
        .body("status", equalTo("PENDING")).body("attempts", equalTo(1)).body("sentAt", nullValue());
    begin(delivery).statusCode(200).body("status", equalTo("PENDING")).body("attempts", equalTo(2));
    as(workerUser, workerPassword).put("/notifications/deliveries/{key}/sent", key).then().statusCode(200)
        .body("status", equalTo("SENT")).body("sentAt", notNullValue());
    as(workerUser, workerPassword).put("/notifications/deliveries/{key}/sent", key).then().statusCode(200).body("status", equalTo("SENT"));
    begin(delivery).statusCode(200).body("status", equalTo("SENT")).body("attempts", equalTo(2));

    as("audit.ada", "demo").get("/notifications/deliveries?ticket={t}", "INC-900001").then().statusCode(200)
        .body("key", hasItem(key))
        .body("find { it.key == '" + key + "' }.channel", equalTo("MAIL"))
        .body("find { it.key == '" + key + "' }.recipient", equalTo("jane@example.com"))
        .body("find { it.key == '" + key + "' }.template", equalTo("notification"));
  }

  @Test
  void aKeyBegunForAnotherRecipientIsAConflict() {
    String key = UUID.randomUUID().toString();
    begin(delivery(key, "INC-900002", "MAIL", "jane@example.com")).statusCode(201);

    begin(delivery(key, "INC-900002", "MAIL", "john@example.com")).statusCode(409).contentType("application/problem+json");
  }

  @Test
  void aBadDeliveryIsRefusedAndNothingIsWritten() {
    begin(delivery("../../etc", "INC-900003", "MAIL", "jane@example.com")).statusCode(400);
    begin(delivery(UUID.randomUUID().toString(), "INC-1' OR '1'='1", "MAIL", "jane@example.com")).statusCode(400);
    begin(delivery(UUID.randomUUID().toString(), "INC-900003", "PIGEON", "jane@example.com")).statusCode(400);
    begin(delivery(UUID.randomUUID().toString(), "INC-900003", "MAIL", "x".repeat(321))).statusCode(400);
    as(workerUser, workerPassword).put("/notifications/deliveries/{key}/sent", "no-such-delivery").then().statusCode(404);

    as("admin", "demo").get("/notifications/deliveries?ticket={t}", "INC-900003").then().statusCode(200).body("$", empty());
    as("admin", "demo").get("/notifications/deliveries?ticket={t}", "everything").then().statusCode(400);
  }

  private io.restassured.response.ValidatableResponse begin(Map<String, Object> delivery) {
    return as(workerUser, workerPassword).contentType(ContentType.JSON).body(delivery).post("/notifications/deliveries").then();
  }

  private static Map<String, Object> delivery(String key, String ticket, String channel, String recipient) {
    Map<String, Object> delivery = new HashMap<>();
    delivery.put("key", key);
    delivery.put("ticket", ticket);
    delivery.put("channel", channel);
    delivery.put("recipient", recipient);
    delivery.put("template", "notification");
    return delivery;
  }

  private static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password);
  }
}
