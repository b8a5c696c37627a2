package io.vigil.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine checks authorizations with the user's groups as they are. Before each command's first
 * check it used to read every group that holds any authorization ({@code SELECT DISTINCT GROUP_ID_}
 * over the whole authorization table, which holds two grants per open task) to leave the others out
 * of its checks: 13 such reads per incident, each scanning the table. A group without authorizations
 * matches nothing in a check, so the answers are the same; what it saved, shorter lists for users in
 * hundreds of directory groups, does not apply to Vigil's users, who are in one or two (ADR 13).
 */
@Component
class AuthorizationChecks extends AbstractCamundaConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    install(configuration);
  }

  static void install(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new GroupsAsGiven());
    configuration.setCustomSessionFactories(factories);
  }

  /** Opens, for every command, an authorization manager that takes the user's groups as given. */
  static final class GroupsAsGiven implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager();
    }
  }

  static final class Manager extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      // a mutable list of its own, as the engine's: MyBatis reads it by reflection
      return new ArrayList<>(authenticatedGroupIds);
    }
  }
}
