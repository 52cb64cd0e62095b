package io.licensesync.server.accounts.entity;

import io.licensesync.identity.Emails;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One email address of an account; the lower-cased key keeps addresses unique across accounts. */
@Embeddable
public class AccountEmail {

  @Column(name = "address", nullable = false, length = 320)
  @Text(max = TextRules.EMAIL)
  private String address;

  @Column(name = "address_key", nullable = false, length = 320)
  @Text(max = TextRules.EMAIL)
  private String addressKey;

  @Column(name = "is_primary", nullable = false)
  private boolean primary;

  protected AccountEmail() {}

  AccountEmail(String address, boolean primary) {
    this.address = address.trim();
    this.addressKey = keyOf(address);
    this.primary = primary;
  }

  /** The comparison key for an address: trimmed and lower-cased. */
  public static String keyOf(String address) {
    return Emails.keyOf(address);
  }

  /** True when the text looks like an email address: one {@code @}, no spaces, a dotted domain. */
  public static boolean isWellFormed(String address) {
    return Emails.isWellFormed(address);
  }

  public String address() {
    return address;
  }

  public String key() {
    return addressKey;
  }

  public boolean primary() {
    return primary;
  }

  void demote() {
    primary = false;
  }

  void promote() {
    primary = true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AccountEmail email && addressKey.equals(email.addressKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(addressKey);
  }
}
