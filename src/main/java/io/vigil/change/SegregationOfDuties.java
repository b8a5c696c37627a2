package io.vigil.change;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditTrail;
import io.vigil.change.contract.ChangeProcess;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The requester may not approve their own change, nobody votes twice on a change, and nobody who
 * voted on a change may implement it. A violation is refused (the step rolls back: 400 in Tasklist, 409 from the API) and recorded
 * in the audit trail in a transaction of its own, so that the attempt outlives the rollback.
 */
@Component
class SegregationOfDuties {

  private static final Logger log = LoggerFactory.getLogger(SegregationOfDuties.class);

  private final ChangeRepository changes;
  private final AuditTrail audit;
  private final TransactionTemplate separately;

  SegregationOfDuties(ChangeRepository changes, AuditTrail audit, PlatformTransactionManager transactions) {
    this.changes = changes;
    this.audit = audit;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A person's own change needs someone else's approval, and a person has one vote however many approver groups they sit in. */
  void mayApprove(VariableScope step, Change change, String user) {
    if (user.equals(change.requestedBy())) {
      throw refused(change, user, user + " requested " + change.number() + " and may not approve it");
    }
    changes.approvals(change.number()).stream()
        .filter(approval -> user.equals(approval.decidedBy()))
        .findFirst()
        .ifPresent(approval -> {
          throw refused(change, user, user + " voted on " + change.number() + " for " + approval.group()
              + " already; another member of " + step.getVariable(ChangeProcess.Variables.APPROVER_GROUP)
              + " votes");
        });
  }

  /** Whoever voted on a change checks it; they do not carry it out. */
  void mayImplement(Change change, String user) {
    changes.approvals(change.number()).stream()
        .filter(approval -> user.equals(approval.decidedBy()))
        .findFirst()
        .ifPresent(approval -> {
          throw refused(change, user, user + " approved " + change.number() + " for " + approval.group()
              + " and may not implement it");
        });
  }

  private Violation refused(Change change, String user, String reason) {
    separately.executeWithoutResult(status -> audit.record(change.number(), user, AuditAction.SEGREGATION_OF_DUTIES_REFUSED, reason));
    log.info("{} segregation of duties: {}", change.number(), reason);
    return new Violation("segregationOfDuties: " + reason);
  }

  /** A step someone may not take on this change, whatever they entered. */
  static class Violation extends BadUserRequestException {

    Violation(String message) {
      super(message);
    }
  }
}
