package io.vigil.change;

import io.vigil.catalog.ServiceCatalog;
import io.vigil.incident.IncidentChanges;
import io.vigil.incident.IncidentService;
import io.vigil.incident.ReportIncidentRequest;
import io.vigil.incident.contract.IncidentProcess;
import io.vigil.ticket.TicketInput;
import io.vigil.ticket.TicketProcesses;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** A failed change opens an incident on its first item, caused by it, in the step that backs it out. */
@Component
class IncidentsFromChanges {

  private final RuntimeService runtime;
  private final IncidentChanges incidents;
  private final ServiceCatalog catalog;

  IncidentsFromChanges(RuntimeService runtime, IncidentChanges incidents, ServiceCatalog catalog) {
    this.runtime = runtime;
    this.incidents = incidents;
    this.catalog = catalog;
  }

  /** The incident's number. */
  String openFor(Change change, String actor) {
    String ci = change.cis().isEmpty() ? null : change.cis().get(0);
    String service = ci == null ? null : catalog.configurationItem(ci).map(item -> item.service()).orElse(null);
    String title = "Failed change " + change.number() + ": " + change.title();
    String description = "Change " + change.number() + " failed and was backed out.\n\nImplementation: "
        + change.implementationNotes() + "\n\nBack-out: " + change.backoutNotes();
    ReportIncidentRequest report = new ReportIncidentRequest(TicketInput.shortened(title, TicketInput.MAX_TITLE),
        TicketInput.shortened(description, TicketInput.MAX_TEXT),
        change.requestedBy(), service, ci, null, null);
    String number = TicketProcesses.withoutAuthorization(() -> runtime.createProcessInstanceByKey(IncidentProcess.KEY)
        .setVariables(IncidentService.variables(report, actor, null)).execute().getBusinessKey());
    incidents.mark(number, change.number(), actor);
    return number;
  }
}
