package io.vigil.notify.contract;

/**
 * The contract of {@code processes/notification.bpmn}: one message to the people of an audience,
 * sent by worker {@code notify.send} in a process of its own, so that a mail server that is down
 * delays the message, never the ticket's process. Ticket processes start it with a throw event
 * ("Tell the caller …") whose inputs name the audience and the template; the business key is the
 * ticket's number.
 */
public final class NotificationProcess {

  public static final String KEY = "notification";

  private NotificationProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_NotificationRequested";
    public static final String SEND = "Task_Send";
    public static final String SENT = "EndEvent_Sent";

    private Elements() {}
  }

  /** Message names. */
  public static final class Messages {
    /** Starts the process; carries the audience, template, subject and the ticket's fields. */
    public static final String REQUESTED = "NotificationRequested";

    private Messages() {}
  }

  /** The throw events' inputs and the process' variables. */
  public static final class Variables {
    /** Who: a group id (its members), {@code caller}, {@code user:<id>}, or a webhook-only audience such as {@code stakeholders}. */
    public static final String AUDIENCE = "notificationAudience";
    /** One line: the webhook's text and the generic mail's subject. */
    public static final String SUBJECT = "notificationSubject";
    /** The mail template's name (workers' {@code mail/<template>.*.mustache}). */
    public static final String TEMPLATE = "notificationTemplate";
    /** For a page: which layer it went to ({@link io.vigil.oncall.contract.PageLayer}). */
    public static final String PAGE_LAYER = "pageLayer";

    private Variables() {}
  }

  /** The worker of every notification, in this process and in the ticket processes' own steps. */
  public static final class Topics {
    public static final String SEND = "notify.send";

    private Topics() {}
  }
}
