package io.vigil.notify.contract;

/**
 * The contract of {@code processes/notification.bpmn}: one message to the people of an audience,
 * sent by worker {@code notify.send} ({@link Notifications}) in a process of its own, so that a mail server that is down
 * delays the message, never the ticket's process. Ticket processes start it with a throw event
 * ("Tell the caller …") whose inputs name the audience and the template; the business key is the
 * ticket's number (for a queue digest, its oldest incident's).
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
}
