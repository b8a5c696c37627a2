package io.vigil.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tests' mail server: one GreenMail SMTP server on loopback for the whole test JVM, started with
 * the first application context that asks for it, which it gives {@code spring.mail.host} and
 * {@code spring.mail.port}. It accepts every address without authentication and keeps every mail;
 * tests find theirs by address and ticket number:
 *
 * <pre>{@code
 * Mailbox.Mail mail = await().until(() -> Mailbox.receivedFor("jane@example.com", number), m -> !m.isEmpty()).get(0);
 * }</pre>
 */
public final class Mailbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /**
   * One mail as received: its plain text and HTML parts decoded, with {@code \n} line breaks
   * ({@code html} null for a text-only mail).
   */
  public record Mail(String messageId, String from, List<String> to, String subject, String text, String html,
      List<String> autoSubmitted) {

    /** The subject or the text names it. */
    public boolean mentions(String words) {
      return subject.contains(words) || text.contains(words);
    }
  }

  private static GreenMail server;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + port()).applyTo(context);
  }

  /** The SMTP port, the server started on first use. */
  public static synchronized int port() {
    if (server == null) {
      GreenMail greenMail = new GreenMail(new ServerSetup(FreePort.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      greenMail.start();
      server = greenMail;
    }
    return server.getSmtp().getPort();
  }

  /** Every mail received so far, oldest first. */
  public static List<Mail> received() {
    port();
    return Arrays.stream(server.getReceivedMessages()).map(Mailbox::read).toList();
  }

  /** The mails received for an address (case ignored), oldest first. */
  public static List<Mail> receivedFor(String address) {
    return received().stream().filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
  }

  /** The mails received for an address that name a ticket (or any words) in their subject or text. */
  public static List<Mail> receivedFor(String address, String mentioning) {
    return receivedFor(address).stream().filter(mail -> mail.mentions(mentioning)).toList();
  }

  private static Mail read(MimeMessage message) {
    try {
      List<String> to = new ArrayList<>();
      for (Address address : message.getAllRecipients() == null ? new Address[0] : message.getAllRecipients()) {
        to.add(((InternetAddress) address).getAddress());
      }
      String text = null;
      String html = null;
      Object content = message.getContent();
      if (content instanceof Multipart parts) {
        for (int i = 0; i < parts.getCount(); i++) {
          BodyPart part = parts.getBodyPart(i);
          if (part.isMimeType("text/plain")) {
            text = lines((String) part.getContent());
          } else if (part.isMimeType("text/html")) {
            html = lines((String) part.getContent());
          }
        }
      } else {
        text = lines(String.valueOf(content));
      }
      String[] autoSubmitted = message.getHeader("Auto-Submitted");
      return new Mail(message.getMessageID(), ((InternetAddress) message.getFrom()[0]).getAddress(), to, message.getSubject(),
          text, html, autoSubmitted == null ? List.of() : List.of(autoSubmitted));
    } catch (MessagingException e) {
      throw new IllegalStateException("GreenMail kept a mail it cannot read", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Line breaks as the template wrote them: SMTP carries CRLF. */
  private static String lines(String body) {
    return body.replace("\r\n", "\n");
  }
}
