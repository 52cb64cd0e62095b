package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FilterSequence} runs its filters as the container would run them one by one: in order,
 * each passing on what it chose, the container's chain last, a filter that answers stopping the
 * rest; created and initialised in order from the names {@code web.xml} lists, destroyed in
 * reverse.
 */
class FilterSequenceTest {

  /** What the filters and the container's chain saw, in order. */
  static final List<String> EVENTS = new ArrayList<>();

  @BeforeEach
  void clear() {
    EVENTS.clear();
  }

  @Test
  void runsEachFilterInOrderWithWhatThePreviousPassedOnThenTheContainersChain() throws Exception {
    ServletRequest original = stub(ServletRequest.class);
    ServletResponse response = stub(ServletResponse.class);
    ServletRequest[] reached = new ServletRequest[1];
    FilterSequence sequence =
        new FilterSequence(List.of(new Named("a"), new Wrapping(), new Named("c")));

    sequence.doFilter(
        original,
        response,
        (request, answer) -> {
          EVENTS.add("container");
          reached[0] = request;
        });

    assertEquals(List.of("a", "wrap", "c saw a wrapper", "container"), EVENTS);
    assertTrue(reached[0] instanceof ServletRequestWrapper, "the wrapper reaches the servlet");
    assertSame(original, ((ServletRequestWrapper) reached[0]).getRequest());
  }

  @Test
  void aFilterThatAnswersStopsTheRestAndTheServlet() throws Exception {
    FilterSequence sequence =
        new FilterSequence(List.of(new Named("a"), new Answering(), new Named("c")));

    sequence.doFilter(
        stub(ServletRequest.class),
        stub(ServletResponse.class),
        (request, answer) -> EVENTS.add("container"));

    assertEquals(List.of("a", "answered"), EVENTS);
  }

  @Test
  void createsAndInitialisesTheListedFiltersInOrderAndDestroysThemInReverse() throws Exception {
    FilterSequence sequence = new FilterSequence();
    sequence.init(config(" " + First.class.getName() + ",\n  " + Second.class.getName() + "\n"));
    sequence.doFilter(
        stub(ServletRequest.class),
        stub(ServletResponse.class),
        (request, answer) -> EVENTS.add("container"));
    sequence.destroy();

    assertEquals(
        List.of(
            "created First",
            "init First",
            "created Second",
            "init Second",
            "First",
            "Second",
            "container",
            "destroy Second",
            "destroy First"),
        EVENTS);
  }

  @Test
  void aNameThatIsNotAFilterStopsTheDeploymentAndDestroysWhatWasCreated() {
    FilterSequence sequence = new FilterSequence();
    ServletException refused =
        assertThrows(
            ServletException.class,
            () -> sequence.init(config(First.class.getName() + "," + String.class.getName())));
    assertTrue(refused.getMessage().contains("java.lang.String is not a filter class"));
    assertEquals(List.of("created First", "init First", "destroy First"), EVENTS);

    assertThrows(ServletException.class, () -> new FilterSequence().init(config(" ")));
  }

  // ------------------------------------------------------------------------------------ helpers

  private static FilterConfig config(String filters) {
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                FilterSequenceTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("createFilter")) {
                    Class<?> type = (Class<?>) args[0];
                    EVENTS.add("created " + type.getSimpleName());
                    return type.getDeclaredConstructor().newInstance();
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return (FilterConfig)
        Proxy.newProxyInstance(
            FilterSequenceTest.class.getClassLoader(),
            new Class<?>[] {FilterConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getInitParameter" -> "filters".equals(args[0]) ? filters : null;
                  case "getFilterName" -> "FilterSequence";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static <T> T stub(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            FilterSequenceTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> type.getSimpleName();
                  default -> null;
                }));
  }

  /** Notes its name, then goes on. */
  static class Named implements Filter {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws java.io.IOException, ServletException {
      EVENTS.add(request instanceof ServletRequestWrapper ? name + " saw a wrapper" : name);
      chain.doFilter(request, response);
    }
  }

  /** Passes on a wrapper of the request. */
  static class Wrapping implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws java.io.IOException, ServletException {
      EVENTS.add("wrap");
      chain.doFilter(new ServletRequestWrapper(request), response);
    }
  }

  /** Answers itself: never calls the chain. */
  static class Answering implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {
      EVENTS.add("answered");
    }
  }

  /** Created by name: notes its life. */
  public static class First implements Filter {
    @Override
    public void init(FilterConfig config) {
      EVENTS.add("init " + config.getFilterName());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws java.io.IOException, ServletException {
      EVENTS.add(getClass().getSimpleName());
      chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
      EVENTS.add("destroy " + getClass().getSimpleName());
    }
  }

  /** A second one. */
  public static class Second extends First {}
}
