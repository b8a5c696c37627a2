package io.vigil.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * One user per group, password {@code demo}, e-mail {@code <id>@example.com} (the administrator's
 * too). Only in the {@code demo} profile, never in production.
 */
@Component
@Profile("demo")
class DemoUsers {

  static final String PASSWORD = "demo";

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  record DemoUser(String id, String firstName, String lastName, VigilGroup group) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("sd.anna", "Anna", "Service Desk", VigilGroup.SERVICE_DESK),
      new DemoUser("net.nina", "Nina", "Network", VigilGroup.NETWORK),
      new DemoUser("db.dave", "Dave", "Database", VigilGroup.DATABASE),
      new DemoUser("app.alex", "Alex", "Application Support", VigilGroup.APPLICATION_SUPPORT),
      new DemoUser("infra.ivan", "Ivan", "Infrastructure", VigilGroup.INFRASTRUCTURE),
      new DemoUser("sec.sam", "Sam", "Security", VigilGroup.SECURITY),
      new DemoUser("dev.dana", "Dana", "Development", VigilGroup.DEVELOPMENT),
      new DemoUser("im.ian", "Ian", "Incident Manager", VigilGroup.INCIDENT_MANAGERS),
      new DemoUser("pm.paula", "Paula", "Problem Manager", VigilGroup.PROBLEM_MANAGERS),
      new DemoUser("cm.chris", "Chris", "Change Manager", VigilGroup.CHANGE_MANAGERS),
      new DemoUser("cab.carl", "Carl", "CAB", VigilGroup.CAB),
      new DemoUser("audit.ada", "Ada", "Auditor", VigilGroup.AUDITORS),
      new DemoUser("po.pat", "Pat", "Process Owner", VigilGroup.PROCESS_OWNERS));

  void create(IdentityService identity, String administrator) {
    int created = 0;
    for (DemoUser user : USERS) {
      if (identity.createUserQuery().userId(user.id()).count() == 0) {
        IdentitySetup.createUser(identity, user.id(), PASSWORD, user.firstName(), user.lastName(), address(user.id()));
        created++;
      } else {
        giveAddress(identity, user.id());
      }
      IdentitySetup.addMembership(identity, user.id(), user.group().id());
    }
    giveAddress(identity, administrator);
    if (created > 0) {
      log.warn("Demo profile: {} demo users created with password '{}'. Never use the demo profile in production.",
          created, PASSWORD);
    }
  }

  /**
   * Demo installs from before e-mail get their addresses at the next start; an address set since is
   * kept. A user created in this same start is not found yet (the engine writes at the end of the
   * start-up transaction): it was created with its address.
   */
  static void giveAddress(IdentityService identity, String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user != null && (user.getEmail() == null || user.getEmail().isBlank())) {
      user.setEmail(address(userId));
      identity.saveUser(user);
    }
  }

  static String address(String userId) {
    return userId + "@example.com";
  }
}
