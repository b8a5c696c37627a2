package io.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through {@code /usr/bin/chromedriver}, one per test, for the browser
 * tests: {@code @RegisterExtension final Browser chromium = new Browser();}. Like PostgreSQL in
 * {@link TestDatabase}, a test is skipped where chromedriver is not installed, never under CI. A
 * failed test leaves a screenshot and the page in {@code target/browser/}.
 */
public final class Browser implements ExecutionCondition, BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  private static final File CHROMEDRIVER = new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
  private static final Path DIAGNOSTICS = Path.of("target", "browser");

  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path profile;

  /** The browser of the running test. */
  public ChromeDriver driver() {
    return driver;
  }

  /** Waits up to 30 seconds, long enough for the webapps' first load on a busy machine. */
  public WebDriverWait waiter() {
    return wait;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return CHROMEDRIVER.canExecute() || "true".equalsIgnoreCase(System.getenv("CI"))
        ? ConditionEvaluationResult.enabled("chromedriver at " + CHROMEDRIVER)
        : ConditionEvaluationResult.disabled("No chromedriver at " + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver): the browser test is skipped on this machine. CI never skips it.");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    profile = Files.createTempDirectory("vigil-chromium");
    // The driver is given explicitly so that Selenium Manager never downloads one.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
    // Wide enough for Tasklist's three columns.
    driver.manage().window().setSize(new Dimension(1600, 1000));
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  // Runs before the test's @AfterEach methods, while the browser still shows what went wrong.
  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (context.getExecutionException().isPresent() && driver != null) {
      String name = context.getRequiredTestMethod().getName();
      Files.createDirectories(DIAGNOSTICS);
      Files.write(DIAGNOSTICS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
      Files.writeString(DIAGNOSTICS.resolve(name + ".html"), driver.getPageSource());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
      profile = null;
    }
  }
}
