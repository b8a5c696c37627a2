package io.vigil.problem;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import io.vigil.problem.contract.ProblemProcess;
import io.vigil.security.EngineAccess;
import io.vigil.security.VigilGroup;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

/**
 * Problem managers open problems (the Tasklist start form, the API) and work them; problems opened from
 * incidents or by recurrence are opened by Vigil itself.
 */
@Component
class ProblemAccess implements EngineAccess {

  @Override
  public void setUp(ProcessEngine engine, Grants grants) {
    grants.grant(VigilGroup.PROBLEM_MANAGERS.id(), PROCESS_DEFINITION, ProblemProcess.KEY, READ, CREATE_INSTANCE, READ_HISTORY);
  }
}
