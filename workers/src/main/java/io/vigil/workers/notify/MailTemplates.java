package io.vigil.workers.notify;

import com.samskivert.mustache.DefaultCollector;
import com.samskivert.mustache.Mustache;
import io.vigil.workers.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The mail templates: Mustache (JMustache), one set per name, each of three files,
 * {@code <name>.subject.mustache}, {@code <name>.txt.mustache} and, optionally,
 * {@code <name>.html.mustache}. A file in the operator's directory ({@code vigil.workers.mail.templates})
 * wins over the built-in one of the same name ({@code mail/} on the classpath); so does a partial
 * ({@code {{> footer.txt}}} is {@code footer.txt.mustache}). Values are HTML-escaped in the HTML part
 * only. A missing value renders as nothing. Templates are read at each mail, so an operator's edit
 * applies to the next one.
 */
@Component
public class MailTemplates {

  /** A template's or partial's name: never a path. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,79}");
  private static final String BUILT_IN = "mail/";
  private static final String SUFFIX = ".mustache";

  /** A mail as rendered: {@code html} is null when the set has no HTML part. */
  public record Rendered(String subject, String text, String html) {}

  private final Path overrides;
  private final Mustache.Compiler text;
  private final Mustache.Compiler html;

  @Autowired
  public MailTemplates(WorkerProperties properties) {
    this(properties.mail().templates());
  }

  MailTemplates(Path overrides) {
    this.overrides = overrides;
    Mustache.Compiler base = Mustache.compiler()
        .defaultValue("")
        .emptyStringIsFalse(true)
        .withCollector(new LazyValues())
        .withLoader(partial -> new StringReader(file(partial)
            .orElseThrow(() -> new IllegalStateException("No mail template partial '" + partial + "'"))));
    this.text = base.escapeHTML(false);
    this.html = base.escapeHTML(true);
  }

  public Rendered render(String name, Map<String, Object> model) {
    String subject = text.compile(required(name, "subject")).execute(model);
    String body = text.compile(required(name, "txt")).execute(model);
    String markup = template(name, "html").map(template -> html.compile(template).execute(model)).orElse(null);
    // one line, whatever the template's line breaks: a header cannot be continued or injected
    return new Rendered(subject.replaceAll("\\s+", " ").trim(), body, markup);
  }

  private String required(String name, String part) {
    return template(name, part).orElseThrow(() -> new IllegalStateException("No mail template '" + name + "' ("
        + name + "." + part + SUFFIX + " is neither in " + (overrides == null ? "an override directory" : overrides)
        + " nor built in)"));
  }

  private Optional<String> template(String name, String part) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a mail template name: '" + name + "' (lower-case letters, digits and dashes)");
    }
    return file(name + "." + part);
  }

  private Optional<String> file(String file) {
    if (!FILE.matcher(file).matches()) {
      throw new IllegalArgumentException("Not a mail template name: '" + file + "'");
    }
    try {
      if (overrides != null) {
        Path override = overrides.resolve(file + SUFFIX);
        if (Files.isRegularFile(override)) {
          return Optional.of(Files.readString(override, StandardCharsets.UTF_8));
        }
      }
      try (InputStream builtIn = MailTemplates.class.getClassLoader().getResourceAsStream(BUILT_IN + file + SUFFIX)) {
        return builtIn == null ? Optional.empty() : Optional.of(new String(builtIn.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read mail template " + file + SUFFIX, e);
    }
  }

  /**
   * Values the model gives as a {@link Supplier} are computed when a template first uses them: the
   * knowledge search and the SLA targets cost a call to the API only for the templates that show them.
   */
  private static final class LazyValues extends DefaultCollector {

    @Override
    public Mustache.VariableFetcher createFetcher(Object context, String name) {
      Mustache.VariableFetcher fetcher = super.createFetcher(context, name);
      if (fetcher == null) {
        return null;
      }
      return (ctx, key) -> {
        Object value = fetcher.get(ctx, key);
        return value instanceof Supplier<?> lazy ? lazy.get() : value;
      };
    }
  }
}
