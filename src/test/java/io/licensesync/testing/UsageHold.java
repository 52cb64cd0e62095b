package io.licensesync.testing;

import io.licensesync.cloud.enterprises.entity.EnterpriseUsageChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deployed only in test WARs ({@link Deployments#holdingUsageChange}): holds the transaction that
 * applies a usage change open once the change's cause contains the configured text, and says so on
 * the console ({@link #HOLDING}), so a crash test kills the process at a known point inside the
 * ingest rather than after a guessed delay.
 */
@ApplicationScoped
public class UsageHold {

  /** What the console shows while a change is held. */
  public static final String HOLDING = "UsageHold: holding the transaction of a usage change";

  @Inject
  @ConfigProperty(name = "licensesync.testing.hold-usage-change", defaultValue = "")
  String holdWhenCauseContains;

  void onChange(@Observes EnterpriseUsageChanged change) throws InterruptedException {
    if (!holdWhenCauseContains.isEmpty() && change.cause().contains(holdWhenCauseContains)) {
      System.out.println(HOLDING);
      System.out.flush();
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }
}
