package io.licensesync.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The session cookie: {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} when {@code
 * licensesync.public-url} is https. Set here as well as in the deployment descriptors, because
 * servers honour different ones ({@code glassfish-web.xml} on Payara, the Servlet 6 attribute on
 * WildFly).
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setHttpOnly(true);
    try {
      cookie.setAttribute("SameSite", "Lax");
    } catch (RuntimeException | AbstractMethodError unsupported) {
      // a server without Servlet 6 cookie attributes takes SameSite from its own descriptor
    }
    Optional<String> publicUrl =
        ConfigProvider.getConfig().getOptionalValue("licensesync.public-url", String.class);
    if (publicUrl
        .map(String::strip)
        .filter(url -> url.regionMatches(true, 0, "https:", 0, 6))
        .isPresent()) {
      cookie.setSecure(true);
    }
  }
}
