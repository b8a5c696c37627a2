package io.vigil.workers.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.notify.contract.Notifications;
import io.vigil.sla.contract.SlaMessage;
import io.vigil.testing.FreePort;
import io.vigil.testing.Mailbox;
import io.vigil.testing.VigilTest;
import io.vigil.testing.WebhookReceiver;
import io.vigil.workers.support.Failures;
import io.vigil.workers.support.TestWorkerProperties;
import io.vigil.workers.support.WorkerThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The notification worker's e-mail, against the tests' SMTP server ({@link Mailbox}): a step of a
 * small process of the test's own, on the ticket of an incident reported for the test, either taken
 * by the workers as they run or, to deliver one task twice or against a mail server that is down,
 * fetched by the test and handed to the worker itself.
 */
@VigilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationMailIT {

  private static final String PROCESS = "notification-mail-test";
  /** A topic no worker takes: the test fetches these tasks and gives them to a worker itself. */
  private static final String HANDED_OVER = "notification-mail-test.handed-over";

  @Value("${server.port}") int port;
  @Value("${vigil.workers.username}") String workerUser;
  @Value("${vigil.workers.password}") String workerPassword;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.ExternalTaskService externalTasks;
  @Autowired NotifyWorker worker;
  @Autowired Directory directory;
  @Autowired MailModels models;
  @Autowired MailTemplates templates;
  @Autowired Mailer mailer;
  @Autowired Webhooks webhooks;
  @Autowired DeliveryLedger ledger;
  @Autowired Failures failures;
  @Autowired WorkerThreads threads;

  private final BlockingQueue<Fetched> fetched = new LinkedBlockingQueue<>();
  private String deployment;
  private ExternalTaskClient client;

  /** A task as the external task client hands it over, with the service to report it through. */
  private record Fetched(ExternalTask task, ExternalTaskService service) {}

  @BeforeAll
  void deployTheStepAndFetchItsHandedOverTasks() {
    RestAssured.port = port;
    RestAssured.basePath = "";
    deployment = repository.createDeployment().name(PROCESS)
        .addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_Notify").camundaExternalTask("${topic}")
            .camundaInputParameter(Notifications.Variables.AUDIENCE, "${audience}")
            .camundaInputParameter(Notifications.Variables.SUBJECT, "${incidentNumber} ${words}")
            .camundaInputParameter(Notifications.Variables.TEMPLATE, "${template}")
            .camundaExecutionListenerExpression("end", "${incidentTicket.notified(execution)}")
            .endEvent()
            .done())
        .deploy().getId();
    client = ExternalTaskClient.create()
        .baseUrl("http://localhost:" + port + "/engine-rest")
        .workerId("notification-mail-it")
        .addInterceptor(new BasicAuthProvider(workerUser, workerPassword))
        .asyncResponseTimeout(2000)
        .disableBackoffStrategy()
        .build();
    client.subscribe(HANDED_OVER).handler((task, service) -> fetched.add(new Fetched(task, service))).open();
  }

  @AfterAll
  void stopFetching() {
    if (client != null) {
      client.stop();
    }
    if (deployment != null) {
      repository.deleteDeployment(deployment, true);
    }
  }

  @Test
  void theCallerIsToldTheIncidentIsRegisteredWhatHappensNextAndWhichArticlesMayHelp() {
    String word = "Zorb" + UUID.randomUUID().toString().substring(0, 6);
    long article = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", word + " print queue stalls", "symptoms", "Jobs wait in the queue forever.",
            "workaround", "Restart the spooler on the print server."))
        .post("/api/knowledge").then().statusCode(201).extract().jsonPath().getLong("id");
    String caller = "caller-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String number = routed(report(word + " print queue stalls & drops jobs", caller));

    // incident-management.bpmn tells the caller by itself (Tell the caller it is registered)
    Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.receivedFor(caller), m -> !m.isEmpty()).get(0);
    JsonPath incident = incident(number);
    String base = "http://localhost:" + port;
    assertThat(mail.subject()).isEqualTo(number + " registered: " + word + " print queue stalls & drops jobs");
    assertThat(mail.from()).isEqualTo("vigil@localhost");
    assertThat(mail.messageId()).matches("<[0-9a-f-]{36}@vigil>");
    assertThat(mail.autoSubmitted()).containsExactly("auto-generated");
    assertThat(mail.text())
        .startsWith("Hello,\n")
        .contains("we have registered your incident " + number + ": " + word + " print queue stalls & drops jobs")
        .contains("- The " + incident.getString("resolverGroup") + " team works on it, at priority " + incident.getString("priority"))
        .contains("- Our response target: ")
        .contains("- " + word + " print queue stalls: " + base + "/api/knowledge/" + article + "\n  Workaround: Restart the spooler")
        .contains("The ticket in Vigil's API: " + base + "/api/incidents/" + number)
        .contains("Tasklist: " + base + "/camunda/app/tasklist/default/");
    assertThat(mail.html())
        .contains(word + " print queue stalls &amp; drops jobs")
        .contains("<a href=\"" + base + "/api/knowledge/" + article + "\">" + word + " print queue stalls</a>");

    await().atMost(Duration.ofSeconds(30)).until(() -> notified(number).stream()
        .anyMatch(entry -> entry.contains("caller -> " + caller + ": " + number + " registered")));
    List<Map<String, Object>> deliveries = deliveries(number, Notifications.Templates.INCIDENT_REGISTERED);
    assertThat(deliveries).singleElement().satisfies(delivery -> assertThat(delivery)
        .containsEntry("channel", "MAIL").containsEntry("recipient", caller).containsEntry("template", "incident-registered")
        .containsEntry("status", "SENT").containsEntry("attempts", 1));
  }

  @Test
  void aGroupsMembersAreMailedAndItsWebhookChannelsPostedTo() {
    String number = routed(report("Orders API answers 503 under load", "monitoring"));

    ProcessInstance step = notify(Notifications.TOPIC, number, "incident-managers", Notifications.Templates.INCIDENT_ESCALATED,
        "breaching", Map.of(SlaMessage.CLOCK, "RESOLUTION", SlaMessage.THRESHOLD, 100));

    Mailbox.Mail mail = await().atMost(Duration.ofSeconds(30))
        .until(() -> Mailbox.receivedFor("im.ian@example.com", number), m -> !m.isEmpty()).get(0);
    assertThat(mail.subject()).startsWith(number + " escalated: resolution SLA at 100% (");
    assertThat(mail.text()).startsWith("Hello Ian Incident Manager,\n").contains(number + " has reached 100% of its resolution target");
    assertThat(mail.html()).contains("<td>" + number + ": Orders API answers 503 under load</td>");
    awaitEnded(step);
    // the step's process has no title: the post takes the ticket's from the API
    assertThat(WebhookReceiver.deliveries()).anySatisfy(d -> assertThat(d.body()).contains("\"ticket\":\"" + number + "\"")
        .contains("\"title\":\"Orders API answers 503 under load\""));
    assertThat(notified(number)).contains("incident-managers -> im.ian@example.com, test-channel: " + number + " breaching");
    // a caller who is not an address, nor a user: nobody by mail, and no channel has the caller's audience
    ProcessInstance nobody = notify(Notifications.TOPIC, number, Notifications.CALLER, Notifications.Templates.NOTIFICATION,
        "nobody to tell", Map.of());
    awaitEnded(nobody);
    assertThat(notified(number)).contains("caller -> nobody: " + number + " nobody to tell");
  }

  @Test
  void aTaskDeliveredTwiceMailsOnce() throws InterruptedException {
    String number = routed(report("Badge readers reject every badge", "db.dave"));
    ProcessInstance step = notify(HANDED_OVER, number, Notifications.CALLER, Notifications.Templates.NOTIFICATION, "badges", Map.of());
    Fetched delivery = next(step);

    worker.handle(delivery.task(), delivery.service());
    worker.handle(delivery.task(), delivery.service());

    awaitEnded(step);
    assertThat(Mailbox.receivedFor("db.dave@example.com", number)).filteredOn(mail -> mail.subject().equals(number + " badges"))
        .hasSize(1);
    assertThat(deliveries(number, Notifications.Templates.NOTIFICATION)).singleElement().satisfies(d -> assertThat(d).containsEntry("status", "SENT").containsEntry("attempts", 1));
  }

  @Test
  void aMailServerThatIsDownFailsTheStepUntilItsRetriesAreSpentThenCockpitShowsAnEngineIncident() throws InterruptedException {
    String number = routed(report("Door controller offline in building 4", "jane-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com"));
    JavaMailSenderImpl down = new JavaMailSenderImpl();
    down.setHost("127.0.0.1");
    down.setPort(FreePort.find());
    NotifyWorker failing = new NotifyWorker(directory, models, templates, new Mailer(down, "vigil@localhost"), webhooks, ledger,
        new Failures(TestWorkerProperties.with(1, 2, Duration.ZERO)), threads);
    ProcessInstance step = notify(HANDED_OVER, number, Notifications.CALLER, Notifications.Templates.NOTIFICATION, "doors", Map.of());

    Fetched first = next(step);
    failing.handle(first.task(), first.service());
    assertThat(externalTask(step).getRetries()).isEqualTo(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(step.getId()).count()).isZero();
    Fetched again = next(step);
    failing.handle(again.task(), again.service());

    assertThat(externalTask(step).getRetries()).isZero();
    assertThat(externalTask(step).getErrorMessage()).startsWith("1 of 1 notifications not delivered (jane-");
    assertThat(runtime.createIncidentQuery().processInstanceId(step.getId()).singleResult().getIncidentType()).isEqualTo("failedExternalTask");
    assertThat(deliveries(number, Notifications.Templates.NOTIFICATION)).singleElement().satisfies(d -> assertThat(d).containsEntry("status", "PENDING").containsEntry("attempts", 2));
    runtime.deleteProcessInstance(step.getId(), "test done");
  }

  @Test
  void aTemplateInTheOperatorsDirectoryWinsOverTheBuiltInOne(@TempDir Path directoryOfTemplates) throws IOException, InterruptedException {
    Files.writeString(directoryOfTemplates.resolve("notification.subject.mustache"), "[ACME desk] {{subject}}");
    Files.writeString(directoryOfTemplates.resolve("notification.txt.mustache"), "{{number}} is with {{ticket.resolverGroup}}.");
    NotifyWorker operators = new NotifyWorker(directory, models, new MailTemplates(directoryOfTemplates), mailer, webhooks, ledger,
        failures, threads);
    String number = routed(report("Wiki pages load slowly", "user-without-mail-" + UUID.randomUUID().toString().substring(0, 4)));
    ProcessInstance step = notify(HANDED_OVER, number, "user:net.nina", Notifications.Templates.NOTIFICATION, "wiki", Map.of());
    Fetched delivery = next(step);

    operators.handle(delivery.task(), delivery.service());

    Mailbox.Mail mail = Mailbox.receivedFor("net.nina@example.com", number).stream()
        .filter(m -> m.subject().startsWith("[ACME desk]")).findFirst().orElseThrow();
    assertThat(mail.subject()).isEqualTo("[ACME desk] " + number + " wiki");
    assertThat(mail.text()).isEqualTo(number + " is with " + incident(number).getString("resolverGroup") + ".");
    // the HTML part was not overridden
    assertThat(mail.html()).contains("Hello Nina Network,");
    awaitEnded(step);
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  private String report(String title, String caller) {
    return given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(new HashMap<>(Map.of("title", title, "description", title + ", since this morning.", "caller", caller)))
        .post("/api/incidents").then().statusCode(201).extract().path("number");
  }

  private String routed(String number) {
    await().atMost(Duration.ofSeconds(30)).until(() -> incident(number).getString("state"), "ASSIGNED"::equals);
    return number;
  }

  private JsonPath incident(String number) {
    return given().auth().preemptive().basic("sd.anna", "demo").get("/api/incidents/{n}", number).then().statusCode(200)
        .extract().jsonPath();
  }

  /** Starts the test's step on the incident's ticket. */
  private ProcessInstance notify(String topic, String number, String audience, String template, String words,
      Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(more);
    variables.put("topic", topic);
    variables.put("audience", audience);
    variables.put("template", template);
    variables.put("words", words);
    variables.put(IncidentProcess.Variables.INCIDENT_NUMBER, number);
    variables.put(IncidentProcess.Variables.CALLER, incident(number).getString("caller"));
    return runtime.startProcessInstanceByKey(PROCESS, number, variables);
  }

  /** The step's task as the client fetched it (it is fetched again after each failure). */
  private Fetched next(ProcessInstance step) throws InterruptedException {
    while (true) {
      Fetched task = fetched.poll(30, TimeUnit.SECONDS);
      assertThat(task).as("a task of " + step.getBusinessKey() + " fetched").isNotNull();
      if (task.task().getProcessInstanceId().equals(step.getId())) {
        return task;
      }
    }
  }

  private org.camunda.bpm.engine.externaltask.ExternalTask externalTask(ProcessInstance step) {
    return externalTasks.createExternalTaskQuery().processInstanceId(step.getId()).singleResult();
  }

  private void awaitEnded(ProcessInstance step) {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> runtime.createProcessInstanceQuery().processInstanceId(step.getId()).count() == 0);
  }

  /** The details of the incident's NOTIFIED audit entries, as an auditor reads them. */
  private static List<String> notified(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").get("/api/incidents/{n}/audit", number)
        .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'NOTIFIED' }.detail", String.class);
  }

  /**
   * What the delivery ledger says went with {@code template} for the ticket: the model's own
   * notifications (the caller told, the group, the on-call) go too, with their templates.
   */
  private static List<Map<String, Object>> deliveries(String number, String template) {
    List<Map<String, Object>> all = given().auth().preemptive().basic("audit.ada", "demo")
        .get("/api/notifications/deliveries?ticket={n}", number).then().statusCode(200).extract().jsonPath().getList("$");
    return all.stream().filter(delivery -> template.equals(delivery.get("template"))).toList();
  }
}
