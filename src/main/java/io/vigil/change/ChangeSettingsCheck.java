package io.vigil.change;

import io.vigil.catalog.ServiceCatalog;
import io.vigil.security.VigilGroup;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The operator's change settings name items, services and groups that must exist: a template for an
 * item the catalog lost would refuse every request, and a maintenance window of a misspelt service
 * would silently constrain nothing. Checked once the catalog is loaded; a mistake stops the start,
 * naming the property.
 */
@Component
class ChangeSettingsCheck {

  private final ChangeProperties changes;
  private final ChangeCalendarProperties calendar;
  private final ServiceCatalog catalog;

  ChangeSettingsCheck(ChangeProperties changes, ChangeCalendarProperties calendar, ServiceCatalog catalog) {
    this.changes = changes;
    this.calendar = calendar;
    this.catalog = catalog;
  }

  @EventListener(ApplicationStartedEvent.class)
  void check() {
    List<String> mistakes = mistakes();
    if (!mistakes.isEmpty()) {
      throw new IllegalStateException("Change settings name what does not exist: " + String.join("; ", mistakes));
    }
  }

  List<String> mistakes() {
    List<String> mistakes = new ArrayList<>();
    for (int i = 0; i < changes.templates().size(); i++) {
      ChangeProperties.Template template = changes.templates().get(i);
      for (String ci : template.cis()) {
        if (catalog.configurationItem(ci).isEmpty()) {
          mistakes.add("vigil.changes.templates[" + i + "].cis: '" + ci + "' is not in the service catalog");
        }
      }
      if (VigilGroup.byId(template.implementerGroup()).filter(VigilGroup::isResolverGroup).isEmpty()) {
        mistakes.add("vigil.changes.templates[" + i + "].implementer-group: '" + template.implementerGroup()
            + "' is not a resolver group " + VigilGroup.resolverGroupIds());
      }
    }
    for (String service : calendar.maintenanceWindows().keySet()) {
      if (catalog.service(service).isEmpty()) {
        mistakes.add("vigil.changes.calendar.maintenance-windows: '" + service + "' is not a service of the catalog");
      }
    }
    return mistakes;
  }
}
