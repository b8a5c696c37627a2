package io.vigil.engine;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.security.EngineAccess;
import io.vigil.security.VigilGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters every analyst starts with: their groups' work, most urgent first (SLA due
 * date, then priority), and their own. Created once; analysts may add their own filters.
 */
@Component
class TasklistFilters implements EngineAccess {

  static final String MY_GROUPS = "My groups, most urgent first";
  static final String ASSIGNED_TO_ME = "Assigned to me";

  @Override
  public void setUp(ProcessEngine engine, Grants grants) {
    FilterService filters = engine.getFilterService();
    TaskQuery myGroups = engine.getTaskService().createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks();
    mostUrgentFirst(myGroups);
    TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
    mostUrgentFirst(mine);
    for (Filter filter : List.of(
        filter(filters, MY_GROUPS, myGroups, -10, "#c0392b", "Open work of your groups, the one that breaches first on top"),
        filter(filters, ASSIGNED_TO_ME, mine, -5, "#2980b9", "The work you took"))) {
      for (String group : VigilGroup.analystGroupIds()) {
        grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    }
  }

  private static void mostUrgentFirst(TaskQuery query) {
    query.orderByDueDate().asc().orderByTaskPriority().desc().orderByTaskCreateTime().asc();
  }

  private static Filter filter(FilterService filters, String name, TaskQuery query, int order, String color, String description) {
    Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", order);
    properties.put("color", color);
    properties.put("description", description);
    properties.put("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", List.of(
        variable(IncidentProcess.Variables.INCIDENT_NUMBER, "Ticket"),
        variable(IncidentProcess.Variables.PRIORITY, "Priority"),
        variable(IncidentProcess.Variables.RESOLVER_GROUP, "Group"),
        variable(IncidentProcess.Variables.CI, "CI")));
    Filter filter = filters.newTaskFilter(name).setOwner(null).setQuery(query).setProperties(properties);
    return filters.saveFilter(filter);
  }

  private static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
