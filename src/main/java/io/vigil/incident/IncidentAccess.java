package io.vigil.incident;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import io.vigil.incident.contract.IncidentProcess;
import io.vigil.security.EngineAccess;
import io.vigil.security.VigilGroup;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

/** Everyone who works in Tasklist may report an incident there (its start form) and read its history. */
@Component
class IncidentAccess implements EngineAccess {

  @Override
  public void setUp(ProcessEngine engine, Grants grants) {
    for (String group : VigilGroup.analystGroupIds()) {
      grants.grant(group, PROCESS_DEFINITION, IncidentProcess.KEY, READ, CREATE_INSTANCE, READ_HISTORY);
    }
  }
}
