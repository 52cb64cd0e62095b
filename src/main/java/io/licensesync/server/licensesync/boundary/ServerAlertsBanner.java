package io.licensesync.server.licensesync.boundary;

import io.licensesync.alerts.Alert;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The banner of open alerts on the Server's pages (reached only by signed-in site admins). */
@Named
@RequestScoped
public class ServerAlertsBanner {

  @Inject ServerAlerts alerts;

  private List<Alert> open;

  public List<Alert> getAlerts() {
    if (open == null) {
      open = alerts.open();
    }
    return open;
  }
}
