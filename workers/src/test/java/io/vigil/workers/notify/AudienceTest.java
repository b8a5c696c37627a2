package io.vigil.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudienceTest {

  @Test
  void callerIsTheTicketsCaller() {
    assertThat(Audience.parse("caller")).isEqualTo(new Audience(Audience.Kind.CALLER, "caller"));
  }

  @Test
  void aUserIsNamedAfterTheirPrefix() {
    assertThat(Audience.parse("user:db.dave")).isEqualTo(new Audience(Audience.Kind.USER, "db.dave"));
  }

  @Test
  void anythingElseIsANameThatMayBeAGroup() {
    assertThat(Audience.parse("incident-managers")).isEqualTo(new Audience(Audience.Kind.NAMED, "incident-managers"));
    assertThat(Audience.parse("stakeholders")).isEqualTo(new Audience(Audience.Kind.NAMED, "stakeholders"));
    assertThat(Audience.parse("user:")).isEqualTo(new Audience(Audience.Kind.NAMED, "user:"));
  }

  @Test
  void aStepWithoutAudienceIsAModellingMistake() {
    assertThatThrownBy(() -> Audience.parse(" ")).hasMessageContaining("notificationAudience");
  }
}
