package io.licensesync.cloud.enterprises.entity;

/**
 * Fired, synchronously and inside the changing transaction, whenever something that decides an
 * enterprise's consumed licenses changed (members, an instance's usage, an instance removed), so
 * the matching is brought up to date in the same commit. {@code cause} says what changed, in words
 * an owner reads in the list of seat changes (never an email); {@code upload} is the instance usage
 * just applied, when that is the change (null otherwise), so matching records what it changed on
 * that instance.
 */
public record EnterpriseUsageChanged(
    long enterpriseId, String cause, AppliedUpload upload, ChangedMembers members) {

  public EnterpriseUsageChanged(long enterpriseId, String cause) {
    this(enterpriseId, cause, null, null);
  }

  public EnterpriseUsageChanged(long enterpriseId, String cause, AppliedUpload upload) {
    this(enterpriseId, cause, upload, null);
  }

  /** A change of these members only: matching then rewrites only the people it can touch. */
  public EnterpriseUsageChanged(long enterpriseId, String cause, ChangedMembers members) {
    this(enterpriseId, cause, null, members);
  }

  /**
   * Members created, changed or removed, as keys: the login keys of them all, those of the members
   * the change created (none of their people has rows yet), every email and SAML NameID key they
   * held before the change or hold after it, and the ids of those removed.
   */
  public record ChangedMembers(
      java.util.Set<String> loginKeys,
      java.util.Set<String> created,
      java.util.Set<String> keys,
      java.util.Set<Long> removedIds) {}

  /**
   * An instance's usage applied: its upload id, how it came ({@code sync}, {@code file}), and what
   * it changed among the instance's accounts ({@code accounts}; null when that is not known or too
   * much to match only part of the enterprise: its first usage, a new hostname, a large change),
   * and how many of them it removed ({@code removedAccounts}, known either way).
   */
  public record AppliedUpload(
      long instanceId,
      String serverId,
      String uploadId,
      String via,
      ChangedAccounts accounts,
      int removedAccounts) {

    public AppliedUpload(long instanceId, String serverId, String uploadId, String via) {
      this(instanceId, serverId, uploadId, via, null, 0);
    }

    public AppliedUpload(
        long instanceId, String serverId, String uploadId, String via, ChangedAccounts accounts) {
      this(
          instanceId,
          serverId,
          uploadId,
          via,
          accounts,
          accounts == null ? 0 : accounts.removedIds().size());
    }
  }

  /**
   * The accounts of one instance an upload added, removed or changed (compared with the instance's
   * previous usage): the primary email keys they held before or hold now, the ids of them all, the
   * ids of those removed, and how many accounts the instance has now.
   */
  public record ChangedAccounts(
      java.util.Set<String> keys,
      java.util.Set<Long> changedIds,
      java.util.Set<Long> removedIds,
      int accounts) {}
}
