package io.vigil.change;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A change as the API shows it: the ticket, its votes, the live changes it conflicts with, the
 * freezes it overlaps, whether it lies in its services' maintenance windows, the incidents it
 * caused and the steps open on it now.
 */
public record ChangeView(@JsonUnwrapped Change change, List<Approval> approvals, List<Conflict> conflicts,
    List<ChangeCalendar.Freeze> freezes, boolean inMaintenanceWindow, List<String> incidentsCaused, List<String> openTasks) {}
