package io.vigil.ticket;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Refuses {@link ControlCharacters} in whatever a person hands to a process: the variables a
 * process starts with (a start form, the API) and those written as a user task is completed (a
 * Tasklist form, or {@code /engine-rest}, which takes any variable, not only the form's fields). The ticket
 * listeners check the fields they read; this covers the rest, which would otherwise reach the
 * database (PostgreSQL cannot store NUL: a 500 instead of a 400). It is added to every model as it
 * is deployed, so a step a process owner adds is covered without wiring anything.
 */
@Component
class HumanInputGuard extends AbstractCamundaConfiguration {

  private static final TaskListener ON_COMPLETE = task -> refuseControlCharacters(task);
  private static final ExecutionListener ON_START = execution -> refuseControlCharacters(execution);

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ON_COMPLETE);
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl startEvent) {
        if (scope instanceof ProcessDefinitionImpl) {
          startEvent.addBuiltInListener(ExecutionListener.EVENTNAME_START, ON_START);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /**
   * Only what this command writes is judged: text stored before (machine input, or data from before
   * this rule) never keeps an analyst from completing a step.
   */
  static void refuseControlCharacters(VariableScope scope) {
    for (CachedDbEntity cached : Context.getCommandContext().getDbEntityManager().getDbEntityCache().getCachedEntities()) {
      if (cached.getEntity() instanceof VariableInstanceEntity variable
          && (cached.getEntityState() == DbEntityState.TRANSIENT || cached.isDirty())
          && variable.getTextValue() != null && ControlCharacters.in(variable.getTextValue())) {
        throw TicketInput.refusal(scope, variable.getName() + ": " + TicketInput.CONTROL_CHARACTERS);
      }
    }
  }
}
