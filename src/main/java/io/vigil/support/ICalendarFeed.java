package io.vigil.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * An iCalendar feed (RFC 5545) that people subscribe to in their calendar program: the change
 * calendar, the on-call rotas. ical4j writes the text, so that what people typed (commas,
 * semicolons, line breaks, any script) is escaped as the standard says (ADR 23).
 */
public final class ICalendarFeed {

  private ICalendarFeed() {}

  /** One event; {@code status} CANCELLED or TENTATIVE says so, anything else is CONFIRMED. */
  public record CalendarEntry(String uid, String summary, String description, Instant start, Instant end, String status,
      List<String> categories) {

    public CalendarEntry {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("event " + uid + " must end after it starts: " + start + " to " + end);
      }
      categories = categories == null ? List.of() : List.copyOf(categories);
    }
  }

  /**
   * The feed of {@code product} (its PRODID, {@code -//Vigil//Change calendar//EN}), every event
   * stamped {@code stamp}: a feed without a METHOD says in DTSTAMP when its information was read
   * from Vigil, which is when it is rendered.
   */
  public static String render(String product, String calendarName, List<CalendarEntry> entries, Instant stamp) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(product));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(new XProperty("X-WR-CALNAME", calendarName));
    for (CalendarEntry entry : entries) {
      calendar.add(event(entry, stamp));
    }
    StringWriter text = new StringWriter();
    try {
      // Not validated here: ical4j would only log a warning, and would at every poll of a feed without
      // events, which the standard does not foresee but calendar programs read. The tests validate.
      new CalendarOutputter(false).output(calendar, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static VEvent event(CalendarEntry entry, Instant stamp) {
    VEvent event = new VEvent(false);
    event.add(new Uid(entry.uid()));
    event.add(new DtStamp(stamp));
    event.add(new DtStart<>(entry.start()));
    event.add(new DtEnd<>(entry.end()));
    event.add(new Summary(entry.summary()));
    if (entry.description() != null) {
      event.add(new Description(entry.description()));
    }
    event.add(status(entry.status()));
    if (!entry.categories().isEmpty()) {
      event.add(new Categories(new TextList(entry.categories())));
    }
    return event;
  }

  private static Status status(String status) {
    if ("CANCELLED".equals(status)) {
      return ImmutableStatus.VEVENT_CANCELLED;
    }
    if ("TENTATIVE".equals(status)) {
      return ImmutableStatus.VEVENT_TENTATIVE;
    }
    return ImmutableStatus.VEVENT_CONFIRMED;
  }
}
