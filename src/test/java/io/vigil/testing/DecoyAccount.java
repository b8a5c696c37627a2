package io.vigil.testing;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The account tests give a wrong password for. The engine makes an account wait after a wrong
 * password, longer with each, and locks it after ten: were it a demo user, a later test logging in
 * as that user would be refused, or not, depending on timing.
 */
public final class DecoyAccount {

  public static final String USER = "decoy.dan";

  private DecoyAccount() {}

  /** Creates the account once per context, in the service desk; answers its id. */
  public static String in(IdentityService identity) {
    if (identity.createUserQuery().userId(USER).count() == 0) {
      User decoy = identity.newUser(USER);
      decoy.setPassword("not-what-the-tests-send");
      identity.saveUser(decoy);
      identity.createMembership(USER, "service-desk");
    }
    return USER;
  }
}
