package io.vigil.change;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import io.vigil.change.contract.ChangeProcess;
import io.vigil.security.EngineAccess;
import io.vigil.security.VigilGroup;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

/**
 * Resolver groups, change managers and problem managers request changes (the Tasklist start form,
 * the API); the CAB and the change managers approve them. Changes raised by a problem's fix step are
 * raised by Vigil.
 */
@Component
class ChangeAccess implements EngineAccess {

  @Override
  public void setUp(ProcessEngine engine, Grants grants) {
    for (String group : VigilGroup.resolverGroupIds()) {
      grants.grant(group, PROCESS_DEFINITION, ChangeProcess.KEY, READ, CREATE_INSTANCE, READ_HISTORY);
    }
    grants.grant(VigilGroup.CHANGE_MANAGERS.id(), PROCESS_DEFINITION, ChangeProcess.KEY, READ, CREATE_INSTANCE, READ_HISTORY);
    grants.grant(VigilGroup.PROBLEM_MANAGERS.id(), PROCESS_DEFINITION, ChangeProcess.KEY, READ, CREATE_INSTANCE, READ_HISTORY);
    grants.grant(VigilGroup.CAB.id(), PROCESS_DEFINITION, ChangeProcess.KEY, READ, READ_HISTORY);
  }
}
