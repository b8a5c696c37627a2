package io.vigil.change;

import java.time.OffsetDateTime;
import java.util.List;

/** The change calendar over a range: the changes planned in it, the freezes and the services' maintenance windows. */
public record CalendarView(OffsetDateTime from, OffsetDateTime to, List<Change> changes, List<ChangeCalendar.Freeze> freezes,
    List<ChangeCalendar.MaintenancePeriod> maintenanceWindows) {}
