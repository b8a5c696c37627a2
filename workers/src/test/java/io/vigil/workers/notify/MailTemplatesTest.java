package io.vigil.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.notify.contract.Notifications;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {

  private final MailTemplates builtIn = new MailTemplates((Path) null);

  @Test
  void theHtmlPartEscapesWhatTheTextPartShowsAsWritten() {
    MailTemplates.Rendered mail = builtIn.render(Notifications.Templates.INCIDENT_REGISTERED,
        model("Login shows <script>alert('x')</script> & more"));

    assertThat(mail.html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more").doesNotContain("<script>");
    assertThat(mail.text()).contains("Login shows <script>alert('x')</script> & more");
    assertThat(mail.subject()).isEqualTo("INC-000042 registered: Login shows <script>alert('x')</script> & more");
  }

  @Test
  void theRegisteredMailSaysWhatHappensNextAndListsTheArticles() {
    MailTemplates.Rendered mail = builtIn.render(Notifications.Templates.INCIDENT_REGISTERED, model("VPN down"));

    assertThat(mail.text())
        .startsWith("Hello Jane Doe,\n")
        .contains("- The network team works on it, at priority P2.\n")
        .contains("- Our response target: 1 h, that is by 2026-03-02T10:00:00Z.\n")
        .contains("These articles of our knowledge base may help meanwhile:\n"
            + "- VPN client loses its route: https://vigil.example.com/api/knowledge/7\n"
            + "  Workaround: Reconnect twice.\n")
        .contains("The ticket in Vigil's API: https://vigil.example.com/api/incidents/INC-000042\n")
        .doesNotContain("{{");
    assertThat(mail.html()).contains("<a href=\"https://vigil.example.com/api/knowledge/7\">VPN client loses its route</a>");
  }

  @Test
  void aMissingValueRendersAsNothingAndItsSectionIsLeftOut() {
    Map<String, Object> model = model("VPN down");
    model.put("ticket", Map.of("title", "VPN down"));
    model.put("articles", List.of());
    model.put("recipient", Map.of("name", "", "email", "jane@example.com"));

    MailTemplates.Rendered mail = builtIn.render(Notifications.Templates.INCIDENT_REGISTERED, model);

    assertThat(mail.text()).startsWith("Hello,\n").contains("- The service desk passes it to the team that can solve it.\n")
        .doesNotContain("articles").doesNotContain("priority");
  }

  @Test
  void aValueGivenLazilyIsReadOnlyByATemplateThatShowsIt() {
    AtomicInteger searches = new AtomicInteger();
    Map<String, Object> model = model("VPN down");
    model.put("articles", (Supplier<List<Object>>) () -> {
      searches.incrementAndGet();
      return List.of();
    });

    builtIn.render(Notifications.Templates.NOTIFICATION, model);
    assertThat(searches).hasValue(0);
    builtIn.render(Notifications.Templates.INCIDENT_REGISTERED, model);
    assertThat(searches).hasPositiveValue();
  }

  @Test
  void theSubjectIsOneLine() {
    Map<String, Object> model = model("VPN down");
    model.put("subject", "Major incident\r\nBcc: everyone@example.com");

    assertThat(builtIn.render(Notifications.Templates.NOTIFICATION, model).subject())
        .isEqualTo("Major incident Bcc: everyone@example.com");
  }

  @Test
  void thePageNamesItsLayerAndTheAcknowledgeLinkIsAPost() {
    Map<String, Object> model = model("Checkout down");
    model.put("pageLayer", "SECONDARY");
    model.put("page", Map.of("primary", false, "secondary", true, "incidentManagers", false));

    MailTemplates.Rendered mail = builtIn.render(Notifications.Templates.ON_CALL_PAGE, model);

    assertThat(mail.subject()).isEqualTo("[second page] PAGE INC-000042 P2: Checkout down");
    assertThat(mail.text()).contains("you are the second on call")
        .contains("curl -X POST -u <your user> https://vigil.example.com/api/incidents/INC-000042/acknowledge");
  }

  @Test
  void theDigestListsEachIncidentWithItsLinkAndIsSentForNoOneTicket() {
    Map<String, Object> model = new HashMap<>();
    model.put("number", "INC-000041");
    model.put("subject", "2 incidents in the database queue");
    model.put("audience", "database");
    model.put("recipient", Map.of("name", "Dave Database", "email", "db.dave@example.com"));
    model.put("links", Map.of("vigil", "https://vigil.example.com", "tasklist", "https://vigil.example.com/camunda/app/tasklist/default/"));
    model.put("digest", List.of(
        Map.of("number", "INC-000041", "title", "Report export is slow", "priority", "P5", "reachedAt", "2026-03-02T09:00:00Z",
            "link", "https://vigil.example.com/api/incidents/INC-000041"),
        Map.of("number", "INC-000043", "title", "Typo <b>here</b>", "priority", "P4", "reachedAt", "2026-03-02T09:30:00Z",
            "link", "https://vigil.example.com/api/incidents/INC-000043")));

    MailTemplates.Rendered mail = builtIn.render(Notifications.Templates.QUEUE_DIGEST, model);

    assertThat(mail.subject()).isEqualTo("2 incidents in the database queue");
    assertThat(mail.text())
        .startsWith("Hello Dave Database,\n")
        .contains("- INC-000041 P5: Report export is slow\n  in the queue since 2026-03-02T09:00:00Z: "
            + "https://vigil.example.com/api/incidents/INC-000041\n")
        .contains("- INC-000043 P4: Typo <b>here</b>\n")
        .contains("Take them in Tasklist: https://vigil.example.com/camunda/app/tasklist/default/")
        .contains("Sent automatically by Vigil.")
        .doesNotContain("The ticket in Vigil's API");
    assertThat(mail.html())
        .contains("<a href=\"https://vigil.example.com/api/incidents/INC-000043\">INC-000043</a>")
        .contains("Typo &lt;b&gt;here&lt;/b&gt;");
  }

  @Test
  void everyShippedTemplateRendersWithAnEmptyModel() {
    for (String name : List.of("notification", "incident-registered", "incident-resolved", "incident-closed", "incident-queued",
        "on-call-page", "incident-escalated", "queue-digest")) {
      MailTemplates.Rendered mail = builtIn.render(name, new HashMap<>());
      assertThat(mail.text()).as(name).isNotBlank();
      assertThat(mail.html()).as(name).startsWith("<!DOCTYPE html>");
    }
  }

  @Test
  void aFileInTheOperatorsDirectoryWinsOverTheBuiltInOne(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("notification.subject.mustache"), "[ACME] {{subject}}");
    Files.writeString(directory.resolve("footer.txt.mustache"), "ACME service desk, call 555-0100");

    MailTemplates.Rendered mail = new MailTemplates(directory).render(Notifications.Templates.NOTIFICATION, model("VPN down"));

    assertThat(mail.subject()).isEqualTo("[ACME] INC-000042 needs you");
    assertThat(mail.text()).contains("INC-000042 needs you").endsWith("ACME service desk, call 555-0100");
    assertThat(mail.html()).contains("Sent automatically by Vigil for INC-000042.");
  }

  @Test
  void aTemplateNobodyWroteIsATechnicalFailure() {
    assertThatThrownBy(() -> builtIn.render("no-such-template", model("VPN down")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No mail template 'no-such-template'");
    assertThatThrownBy(() -> builtIn.render("../etc/passwd", model("VPN down")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a mail template name");
  }

  private static Map<String, Object> model(String title) {
    Map<String, Object> model = new HashMap<>();
    model.put("number", "INC-000042");
    model.put("kind", "incident");
    model.put("subject", "INC-000042 needs you");
    model.put("audience", "caller");
    model.put("ticket", Map.of("number", "INC-000042", "title", title, "priority", "P2", "resolverGroup", "network",
        "state", "ASSIGNED"));
    model.put("recipient", Map.of("name", "Jane Doe", "email", "jane@example.com"));
    model.put("links", Map.of("vigil", "https://vigil.example.com", "tasklist", "https://vigil.example.com/camunda/app/tasklist/default/",
        "ticket", "https://vigil.example.com/api/incidents/INC-000042",
        "acknowledge", "https://vigil.example.com/api/incidents/INC-000042/acknowledge"));
    model.put("articles", List.of(Map.of("id", "7", "title", "VPN client loses its route", "workaround", "Reconnect twice.",
        "link", "https://vigil.example.com/api/knowledge/7")));
    model.put("slaTargets", List.of(Map.of("clock", "response", "target", "1 h", "dueAt", "2026-03-02T10:00:00Z", "state", "RUNNING")));
    return model;
  }
}
