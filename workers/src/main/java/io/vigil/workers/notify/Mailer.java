package io.vigil.workers.notify;

import io.vigil.workers.WorkerProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sends one rendered mail to one recipient through Spring's {@link JavaMailSender}
 * ({@code spring.mail.*}). Without {@code spring.mail.host} there is no sender and e-mail is off:
 * notifications then go to webhook channels only. Each mail's Message-ID is its delivery key
 * ({@code <key@vigil>}), so that a receiving server can drop a copy the ledger could not prevent.
 */
@Component
public class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final JavaMailSender sender;
  private final InternetAddress from;

  @Autowired
  public Mailer(ObjectProvider<JavaMailSender> sender, WorkerProperties properties) {
    this(sender.getIfAvailable(), properties.mail().from());
    if (this.sender == null) {
      log.info("E-mail is off: spring.mail.host is not set. notify.send posts to webhook channels only.");
    }
  }

  Mailer(JavaMailSender sender, String from) {
    this.sender = sender;
    try {
      this.from = new InternetAddress(from, true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("Not an e-mail address: " + from, e);
    }
  }

  boolean enabled() {
    return sender != null;
  }

  void send(String key, Recipient to, MailTemplates.Rendered mail) {
    MimeMessage message = sender.createMimeMessage();
    try {
      message.setFrom(from);
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.address(), to.name(), StandardCharsets.UTF_8.name()));
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      if (mail.html() == null) {
        message.setText(mail.text(), StandardCharsets.UTF_8.name());
      } else {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
      }
      // JavaMailSenderImpl keeps a Message-ID set before sending
      message.setHeader("Message-ID", messageId(key));
      // RFC 3834: out-of-office replies do not answer it
      message.setHeader("Auto-Submitted", "auto-generated");
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailPreparationException("Cannot write the mail to " + to.address() + ": " + e.getMessage(), e);
    }
    sender.send(message);
  }

  static String messageId(String key) {
    return "<" + key + "@vigil>";
  }

  /**
   * The server could not be reached or refused the login: the next mails would fail alike. The
   * sender reports a refused message with the failures by message alone, and a connection that failed
   * with its cause as well.
   */
  static boolean serverUnavailable(MailException failure) {
    return failure instanceof MailAuthenticationException || failure instanceof MailSendException && failure.getCause() != null;
  }

  /** The server refused the recipient's address itself (no such mailbox): sending again will not help. */
  static boolean addressRefused(MailException failure, String address) {
    if (!(failure instanceof MailSendException send)) {
      return false;
    }
    return send.getFailedMessages().values().stream()
        .filter(SendFailedException.class::isInstance)
        .map(SendFailedException.class::cast)
        .map(SendFailedException::getInvalidAddresses)
        .filter(invalid -> invalid != null)
        .flatMap(Arrays::stream)
        .anyMatch(invalid -> invalid instanceof InternetAddress internet && address.equalsIgnoreCase(internet.getAddress()));
  }
}
