package io.licensesync.cloud.licensing.boundary;

import io.licensesync.alerts.Alert;
import io.licensesync.cloud.access.CloudSession;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The banner of open alerts on the signed-in owner's Cloud pages. */
@Named
@RequestScoped
public class CloudAlertsBanner {

  @Inject CloudSession session;
  @Inject Enterprises enterprises;
  @Inject CloudAlerts alerts;

  private List<Alert> open;

  public List<Alert> getAlerts() {
    if (open == null) {
      open =
          session.isSignedIn()
              ? alerts.open(enterprises.require(session.getEnterprise()))
              : List.of();
    }
    return open;
  }
}
