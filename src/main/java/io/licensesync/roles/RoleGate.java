package io.licensesync.roles;

import io.licensesync.rest.Documentation;
import io.licensesync.web.DispatchedPath;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers 404, in GitHub's JSON, for every path of a role this deployment does not play, before any
 * resource, page or filter of that role runs. Mapped to every request in {@code web.xml}; the role
 * is decided on the path the container dispatched to, without regard to case.
 */
public class RoleGate extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject Roles roles;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = DispatchedPath.of(request);
    for (Role role : Role.values()) {
      if (!roles.plays(role) && role.owns(path)) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        String notFound =
            "{\"message\":\"Not Found\",\"documentation_url\":\""
                + Documentation.restApi(request)
                + "\"}";
        response.getOutputStream().write(notFound.getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
