package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.licensing.control.SeatChanges;
import io.licensesync.database.PlainReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What every page of consumed licenses asks first: the enterprise's version and number of people.
 * One plain read ({@link PlainReads}) in a bean with no interceptor: through JPQL it was a fifth of
 * a cached page's time, in a session and transaction of its own still a tenth, and the {@code
 * Transactional(SUPPORTS)} interceptor it needed inside {@link Licensing} a further few percent.
 */
@ApplicationScoped
public class ConsumedLicenseHeads {

  @Inject PlainReads reads;

  /**
   * The enterprise's version and number of people, read from one row (its latest seat change, which
   * every matching records with the people it left): the count always belongs to the version, so a
   * page kept under a version is never older than it.
   */
  public Head head(long enterpriseId) {
    SeatChanges.Latest latest =
        reads.read(connection -> SeatChanges.latest(connection, enterpriseId));
    return new Head(latest.id(), latest.seatsAfter());
  }

  /**
   * What the pages of consumed licenses are made of ({@link #head}): {@code version} changes with
   * every committed rematch of the enterprise (each one records a seat change under a new id; read
   * from the database so every node agrees; 0 before the first), {@code total} is its people.
   */
  public record Head(long version, long total) {}
}
