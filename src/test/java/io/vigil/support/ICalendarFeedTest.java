package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.support.ICalendarFeed.CalendarEntry;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

/** The feed as a calendar program reads it: rendered, then parsed back with ical4j. */
class ICalendarFeedTest {

  private static final String PRODUCT = "-//Vigil//Change calendar//EN";
  private static final Instant STAMP = Instant.parse("2026-12-05T09:30:00Z");

  private static final CalendarEntry DATABASE_UPGRADE = new CalendarEntry("CHG-000042@vigil", "CHG-000042 Upgrade pg-orders-01",
      "Upgrade to PostgreSQL 16", Instant.parse("2026-12-13T01:00:00Z"), Instant.parse("2026-12-13T04:00:00Z"), "SCHEDULED",
      List.of("change", "checkout"));

  @Test
  void rendersACalendarWithOneEventPerEntry() throws Exception {
    CalendarEntry freeze = new CalendarEntry("freeze-2026@vigil", "Year-end freeze", null, Instant.parse("2026-12-19T23:00:00Z"),
        Instant.parse("2027-01-04T23:00:00Z"), null, List.of("freeze"));
    String feed = ICalendarFeed.render(PRODUCT, "Vigil changes", List.of(DATABASE_UPGRADE, freeze), STAMP);

    assertThat(feed).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n")
        .contains("\r\nDTSTART:20261213T010000Z\r\n", "\r\nDTEND:20261213T040000Z\r\n", "\r\nDTSTAMP:20261205T093000Z\r\n");
    Calendar calendar = parse(feed);
    assertThat(calendar.validate().hasErrors()).isFalse();
    assertThat(value(calendar, "PRODID")).isEqualTo("-//Vigil//Change calendar//EN");
    assertThat(value(calendar, "VERSION")).isEqualTo("2.0");
    assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Vigil changes");

    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(2);
    VEvent upgrade = events.get(0);
    assertThat(value(upgrade, "UID")).isEqualTo("CHG-000042@vigil");
    assertThat(value(upgrade, "SUMMARY")).isEqualTo("CHG-000042 Upgrade pg-orders-01");
    assertThat(value(upgrade, "DESCRIPTION")).isEqualTo("Upgrade to PostgreSQL 16");
    assertThat(instant(upgrade, "DTSTART")).isEqualTo(Instant.parse("2026-12-13T01:00:00Z"));
    assertThat(instant(upgrade, "DTEND")).isEqualTo(Instant.parse("2026-12-13T04:00:00Z"));
    assertThat(instant(upgrade, "DTSTAMP")).isEqualTo(STAMP);
    assertThat(categories(upgrade)).containsExactly("change", "checkout");

    VEvent yearEnd = events.get(1);
    assertThat(value(yearEnd, "UID")).isEqualTo("freeze-2026@vigil");
    assertThat(yearEnd.getProperty("DESCRIPTION")).isEmpty();
    assertThat(instant(yearEnd, "DTSTART")).isEqualTo(Instant.parse("2026-12-19T23:00:00Z"));
  }

  @Test
  void cancelledAndTentativeAreSaidSoEverythingElseIsConfirmed() throws Exception {
    List<CalendarEntry> entries = List.of(entry("1", "CANCELLED"), entry("2", "TENTATIVE"), entry("3", "SCHEDULED"), entry("4", null));
    List<VEvent> events = parse(ICalendarFeed.render(PRODUCT, "Vigil changes", entries, STAMP)).getComponents("VEVENT");
    assertThat(events).extracting(event -> value(event, "STATUS")).containsExactly("CANCELLED", "TENTATIVE", "CONFIRMED", "CONFIRMED");
  }

  @Test
  void whatPeopleTypedIsEscapedAndComesBackAsTyped() throws Exception {
    String summary = "Firewall, VPN; and \"proxy\" \\ rules 🔥 for Zürich, Kraków and 東京 " + "🚀".repeat(40);
    String description = "Step 1: drain lb-01;\nStep 2: reboot, then check\r\nRollback: Ärger vermeiden";
    CalendarEntry entry = new CalendarEntry("CHG-7", summary, description, Instant.parse("2026-12-13T01:00:00Z"),
        Instant.parse("2026-12-13T02:00:00Z"), "TENTATIVE", List.of("network, security", "a;b", "Ünicode"));

    String feed = ICalendarFeed.render(PRODUCT, "Änderungen, Vigil; prod", List.of(entry), STAMP);

    assertThat(feed).contains("SUMMARY:Firewall\\, VPN\\; and \"proxy\" \\\\ rules", "Step 1: drain lb-01\\;\\nStep 2: reboot\\, then",
        "CATEGORIES:network\\, security,a\\;b,Ünicode", "X-WR-CALNAME:Änderungen\\, Vigil\\; prod");
    assertThat(feed.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(75));
    // What a subscriber receives: UTF-8 bytes, emoji folded whole
    Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
    VEvent event = calendar.<VEvent>getComponents("VEVENT").get(0);
    assertThat(value(event, "SUMMARY")).isEqualTo(summary);
    assertThat(value(event, "DESCRIPTION")).isEqualTo("Step 1: drain lb-01;\nStep 2: reboot, then check\nRollback: Ärger vermeiden");
    assertThat(categories(event)).containsExactly("network, security", "a;b", "Ünicode");
    assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Änderungen, Vigil; prod");
  }

  @Test
  void aFeedWithoutEntriesIsStillACalendar() throws Exception {
    Calendar calendar = parse(ICalendarFeed.render(PRODUCT, "Vigil changes", List.of(), STAMP));
    assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Vigil changes");
    assertThat(calendar.getComponents()).isEmpty();
  }

  @Test
  void anEventEndsAfterItStarts() {
    Instant start = Instant.parse("2026-12-13T01:00:00Z");
    assertThatThrownBy(() -> new CalendarEntry("CHG-1", "x", null, start, start, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CHG-1 must end after it starts");
  }

  private static CalendarEntry entry(String uid, String status) {
    return new CalendarEntry(uid, "Change " + uid, null, Instant.parse("2026-12-13T01:00:00Z"), Instant.parse("2026-12-13T02:00:00Z"),
        status, null);
  }

  private static Calendar parse(String feed) throws Exception {
    return new CalendarBuilder().build(new StringReader(feed));
  }

  private static String value(Calendar calendar, String property) {
    return calendar.getProperty(property).map(Property::getValue).orElseThrow();
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).map(Property::getValue).orElseThrow();
  }

  private static Instant instant(VEvent event, String property) {
    DateProperty<Temporal> date = event.<DateProperty<Temporal>>getProperty(property).orElseThrow();
    return Instant.from(date.getDate());
  }

  private static Set<String> categories(VEvent event) {
    return event.<Categories>getProperty("CATEGORIES").orElseThrow().getCategories().getTexts();
  }
}
