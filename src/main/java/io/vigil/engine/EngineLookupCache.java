package io.vigil.engine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /engine-rest} and the webapps find their process engine through a
 * {@link java.util.ServiceLoader} at every request, which walks every jar of the application for
 * the service file: 6 % of all CPU under load.
 * The jars never change while Vigil runs, so the request thread's class loader answers the look-up of
 * service files from what it found the first time; everything else goes to the class loader as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineLookupCache extends OncePerRequestFilter {

  private volatile ServiceFiles loader;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    thread.setContextClassLoader(loaderOver(original));
    try {
      chain.doFilter(request, response);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  private ClassLoader loaderOver(ClassLoader original) {
    ServiceFiles current = loader;
    if (current == null || current.getParent() != original) {
      current = new ServiceFiles(original);
      loader = current;
    }
    return current;
  }

  /** A class loader that remembers where the service files are. */
  static final class ServiceFiles extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

    ServiceFiles(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!name.startsWith(SERVICES)) {
        return super.getResources(name);
      }
      List<URL> urls = found.get(name);
      if (urls == null) {
        urls = List.copyOf(Collections.list(getParent().getResources(name)));
        found.put(name, urls);
      }
      return Collections.enumeration(urls);
    }
  }
}
