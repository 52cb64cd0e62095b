package io.licensesync.server.licensesync.boundary;

import io.licensesync.database.StoredTime;
import io.licensesync.rest.ApiException;
import io.licensesync.server.access.boundary.AdminPageAction;
import io.licensesync.server.access.boundary.ServerSession;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.connect.boundary.Connections;
import io.licensesync.server.connect.entity.CloudConnection;
import io.licensesync.server.instance.control.ServerLicense;
import io.licensesync.server.licensesync.control.RunLedger;
import io.licensesync.server.licensesync.control.UsageKeys;
import io.licensesync.server.licensesync.entity.SyncRun;
import io.licensesync.web.PageMessages;
import io.licensesync.web.Pager;
import io.licensesync.web.Times;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The License page: this Server's license and seats in use, the license sync setting and schedule,
 * Sync now, the run in progress and the run history, ten runs a page. It reads through the same
 * boundaries as {@code /enterprise/settings/license} and {@code /admin/license-sync}.
 */
@Named
@RequestScoped
public class LicensePage {

  static final int PER_PAGE = 10;

  @Inject ServerLicense license;
  @Inject Accounts accounts;
  @Inject LicenseSyncSetting setting;
  @Inject SyncRuns syncRuns;
  @Inject RunLedger ledger;
  @Inject Connections connections;
  @Inject ServerSession session;
  @Inject UsageExport export;

  private String page;

  private ServerLicense.LicenseInformation information;
  private LicenseSyncSetting.State state;
  private Optional<SyncRun> running;
  private Optional<SyncRun> lastFinished;
  private List<SyncRun> runs;
  private Long runCount;
  private Pager pager;
  private UsageExport.Plan plan;
  private String exportProblem;
  private String pasteEnterprise;
  private String pasteKey;

  /** The page of history asked for in the address ({@code ?page=2}); the poll sends it again. */
  @PostConstruct
  void readPage() {
    page =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("page");
  }

  /**
   * Sync now: starts a run and shows the page again (a fresh GET, so reloading does not start
   * another).
   */
  @AdminPageAction
  public String syncNow() {
    try {
      SyncRun run = syncRuns.syncNow(session.getLogin());
      PageMessages.info(
          "Sync now started run " + run.id() + ". This page follows it until it finishes.");
      PageMessages.keepForNextPage();
      return "/server/license.xhtml?faces-redirect=true";
    } catch (RunLedger.RunInProgress busy) {
      PageMessages.error(
          null,
          "A license sync run is already in progress (run "
              + busy.runId()
              + "); wait for it to finish.");
    } catch (ApiException refused) {
      PageMessages.refusal(refused);
    }
    return null;
  }

  public ServerLicense.LicenseInformation getLicense() {
    if (information == null) {
      information = license.information(accounts.seatsUsed(), StoredTime.now());
    }
    return information;
  }

  public Instant getExpiresAt() {
    return license.expiresAt();
  }

  public LicenseSyncSetting.State getState() {
    if (state == null) {
      state = setting.state();
    }
    return state;
  }

  /** The run holding the running slot, if any. */
  public SyncRun getRunning() {
    if (running == null) {
      running =
          connections
              .current()
              .map(CloudConnection::runningRunId)
              .flatMap(ledger::run)
              .filter(run -> run.status() == SyncRun.Status.RUNNING);
    }
    return running.orElse(null);
  }

  public SyncRun getLastFinished() {
    if (lastFinished == null) {
      lastFinished = ledger.lastFinished();
    }
    return lastFinished.orElse(null);
  }

  public List<SyncRun> getRuns() {
    if (runs == null) {
      runs = ledger.page(getPager().offset(), PER_PAGE);
    }
    return runs;
  }

  public long getRunCount() {
    if (runCount == null) {
      runCount = ledger.count();
    }
    return runCount;
  }

  /** What Export license usage will do: which key signs, whether and for whom it encrypts. */
  public UsageExport.Plan getExportPlan() {
    if (plan == null && exportProblem == null) {
      try {
        plan = export.plan(false);
      } catch (ApiException unusable) {
        exportProblem = unusable.body().message();
      }
    }
    return plan;
  }

  /** Why exporting cannot work now (the signing key cannot be read), or null. */
  public String getExportProblem() {
    getExportPlan();
    return exportProblem;
  }

  /**
   * Keeps an enterprise key pasted from the Cloud's licensing page; refusals show next to the
   * fields.
   */
  @AdminPageAction
  public String pasteCloudKey() {
    try {
      UsageKeys.EnterpriseKey kept = export.pasteKey(pasteEnterprise, pasteKey, session.getLogin());
      PageMessages.info(
          "Exported files are now encrypted for the enterprise '"
              + kept.enterprise()
              + "' (key "
              + kept.fingerprint()
              + ").");
      PageMessages.keepForNextPage();
      return "/server/license.xhtml?faces-redirect=true";
    } catch (ApiException refused) {
      PageMessages.refusal(refused, "enterprise=keyForm:pasteEnterprise", "key=keyForm:pasteKey");
      return null;
    }
  }

  @AdminPageAction
  public String forgetCloudKey() {
    export.forgetKey(session.getLogin());
    PageMessages.info(
        "The pasted enterprise key is forgotten: exported files are not encrypted until another key is known.");
    PageMessages.keepForNextPage();
    return "/server/license.xhtml?faces-redirect=true";
  }

  public String getPasteEnterprise() {
    return pasteEnterprise;
  }

  public void setPasteEnterprise(String pasteEnterprise) {
    this.pasteEnterprise = pasteEnterprise;
  }

  public String getPasteKey() {
    return pasteKey;
  }

  public void setPasteKey(String pasteKey) {
    this.pasteKey = pasteKey;
  }

  /** How a trigger, status or other enum reads on the page: {@code SYNC_NOW} as "sync now". */
  public String words(Enum<?> value) {
    return value == null ? "" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * How long a run took, or has been running: "12 s", "3 min 5 s"; a run still going on reads
   * "running for 12 s".
   */
  public String duration(SyncRun run) {
    String took = Times.duration(run.startedAt(), run.finishedAt());
    return run.finishedAt() == null ? "running for " + took : took;
  }

  /** Which page of the run history this is, and whether there are others. */
  public Pager getPager() {
    if (pager == null) {
      pager = Pager.of(page, getRunCount(), PER_PAGE);
    }
    return pager;
  }
}
