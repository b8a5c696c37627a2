package io.vigil.oncall;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditTrail;
import io.vigil.testing.VigilTest;
import java.io.StringReader;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code /api/groups/{group}}: the database group's rota set by its member, who is on call across a
 * handover, an override, the rota as a calendar feed, the refusals and the audit trail. The demo
 * rota of the group is put back after each test, and the second member made for them removed.
 */
@VigilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnCallRotaIT {

  private static final String GROUP = "database";
  private static final String OLGA = "oncall.olga";
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Value("${server.port}") int port;
  @Autowired IdentityService identity;
  @Autowired AuditTrail trail;
  @Autowired OnCallSchedule schedule;
  @Autowired Clock clock;

  private Map<String, Object> demoRota;
  private final List<Long> overrides = new ArrayList<>();

  @BeforeAll
  void aSecondMemberAndTheDemoRota() {
    RestAssured.port = port;
    if (identity.createUserQuery().userId(OLGA).count() == 0) {
      User olga = identity.newUser(OLGA);
      olga.setFirstName("Olga");
      olga.setLastName("On Call");
      olga.setPassword(UUID.randomUUID().toString());
      identity.saveUser(olga);
      identity.createMembership(OLGA, GROUP);
    }
    Map<String, Object> stored = as("admin").get("/api/groups/{g}/rota", GROUP).then().statusCode(200).extract().jsonPath().getMap("$");
    demoRota = new HashMap<>();
    for (String field : List.of("zone", "handover", "rotation", "start", "primary", "secondary", "calendar")) {
      demoRota.put(field, stored.get(field));
    }
  }

  @BeforeEach
  void setUp() {
    RestAssured.port = port;
    RestAssured.basePath = "/api/groups/" + GROUP;
  }

  @AfterEach
  void theDemoRotaAgain() {
    overrides.forEach(id -> as("admin").delete("/overrides/{id}", id));
    overrides.clear();
    as("admin").contentType(ContentType.JSON).body(demoRota).put("/rota").then().statusCode(200);
  }

  @AfterAll
  void withoutTheSecondMember() {
    identity.deleteUser(OLGA);
  }

  @Test
  void aMemberSetsTheRotaAndEveryoneReadsWhoIsOnCallAcrossAHandover() {
    LocalDate start = lastWeeksMonday();
    as("db.dave").contentType(ContentType.JSON).body(rota(start, List.of("db.dave", OLGA), List.of(OLGA))).put("/rota")
        .then().statusCode(200).contentType(ContentType.JSON)
        .body("group", equalTo(GROUP))
        .body("zone", equalTo("Europe/Berlin"))
        .body("handover", equalTo("09:00"))
        .body("rotation", equalTo("P7D"))
        .body("start", equalTo(start.toString()))
        .body("primary", contains("db.dave", OLGA))
        .body("secondary", contains(OLGA))
        .body("calendar", equalTo("office-hours"))
        .body("updatedBy", equalTo("db.dave"))
        .body("version", notNullValue());
    as("audit.ada").get("/rota").then().statusCode(200).body("primary", contains("db.dave", OLGA)).body("updatedBy", equalTo("db.dave"));

    Instant first = handover(start, 0);
    Instant second = handover(start, 1);
    Instant third = handover(start, 2);
    onCall("sd.anna", second.minusSeconds(1)).body("group", equalTo(GROUP)).body("primary", equalTo("db.dave"))
        .body("secondary", equalTo(OLGA)).body("from", equalTo(first.toString())).body("until", equalTo(second.toString()));
    onCall("vigil-worker", second).body("primary", equalTo(OLGA)).body("secondary", equalTo(OLGA))
        .body("from", equalTo(second.toString())).body("until", equalTo(third.toString()));
    onCall("audit.ada", first.minus(Duration.ofHours(1))).body("primary", nullValue()).body("secondary", nullValue())
        .body("from", nullValue()).body("until", equalTo(first.toString()));

    Instant now = clock.instant();
    ValidatableResponse current = as("net.nina").get("/on-call").then().statusCode(200);
    assertThat(Instant.parse(current.extract().<String>path("from"))).isBeforeOrEqualTo(now);
    assertThat(Instant.parse(current.extract().<String>path("until"))).isAfter(now);
    assertThat(schedule.onCall(GROUP, second)).contains(new OnCall(GROUP, OLGA, OLGA, second, third));
  }

  @Test
  void anOverridePutsSomeoneElseOnCallForAWhileAndIsTakenBack() {
    LocalDate start = lastWeeksMonday();
    as("db.dave").contentType(ContentType.JSON).body(rota(start, List.of("db.dave", OLGA), List.of(OLGA))).put("/rota")
        .then().statusCode(200);
    // next week is Dave's: Olga takes a day of it
    Instant next = handover(start, 2);
    Instant from = next.plus(Duration.ofDays(1));
    Instant to = from.plus(Duration.ofHours(12));
    ValidatableResponse created = override("im.ian", Map.of("user", OLGA, "from", from.toString(), "to", to.toString(),
        "layer", "PRIMARY", "reason", "Dave is at the dentist"));
    long id = created.statusCode(201).extract().jsonPath().getLong("id");
    created.header("Location", equalTo("/api/groups/database/overrides/" + id))
        .body("user", equalTo(OLGA)).body("layer", equalTo("PRIMARY")).body("from", equalTo(from.toString()))
        .body("to", equalTo(to.toString())).body("reason", equalTo("Dave is at the dentist"))
        .body("createdBy", equalTo("im.ian")).body("createdAt", notNullValue());

    onCall("sd.anna", from.plus(Duration.ofHours(1))).body("primary", equalTo(OLGA)).body("secondary", equalTo(OLGA))
        .body("from", equalTo(from.toString())).body("until", equalTo(to.toString()));
    onCall("sd.anna", to).body("primary", equalTo("db.dave")).body("from", equalTo(to.toString()))
        .body("until", equalTo(handover(start, 3).toString()));
    as("audit.ada").queryParam("from", next.toString()).queryParam("to", handover(start, 3).toString()).get("/overrides")
        .then().statusCode(200).body("id", contains((int) id));
    as("audit.ada").queryParam("from", handover(start, 3).toString()).get("/overrides").then().statusCode(200).body("$", empty());

    as("db.dave").delete("/overrides/{id}", id).then().statusCode(204);
    onCall("sd.anna", from.plus(Duration.ofHours(1))).body("primary", equalTo("db.dave"))
        .body("from", equalTo(next.toString()));
    problem(as("db.dave").delete("/overrides/{id}", id).then(), 404);
  }

  @Test
  void theRotaIsACalendarFeedWithAnEventPerShiftAndLayer() throws Exception {
    LocalDate start = lastWeeksMonday();
    as("db.dave").contentType(ContentType.JSON).body(rota(start, List.of("db.dave", OLGA), List.of(OLGA))).put("/rota")
        .then().statusCode(200);
    Instant from = handover(start, 2).plus(Duration.ofDays(1));
    Instant to = from.plus(Duration.ofHours(12));
    override("db.dave", Map.of("user", OLGA, "from", from.toString(), "to", to.toString(), "layer", "PRIMARY")).statusCode(201);

    String feed = as("audit.ada").get("/rota.ics").then().statusCode(200)
        .contentType(equalToIgnoringCase("text/calendar;charset=UTF-8")).extract().asString();
    Calendar calendar = new CalendarBuilder().build(new StringReader(feed));
    assertThat(calendar.validate().hasErrors()).isFalse();
    assertThat(calendar.getProperty("X-WR-CALNAME").map(Property::getValue)).contains("Vigil on call: Database");
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).extracting(event -> value(event, "UID")).doesNotHaveDuplicates();

    VEvent daveFirst = event(events, "primary", handover(start, 0));
    assertThat(value(daveFirst, "SUMMARY")).isEqualTo("On call: db.dave (primary), database");
    assertThat(instant(daveFirst, "DTEND")).isEqualTo(handover(start, 1));
    assertThat(value(event(events, "secondary", handover(start, 0)), "SUMMARY")).isEqualTo("On call: oncall.olga (secondary), database");
    VEvent olga = event(events, "primary", handover(start, 1));
    assertThat(value(olga, "SUMMARY")).isEqualTo("On call: oncall.olga (primary), database");
    assertThat(instant(olga, "DTEND")).isEqualTo(handover(start, 2));
    VEvent daveCut = event(events, "primary", handover(start, 2));
    assertThat(value(daveCut, "SUMMARY")).isEqualTo("On call: db.dave (primary), database");
    assertThat(value(daveCut, "DESCRIPTION")).isEqualTo("From the database rota: every P7D, handover 09:00 Europe/Berlin");
    assertThat(instant(daveCut, "DTEND")).isEqualTo(from);
    VEvent covered = event(events, "primary", from);
    assertThat(value(covered, "SUMMARY")).isEqualTo("On call: oncall.olga (primary), database");
    assertThat(instant(covered, "DTEND")).isEqualTo(to);
    assertThat(value(covered, "DESCRIPTION")).startsWith("Override ").endsWith(" by db.dave");
    VEvent daveAgain = event(events, "primary", to);
    assertThat(value(daveAgain, "SUMMARY")).isEqualTo("On call: db.dave (primary), database");
    assertThat(instant(daveAgain, "DTEND")).isEqualTo(handover(start, 3));
    assertThat(value(event(events, "secondary", handover(start, 2)), "SUMMARY")).isEqualTo("On call: oncall.olga (secondary), database");

    String asked = as("audit.ada").accept("text/calendar").get("/rota").then().statusCode(200)
        .contentType(containsString("text/calendar")).extract().asString();
    List<VEvent> same = new CalendarBuilder().build(new StringReader(asked)).getComponents("VEVENT");
    assertThat(same).extracting(event -> value(event, "UID")).isEqualTo(events.stream().map(event -> value(event, "UID")).toList());
    as("audit.ada").get("/rota").then().statusCode(200).contentType(ContentType.JSON);
  }

  @Test
  void theEngineAsksEachTimeAndHearsOfAReplacedRotaAndOfItsOfficeHours() {
    LocalDate start = lastWeeksMonday();
    Instant now = clock.instant();
    as("im.ian").contentType(ContentType.JSON).body(rota(start, List.of("db.dave"), List.of())).put("/rota").then().statusCode(200);
    assertThat(schedule.onCall(GROUP, now)).map(OnCall::primary).contains("db.dave");
    as("im.ian").contentType(ContentType.JSON).body(rota(start, List.of(OLGA), List.of())).put("/rota").then().statusCode(200);
    assertThat(schedule.onCall(GROUP, now)).map(OnCall::primary).contains(OLGA);
    assertThat(schedule.onCall("no-such-group", now)).isEmpty();

    Instant mondayMorning = Instant.parse("2026-11-23T10:00:00Z");
    Instant sundayMorning = Instant.parse("2026-11-22T10:00:00Z");
    assertThat(schedule.inOfficeHours(GROUP, mondayMorning)).isTrue();
    assertThat(schedule.inOfficeHours(GROUP, sundayMorning)).isFalse();
    Map<String, Object> aroundTheClock = rota(start, List.of(OLGA), List.of());
    aroundTheClock.put("calendar", "24x7");
    as("admin").contentType(ContentType.JSON).body(aroundTheClock).put("/rota").then().statusCode(200).body("calendar", equalTo("24x7"));
    assertThat(schedule.inOfficeHours(GROUP, sundayMorning)).isTrue();
  }

  @Test
  void badRotasAndOverridesAreRefusedAndNothingIsWritten() {
    LocalDate start = lastWeeksMonday();
    long version = as("admin").get("/rota").then().statusCode(200).extract().jsonPath().getLong("version");
    int audited = trail.of(AuditTrail.ADMINISTRATION).size();

    refused(with(rota(start, List.of("db.dave"), List.of()), "zone", "Mars/Olympus_Mons"), 400, "zone");
    refused(with(rota(start, List.of("db.dave"), List.of()), "handover", "25:00"), 400, "handover");
    refused(with(rota(start, List.of("db.dave"), List.of()), "rotation", "P0D"), 400, "rotation");
    refused(with(rota(start, List.of("db.dave"), List.of()), "rotation", "P1DT12H"), 400, "rotation");
    refused(with(rota(start, List.of("db.dave"), List.of()), "rotation", "fortnightly"), 400, "rotation");
    refused(with(rota(start, List.of("db.dave"), List.of()), "start", "2026-02-30"), 400, "start");
    refused(rota(start, List.of(), List.of()), 400, "primary");
    refused(rota(start, List.of("db.dave", "db.dave"), List.of()), 400, "primary");
    refused(with(rota(start, List.of("db.dave"), List.of()), "calendar", "lunar"), 400, "calendar");
    refused(rota(start, List.of("db.dave", "nobody.at.all"), List.of()), 422, "primary");
    refused(rota(start, List.of("db.dave"), List.of("net.nina")), 422, "secondary");

    Map<String, Object> good = rota(start, List.of("db.dave"), List.of());
    problem(as("net.nina").contentType(ContentType.JSON).body(good).put("/rota").then(), 403);
    problem(as("audit.ada").contentType(ContentType.JSON).body(good).put("/rota").then(), 403);
    problem(as("vigil-worker", "demo-worker").contentType(ContentType.JSON).body(good).put("/rota").then(), 403);
    problem(given().contentType(ContentType.JSON).body(good).put("/rota").then(), 401);
    problem(given().get("/on-call").then(), 401);
    problem(as("admin").basePath("").contentType(ContentType.JSON).body(good).put("/api/groups/auditors/rota").then(), 404);
    problem(as("admin").basePath("").get("/api/groups/no-such-group/on-call").then(), 404);

    Instant from = clock.instant().plus(Duration.ofDays(2));
    problem(override("db.dave", Map.of("user", "db.dave", "from", from.toString(), "to", from.toString(), "layer", "PRIMARY")), 400)
        .body("errors.field", contains("to"));
    problem(override("db.dave", Map.of("user", "db.dave", "from", from.toString(), "to", from.plusSeconds(60).toString(),
        "layer", "TERTIARY")), 400);
    problem(override("db.dave", Map.of("user", "net.nina", "from", from.toString(), "to", from.plusSeconds(60).toString(),
        "layer", "PRIMARY")), 422).body("errors.field", contains("user"));
    problem(override("net.nina", Map.of("user", "db.dave", "from", from.toString(), "to", from.plusSeconds(60).toString(),
        "layer", "PRIMARY")), 403);
    problem(as("audit.ada").queryParam("at", "yesterday").get("/on-call").then(), 400);

    as("admin").get("/rota").then().statusCode(200).body("version", equalTo((int) version));
    assertThat(trail.of(AuditTrail.ADMINISTRATION)).hasSize(audited);
  }

  @Test
  void everyWriteIsAuditedUnderAdminWithTheGroupAndWhatChanged() {
    LocalDate start = lastWeeksMonday();
    int before = trail.of(AuditTrail.ADMINISTRATION).size();
    as("db.dave").contentType(ContentType.JSON).body(rota(start, List.of("db.dave", OLGA), List.of(OLGA))).put("/rota")
        .then().statusCode(200);
    Instant from = handover(start, 3);
    Instant to = from.plus(Duration.ofHours(8));
    long id = override("im.ian", Map.of("user", "db.dave", "from", from.toString(), "to", to.toString(), "layer", "SECONDARY",
        "reason", "Swap with Olga")).statusCode(201).extract().jsonPath().getLong("id");
    as("db.dave").delete("/overrides/{id}", id).then().statusCode(204);

    List<AuditEntry> entries = trail.of(AuditTrail.ADMINISTRATION);
    List<AuditEntry> written = entries.subList(before, entries.size());
    assertThat(written).extracting(AuditEntry::action)
        .containsExactly(AuditAction.ROTA_CHANGED, AuditAction.ON_CALL_OVERRIDDEN, AuditAction.OVERRIDE_REMOVED);
    assertThat(written).extracting(AuditEntry::actor).containsExactly("db.dave", "im.ian", "db.dave");
    assertThat(written.get(0).detail()).startsWith("database rota changed (version ")
        .contains("start " + demoRota.get("start") + " → " + start, "primary db.dave → db.dave, oncall.olga",
            "secondary none → oncall.olga");
    assertThat(written.get(1).detail()).isEqualTo("database secondary: db.dave on call from " + from + " to " + to
        + " in place of the rota (override " + id + "): Swap with Olga");
    assertThat(written.get(2).detail()).isEqualTo("database secondary: override " + id + " removed (db.dave from " + from
        + " to " + to + ")");
    as("audit.ada").basePath("").get("/api/audit/verify").then().statusCode(200).body("valid", equalTo(true));
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  /** The Monday of last week in Berlin: this week's handover is slot 1, so the feed's fortnight back holds slot 0. */
  private LocalDate lastWeeksMonday() {
    return LocalDate.ofInstant(clock.instant(), BERLIN).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
  }

  private static Instant handover(LocalDate start, int week) {
    return ZonedDateTime.of(start.plusWeeks(week), LocalTime.of(9, 0), BERLIN).toInstant();
  }

  private static Map<String, Object> rota(LocalDate start, List<String> primary, List<String> secondary) {
    Map<String, Object> rota = new HashMap<>();
    rota.put("zone", "Europe/Berlin");
    rota.put("handover", "09:00");
    rota.put("rotation", "P7D");
    rota.put("start", start.toString());
    rota.put("primary", primary);
    rota.put("secondary", secondary);
    rota.put("calendar", "office-hours");
    return rota;
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new HashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  private static void refused(Map<String, Object> rota, int status, String field) {
    problem(as("db.dave").contentType(ContentType.JSON).body(rota).put("/rota").then(), status).body("errors.field", hasItem(field));
  }

  private static ValidatableResponse onCall(String user, Instant at) {
    return as(user, user.equals("vigil-worker") ? "demo-worker" : "demo").queryParam("at", at.toString()).get("/on-call")
        .then().statusCode(200).contentType(ContentType.JSON);
  }

  private ValidatableResponse override(String user, Map<String, Object> body) {
    ValidatableResponse response = as(user).contentType(ContentType.JSON).body(body).post("/overrides").then();
    if (response.extract().statusCode() == 201) {
      overrides.add(response.extract().jsonPath().getLong("id"));
    }
    return response;
  }

  private static VEvent event(List<VEvent> events, String layer, Instant start) {
    String uid = "oncall-database-" + layer + "-" + start.toString().replace("-", "").replace(":", "") + "@vigil";
    return events.stream().filter(event -> value(event, "UID").equals(uid)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + uid + " in " + events.stream().map(e -> value(e, "UID")).toList()));
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).map(Property::getValue).orElse("");
  }

  private static Instant instant(VEvent event, String property) {
    DateProperty<Temporal> date = event.<DateProperty<Temporal>>getProperty(property).orElseThrow();
    return Instant.from(date.getDate());
  }

  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
        .body("detail", notNullValue());
  }

  private static RequestSpecification as(String user) {
    return as(user, "demo");
  }

  private static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password);
  }
}
