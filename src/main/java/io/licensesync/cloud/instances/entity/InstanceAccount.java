package io.licensesync.cloud.instances.entity;

import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One account of a connected instance's latest usage: its id on the Server and its emails, the
 * primary one apart and keyed for matching. Nothing else about the person is kept.
 */
@Entity
@Table(name = "instance_account")
@IdClass(InstanceAccount.Key.class)
public class InstanceAccount {

  @Id
  @Column(name = "instance_id")
  private long instanceId;

  @Id
  @Column(name = "account_id")
  private long accountId;

  @Column(name = "primary_email", length = 320)
  @Text(max = TextRules.EMAIL)
  private String primaryEmail;

  @Column(name = "primary_key", length = 320)
  @Text(max = TextRules.EMAIL)
  private String primaryKey;

  @Column(name = "other_emails", nullable = false, length = 4000)
  @Text(max = TextRules.MEMBER_LISTS)
  private String otherEmails;

  protected InstanceAccount() {}

  public InstanceAccount(
      long instanceId,
      long accountId,
      String primaryEmail,
      String primaryKey,
      List<String> otherEmails) {
    this.instanceId = instanceId;
    this.accountId = accountId;
    this.primaryEmail = primaryEmail;
    this.primaryKey = primaryKey;
    this.otherEmails = joinOthers(otherEmails);
  }

  /**
   * How {@code other_emails} stores an account's other addresses: joined by spaces, cut at the last
   * whole address within the column's 4000 characters.
   */
  public static String joinOthers(List<String> otherEmails) {
    String joined = String.join(" ", otherEmails);
    return joined.length() > 4000 ? joined.substring(0, joined.lastIndexOf(' ', 4000)) : joined;
  }

  public long accountId() {
    return accountId;
  }

  public String primaryEmail() {
    return primaryEmail;
  }

  public List<String> otherEmails() {
    return otherEmails.isEmpty() ? List.of() : Arrays.asList(otherEmails.split(" "));
  }

  /** The composite key: instance and account id. */
  public static class Key implements Serializable {
    private long instanceId;
    private long accountId;

    public Key() {}

    public Key(long instanceId, long accountId) {
      this.instanceId = instanceId;
      this.accountId = accountId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.instanceId == instanceId && k.accountId == accountId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(instanceId, accountId);
    }
  }
}
