package io.vigil.security;

import static org.camunda.bpm.engine.authorization.Permissions.*;
import static org.camunda.bpm.engine.authorization.Resources.*;

import io.vigil.VigilRole;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates, once the engine is built, the groups, the configured administrator and worker accounts
 * and their authorizations, then runs each feature's {@link EngineAccess} (its processes' grants,
 * the Tasklist filters). Runs on every start of every node, under the engine's startup lock, so
 * that concurrent nodes neither duplicate nor miss anything.
 */
@Component
@EnableConfigurationProperties(SecurityProperties.class)
class IdentitySetup extends AbstractCamundaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

  private final SecurityProperties properties;
  private final VigilRole role;
  private final ObjectProvider<DemoUsers> demoUsers;
  private final ObjectProvider<EngineAccess> access;

  IdentitySetup(SecurityProperties properties, VigilRole role, ObjectProvider<DemoUsers> demoUsers,
      ObjectProvider<EngineAccess> access) {
    this.properties = properties;
    this.role = role;
    this.demoUsers = demoUsers;
    this.access = access;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(context -> {
      context.getPropertyManager().acquireExclusiveLockForStartup();
      setUp(engine);
      return null;
    });
  }

  private void setUp(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    EngineAuthorizations grants = new EngineAuthorizations(engine.getAuthorizationService());
    createGroup(identity, Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    for (VigilGroup group : VigilGroup.values()) {
      createGroup(identity, group.id(), group.displayName(),
          group.isAnalystGroup() ? Groups.GROUP_TYPE_WORKFLOW : Groups.GROUP_TYPE_SYSTEM);
    }
    grantAuthorizations(grants);
    createAdministrator(identity);
    createWorkerAccount(identity);
    demoUsers.ifAvailable(demo -> demo.create(identity, properties.admin().username()));
    access.orderedStream().forEach(feature -> feature.setUp(engine, grants::grantGroup));
    grants.apply();
  }

  private void createAdministrator(IdentityService identity) {
    SecurityProperties.Account admin = properties.admin();
    if (identity.createUserQuery().userId(admin.username()).count() == 0) {
      if (!admin.configured()) {
        throw new IllegalStateException("No administrator '" + admin.username() + "' exists and "
            + "vigil.security.admin.password is not set: give the administrator's password (environment variable "
            + "VIGIL_SECURITY_ADMIN_PASSWORD), or run with the demo profile");
      }
      createUser(identity, admin.username(), admin.password(), "Vigil", "Administrator",
          demoUsers.getIfAvailable() == null ? null : DemoUsers.address(admin.username()));
      log.info("Administrator '{}' created", admin.username());
    }
    addMembership(identity, admin.username(), Groups.CAMUNDA_ADMIN);
    addMembership(identity, admin.username(), VigilGroup.VIGIL_ADMINS.id());
  }

  private void createWorkerAccount(IdentityService identity) {
    SecurityProperties.Account worker = properties.worker();
    if (!worker.configured()) {
      if (role.runsWorkers()) {
        throw new IllegalStateException("vigil.role=" + role.value() + " runs the workers, which "
            + "authenticate to the engine: set vigil.security.worker.password (environment variable "
            + "VIGIL_SECURITY_WORKER_PASSWORD)");
      }
      return;
    }
    if (identity.createUserQuery().userId(worker.username()).count() == 0) {
      createUser(identity, worker.username(), worker.password(), "Vigil", "Workers", null);
      log.info("Worker account '{}' created", worker.username());
    }
    addMembership(identity, worker.username(), VigilGroup.VIGIL_WORKERS.id());
  }

  private void grantAuthorizations(EngineAuthorizations grants) {
    String any = EngineAuthorizations.ANY;
    for (Resources resource : Resources.values()) {
      grants.grantGroup(Groups.CAMUNDA_ADMIN, resource, any, ALL);
    }
    for (VigilGroup group : VigilGroup.values()) {
      if (group.isAnalystGroup()) {
        grants.grantGroup(group.id(), APPLICATION, "tasklist", ACCESS);
        grants.grantGroup(group.id(), PROCESS_INSTANCE, any, CREATE);
        grants.grantGroup(group.id(), DEPLOYMENT, any, READ);
      }
    }
    String managers = VigilGroup.INCIDENT_MANAGERS.id();
    grants.grantGroup(managers, APPLICATION, "cockpit", ACCESS);
    grants.grantGroup(managers, TASK, any, READ);
    grants.grantGroup(managers, PROCESS_DEFINITION, any, READ, READ_INSTANCE, READ_HISTORY);
    grants.grantGroup(managers, PROCESS_INSTANCE, any, READ);

    String auditors = VigilGroup.AUDITORS.id();
    grants.grantGroup(auditors, APPLICATION, "cockpit", ACCESS);
    grants.grantGroup(auditors, PROCESS_DEFINITION, any, READ, READ_INSTANCE, READ_HISTORY);
    grants.grantGroup(auditors, DECISION_DEFINITION, any, READ, READ_HISTORY);
    grants.grantGroup(auditors, DECISION_REQUIREMENTS_DEFINITION, any, READ);
    grants.grantGroup(auditors, DEPLOYMENT, any, READ);
    grants.grantGroup(auditors, PROCESS_INSTANCE, any, READ);
    grants.grantGroup(auditors, TASK, any, READ);
    grants.grantGroup(auditors, OPERATION_LOG_CATEGORY, any, UserOperationLogCategoryPermissions.READ);

    String owners = VigilGroup.PROCESS_OWNERS.id();
    grants.grantGroup(owners, APPLICATION, "cockpit", ACCESS);
    grants.grantGroup(owners, DEPLOYMENT, any, CREATE, READ, DELETE);
    grants.grantGroup(owners, PROCESS_DEFINITION, any, READ, UPDATE, READ_INSTANCE, READ_HISTORY, CREATE_INSTANCE);
    grants.grantGroup(owners, DECISION_DEFINITION, any, READ, UPDATE, READ_HISTORY, CREATE_INSTANCE);
    grants.grantGroup(owners, DECISION_REQUIREMENTS_DEFINITION, any, READ);
    grants.grantGroup(owners, PROCESS_INSTANCE, any, READ);

    String workers = VigilGroup.VIGIL_WORKERS.id();
    grants.grantGroup(workers, PROCESS_DEFINITION, any, READ, READ_INSTANCE, UPDATE_INSTANCE);
    grants.grantGroup(workers, PROCESS_INSTANCE, any, READ, UPDATE);
    grants.grantGroup(workers, DECISION_DEFINITION, any, READ, CREATE_INSTANCE);
  }

  private static void createGroup(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  static void createUser(IdentityService identity, String id, String password, String firstName, String lastName, String email) {
    User user = identity.newUser(id);
    user.setPassword(password);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    identity.saveUser(user);
  }

  static void addMembership(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

}
