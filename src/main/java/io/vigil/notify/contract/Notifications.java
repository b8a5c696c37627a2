package io.vigil.notify.contract;

/**
 * The contract of every {@code notify.send} task, in any process: the inputs a model sets on the
 * task, the variables the worker answers with, the audience grammar and the mail templates Vigil
 * ships.
 *
 * <p>Audience ({@link Variables#AUDIENCE}), one of:
 * <ul>
 *   <li>a Camunda group id ({@code incident-managers}, {@code database}, …): its members, by e-mail;
 *   <li>{@value #CALLER}: the ticket's caller. The {@code caller} process variable is free text: an
 *       e-mail address is written to as it is, a user id to that user's e-mail; anything else gets
 *       no mail;
 *   <li>{@value #USER_PREFIX}{@code <id>}: one user, by e-mail;
 *   <li>anything else ({@code stakeholders}): no mail.
 * </ul>
 * Whatever the audience, the webhook channels configured for that exact name are posted to as well
 * ({@code vigil.workers.notifications.channels}). A person without an e-mail address is skipped,
 * not failed. The ticket is the task's business key (INC-…, PRB-…, CHG-…); a queue digest, about
 * several incidents, is filed under the oldest of them.
 */
public final class Notifications {

  public static final String TOPIC = "notify.send";
  /** The audience of the ticket's caller. */
  public static final String CALLER = "caller";
  /** The audience of one user: {@code user:db.dave}. */
  public static final String USER_PREFIX = "user:";

  private Notifications() {}

  /** Variables of a {@code notify.send} task. */
  public static final class Variables {
    /** Input: who is told (see the class comment). */
    public static final String AUDIENCE = "notificationAudience";
    /** Input: one line saying what happened; the subject of the generic mail and the webhooks' text. */
    public static final String SUBJECT = "notificationSubject";
    /** Optional input: the mail template ({@link Templates}); {@link Templates#NOTIFICATION} when absent. */
    public static final String TEMPLATE = "notificationTemplate";
    /** Optional input of {@link Templates#ON_CALL_PAGE}: {@code PRIMARY}, {@code SECONDARY} or {@code INCIDENT_MANAGERS}. */
    public static final String PAGE_LAYER = "pageLayer";
    /**
     * Input of {@link Templates#QUEUE_DIGEST}: a JSON array of the incidents the digest lists, oldest
     * first, each {@code number}, {@code title}, {@code priority} and {@code reachedAt} (ISO-8601).
     */
    public static final String QUEUE_DIGEST = "queueDigest";
    /** The caller, as reported (a process variable of incidents). */
    public static final String CALLER = "caller";
    /** Output: how many mails and webhook posts the task delivered (including those a first delivery sent). */
    public static final String DELIVERED = "notificationsDelivered";
    /** Output: what was delivered to, e-mail addresses and webhook channel names, as a JSON array in a string (a JSON value would add byte arrays to every notification's history). */
    public static final String RECIPIENTS = "notifiedRecipients";

    private Variables() {}
  }

  /** The mail templates Vigil ships; an operator may add others, or override these, in a directory. */
  public static final class Templates {
    /** Any notification: the subject, the ticket and links. */
    public static final String NOTIFICATION = "notification";
    /** To the caller: the incident is registered, what happens next, articles that may help. */
    public static final String INCIDENT_REGISTERED = "incident-registered";
    /** To the caller: the incident is resolved; how to confirm or reopen. */
    public static final String INCIDENT_RESOLVED = "incident-resolved";
    /** To the caller: the incident is closed. */
    public static final String INCIDENT_CLOSED = "incident-closed";
    /** To a resolver group: a new incident in its queue. */
    public static final String INCIDENT_QUEUED = "incident-queued";
    /** To a resolver group: the incidents of low priority that reached its queue since the last digest. */
    public static final String QUEUE_DIGEST = "queue-digest";
    /** To the person on call, or the incident managers: acknowledge this incident. */
    public static final String ON_CALL_PAGE = "on-call-page";
    /** To the incident managers: an SLA escalated hierarchically. */
    public static final String INCIDENT_ESCALATED = "incident-escalated";

    private Templates() {}
  }
}
