package io.licensesync.cloud.instances.boundary;

import io.licensesync.cloud.instances.entity.UsageSource;
import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
import io.licensesync.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.ObservableInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receives a connected instance's license usage upload: checks the upload id and the size (while
 * the body is read, chunked or not), has {@link UsageIntake} apply it in its own transaction, and
 * when it is refused, records why in the instance's sync status — too large, cut off in transit
 * (fewer bytes than announced, or the connection broken), invalid, or the Cloud's own failure —
 * without changing the usage the Cloud had. Not transactional itself: the failure is recorded after
 * the intake's transaction rolled back. Each upload, automatic or a file (Add server usage), is
 * counted in the metrics and logged in one line when its outcome is known: its id, the instance,
 * the outcome, the accounts, the bytes and how long it took — never an email or a reason that could
 * quote the upload's content.
 */
@ApplicationScoped
public class UsageUploads {

  private static final Logger LOG = Logger.getLogger(UsageUploads.class.getName());
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Inject Instances instances;
  @Inject UsageIntake intake;
  @Inject ExportFileIntake files;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.upload.max-bytes", defaultValue = "104857600")
  long maxUploadBytes;

  /**
   * Applies {@code body} as instance {@code instanceId}'s upload {@code uploadId}; {@code
   * contentLength} is what the request announced (null when chunked).
   */
  public UsageIntake.Receipt receive(
      long instanceId, String serverId, String uploadId, Long contentLength, InputStream body) {
    AtomicBoolean tooLarge = new AtomicBoolean();
    AtomicBoolean broken = new AtomicBoolean();
    BoundedInputStream bounded = null;
    long started = System.nanoTime();
    try {
      if (!UPLOAD_ID.matcher(uploadId).matches()) {
        throw ApiException.invalid(
            "LicenseUsageDocument",
            "upload_id",
            "invalid",
            "upload_id must be 1 to 64 letters, digits, dots, dashes or underscores");
      }
      if (contentLength != null && contentLength > maxUploadBytes) {
        throw tooLarge();
      }
      // a body that breaks off (the connection lost mid-upload) is told apart from a wrong one
      ObservableInputStream watched =
          new ObservableInputStream(
              body,
              new ObservableInputStream.Observer() {
                @Override
                public void error(IOException exception) {
                  broken.set(true);
                }
              });
      bounded =
          BoundedInputStream.builder()
              .setInputStream(watched)
              .setMaxCount(maxUploadBytes + 1)
              .setOnMaxCount(
                  (max, count) -> {
                    tooLarge.set(true);
                    throw new IOException("upload larger than the limit");
                  })
              .get();
      UsageIntake.Receipt receipt =
          intake.apply(instanceId, uploadId, bounded, UsageSource.AUTOMATIC);
      counted(
          "automatic",
          serverId,
          uploadId,
          receipt.applied() ? "applied" : "duplicate",
          receipt.accountsAccepted(),
          bounded.getCount(),
          started);
      return receipt;
    } catch (IOException | RuntimeException e) {
      counted(
          "automatic",
          serverId,
          uploadId,
          failureOutcome(e, tooLarge.get()),
          null,
          bounded == null ? 0 : bounded.getCount(),
          started);
      if (e instanceof UsageIntake.UploadInProgress busy) {
        // another upload of this instance is being applied: its outcome is the one to record
        throw busy;
      }
      long received = bounded == null ? 0 : bounded.getCount();
      boolean cutOff =
          bounded != null
              && !tooLarge.get()
              && (broken.get() || (contentLength != null && received < contentLength));
      ApiException refusal =
          tooLarge.get()
              ? tooLarge()
              : cutOff
                  ? ApiException.badRequest(
                      "The upload was cut off after "
                          + received
                          + " bytes"
                          + (contentLength == null ? "" : " of " + contentLength)
                          + "; nothing changed")
                  : e instanceof ApiException api ? api : null;
      String reason =
          refusal != null
              ? refusal.body().reason()
              : "the Cloud could not apply the upload (internal error)";
      instances.recordFailure(instanceId, reason, UsageSource.AUTOMATIC);
      if (refusal != null) {
        throw refusal;
      }
      LOG.log(Level.SEVERE, "Upload of instance " + instanceId + " failed", e);
      throw new ApiException(500, "Server Error", null, null);
    }
  }

  /**
   * Add server usage: checks and applies an owner's file ({@link ExportFileIntake}), counted and
   * logged like an automatic upload.
   */
  public ExportFileIntake.Receipt receiveFile(long enterpriseId, byte[] file, String by) {
    long started = System.nanoTime();
    try {
      ExportFileIntake.Receipt receipt = files.accept(enterpriseId, file, by);
      counted(
          "file",
          receipt.serverId(),
          receipt.uploadId(),
          receipt.applied() ? "applied" : "duplicate",
          receipt.accountsAccepted(),
          file.length,
          started);
      return receipt;
    } catch (RuntimeException e) {
      counted("file", null, null, failureOutcome(e, false), null, file.length, started);
      throw e;
    }
  }

  /** The outcome of an upload that ended with {@code e}: busy, refused, or failed (ours). */
  private static String failureOutcome(Exception e, boolean tooLarge) {
    if (e instanceof UsageIntake.UploadInProgress) {
      return "busy";
    }
    return e instanceof ApiException || tooLarge ? "refused" : "failed";
  }

  /** Counts an upload's outcome, size and time in the metrics, and logs its one line. */
  private void counted(
      String source,
      String serverId,
      String uploadId,
      String outcome,
      Integer accounts,
      long bytes,
      long started) {
    long nanos = System.nanoTime() - started;
    meters.count(Metric.UPLOADS, "source", source, "outcome", outcome);
    meters.observe(Metric.UPLOAD_BYTES, bytes, "source", source);
    if (outcome.equals("applied") || outcome.equals("duplicate")) {
      meters.observe(Metric.INGEST_SECONDS, nanos / 1e9, "source", source);
    }
    LOG.log(
        outcome.equals("failed") ? Level.WARNING : Level.INFO,
        () -> logLine(source, serverId, uploadId, outcome, accounts, bytes, nanos / 1_000_000));
  }

  /**
   * An upload's log line: {@code License usage upload u-1 (automatic) of instance <server id>:
   * applied, 120 accounts, 5120 bytes in 84 ms}. An id that is not a valid upload id (it came from
   * the request) is not repeated.
   */
  static String logLine(
      String source,
      String serverId,
      String uploadId,
      String outcome,
      Integer accounts,
      long bytes,
      long millis) {
    return "License usage upload "
        + (uploadId != null && UPLOAD_ID.matcher(uploadId).matches()
            ? uploadId
            : uploadId == null ? "(not read)" : "(invalid id)")
        + " ("
        + source
        + ") of instance "
        + (serverId == null ? "(not read)" : serverId)
        + ": "
        + outcome
        + (accounts == null ? "" : ", " + accounts + " accounts")
        + ", "
        + bytes
        + " bytes in "
        + millis
        + " ms";
  }

  private ApiException tooLarge() {
    return new ApiException(
        413, "The upload is larger than the limit of " + maxUploadBytes + " bytes", null, null);
  }
}
