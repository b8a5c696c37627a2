package io.vigil.oncall.contract;

/**
 * The contract of {@code processes/on-call-paging.bpmn}: an incident that reached a group pages its
 * on-call, then the secondary, then the incident managers, each after a wait nobody acknowledged.
 * The business key is the incident's number.
 */
public final class PagingProcess {

  public static final String KEY = "on-call-paging";
  public static final String DECISION = "on-call-paging";

  private PagingProcess() {}

  /** BPMN element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_PageRequested";
    public static final String DECIDE = "Task_DecidePaging";
    public static final String PAGES = "Gateway_Pages";
    public static final String NO_PAGE = "EndEvent_NoPage";
    public static final String PAGE_PRIMARY = "Task_PagePrimary";
    public static final String PRIMARY_PAGED = "Gateway_PrimaryPaged";
    public static final String AWAIT_PRIMARY = "Gateway_AwaitPrimary";
    public static final String PRIMARY_ACKNOWLEDGED = "Event_PrimaryAcknowledged";
    public static final String PRIMARY_WITHDRAWN = "Event_PrimaryWithdrawn";
    public static final String PRIMARY_TIMED_OUT = "Event_PrimaryNotAcknowledged";
    public static final String ACKNOWLEDGED_BY_PRIMARY = "EndEvent_PrimaryAcknowledged";
    public static final String WITHDRAWN_FROM_PRIMARY = "EndEvent_PrimaryWithdrawn";
    public static final String SECONDARY_DUE = "Gateway_SecondaryDue";
    public static final String PAGE_SECONDARY = "Task_PageSecondary";
    public static final String SECONDARY_PAGED = "Gateway_SecondaryPaged";
    public static final String AWAIT_SECONDARY = "Gateway_AwaitSecondary";
    public static final String SECONDARY_ACKNOWLEDGED = "Event_SecondaryAcknowledged";
    public static final String SECONDARY_WITHDRAWN = "Event_SecondaryWithdrawn";
    public static final String SECONDARY_TIMED_OUT = "Event_SecondaryNotAcknowledged";
    public static final String ACKNOWLEDGED_BY_SECONDARY = "EndEvent_SecondaryAcknowledged";
    public static final String WITHDRAWN_FROM_SECONDARY = "EndEvent_SecondaryWithdrawn";
    public static final String INCIDENT_MANAGERS_DUE = "Gateway_IncidentManagersDue";
    public static final String PAGE_INCIDENT_MANAGERS = "Task_PageIncidentManagers";
    public static final String INCIDENT_MANAGERS_PAGED = "EndEvent_IncidentManagersPaged";

    private Elements() {}
  }

  /** Message names correlated to the process. */
  public static final class Messages {
    /** Starts paging (business key: the incident's number); carries its title, priority and resolver group. */
    public static final String PAGE_REQUESTED = "PageRequested";
    /** Someone took the incident (claimed its triage, or acknowledged the page); carries {@link Variables#ACKNOWLEDGED_BY}. */
    public static final String ACKNOWLEDGED = "PageAcknowledged";
    /** The incident left the group or was resolved before anyone acknowledged: nobody else is paged. */
    public static final String WITHDRAWN = "PageWithdrawn";

    private Messages() {}
  }

  /** Process variables. */
  public static final class Variables {
    public static final String TITLE = "title";
    public static final String PRIORITY = "priority";
    public static final String RESOLVER_GROUP = "resolverGroup";
    /** Whether the page's moment lies in the group's office hours: an input of on-call-paging.dmn. */
    public static final String IN_OFFICE_HOURS = "inOfficeHours";
    /** Outputs of on-call-paging.dmn. */
    public static final String PAGES = "pages";
    public static final String ACKNOWLEDGE_WITHIN = "acknowledgeWithin";
    /** Whether the last "Page …" step found someone to page. */
    public static final String PAGED = "paged";
    public static final String ACKNOWLEDGED_BY = "acknowledgedBy";

    private Variables() {}
  }
}
