package io.vigil.sla;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The configured calendars by the name {@code sla-targets.dmn} gives them, checked at start. */
public final class SlaCalendars {

  private final Map<String, BusinessCalendar> byName;

  public SlaCalendars(SlaProperties properties) {
    this.byName = properties.calendars().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toBusinessCalendar(), (a, b) -> a, TreeMap::new));
  }

  /** The calendars' names, in order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  public BusinessCalendar named(String name) {
    BusinessCalendar calendar = byName.get(name);
    if (calendar == null) {
      throw new IllegalArgumentException("sla-targets.dmn names the calendar '" + name + "', but vigil.sla.calendars has only "
          + byName.keySet());
    }
    return calendar;
  }
}
