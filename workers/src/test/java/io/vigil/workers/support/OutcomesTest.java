package io.vigil.workers.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.Map;
import org.camunda.bpm.client.exception.EngineException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  private final ExternalTask task = mock(ExternalTask.class);
  private final ExternalTaskService service = mock(ExternalTaskService.class);

  @Test
  void aConcurrentChangeOfTheProcessIsReportedAgain() {
    doThrow(conflict()).doThrow(conflict()).doNothing().when(service).complete(any(ExternalTask.class), anyMap(), any());
    assertThatCode(() -> Outcomes.complete(task, service, Map.of(), null)).doesNotThrowAnyException();
    verify(service, times(3)).complete(any(ExternalTask.class), anyMap(), any());
  }

  @Test
  void aConflictThatDoesNotGoAwayIsLeftToTheLock() {
    doThrow(conflict()).when(service).complete(any(ExternalTask.class), anyMap(), any());
    assertThatThrownBy(() -> Outcomes.complete(task, service, Map.of(), null)).isInstanceOf(EngineException.class);
    verify(service, times(Outcomes.ATTEMPTS)).complete(any(ExternalTask.class), anyMap(), any());
  }

  @Test
  void otherEngineErrorsAreNotRetried() {
    doThrow(new EngineException("boom", new RestException("boom", "ProcessEngineException", 0)))
        .when(service).complete(any(ExternalTask.class), anyMap(), any());
    assertThatThrownBy(() -> Outcomes.complete(task, service, Map.of(), null)).isInstanceOf(EngineException.class);
    verify(service, times(1)).complete(any(ExternalTask.class), anyMap(), any());
  }

  private static EngineException conflict() {
    return new EngineException("ENGINE-03005 updated by another transaction concurrently",
        new RestException("ENGINE-03005", "OptimisticLockingException", 1));
  }
}
