package io.licensesync.server.connect.boundary;

import io.licensesync.rest.ApiException;
import io.licensesync.rest.ErrorBody;
import io.licensesync.server.access.boundary.AdminPageAction;
import io.licensesync.server.access.boundary.ServerSession;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.licensesync.boundary.LicenseSyncSetting;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Times;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GitHub Connect page: connect, disconnect (after a confirming second click) and the setting
 * "Server can sync user license count and usage". It calls the same boundary methods as the REST
 * API and words their refusals for a person; view scoped so the confirmation step survives a post.
 */
@Named
@ViewScoped
public class ConnectPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The settings offered, exactly as the API names them. */
  public static final List<String> SETTINGS =
      List.of(LicenseSyncSetting.ENABLED, LicenseSyncSetting.DISABLED);

  private static final Map<String, String> CONNECT_FIELDS =
      Map.of(
          "cloud_url",
          "connectForm:cloudUrl",
          "enterprise",
          "connectForm:enterprise",
          "token",
          "connectForm:ownerToken");
  private static final Map<String, String> CONNECT_WORDS =
      Map.of(
          "cloud_url",
              "Enter the Cloud's address as an http or https URL, such as https://cloud.example.com.",
          "enterprise", "Enter the slug of the Cloud enterprise, as in its address.",
          "token", "Enter the personal access token of an owner of the Cloud enterprise.");

  @Inject Connections connections;
  @Inject LicenseSyncSetting licenseSync;
  @Inject Accounts accounts;
  @Inject ServerSession session;
  @Inject Times times;

  private String cloudUrl;
  private String enterprise;
  private String ownerToken;
  private boolean confirmingDisconnect;
  private boolean cloudUnreachable;
  private String setting;
  private String cloudToken;

  private ConnectionView connection;
  private LicenseSyncSetting.State state;

  @PostConstruct
  void init() {
    load();
    setting = state.setting();
  }

  /** Reads the connection and the setting afresh before every render. */
  public void load() {
    connection = connections.current().map(ConnectionView::of).orElse(null);
    state = licenseSync.state();
    if (connection == null) {
      confirmingDisconnect = false;
    }
  }

  @AdminPageAction
  public void connect() {
    try {
      CloudConnection made =
          connections.connect(cloudUrl, enterprise, ownerToken, session.getLogin());
      PageMessages.info(
          "Connected to the Cloud enterprise '"
              + made.enterprise()
              + "'. The owner token was used once and is not kept.");
      cloudUrl = null;
      enterprise = null;
    } catch (ApiException refused) {
      if (refused.status() == 403) {
        PageMessages.error("connectForm:ownerToken", refused.getMessage());
      } else if (refused.body().errors() != null) {
        refused
            .body()
            .errors()
            .forEach(error -> PageMessages.error(CONNECT_FIELDS.get(error.field()), words(error)));
      } else {
        PageMessages.refusal(refused);
      }
    } finally {
      ownerToken = null;
    }
  }

  /**
   * The field's advice, after what is wrong when the value is too long or holds control characters.
   */
  private static String words(ErrorBody.ErrorDetail error) {
    String advice = CONNECT_WORDS.getOrDefault(error.field(), error.message());
    boolean outOfBounds =
        error.message() != null
            && (error.message().contains(" is longer than ")
                || error.message().contains("control characters"));
    return outOfBounds ? "The " + error.message().replace('_', ' ') + ". " + advice : advice;
  }

  /** The first click on Disconnect only asks for confirmation. */
  @AdminPageAction
  public void askToDisconnect() {
    confirmingDisconnect = true;
  }

  @AdminPageAction
  public void cancelDisconnect() {
    confirmingDisconnect = false;
  }

  @AdminPageAction
  public void disconnect() {
    disconnect(false);
  }

  /** After the Cloud could not be told: disconnects this Server alone, as the admin chose. */
  @AdminPageAction
  public void disconnectAlone() {
    disconnect(true);
  }

  private void disconnect(boolean alone) {
    confirmingDisconnect = false;
    try {
      Connections.Disconnection done = connections.disconnect(session.getLogin(), alone);
      cloudUnreachable = false;
      PageMessages.info(
          "Disconnected from the Cloud enterprise '"
              + done.enterprise()
              + "'. License sync is off."
              + (done.cloudTold()
                  ? " The Cloud removed this Server's license usage."
                  : " The Cloud could not be told, so it still shows this Server's last upload; remove the instance there."));
      setting = LicenseSyncSetting.DISABLED;
    } catch (ApiException refused) {
      cloudUnreachable = refused.status() == 502;
      PageMessages.refusal(refused);
    }
  }

  @AdminPageAction
  public void saveSetting() {
    boolean siteAdmin =
        accounts.findById(session.accountId()).map(UserAccount::siteAdmin).orElse(false);
    String before = licenseSync.state().setting();
    try {
      LicenseSyncSetting.State after =
          licenseSync.change(setting, session.getLogin(), siteAdmin, cloudToken);
      setting = after.setting();
      PageMessages.info(outcome(before, after));
    } catch (ApiException refused) {
      explain(refused, siteAdmin);
    } finally {
      cloudToken = null;
    }
  }

  private String outcome(String before, LicenseSyncSetting.State after) {
    if (before.equals(after.setting())) {
      return "License sync was already "
          + after.setting().toLowerCase(Locale.ROOT)
          + "; nothing changed.";
    }
    if (LicenseSyncSetting.ENABLED.equals(after.setting())) {
      return "License sync is enabled: the Cloud confirmed you own '"
          + after.enterprise()
          + "'. This Server will send its license usage on its schedule; the next scheduled run is "
          + times.format(after.nextRunAt())
          + ".";
    }
    return "License sync is disabled: this Server no longer sends its license usage.";
  }

  private void explain(ApiException refused, boolean siteAdmin) {
    switch (refused.status()) {
      case 409 ->
          PageMessages.error(
              null,
              "This Server is not connected to a Cloud enterprise. Connect it above first, then enable license sync.");
      case 403 -> {
        if (!siteAdmin) {
          PageMessages.error(null, "Only a site administrator can change license sync.");
        } else if (cloudToken == null || cloudToken.isBlank()) {
          PageMessages.error(
              "licenseSyncForm:cloudToken",
              "Enter your Cloud personal access token: only an owner of the Cloud enterprise '"
                  + state.enterprise()
                  + "' can enable license sync. License sync stays disabled.");
        } else {
          PageMessages.error(
              "licenseSyncForm:cloudToken",
              "The Cloud says this token does not belong to an owner of the enterprise '"
                  + state.enterprise()
                  + "'. Use a token of an enterprise owner. License sync stays disabled.");
        }
      }
      case 502 ->
          PageMessages.error(
              null, refused.getMessage() + ". License sync stays disabled; try again later.");
      default ->
          PageMessages.refusal(
              refused,
              "setting=licenseSyncForm:licenseSyncSetting",
              "cloud_token=licenseSyncForm:cloudToken");
    }
  }

  public boolean isConnected() {
    return connection != null;
  }

  public ConnectionView getConnection() {
    return connection;
  }

  public LicenseSyncSetting.State getState() {
    return state;
  }

  public List<String> getSettings() {
    return SETTINGS;
  }

  /**
   * The last Disconnect could not reach the Cloud: the page offers to disconnect this Server alone.
   */
  public boolean isCloudUnreachable() {
    return cloudUnreachable && connection != null;
  }

  public boolean isConfirmingDisconnect() {
    return confirmingDisconnect;
  }

  public String getCloudUrl() {
    return cloudUrl;
  }

  public void setCloudUrl(String cloudUrl) {
    this.cloudUrl = cloudUrl;
  }

  public String getEnterprise() {
    return enterprise;
  }

  public void setEnterprise(String enterprise) {
    this.enterprise = enterprise;
  }

  public String getOwnerToken() {
    return ownerToken;
  }

  public void setOwnerToken(String ownerToken) {
    this.ownerToken = ownerToken;
  }

  public String getSetting() {
    return setting;
  }

  public void setSetting(String setting) {
    this.setting = setting;
  }

  public String getCloudToken() {
    return cloudToken;
  }

  public void setCloudToken(String cloudToken) {
    this.cloudToken = cloudToken;
  }

  /** The connection as the page shows it; never the credential. */
  public record ConnectionView(
      String enterprise,
      String cloudUrl,
      Instant connectedAt,
      String connectedBy,
      boolean licenseSyncEnabled,
      Instant licenseSyncSince,
      String licenseSyncBy)
      implements Serializable {

    static ConnectionView of(CloudConnection c) {
      return new ConnectionView(
          c.enterprise(),
          c.cloudUrl(),
          c.connectedAt(),
          c.connectedBy(),
          c.licenseSyncEnabled(),
          c.licenseSyncChangedAt(),
          c.licenseSyncChangedBy());
    }
  }
}
