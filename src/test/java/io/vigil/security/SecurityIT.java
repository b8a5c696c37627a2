package io.vigil.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.testing.DecoyAccount;
import io.vigil.testing.TestClock;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Nothing answers without authentication but the health probes; groups decide what a user may do. */
@VigilTest
class SecurityIT {

  @Value("${server.port}") int port;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired TestClock clock;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void theApiAsksForCredentialsWithAProblem() {
    given().when().get("/api/incidents")
        .then().statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"Vigil\"")
        .contentType("application/problem+json")
        .body("status", equalTo(401));
    given().auth().preemptive().basic(DecoyAccount.in(identity), "wrong").when().get("/api/incidents").then().statusCode(401);
    given().auth().preemptive().basic("nobody", "demo").when().get("/api/incidents").then().statusCode(401);
  }

  @Test
  void auditorsReadButDoNotWrite() {
    given().auth().preemptive().basic("audit.ada", "demo").when().get("/api/incidents").then().statusCode(200);
    given().auth().preemptive().basic("audit.ada", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "t", "description", "d", "caller", "c"))
        .when().post("/api/incidents")
        .then().statusCode(403).contentType("application/problem+json");

    // ...and read the engine's history, including the decisions that prioritised and routed an incident.
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Firewall rejects the partner VPN", "description", "Partner tunnel down since 08:00", "caller", "p@example.com"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().preemptive().basic("audit.ada", "demo")
        .get("/api/incidents/{n}", number).then().body("resolverGroup", notNullValue()));
    String instance = given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}", number)
        .then().extract().path("processInstanceId");
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("processInstanceId", instance)
        .when().get("/engine-rest/history/process-instance").then().statusCode(200).body("businessKey", contains(number));
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("processInstanceId", instance)
        .when().get("/engine-rest/history/decision-instance").then().statusCode(200)
        .body("decisionDefinitionKey", hasItems("incident-priority", "incident-routing"));
  }

  @Test
  void metricsAreForAdministratorsAndProbesForEveryone() {
    given().when().get("/actuator/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
    given().when().get("/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
    given().when().get("/actuator/prometheus").then().statusCode(401);
    given().auth().preemptive().basic("sd.anna", "demo").when().get("/actuator/prometheus").then().statusCode(403);
    given().auth().preemptive().basic("admin", "demo").when().get("/actuator/prometheus")
        .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    given().when().get("/actuator/env").then().statusCode(401);
  }

  @Test
  void theOpenApiDescriptionNeedsALogin() {
    given().when().get("/v3/api-docs").then().statusCode(401);
    given().auth().preemptive().basic("sd.anna", "demo").when().get("/v3/api-docs")
        .then().statusCode(200)
        .body("paths", hasKey("/api/incidents"))
        .body("paths", hasKey("/api/incidents/{number}"))
        .body("components.securitySchemes", hasKey("basic"));
  }

  @Test
  void theEngineRestApiAuthenticatesAndAppliesCamundaAuthorizations() {
    given().when().get("/engine-rest/task").then().statusCode(401);
    given().auth().preemptive().basic(DecoyAccount.in(identity), "wrong").when().get("/engine-rest/process-definition").then().statusCode(401);
    given().auth().preemptive().basic("net.nina", "demo").when().get("/engine-rest/process-definition")
        .then().statusCode(200).body("key", hasItem("incident-management"));
    given().auth().preemptive().basic("audit.ada", "demo").contentType(ContentType.JSON).body("{}")
        .when().post("/engine-rest/process-definition/key/incident-management/start")
        .then().statusCode(403);
  }

  @Test
  void aRevokeAddedInCamundaAdminHasNoEffect() {
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("audit.ada");
    revoke.setResource(Resources.PROCESS_DEFINITION);
    revoke.setResourceId("incident-management");
    revoke.removePermission(Permissions.READ);
    authorizations.saveAuthorization(revoke);
    try {
      given().auth().preemptive().basic("audit.ada", "demo").when().get("/engine-rest/process-definition")
          .then().statusCode(200).body("key", hasItem("incident-management"));
    } finally {
      authorizations.deleteAuthorization(revoke.getId());
    }
  }

  @Test
  void aRightPasswordIsRememberedForAMinuteAndAWrongOneNever() {
    String user = "temp.tom" + System.nanoTime();
    User tom = identity.newUser(user);
    tom.setPassword("first-password");
    identity.saveUser(tom);
    identity.createMembership(user, VigilGroup.SERVICE_DESK.id());
    try {
      status(user, "first-password", 200);

      tom = identity.createUserQuery().userId(user).singleResult();
      tom.setPassword("second-password");
      identity.saveUser(tom);
      status(user, "second-password", 200);
      status(user, "first-password", 200);

      // a wrong password counts as a failed attempt, after which the engine makes the user wait: last
      clock.advance(Duration.ofSeconds(61));
      status(user, "second-password", 200);
      status(user, "first-password", 401);
      status(user, "wrong", 401);
    } finally {
      clock.reset();
      identity.deleteMembership(user, VigilGroup.SERVICE_DESK.id());
      identity.deleteUser(user);
    }
  }

  /** The same answer from Vigil's API and from the engine's. */
  private static void status(String user, String password, int status) {
    given().auth().preemptive().basic(user, password).when().get("/api/incidents").then().statusCode(status);
    given().auth().preemptive().basic(user, password).when().get("/engine-rest/task").then().statusCode(status);
  }

  @Test
  void theWebappsNeedTheirOwnLogin() {
    given().redirects().follow(false).when().get("/camunda/api/engine/engine/default/task")
        .then().statusCode(anyOf(is(401), is(403)));
    given().when().get("/camunda/app/tasklist/default/").then().statusCode(200);
  }
}
