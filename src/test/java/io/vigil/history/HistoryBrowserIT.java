package io.vigil.history;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.incident.TasklistOverHttp;
import io.vigil.testing.Browser;
import io.vigil.testing.VigilTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * The auditors' way to a closed ticket, through a real browser: audit.ada signs into Cockpit, opens
 * "Ticket history" from the header, finds a closed incident and reads its timeline and the path its
 * process took. Markup in the incident's title is shown as text and never runs. The screenshots
 * (target/history-view/) are the ones in the auditor guide.
 */
@VigilTest
class HistoryBrowserIT {

  private static final String TITLE =
      "Orders database deadlocks <img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
  private static final Path SCREENSHOTS = Path.of("target", "history-view");

  @Value("${server.port}") int port;

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

  @Test
  void anAuditorReadsAClosedIncidentsHistoryInCockpit() throws IOException {
    String number = closedIncident();

    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name=signinForm] input[ng-model=username]")))
        .sendKeys("audit.ada");
    browser.findElement(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Ticket history"))).click();

    WebElement numberField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".vigil-search input[name=number]")));
    numberField.sendKeys(number);
    browser.findElement(By.cssSelector(".vigil-search input[name=state]")).sendKeys("closed");
    browser.findElement(By.cssSelector(".vigil-search button[type=submit]")).click();
    WebElement found = wait.until(ExpectedConditions.elementToBeClickable(By.linkText(number)));
    List<String> row = browser.findElements(By.cssSelector(".vigil-tickets tr:nth-child(2) td")).stream().map(WebElement::getText).toList();
    assertThat(row).startsWith(number, "INCIDENT", TITLE, "CLOSED");
    screenshot("search");

    found.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".vigil-ticket-title"), number + " " + TITLE));
    WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".vigil-timeline")));
    assertThat(rowsOf(timeline, "audit")).anyMatch(text -> text.contains("REPORTED")).anyMatch(text -> text.contains("CLOSED"));
    assertThat(rowsOf(timeline, "decision")).anyMatch(text -> text.contains("Decision: Incident priority")
        && text.contains("Impact") && text.contains("Urgency"));
    assertThat(rowsOf(timeline, "task")).anyMatch(text -> text.contains("Task completed: " + number + " Resolve")
        && text.contains("db.dave") && text.contains("Killed the blocking session, added the missing index"));
    // The picture for the guide: from the first decision on, without the variables' many lines.
    browser.findElement(By.cssSelector(".vigil-sources input[name=variable]")).click();
    assertThat(timeline.findElements(By.cssSelector("tr.vigil-source-variable"))).isNotEmpty().noneMatch(WebElement::isDisplayed);
    scrollTo(timeline.findElement(By.cssSelector("tr.vigil-source-decision")));
    screenshot("timeline");

    WebElement taken = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".vigil-canvas svg .djs-element.vigil-taken")));
    assertThat(taken.getAttribute("data-element-id")).isNotBlank();
    assertThat(browser.findElements(By.cssSelector(".vigil-canvas svg .djs-connection.vigil-taken"))).as("flows taken").isNotEmpty();
    scrollTo(browser.findElement(By.cssSelector(".vigil-diagram")));
    screenshot("diagram");

    assertThat(browser.findElements(By.cssSelector(".vigil-history img, .vigil-history script"))).as("markup in the title rendered").isEmpty();
    assertThat(browser.executeScript("return typeof window.__pwned")).as("script in the title ran").isEqualTo("undefined");
  }

  /**
   * An incident reported, worked and closed over HTTP as Tasklist works it (submit-form): the
   * workers classify, route and close it.
   */
  private String closedIncident() {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", TITLE, "description", "Checkout fails with deadlock detected during the export",
            "caller", "jane@example.com", "ci", "pg-orders-01"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");
    TasklistOverHttp.resolveAndClose(number, "Killed the blocking session, added the missing index");
    return number;
  }

  private static List<String> rowsOf(WebElement timeline, String source) {
    return timeline.findElements(By.cssSelector("tr.vigil-source-" + source)).stream().map(row -> row.getDomProperty("textContent")).toList();
  }

  private void scrollTo(WebElement element) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
