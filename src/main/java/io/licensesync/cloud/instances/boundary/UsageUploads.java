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
 * the intake's transaction rolled back.
 */
@ApplicationScoped
public class UsageUploads {

  private static final Logger LOG = Logger.getLogger(UsageUploads.class.getName());
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Inject Instances instances;
  @Inject UsageIntake intake;
  @Inject Meters meters;

  @Inject
  @ConfigProperty(name = "licensesync.cloud.upload.max-bytes", defaultValue = "104857600")
  long maxUploadBytes;

  /**
   * Applies {@code body} as instance {@code instanceId}'s upload {@code uploadId}; {@code
   * contentLength} is what the request announced (null when chunked).
   */
  public UsageIntake.Receipt receive(
      long instanceId, String uploadId, Long contentLength, InputStream body) {
    AtomicBoolean tooLarge = new AtomicBoolean();
    AtomicBoolean broken = new AtomicBoolean();
    BoundedInputStream bounded = null;
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
      long started = System.nanoTime();
      UsageIntake.Receipt receipt =
          intake.apply(instanceId, uploadId, bounded, UsageSource.AUTOMATIC);
      String outcome = receipt.applied() ? "applied" : "duplicate";
      meters.count(Metric.UPLOADS, "source", "automatic", "outcome", outcome);
      meters.observe(Metric.UPLOAD_BYTES, bounded.getCount(), "source", "automatic");
      meters.observe(
          Metric.INGEST_SECONDS, (System.nanoTime() - started) / 1e9, "source", "automatic");
      return receipt;
    } catch (IOException | RuntimeException e) {
      meters.count(
          Metric.UPLOADS,
          "source",
          "automatic",
          "outcome",
          e instanceof UsageIntake.UploadInProgress
              ? "busy"
              : e instanceof ApiException ? "refused" : "failed");
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

  private ApiException tooLarge() {
    return new ApiException(
        413, "The upload is larger than the limit of " + maxUploadBytes + " bytes", null, null);
  }
}
