package io.vigil.tasklist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.change.ChangeCalendar;
import io.vigil.testing.Browser;
import io.vigil.testing.VigilTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The analysts' way in, through a real browser: db.dave logs into Tasklist, opens the triage task of
 * an incident routed to his group, sees the Camunda Form show the incident, claims the task and
 * completes it; the engine then moves the incident on to the resolve step. pm.paula works a
 * problem's root-cause analysis form, its causes offered from the owner's decision table. cab.carl
 * approves a change on the approval form, which shows him the risk factors and the calendar around
 * the change's window.
 */
@VigilTest
class TasklistBrowserIT {

  @Value("${server.port}") int port;
  @Autowired ChangeCalendar calendar;

  @RegisterExtension
  final Browser chromium = new Browser();

  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
    browser = chromium.driver();
    wait = chromium.waiter();
  }

  /**
   * The webapps name Vigil in their header, and Camunda community's banner asking every user to
   * migrate to Camunda 8 is there but hidden (Vigil's user-styles.css), in Tasklist and in Cockpit;
   * an analyst who opens Cockpit gets a page that says why not, instead of the server's bare 403.
   */
  @Test
  void theWebappsSpeakForVigil() {
    signIn("sd.anna");
    WebElement brand = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".navbar-brand")));
    assertThat(brand.getAttribute("title").trim()).isEqualTo("Vigil Tasklist");
    assertThat(banners()).as("the migration banner is rendered, and hidden").isNotEmpty().noneMatch(WebElement::isDisplayed);

    // An analyst who opens Cockpit reads why not, and where to go instead
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "This page is not open to your account"));
    assertThat(browser.findElement(By.linkText("Tasklist")).getAttribute("href")).endsWith("/camunda/app/tasklist/default/");

    browser.manage().deleteAllCookies();
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name=signinForm] input[ng-model=username]")))
        .sendKeys("admin");
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    wait.until(ExpectedConditions.attributeContains(By.cssSelector(".navbar-brand"), "title", "Vigil Cockpit"));
    assertThat(banners()).isNotEmpty().noneMatch(WebElement::isDisplayed);
  }

  private List<WebElement> banners() {
    return wait.until(driver -> {
      List<WebElement> found = driver.findElements(By.cssSelector(".ce-eol-banner"));
      return found.isEmpty() ? null : found;
    });
  }

  @Test
  void anAnalystTriagesAnIncidentInTasklist() {
    // Markup in a title is text: the form's header, an HTML view, shows it as typed.
    String title = "Orders replica lags an hour behind the primary <b>bold</b><img src=x onerror=alert(1)>";
    String description = "Yesterday's orders are missing from the sales reports read off the replica";
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", description, "caller", "rita@example.com", "ci", "pg-orders-01"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");
    // The workers classify and route it asynchronously; Tasklist should find it on its first load.
    await().atMost(Duration.ofSeconds(30)).until(() -> triageTaskVisibleTo("db.dave", number));

    signIn("db.dave");

    // The seeded filter "My groups, most urgent first" comes first and opens by default.
    click(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[contains(., '" + number + "')]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"), number + " Triage and investigate: " + title));
    click(By.cssSelector(".task-card button.claim"));

    // The Camunda Form (form-js) renders the process variables of the incident.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form-field-html h4"), number + " · " + title));
    WebElement descriptionField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='Field_Description']")));
    assertThat(descriptionField.getDomProperty("value")).isEqualTo(description);
    assertThat(browser.findElements(By.cssSelector(".task-card .fjs-form img[src='x'], .task-card .fjs-form-field-html h4 b")))
        .as("markup in the title rendered").isEmpty();

    // Enabled only once the task is claimed.
    click(By.xpath("//label[contains(., 'Service is restored')]/input[@type='radio']"));
    click(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space()='Complete']"));

    // The browser returns before Tasklist's request does.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath incident = given().auth().preemptive().basic("audit.ada", "demo")
          .get("/api/incidents/{n}", number).then().statusCode(200).extract().jsonPath();
      assertThat(incident.getList("openTasks", String.class)).containsExactly(number + " Resolve: " + title);
      assertThat(incident.getString("assignee")).isEqualTo("db.dave");
      assertThat(incident.getString("state")).isEqualTo("IN_PROGRESS");
    });
  }

  @Test
  void aProblemManagerAnalysesARootCauseInTasklist() {
    String title = "Portal answers slowly every Monday morning";
    String number = given().auth().preemptive().basic("pm.paula", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", title, "description", "The portal slows down when the weekly mailing goes out.",
            "service", "customer-portal"))
        .when().post("/api/problems").then().statusCode(201).extract().path("number");
    String assess = await().atMost(Duration.ofSeconds(30)).until(() -> taskId("pm.paula", number, "Task_Assess"), id -> id != null);
    given().auth().preemptive().basic("pm.paula", "demo").contentType(ContentType.JSON).body(Map.of("userId", "pm.paula"))
        .post("/engine-rest/task/{id}/claim", assess).then().statusCode(204);
    given().auth().preemptive().basic("pm.paula", "demo").contentType(ContentType.JSON)
        .body(Map.of("variables", Map.of("assessment", Map.of("value", "ACCEPT"), "priority", Map.of("value", "P2"))))
        .post("/engine-rest/task/{id}/complete", assess).then().statusCode(204);
    // The root-cause analysis worker gathers the evidence; then the analysis waits for the managers.
    await().atMost(Duration.ofSeconds(30)).until(() -> taskId("pm.paula", number, "Task_AnalyseRootCause") != null);

    signIn("pm.paula");
    click(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[contains(., '" + number + " Analyse root cause')]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"), number + " Analyse root cause: " + title));
    click(By.cssSelector(".task-card button.claim"));

    WebElement evidence = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='Field_GatheredEvidence']")));
    assertThat(evidence.getDomProperty("value")).startsWith("Service: customer-portal").contains("No incidents linked yet.");
    // The causes come from problem-cause-categories.dmn, as the form's dynamic choices.
    click(By.cssSelector("[id$='Field_CauseCategory-display']"));
    click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(., 'Capacity exhausted')]"));
    type(By.cssSelector("textarea[id$='Field_RootCause']"), "The weekly mailing opens a session per recipient and exhausts the session store.");
    type(By.cssSelector("textarea[id$='Field_FiveWhys']"), "Slow: sessions wait. Wait: the store is full. Full: the mailing opens them all.");
    type(By.cssSelector("textarea[id$='Field_CorrectiveAction']"), "Send the mailing's links without opening sessions.");
    click(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space()='Complete']"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath problem = given().auth().preemptive().basic("audit.ada", "demo")
          .get("/api/problems/{n}", number).then().statusCode(200).extract().jsonPath();
      assertThat(problem.getString("state")).isEqualTo("ROOT_CAUSE_KNOWN");
      assertThat(problem.getString("causeCategory")).isEqualTo("CAPACITY");
      assertThat(problem.getString("rootCause")).startsWith("The weekly mailing opens a session");
      assertThat(problem.getList("openTasks", String.class)).containsExactly(number + " Record known error: " + title);
    });
  }

  @Test
  void aCabMemberApprovesAChangeInTasklist() {
    // Markup in a title is text: Tasklist and the form show it as typed and never run it.
    String title = "Raise the connection limit of the orders database <img src=x onerror=alert(1)>";
    Instant start = windowOutsideFreeze(Duration.ofDays(5), Duration.ofHours(1));
    Map<String, Object> request = new HashMap<>();
    request.put("title", title);
    request.put("description", "The nightly export exhausts the connection pool.");
    request.put("type", "NORMAL");
    request.put("cis", List.of("pg-orders-01"));
    request.put("plannedStart", start.atOffset(ZoneOffset.UTC).toString());
    request.put("plannedEnd", start.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString());
    request.put("implementationPlan", "ALTER SYSTEM SET max_connections = 400; restart in the window.");
    request.put("backoutPlan", "ALTER SYSTEM RESET max_connections; restart.");
    request.put("testEvidence", "Load test on staging: 380 connections held.");
    String number = given().auth().preemptive().basic("db.dave", "demo").contentType(ContentType.JSON).body(request)
        .when().post("/api/changes").then().statusCode(201).extract().path("number");

    // The risk worker assesses it: a HIGH-criticality item with a back-out plan and days of notice is MEDIUM
    // (change managers, then the CAB); HIGH if other changes on pg-orders-01 overlap or failed lately (both at once).
    JsonPath assessed = await().atMost(Duration.ofSeconds(30)).until(() -> change(number),
        change -> "AWAITING_APPROVAL".equals(change.getString("state")));
    assertThat(assessed.getString("risk")).isIn("MEDIUM", "HIGH");
    assertThat(assessed.getList("approvals.group", String.class)).containsExactly("change-managers", "cab");
    // In sequence the CAB votes after the change managers; in parallel both are needed all the same.
    given().auth().preemptive().basic("cm.chris", "demo").contentType(ContentType.JSON).body(Map.of("decision", "APPROVE"))
        .post("/api/changes/{n}/approvals", number).then().statusCode(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> approvalTaskVisibleTo("cab.carl", number, "cab"));

    signIn("cab.carl");
    String taskName = number + " Approve change: " + title;
    click(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[contains(., '" + number + " Approve change')]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"), taskName));
    click(By.cssSelector(".task-card button.claim"));

    // The form shows the change, the risk factors the worker wrote and the schedule context the engine wrote. Its
    // header is an HTML view, which escapes the values it templates; a text view would render them as markup.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form-field-html h4"), number + " · " + title));
    WebElement riskFactors = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='Field_RiskFactors']")));
    assertThat(riskFactors.getDomProperty("value"))
        .startsWith("Configuration items: 1, highest criticality HIGH")
        .contains("pg-orders-01 Orders PostgreSQL primary: HIGH", "Back-out plan: yes", "Other changes on these items in the window: ");
    WebElement schedule = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("textarea[id$='Field_ScheduleContext']")));
    assertThat(schedule.getDomProperty("value"))
        .containsAnyOf("No other change on these items overlaps the window.", "Conflicts: ")
        .containsAnyOf("No freeze within 7 days of the window.", "Freeze 'Year-end freeze'")
        .contains("maintenance windows of checkout");
    assertThat(browser.findElements(By.cssSelector(".task-card img[src='x']"))).as("markup in the title rendered").isEmpty();

    click(By.xpath("//label[normalize-space()='Approve']/input[@type='radio']"));
    type(By.cssSelector("textarea[id$='Field_ApprovalComment']"), "Fine in the window; the replica takes the reads meanwhile.");
    click(By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space()='Complete']"));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonPath change = change(number);
      assertThat(change.getString("state")).isEqualTo("SCHEDULED");
      assertThat(change.getString("approvals.find { it.group == 'cab' }.decision")).isEqualTo("APPROVE");
      assertThat(change.getString("approvals.find { it.group == 'cab' }.decidedBy")).isEqualTo("cab.carl");
      assertThat(change.getString("approvals.find { it.group == 'cab' }.comment"))
          .isEqualTo("Fine in the window; the replica takes the reads meanwhile.");
      assertThat(change.getString("approvals.find { it.group == 'change-managers' }.decidedBy")).isEqualTo("cm.chris");
      assertThat(change.getString("title")).isEqualTo(title);
    });
    // An alert would have been reported by the first command after it; none is open now either.
    assertThat(ExpectedConditions.alertIsPresent().apply(browser)).as("script in the title ran").isNull();
  }

  private void signIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name=signinForm] input[ng-model=username]"))).sendKeys(user);
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
  }

  private void type(By locator, String text) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.sendKeys(text);
  }

  private static String taskId(String user, String businessKey, String element) {
    List<String> ids = given().auth().preemptive().basic(user, "demo").queryParam("processInstanceBusinessKey", businessKey)
        .queryParam("taskDefinitionKey", element).get("/engine-rest/task").then().statusCode(200).extract().path("id");
    return ids.isEmpty() ? null : ids.get(0);
  }

  /**
   * Tasklist's fixed footer covers the bottom of the task column, where Selenium scrolls to by
   * default; and a form still laying itself out (text areas growing to their text) can move the
   * element under the pointer, so a click another element caught is tried again.
   */
  private void click(By locator) {
    wait.ignoring(ElementClickInterceptedException.class).until(driver -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
      if (element == null) {
        return false;
      }
      browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      element.click();
      return true;
    });
  }

  /**
   * A window at 14:00 UTC at least {@code lead} from now, clear of every freeze of the change
   * calendar: the workers' tests count the changes on the same items in their windows, which keep
   * to other hours (ChangeWindows).
   */
  private Instant windowOutsideFreeze(Duration lead, Duration length) {
    Instant start = Instant.now().plus(lead).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(14));
    for (int day = 0; day < 400; day++, start = start.plus(Duration.ofDays(1))) {
      if (calendar.freezeOverlapping(start, start.plus(length)).isEmpty()) {
        return start;
      }
    }
    throw new IllegalStateException("no window outside the freezes within 400 days");
  }

  private static JsonPath change(String number) {
    return given().auth().preemptive().basic("audit.ada", "demo").get("/api/changes/{n}", number)
        .then().statusCode(200).extract().jsonPath();
  }

  private static boolean approvalTaskVisibleTo(String user, String number, String group) {
    List<String> names = given().auth().preemptive().basic(user, "demo").queryParam("processInstanceBusinessKey", number)
        .queryParam("candidateGroup", group).get("/engine-rest/task").then().statusCode(200).extract().path("name");
    return names.stream().anyMatch(name -> name.startsWith(number + " Approve change"));
  }

  private static boolean triageTaskVisibleTo(String user, String number) {
    List<String> names = given().auth().preemptive().basic(user, "demo").queryParam("processInstanceBusinessKey", number)
        .get("/engine-rest/task").then().statusCode(200).extract().path("name");
    return names.stream().anyMatch(name -> name.contains("Triage"));
  }
}
