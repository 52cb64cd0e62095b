package io.licensesync.server.accounts.boundary;

import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
import io.licensesync.server.accounts.control.AccountIds;
import io.licensesync.server.accounts.control.ReportLine;
import io.licensesync.server.accounts.control.ReportRow;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.control.UsersReportStaging;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.audit.boundary.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Reader;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.hibernate.Session;

/**
 * The import of the site-admin "all users" report, one transaction: each line is matched to an
 * account by id (a new id creates it with that id), and by default a report with any bad line
 * changes nothing, so an admin can fix the file and send it again. The lines are staged in the
 * database in batches as they are read and checked and applied with a few set-based statements
 * ({@link UsersReportStaging}), so a report of a million lines takes linear time and little memory.
 */
@ApplicationScoped
@Transactional
public class UsersReportImport {

  private static final Logger LOG = Logger.getLogger(UsersReportImport.class.getName());

  @PersistenceContext EntityManager em;
  @Inject AccountIds ids;
  @Inject Meters meters;
  @Inject Audit audit;

  /**
   * Reads and applies a report as it streams in. With {@code skipInvalid} false (the default), a
   * report with any bad line changes nothing; true applies the good lines and lists the rest.
   *
   * @throws UsersReport.MalformedReportException when the file is not the report (nothing changes)
   */
  public ImportReport apply(Reader csv, boolean skipInvalid) {
    return run(staging -> UsersReport.read(csv, staging::add), skipInvalid);
  }

  /** Applies a report already parsed in memory (its duplicates already among its errors). */
  public ImportReport apply(UsersReport report, boolean skipInvalid) {
    return run(
        staging -> {
          report.errors().forEach(staging::refuse);
          for (ReportRow row : report.rows()) {
            staging.add(
                new ReportLine(row.line(), row.id(), row.login(), null, null, List.of(), row));
          }
        },
        skipInvalid);
  }

  private ImportReport run(Consumer<UsersReportStaging> feed, boolean skipInvalid) {
    long started = System.nanoTime();
    em.flush();
    Outcome outcome =
        em.unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  try (UsersReportStaging staging = new UsersReportStaging(connection)) {
                    feed.accept(staging);
                    List<ImportReport.LineError> errors = staging.check();
                    if (!errors.isEmpty() && !skipInvalid) {
                      staging.discard();
                      return new Outcome(new ImportReport(0, 0, 0, false, errors), 0);
                    }
                    UsersReportStaging.Counts counts = staging.write();
                    staging.discard();
                    return new Outcome(
                        new ImportReport(
                            counts.created(), counts.updated(), counts.unchanged(), true, errors),
                        counts.maxCreatedId());
                  }
                });
    ImportReport report = outcome.report();
    String summary =
        (report.applied() ? "applied: " : "refused, nothing changed: ")
            + report.created()
            + " created, "
            + report.updated()
            + " updated, "
            + report.unchanged()
            + " unchanged, "
            + report.errors().size()
            + " lines refused";
    audit.record("users.import", null, null, summary);
    if (outcome.maxCreatedId() > 0) {
      ids.keepAbove(outcome.maxCreatedId());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    meters.add(Metric.IMPORT_ROWS, report.created(), "outcome", "created");
    meters.add(Metric.IMPORT_ROWS, report.updated(), "outcome", "updated");
    meters.add(Metric.IMPORT_ROWS, report.unchanged(), "outcome", "unchanged");
    meters.add(Metric.IMPORT_ROWS, report.errors().size(), "outcome", "refused");
    meters.observe(
        Metric.IMPORT_SECONDS,
        millis / 1000.0,
        "outcome",
        report.applied() ? "applied" : "refused");
    LOG.info(() -> "Users report import " + summary + ", in " + millis + " ms");
    return report;
  }

  private record Outcome(ImportReport report, long maxCreatedId) {}
}
