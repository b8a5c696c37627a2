package io.vigil.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** An incident as the API shows it: the ticket, plus the steps open on it now. */
public record IncidentView(@JsonUnwrapped Incident incident, List<String> openTasks) {}
