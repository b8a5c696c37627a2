package io.vigil.notify;

import io.vigil.notify.contract.Notifications;
import io.vigil.support.PeriodicLook;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code vigil.notifications.queue-digest.interval} on each engine node, mails each resolver
 * group one digest of the incidents gathered for it ({@link NotificationProperties.QueueDigest}).
 * Each group's digest is taken and asked for in one transaction: the notification is asked for
 * exactly when its incidents leave the table, and a group whose digest fails keeps them for the
 * next look.
 */
@Component
class QueueDigestSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QueueDigestSender.class);

  private final QueueDigests digests;
  private final NotificationRequests notifications;
  private final TransactionTemplate transaction;
  private final PeriodicLook looks;

  QueueDigestSender(QueueDigests digests, NotificationRequests notifications, PlatformTransactionManager transactions,
      NotificationProperties properties) {
    this.digests = digests;
    this.notifications = notifications;
    this.transaction = new TransactionTemplate(transactions);
    this.looks = new PeriodicLook("vigil-queue-digest", properties.queueDigest().interval(), this::send);
  }

  /** One look: a digest to each group with incidents gathered; answers how many digests were asked for. */
  int send() {
    int sent = 0;
    for (String group : digests.groups()) {
      try {
        if (Boolean.TRUE.equals(transaction.execute(status -> send(group)))) {
          sent++;
        }
      } catch (RuntimeException e) {
        log.warn("The {} queue digest failed, its incidents wait for the next: {}", group, e.toString());
      }
    }
    return sent;
  }

  private boolean send(String group) {
    Optional<QueueDigest> taken = digests.take(group);
    taken.ifPresent(digest -> {
      // a JSON value, not a string: the engine keeps a string variable to 4,000 characters
      notifications.request(digest.ticketNumber(), group, Notifications.Templates.QUEUE_DIGEST, digest.subject(),
          Map.of(Notifications.Variables.QUEUE_DIGEST, SpinValues.jsonValue(digest.json()).create()));
      log.info("{} in the {} queue digest", digest.incidents().stream().map(QueueDigest.Queued::number)
          .collect(Collectors.joining(", ")), group);
    });
    return taken.isPresent();
  }

  @Override
  public void start() {
    looks.start();
  }

  @Override
  public void stop() {
    looks.stop();
  }

  @Override
  public boolean isRunning() {
    return looks.isRunning();
  }
}
