package io.vigil.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.testing.VigilTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Administrators' actions in Camunda Admin or over /engine-rest reach the audit trail, under ADMIN. */
@VigilTest
class EngineOperationsAuditIT {

  private static final String PROBE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          id="audit-probe-definitions" targetNamespace="http://vigil.io/test">
        <bpmn:process id="audit-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="Start" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Value("${server.port}") int port;
  @Autowired AuditTrail trail;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void usersMembershipsAuthorizationsAndDeploymentsAreAudited() {
    String user = "temp.tina" + System.nanoTime();
    as("admin").body(Map.of("profile", Map.of("id", user, "firstName", "Tina", "lastName", "Temp", "email", user + "@example.com"),
            "credentials", Map.of("password", "s3cret-enough")))
        .post("/engine-rest/user/create").then().statusCode(204);
    as("admin").put("/engine-rest/group/database/members/{user}", user).then().statusCode(204);
    String authorization = as("admin").body(Map.of("type", 1, "permissions", List.of("READ"), "userId", user,
            "resourceType", 6, "resourceId", "incident-management"))
        .post("/engine-rest/authorization/create").then().statusCode(200).extract().path("id");
    as("admin").delete("/engine-rest/authorization/{id}", authorization).then().statusCode(204);
    as("admin").delete("/engine-rest/group/database/members/{user}", user).then().statusCode(204);
    as("admin").delete("/engine-rest/user/{user}", user).then().statusCode(204);
    String deployment = given().auth().preemptive().basic("po.pat", "demo")
        .multiPart("deployment-name", "audit-probe")
        .multiPart("data", "audit-probe.bpmn", PROBE.getBytes(StandardCharsets.UTF_8), "application/octet-stream")
        .post("/engine-rest/deployment/create").then().statusCode(200).extract().path("id");
    as("admin").delete("/engine-rest/deployment/{id}", deployment).then().statusCode(204);

    List<String> administration = trail.of(AuditTrail.ADMINISTRATION).stream()
        .map(entry -> entry.action() + " by " + entry.actor() + ": " + entry.detail()).toList();
    assertThat(administration).containsSubsequence(
        "ADMINISTERED by admin: Create User; userId: " + user,
        "ADMINISTERED by admin: Create Group membership; userId: " + user + ", groupId: database",
        "ADMINISTERED by admin: Delete Group membership; userId: " + user + ", groupId: database",
        "ADMINISTERED by admin: Delete User; userId: " + user);
    assertThat(administration).anySatisfy(line -> assertThat(line)
        .startsWith("ADMINISTERED by admin: Create Authorization").contains("userId: " + user, "resourceId: incident-management"));
    assertThat(administration).anySatisfy(line -> assertThat(line).startsWith("DEPLOYED by po.pat: Create Deployment " + deployment));
    assertThat(administration).anySatisfy(line -> assertThat(line).startsWith("DEPLOYED by admin: Delete Deployment " + deployment));
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, "demo").contentType(ContentType.JSON);
  }
}
