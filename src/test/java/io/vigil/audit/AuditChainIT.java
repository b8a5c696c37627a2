package io.vigil.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vigil.testing.VigilTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's hash chain: verified by Vigil and offline by the auditor guide's own script,
 * and an entry changed in the database named by both.
 */
@VigilTest
class AuditChainIT {

  @Value("${server.port}") int port;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail trail;
  @Autowired AuditChain chain;
  @Autowired PlatformTransactionManager transactions;
  @TempDir Path folder;

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "";
  }

  @Test
  void theExportChecksOfflineAndAnEntryChangedInTheDatabaseIsNamedByVerifyAndByTheOfflineCheck() throws Exception {
    String number = given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("title", "Payroll export stalls", "description", "The nightly export stops at 40 %", "caller", "hr@example.com"))
        .when().post("/api/incidents").then().statusCode(201).extract().path("number");
    given().auth().preemptive().basic("sd.anna", "demo").contentType(ContentType.JSON)
        .body(Map.of("text", "Caller says: \"it worked\\yesterday\"\n=SUM(A1) ☕"))
        .when().post("/api/incidents/{n}/comments", number).then().statusCode(201);

    // the workers still classify and route the incident: entries they commit meanwhile count as unsealed, so that is not asserted
    verify().body("valid", is(true)).body("broken", is(0)).body("checked", greaterThan(1));
    Path export = export("jsonl");
    assertThat(Files.readString(export)).contains("\"ticket\":\"" + number + "\"", "\"action\":\"COMMENTED\"");
    Check intact = offlineCheck(export);
    assertThat(intact.exitCode()).as(intact.output()).isZero();
    assertThat(intact.output()).contains(" 0 broken");

    long reported = jdbc.sql("SELECT id FROM audit_entry WHERE ticket_number = ? AND action = 'REPORTED'")
        .param(number).query(Long.class).single();
    String original = jdbc.sql("SELECT detail FROM audit_entry WHERE id = ?").param(reported).query(String.class).single();
    jdbc.sql("UPDATE audit_entry SET detail = ? WHERE id = ?").params("Reported by nobody", reported).update();
    try {
      verify().body("valid", is(false)).body("broken", is(1))
          .body("firstBroken.entryId", is((int) reported))
          .body("firstBroken.ticketNumber", is(number))
          .body("firstBroken.reason", containsString("content does not give its hash"));
      Check tampered = offlineCheck(export("jsonl"));
      assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
      assertThat(tampered.output()).contains("entry " + reported + ", " + number + "): its content does not give its hash", " 1 broken");
    } finally {
      jdbc.sql("UPDATE audit_entry SET detail = ? WHERE id = ?").params(original, reported).update();
    }
    verify().body("valid", is(true));
  }

  @Test
  void anEntryWhoseTransactionCommitsLateJoinsTheChainWhenItCommits() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    AtomicLong lateId = new AtomicLong();
    Thread late = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
      trail.record("INC-900001", "db.dave", AuditAction.COMMENTED, "written first, committed last");
      lateId.set(jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE ticket_number = 'INC-900001'").query(Long.class).single());
      written.countDown();
      await(commit);
    }));
    late.start();
    await(written);
    trail.record("INC-900002", "db.dave", AuditAction.COMMENTED, "written second, committed first");
    long earlyId = jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE ticket_number = 'INC-900002'").query(Long.class).single();
    chain.seal();
    assertThat(lateId.get()).isLessThan(earlyId);
    assertThat(sealOf(earlyId)).isNotNull();
    assertThat(sealOf(lateId.get())).as("not sealed before it commits").isNull();

    commit.countDown();
    late.join(10_000);
    chain.seal();
    assertThat(sealOf(lateId.get())).isGreaterThan(sealOf(earlyId));
    verify().body("valid", is(true));
  }

  @Test
  void anEntryThatCommitsAfterTheLowWaterMarkPassedItIsSealedByTheNextVerify() {
    // as if its transaction had stayed open past the grace while the mark moved on: one transaction
    // writes the entry and moves the mark past it, so that no seal sees the entry above the mark
    long straggler = new TransactionTemplate(transactions).execute(status -> {
      trail.record("INC-900004", "db.dave", AuditAction.COMMENTED, "committed after the grace");
      long id = jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE ticket_number = 'INC-900004'").query(Long.class).single();
      jdbc.sql("UPDATE audit_chain SET low_water = ? WHERE id = 1").param(id).update();
      return id;
    });

    chain.seal();
    assertThat(sealOf(straggler)).as("the regular look reads above the mark only").isNull();
    verify().body("valid", is(true));
    assertThat(sealOf(straggler)).isNotNull();
  }

  @Test
  void onlyAuditorsAndAdministratorsReadTheWholeTrail() {
    given().when().get("/api/audit/verify").then().statusCode(401);
    given().auth().preemptive().basic("sd.anna", "demo").when().get("/api/audit/verify")
        .then().statusCode(403).contentType("application/problem+json");
    given().auth().preemptive().basic("im.ian", "demo").when().get("/api/audit/export")
        .then().statusCode(403).contentType("application/problem+json");
    given().auth().preemptive().basic("admin", "demo").when().get("/api/audit/verify").then().statusCode(200);
  }

  @Test
  void aWrongPeriodOrFormatIsABadRequest() {
    given().auth().preemptive().basic("audit.ada", "demo")
        .queryParam("from", "2026-12-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
        .when().get("/api/audit/verify").then().statusCode(400).contentType("application/problem+json")
        .body("detail", containsString("must come before"));
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("from", "last tuesday")
        .when().get("/api/audit/export").then().statusCode(400).contentType("application/problem+json");
    given().auth().preemptive().basic("audit.ada", "demo").queryParam("format", "xml")
        .when().get("/api/audit/export").then().statusCode(400).contentType("application/problem+json");
  }

  @Test
  void theCsvExportIsForReadingInASpreadsheet() {
    trail.record("INC-900003", "sd.anna", AuditAction.COMMENTED, "=HYPERLINK(\"http://example.com/x\")");
    String csv = given().auth().preemptive().basic("audit.ada", "demo").queryParam("format", "csv")
        .when().get("/api/audit/export")
        .then().statusCode(200).contentType(startsWith("text/csv"))
        .header("Content-Disposition", containsString("vigil-audit.csv"))
        .extract().asString();
    assertThat(csv).startsWith("seq,id,ticket,occurredAt,actor,action,detail,prev,hash\r\n")
        .contains(",\"INC-900003\",", ",\"'=HYPERLINK(\"\"http://example.com/x\"\")\",");
    // a comment may hold line breaks inside its quoted cell: count records by their ends
    long records = Pattern.compile("[0-9a-f]{64},[0-9a-f]{64}\r\n").matcher(csv).results().count();
    long[] seqs = Pattern.compile("(?m)^(\\d+),\\d+,\"").matcher(csv).results().mapToLong(r -> Long.parseLong(r.group(1))).toArray();
    assertThat(seqs).hasSize((int) records);
    assertThat(seqs[seqs.length - 1] - seqs[0] + 1).as("one row per seal, in chain order").isEqualTo(records);
  }

  private static io.restassured.response.ValidatableResponse verify() {
    return given().auth().preemptive().basic("audit.ada", "demo").when().get("/api/audit/verify")
        .then().statusCode(200).contentType(ContentType.JSON);
  }

  private Path export(String format) throws IOException {
    byte[] body = given().auth().preemptive().basic("audit.ada", "demo").queryParam("format", format)
        .when().get("/api/audit/export")
        .then().statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asByteArray();
    Path file = Files.createTempFile(folder, "vigil-audit", "." + format);
    return Files.write(file, body);
  }

  /** Runs the auditor guide's offline check, as the guide gives it, on an export. */
  private Check offlineCheck(Path export) throws Exception {
    Matcher block = Pattern.compile("<!-- offline-check -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("docs", "auditor-guide.md")));
    assertThat(block.find()).as("the auditor guide holds the offline check").isTrue();
    Path script = Files.writeString(folder.resolve("verify-audit.py"), block.group(1));
    Process python = new ProcessBuilder("python3", script.toString(), export.toString()).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Check(python.exitValue(), output);
  }

  private Long sealOf(long entryId) {
    return jdbc.sql("SELECT seq FROM audit_seal WHERE entry_id = ?").param(entryId).query(Long.class).optional().orElse(null);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Check(int exitCode, String output) {}
}
