package io.vigil.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some URLs before any filter of Vigil's sees them (an encoded slash, a backslash,
 * NUL) and answers with its HTML error page. Under {@code /api/} that answer is problem details, as
 * every other; elsewhere (the webapps) it stays Tomcat's page. Tomcat makes it by its class name, as
 * the host's error report valve (WebConfiguration), so it is public.
 */
public class ApiErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    String uri = request.getRequestURI();
    if (uri == null || !uri.startsWith("/api/")) {
      super.report(request, response, throwable);
      return;
    }
    // As Tomcat's own report: only an error nobody answered yet, while the connection still takes it.
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean writable = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
    if (!writable.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String detail = response.getMessage() == null || response.getMessage().isBlank()
        ? (known == null ? "Refused" : known.getReasonPhrase())
        : response.getMessage();
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(Problems.json(status, detail));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone, or the response is already out: nothing left to tell it.
    }
  }
}
