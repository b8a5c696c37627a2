package io.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.vigil.notify.contract.Notifications;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

class NotificationAuditTest {

  @Test
  void theEntryNamesTheAudienceWhomItReachedAndTheSubject() {
    VariableScope task = task(Spin.JSON("[\"im.ian@example.com\",\"ops-chat\"]"));

    assertThat(NotificationAudit.detail(task))
        .isEqualTo("incident-managers -> im.ian@example.com, ops-chat: INC-000042 breaching: RESOLUTION SLA at 100%");
  }

  @Test
  void anAudienceNobodyWasFoundForSaysSo() {
    assertThat(NotificationAudit.detail(task("[]"))).startsWith("incident-managers -> nobody: ");
  }

  @Test
  void aListOrItsJsonTextAreReadAlike() {
    assertThat(NotificationAudit.recipients(List.of("a@example.com"))).containsExactly("a@example.com");
    assertThat(NotificationAudit.recipients("[\"a@example.com\"]")).containsExactly("a@example.com");
  }

  @Test
  void aWorkerOfThePreviousVersionGaveOnlyTheCount() {
    VariableScope task = task(null);
    when(task.getVariable(Notifications.Variables.DELIVERED)).thenReturn(2);

    assertThat(NotificationAudit.detail(task)).startsWith("incident-managers -> 2 recipient(s): ");
  }

  private static VariableScope task(Object recipients) {
    VariableScope task = mock(VariableScope.class);
    when(task.getVariable(Notifications.Variables.AUDIENCE)).thenReturn("incident-managers");
    when(task.getVariable(Notifications.Variables.SUBJECT)).thenReturn("INC-000042 breaching: RESOLUTION SLA at 100%");
    when(task.getVariable(Notifications.Variables.RECIPIENTS)).thenReturn(recipients);
    return task;
  }
}
