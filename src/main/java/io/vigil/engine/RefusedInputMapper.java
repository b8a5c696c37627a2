package io.vigil.engine;

import io.vigil.support.Causes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.xml.sax.SAXException;

/**
 * When a ticket listener refuses a task's input (reassigning to the group that already has the
 * incident, a note too long), it throws {@link BadUserRequestException}. The engine wraps every
 * listener exception, and its REST API answers the wrapper with 500 ({@code submit-form} even
 * re-wraps it in a {@link RestException}). The refusal is the caller's mistake: these mappers answer
 * 400 with the listener's own message, as the engine does for its own bad requests, and hand
 * everything else to the engine's handlers unchanged. Their priority makes Jersey choose them over
 * the engine's mappers for the same exception types. The engine's refusal of a Java-serialized
 * variable is treated the same way.
 *
 * <p>So is a deployment whose resource is not XML at all: the engine's parser says so in a plain
 * {@link ProcessEngineException}, which its REST API answered with 500 where a model it can read but
 * not accept gets 400.
 */
final class RefusedInputMapper {

  /**
   * The engine's refusal of a Java-serialized variable (Java serialization is off) is a plain
   * ProcessEngineException, known only by its code; it too is the caller's mistake, and a way in
   * that attackers try.
   */
  private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

  private RefusedInputMapper() {}

  private static Optional<BadUserRequestException> refusal(Throwable exception) {
    return Causes.find(exception, BadUserRequestException.class)
        .or(() -> Causes.find(exception, SAXException.class).map(notXml -> new BadUserRequestException(exception.getMessage(), exception)))
        .or(() -> Causes.find(exception, ProcessEngineException.class,
                e -> e.getMessage() != null && e.getMessage().startsWith(JAVA_SERIALIZATION_PROHIBITED))
            .map(prohibited -> new BadUserRequestException(prohibited.getMessage())));
  }

  private static Response badRequest(BadUserRequestException refused) {
    return ExceptionHandlerHelper.getInstance().getResponse(refused);
  }

  @Priority(Priorities.USER - 1000)
  static class OnProcessEngineException implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler engine = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return refusal(exception).map(RefusedInputMapper::badRequest).orElseGet(() -> engine.toResponse(exception));
    }
  }

  @Priority(Priorities.USER - 1000)
  static class OnRestException implements ExceptionMapper<RestException> {

    private final RestExceptionHandler engine = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      // the REST API's 404 stands (an external task another delivery already completed): its cause, the
      // engine's NotFoundException, is a BadUserRequestException too, and must not turn it into 400
      if (exception.getStatus() == Response.Status.NOT_FOUND) {
        return engine.toResponse(exception);
      }
      return refusal(exception).map(RefusedInputMapper::badRequest).orElseGet(() -> engine.toResponse(exception));
    }
  }
}
