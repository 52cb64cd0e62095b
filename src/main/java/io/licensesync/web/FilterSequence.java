package io.licensesync.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The filters every request passes, in a fixed order, as one filter of the container: the classes
 * its init parameter {@code filters} lists in {@code web.xml}, in that order (the path guard, the
 * body limit, the security headers, the role gate, the two page gates). Each is created by the
 * container ({@link ServletContext#createFilter}, so it is injected as if declared) and runs
 * exactly as it would as a filter of its own: it receives the request and response the previous one
 * passed on, and stops the request by not calling the chain. Mapped in {@code web.xml} to every
 * path for REQUEST and ASYNC dispatches, as each of them was. A class that cannot be loaded or
 * created stops the deployment (no request ever passes fewer filters than listed).
 *
 * <p>Why one: the container brackets every filter it calls with an invocation of its own (Payara
 * pushes and pops a component invocation, with events, per filter); six of them were about a
 * twentieth of the CPU and a tenth of the memory allocated of a light API request such as
 * license-sync-status.
 */
public class FilterSequence implements Filter {

  /** The init parameter listing the filters' classes, in order, separated by commas. */
  static final String FILTERS = "filters";

  private List<Filter> filters = List.of();

  /** For the container. */
  public FilterSequence() {}

  /** Runs {@code filters} in their order (for tests). */
  FilterSequence(List<Filter> filters) {
    this.filters = List.copyOf(filters);
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    ServletContext context = config.getServletContext();
    String listed = config.getInitParameter(FILTERS);
    if (listed == null || listed.isBlank()) {
      throw new ServletException("FilterSequence lists no filters (init parameter filters)");
    }
    List<Filter> created = new ArrayList<>();
    try {
      for (String name : listed.split(",")) {
        Class<? extends Filter> type = filterClass(name.strip());
        Filter filter = context.createFilter(type);
        filter.init(configOf(type.getSimpleName(), config));
        created.add(filter);
      }
    } catch (ServletException | RuntimeException e) {
      created.forEach(Filter::destroy);
      throw e;
    }
    filters = List.copyOf(created);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    new Step(filters, chain, 0).doFilter(request, response);
  }

  @Override
  public void destroy() {
    for (int i = filters.size() - 1; i >= 0; i--) {
      filters.get(i).destroy();
    }
    filters = List.of();
  }

  private static Class<? extends Filter> filterClass(String name) throws ServletException {
    try {
      return Class.forName(name, true, FilterSequence.class.getClassLoader())
          .asSubclass(Filter.class);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new ServletException("FilterSequence: " + name + " is not a filter class", e);
    }
  }

  /** The chain as filter {@code index} sees it: the next filter, or the container's chain. */
  private record Step(List<Filter> filters, FilterChain last, int index) implements FilterChain {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      if (index == filters.size()) {
        last.doFilter(request, response);
      } else {
        filters.get(index).doFilter(request, response, new Step(filters, last, index + 1));
      }
    }
  }

  /** A filter's configuration: its own name, the sequence's context and (no) parameters. */
  private static FilterConfig configOf(String name, FilterConfig sequence) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return name;
      }

      @Override
      public ServletContext getServletContext() {
        return sequence.getServletContext();
      }

      @Override
      public String getInitParameter(String parameter) {
        return null;
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.emptyEnumeration();
      }
    };
  }
}
