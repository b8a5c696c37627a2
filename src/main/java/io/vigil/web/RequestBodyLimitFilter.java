package io.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above a limit with 413, whether the client declares the length or
 * streams it chunked, before anything is parsed or written. An endpoint that takes larger bodies
 * (Alertmanager's batches) declares its own {@link BodyLimit}. A streamed body is found too large
 * while it is read, mostly by the JSON reader, whose error {@link ApiExceptionHandler} answers 413.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  /** A limit of its own for the requests under a path. */
  public record BodyLimit(String pathPrefix, DataSize max) {}

  private final long defaultMaxBytes;
  private final List<BodyLimit> limits;

  public RequestBodyLimitFilter(long maxBytes, List<BodyLimit> limits) {
    this.defaultMaxBytes = maxBytes;
    this.limits = List.copyOf(limits);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    long maxBytes = limits.stream()
        .filter(limit -> path.startsWith(limit.pathPrefix()))
        .mapToLong(limit -> limit.max().toBytes())
        .findFirst()
        .orElse(defaultMaxBytes);
    if (request.getContentLengthLong() > maxBytes) {
      Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, maxBytes), response);
    } catch (BodyTooLargeException e) {
      if (!response.isCommitted()) {
        response.reset();
        Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
      }
    } catch (ServletException | RuntimeException e) {
      if (causedByBodyTooLarge(e) && !response.isCommitted()) {
        response.reset();
        Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
      } else {
        throw e;
      }
    }
  }

  private static String tooLarge(long maxBytes) {
    return "The request body is larger than " + maxBytes + " bytes";
  }

  private static boolean causedByBodyTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  static class BodyTooLargeException extends IOException {
    BodyTooLargeException(long maxBytes) {
      super(tooLarge(maxBytes));
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    LimitedStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
