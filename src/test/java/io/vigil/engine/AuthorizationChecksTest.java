package io.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authorization checks with the user's groups as given answer as the engine's own did. */
class AuthorizationChecksTest {

  private static ProcessEngine engine;
  private static AuthorizationService authorizations;

  @BeforeAll
  static void engine() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:authorization-checks;DB_CLOSE_DELAY=-1")
        .setAuthorizationEnabled(true);
    AuthorizationChecks.install(configuration);
    engine = configuration.buildProcessEngine();
    authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("network");
    grant.setResource(PROCESS_DEFINITION);
    grant.setResourceId("incident-management");
    grant.addPermission(READ);
    authorizations.saveAuthorization(grant);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void aGroupWithoutAuthorizationsChangesNoAnswer() {
    assertThat(authorizations.isUserAuthorized("nina", List.of("network", "directory-only"), READ, PROCESS_DEFINITION,
        "incident-management")).isTrue();
    assertThat(authorizations.isUserAuthorized("nina", List.of("directory-only", "network"), READ, PROCESS_DEFINITION,
        "incident-management")).isTrue();
    assertThat(authorizations.isUserAuthorized("sam", List.of("directory-only"), READ, PROCESS_DEFINITION,
        "incident-management")).isFalse();
    assertThat(authorizations.isUserAuthorized("nina", List.of("network"), READ, PROCESS_DEFINITION, "change-management"))
        .isFalse();
    assertThat(authorizations.isUserAuthorized("nobody", List.of(), READ, PROCESS_DEFINITION, "incident-management")).isFalse();
  }

  @Test
  void theGroupsAreTakenWithoutReadingWhichHoldAuthorizations() {
    // outside a command there is no database to read: the engine's own manager would fail here
    AuthorizationChecks.Manager manager = new AuthorizationChecks.Manager();
    assertThat(manager.filterAuthenticatedGroupIds(List.of("network", "directory-only")))
        .containsExactly("network", "directory-only");
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories()
        .get(AuthorizationManager.class)).isInstanceOf(AuthorizationChecks.GroupsAsGiven.class);
  }
}
