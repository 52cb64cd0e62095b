package io.licensesync.cloud.enterprises.control;

/**
 * How many seats an enterprise consumes, as licensing counts them after matching people: asked by
 * the features that change usage (the intake of uploads and files) to say what a change did, and
 * answered by licensing, so no other feature queries licensing's rows.
 */
public interface SeatCounts {

  /** The people the enterprise counts now, each once. */
  long seatsConsumed(long enterpriseId);

  /** The people counted with at least one account on the instance with this server id. */
  long peopleOn(long enterpriseId, String serverId);
}
