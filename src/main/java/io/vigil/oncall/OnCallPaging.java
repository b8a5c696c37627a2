package io.vigil.oncall;

import static io.vigil.oncall.contract.PagingProcess.Variables.*;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.notify.NotificationRequests;
import io.vigil.notify.contract.Notifications;
import io.vigil.oncall.contract.PageLayer;
import io.vigil.oncall.contract.PagingProcess;
import io.vigil.security.VigilGroup;
import io.vigil.ticket.TicketInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * On-call paging ({@code processes/on-call-paging.bpmn}): the incident model's "Page the on-call"
 * throw event starts it, its steps page each layer of the group's rota as it stands at that moment,
 * and claiming the triage task or the acknowledge endpoint stops it. Pages are recorded in
 * {@link Pages} and the incident's audit trail in the transaction that sends them.
 */
@Component("onCallPaging")
public class OnCallPaging implements JavaDelegate {

  private final OnCallSchedule schedule;
  private final Pages pages;
  private final NotificationRequests notifications;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final AuditTrail audit;
  private final Clock clock;

  OnCallPaging(OnCallSchedule schedule, Pages pages, NotificationRequests notifications, RuntimeService runtime,
      IdentityService identity, AuditTrail audit, Clock clock) {
    this.schedule = schedule;
    this.pages = pages;
    this.notifications = notifications;
    this.runtime = runtime;
    this.identity = identity;
    this.audit = audit;
    this.clock = clock;
  }

  /** The incident reached a group: a page still running for its last group is withdrawn, and paging starts. */
  @Override
  public void execute(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    String group = (String) execution.getVariable(RESOLVER_GROUP);
    withdraw(number);
    Map<String, Object> variables = new HashMap<>();
    variables.put(TITLE, execution.getVariable(TITLE));
    variables.put(PRIORITY, execution.getVariable(PRIORITY));
    variables.put(RESOLVER_GROUP, group);
    runtime.createMessageCorrelation(PagingProcess.Messages.PAGE_REQUESTED)
        .processInstanceBusinessKey(number)
        .setVariables(variables)
        .correlateStartMessage();
  }

  /** Before on-call-paging.dmn: whether now is inside the group's office hours. */
  public void deciding(DelegateExecution execution) {
    execution.setVariable(IN_OFFICE_HOURS, schedule.inOfficeHours(group(execution), clock.instant()));
  }

  /** After on-call-paging.dmn: its outputs as plain variables, the wait checked before any timer needs it. */
  public void decided(DelegateExecution execution) {
    Map<?, ?> decision = (Map<?, ?>) execution.getVariable("pagingDecision");
    execution.removeVariable("pagingDecision");
    if (decision == null || !(decision.get(PAGES) instanceof Boolean pagesIt)) {
      throw new IllegalStateException(PagingProcess.DECISION + ".dmn gave no row for priority " + execution.getVariable(PRIORITY));
    }
    execution.setVariable(PAGES, pagesIt);
    if (pagesIt) {
      Object within = decision.get(ACKNOWLEDGE_WITHIN);
      try {
        if (Duration.parse(String.valueOf(within)).isNegative()) {
          throw new DateTimeParseException("negative", String.valueOf(within), 0);
        }
      } catch (DateTimeParseException e) {
        throw new IllegalStateException(PagingProcess.DECISION + ".dmn gives '" + within
            + "' to acknowledge within; expected an ISO-8601 duration such as PT5M", e);
      }
      execution.setVariable(ACKNOWLEDGE_WITHIN, within);
    }
  }

  /** Pages the layer's on-call now; sets {@link PagingProcess.Variables#PAGED} to whether anyone was. */
  public void page(DelegateExecution execution, String layerName) {
    PageLayer layer = PageLayer.valueOf(layerName);
    String number = execution.getProcessBusinessKey();
    String group = group(execution);
    Instant now = clock.instant();
    List<String> recipients = switch (layer) {
      case PRIMARY -> schedule.onCall(group, now).map(OnCall::primary).stream().toList();
      case SECONDARY -> schedule.onCall(group, now).map(OnCall::secondary).stream().toList();
      case INCIDENT_MANAGERS -> identity.createUserQuery().memberOfGroup(VigilGroup.INCIDENT_MANAGERS.id())
          .orderByUserId().asc().list().stream().map(User::getId).toList();
    };
    execution.setVariable(PAGED, !recipients.isEmpty());
    if (recipients.isEmpty()) {
      audit.record(number, TicketInput.actor(execution), AuditAction.PAGE_SKIPPED, describe(layer, group) + ": nobody on call");
      return;
    }
    pages.record(number, group, layer, recipients, now);
    Object within = execution.getVariable(ACKNOWLEDGE_WITHIN);
    audit.record(number, TicketInput.actor(execution), AuditAction.PAGED, String.join(", ", recipients) + ", "
        + describe(layer, group) + (layer == PageLayer.INCIDENT_MANAGERS ? "" : "; acknowledge within " + within));
    Map<String, Object> ticket = new HashMap<>();
    ticket.put(TITLE, execution.getVariable(TITLE));
    ticket.put(PRIORITY, execution.getVariable(PRIORITY));
    ticket.put(RESOLVER_GROUP, group);
    ticket.put(Notifications.Variables.PAGE_LAYER, layer.name());
    String audience = layer == PageLayer.INCIDENT_MANAGERS ? VigilGroup.INCIDENT_MANAGERS.id() : Notifications.USER_PREFIX + recipients.get(0);
    notifications.request(number, audience, Notifications.Templates.ON_CALL_PAGE, "PAGE " + execution.getVariable(PRIORITY) + " " + number + " ("
        + group + "): " + execution.getVariable(TITLE), ticket);
  }

  /**
   * Someone took the incident: its open pages are acknowledged by {@code user} and paging stops.
   * Returns whether there was an open page to acknowledge.
   */
  public boolean acknowledge(String number, String user) {
    int acknowledged = pages.acknowledge(number, user, clock.instant());
    runtime.createMessageCorrelation(PagingProcess.Messages.ACKNOWLEDGED)
        .processInstanceBusinessKey(number)
        .setVariable(ACKNOWLEDGED_BY, user)
        .correlateAll();
    if (acknowledged > 0) {
      audit.record(number, user, AuditAction.PAGE_ACKNOWLEDGED, "by " + user);
    }
    return acknowledged > 0;
  }

  /** The incident left the group, or was resolved, before anyone acknowledged: nobody else is paged. */
  public void withdraw(String number) {
    runtime.createMessageCorrelation(PagingProcess.Messages.WITHDRAWN)
        .processInstanceBusinessKey(number)
        .correlateAll();
  }

  /** Who was paged for the incident, in order, and who acknowledged first. */
  public PageSummary summary(String number) {
    List<Pages.Page> all = pages.of(number);
    List<String> paged = all.stream().map(Pages.Page::recipient).distinct().toList();
    Optional<Pages.Page> first = all.stream().filter(p -> p.acknowledgedAt() != null)
        .min(Comparator.comparing(Pages.Page::acknowledgedAt));
    return new PageSummary(paged, first.map(Pages.Page::acknowledgedBy).orElse(null),
        first.map(Pages.Page::acknowledgedAt).orElse(null));
  }

  private static String describe(PageLayer layer, String group) {
    return switch (layer) {
      case PRIMARY -> "primary on-call of " + group;
      case SECONDARY -> "secondary on-call of " + group;
      case INCIDENT_MANAGERS -> "incident managers, nobody of " + group + " acknowledged";
    };
  }

  private static String group(DelegateExecution execution) {
    return (String) execution.getVariable(RESOLVER_GROUP);
  }
}
