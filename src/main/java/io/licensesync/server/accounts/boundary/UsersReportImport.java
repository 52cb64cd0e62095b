package io.licensesync.server.accounts.boundary;

import io.licensesync.server.accounts.control.AccountIds;
import io.licensesync.server.accounts.control.ReportRow;
import io.licensesync.server.accounts.control.UsersReport;
import io.licensesync.server.accounts.entity.AccountType;
import io.licensesync.server.accounts.entity.ImportReport;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The import of the site-admin "all users" report, one transaction: each line is matched to an
 * account by id (a new id creates it with that id), and by default a report with any bad line
 * changes nothing, so an admin can fix the file and send it again.
 */
@ApplicationScoped
@Transactional
public class UsersReportImport {

  private static final Logger LOG = Logger.getLogger(UsersReportImport.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Accounts accounts;
  @Inject AccountIds ids;

  /**
   * Applies a parsed report. With {@code skipInvalid} false (the default), a report with any bad
   * line changes nothing; true applies the good lines and lists the rest.
   */
  public ImportReport apply(UsersReport report, boolean skipInvalid) {
    List<ImportReport.LineError> errors = new ArrayList<>(report.errors());
    List<ReportRow> rows = report.rows();
    for (ReportRow row : rows) {
      conflictOf(row)
          .ifPresent(message -> errors.add(new ImportReport.LineError(row.line(), message)));
    }
    errors.sort(Comparator.comparingLong(ImportReport.LineError::line));
    if (!errors.isEmpty() && !skipInvalid) {
      return new ImportReport(0, 0, 0, false, errors);
    }
    Set<Long> refused = new HashSet<>();
    errors.forEach(e -> refused.add(e.line()));
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    long maxId = 0;
    for (ReportRow row : rows) {
      if (refused.contains(row.line())) {
        continue;
      }
      UserAccount existing = em.find(UserAccount.class, row.id());
      if (existing == null) {
        UserAccount account =
            new UserAccount(
                row.id(), row.login(), AccountType.ofLogin(row.login()), row.createdAt());
        row.applyTo(account);
        em.persist(account);
        created++;
        maxId = Math.max(maxId, row.id());
      } else if (row.applyTo(existing)) {
        updated++;
      } else {
        unchanged++;
      }
    }
    em.flush();
    if (maxId > 0) {
      ids.keepAbove(maxId);
    }
    int total = created + updated;
    LOG.info(() -> "Imported users report: " + total + " accounts written");
    return new ImportReport(created, updated, unchanged, true, errors);
  }

  /**
   * Why a valid line cannot apply to the accounts already here (login or email held by another
   * account).
   */
  private Optional<String> conflictOf(ReportRow row) {
    Optional<UserAccount> loginHolder = accounts.findByLogin(row.login());
    if (loginHolder.isPresent() && loginHolder.get().id() != row.id()) {
      return Optional.of(
          "login '"
              + row.login()
              + "' belongs to another account (id "
              + loginHolder.get().id()
              + ")");
    }
    if (row.email() != null) {
      Optional<UserAccount> emailHolder = accounts.findByEmail(row.email());
      if (emailHolder.isPresent() && emailHolder.get().id() != row.id()) {
        return Optional.of("email belongs to another account (id " + emailHolder.get().id() + ")");
      }
    }
    return Optional.empty();
  }
}
