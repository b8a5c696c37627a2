package io.vigil.workers.notify;

import io.vigil.notify.contract.Notifications;

/**
 * Whom a {@code notify.send} task's audience names, by the grammar of {@link Notifications}: the
 * caller, one user, or a name, which is a group when Vigil knows one by it and only a webhook
 * audience otherwise.
 */
record Audience(Kind kind, String name) {

  enum Kind {
    CALLER,
    USER,
    NAMED
  }

  static Audience parse(String audience) {
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException(Notifications.Variables.AUDIENCE + " is not set on the task");
    }
    String name = audience.trim();
    if (name.equals(Notifications.CALLER)) {
      return new Audience(Kind.CALLER, name);
    }
    if (name.startsWith(Notifications.USER_PREFIX) && name.length() > Notifications.USER_PREFIX.length()) {
      return new Audience(Kind.USER, name.substring(Notifications.USER_PREFIX.length()));
    }
    return new Audience(Kind.NAMED, name);
  }
}
