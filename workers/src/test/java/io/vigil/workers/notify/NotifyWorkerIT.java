package io.vigil.workers.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.testing.VigilTest;
import io.vigil.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** A major incident tells the stakeholders' channel, over a real HTTP webhook. */
@VigilTest
class NotifyWorkerIT {

  @Value("${server.port}") int port;

  @Test
  void aMajorIncidentIsAnnouncedOnTheStakeholdersChannel() {
    RestAssured.port = port;
    RestAssured.basePath = "";
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Checkout is down for all customers", "description", "Every order fails with HTTP 500",
            "caller", "monitoring", "ci", "checkout-web", "impact", "HIGH", "urgency", "HIGH"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");

    WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(
        () -> WebhookReceiver.deliveries().stream().filter(d -> d.body().contains(number)).findFirst().orElse(null),
        d -> d != null);

    assertThat(delivery.body())
        .contains("\"text\":\"Major incident " + number + ": Checkout is down for all customers\"")
        .contains("\"audience\":\"stakeholders\"")
        .contains("\"priority\":\"P1\"");
    assertThat(delivery.idempotencyKey()).isNotBlank();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notified(number))
        .contains("stakeholders -> test-channel: Major incident " + number + ": Checkout is down for all customers"));
  }

  /** The details of the incident's NOTIFIED audit entries, as an auditor reads them. */
  private static List<String> notified(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").when().get("/api/incidents/{n}/audit", number)
        .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'NOTIFIED' }.detail", String.class);
  }
}
