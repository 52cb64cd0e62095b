package io.licensesync.testing;

import io.licensesync.time.AppClock;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code POST /testing/clock?days=N}: moves the {@link MovableClock} of a test WAR forward and
 * answers the new date. Only in test WARs ({@link Deployments#withMovableClock}).
 */
@WebServlet(name = "TestingClock", urlPatterns = "/testing/clock")
public class ClockServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient AppClock clock;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ((MovableClock) clock).move(Duration.ofDays(Long.parseLong(request.getParameter("days"))));
    response.setContentType("text/plain");
    response.getWriter().write(clock.today().toString());
  }
}
