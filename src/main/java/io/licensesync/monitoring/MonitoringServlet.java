package io.licensesync.monitoring;

import io.licensesync.metrics.Meters;
import io.licensesync.rest.Documentation;
import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health} and {@code GET /metrics}, served by the application itself (Payara's own
 * MicroProfile endpoints are switched off in the server configuration, since they answer anyone).
 * {@code /health/ready}: the database answers and this WAR's migrations are applied; {@code
 * /health/live}: this node's timers tick; {@code /health}: both, plus the license sync's state and
 * memory, which never make it DOWN. Each answers {@code {"status":"UP"}} (200) or {@code DOWN}
 * (503) to anyone, and each check's detail to a site admin or the Cloud operator. {@code /metrics}:
 * Prometheus text for a site admin or the operator only; 401 without a valid credential, 403 for
 * anyone else, in GitHub's JSON error form.
 */
@WebServlet(
    name = "Monitoring",
    urlPatterns = {"/health", "/health/live", "/health/ready", "/metrics"})
public class MonitoringServlet extends HttpServlet {

  @Inject MonitoringCaller callers;
  @Inject Readings readings;
  @Inject Meters meters;
  @Inject Roles roles;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    MonitoringCaller.Access access =
        callers.of(request.getHeader("Authorization"), request.getRemoteAddr());
    switch (request.getServletPath()) {
      case "/metrics" -> metrics(access, request, response);
      case "/health/live" -> health(access, response, List.of(readings.timers()));
      case "/health/ready" ->
          health(access, response, List.of(readings.database(), readings.migrations()));
      default -> health(access, response, everything());
    }
  }

  /** Readiness and liveness, and what a caller with a credential wants to know besides. */
  private List<Readings.Check> everything() {
    List<Readings.Check> checks = new java.util.ArrayList<>();
    Readings.Check database = readings.database();
    checks.add(database);
    if (database.up()) {
      checks.add(readings.migrations());
    }
    checks.add(readings.timers());
    if (database.up() && roles.plays(Role.SERVER)) {
      checks.add(readings.licenseSync());
    }
    checks.add(readings.memory());
    return checks;
  }

  private void health(
      MonitoringCaller.Access access, HttpServletResponse response, List<Readings.Check> checks)
      throws IOException {
    boolean up = checks.stream().allMatch(Readings.Check::up);
    JsonObjectBuilder body = Json.createObjectBuilder().add("status", up ? "UP" : "DOWN");
    if (access == MonitoringCaller.Access.ALLOWED) {
      JsonArrayBuilder detail = Json.createArrayBuilder();
      for (Readings.Check check : checks) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        for (Map.Entry<String, Object> entry : check.data().entrySet()) {
          if (entry.getValue() instanceof Number number) {
            data.add(entry.getKey(), number.longValue());
          } else {
            data.add(entry.getKey(), String.valueOf(entry.getValue()));
          }
        }
        detail.add(
            Json.createObjectBuilder()
                .add("name", check.name())
                .add("status", check.up() ? "UP" : "DOWN")
                .add("data", data));
      }
      body.add("checks", detail);
    }
    write(
        response,
        up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        "application/json",
        body.build().toString());
  }

  private void metrics(
      MonitoringCaller.Access access, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (access) {
      case NONE -> error(request, response, 401, "Requires authentication");
      case BAD_CREDENTIALS -> error(request, response, 401, "Bad credentials");
      case NOT_ALLOWED ->
          error(request, response, 403, "Must be a site administrator or the Cloud operator.");
      case ALLOWED ->
          write(
              response,
              200,
              PrometheusText.CONTENT_TYPE,
              PrometheusText.of(readings.gauges(), meters.readings()));
    }
  }

  private static void error(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    if (status == 401) {
      response.setHeader(
          "WWW-Authenticate", "Bearer realm=\"license-sync\", Basic realm=\"license-sync\"");
    }
    String body =
        Json.createObjectBuilder()
            .add("message", message)
            .add("documentation_url", Documentation.page(request, "operations#health-and-metrics"))
            .build()
            .toString();
    write(response, status, "application/json", body);
  }

  private static void write(
      HttpServletResponse response, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(
        contentType.contains("charset") ? contentType : contentType + "; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
