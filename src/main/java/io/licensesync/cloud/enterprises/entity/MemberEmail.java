package io.licensesync.cloud.enterprises.entity;

import io.licensesync.identity.Emails;
import io.licensesync.input.Text;
import io.licensesync.input.TextRules;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** An email address of a member, and whether the member verified it (only verified ones match). */
@Embeddable
public class MemberEmail {

  @Column(name = "address", nullable = false, length = 320)
  @Text(max = TextRules.EMAIL)
  private String address;

  @Column(name = "address_key", nullable = false, length = 320)
  @Text(max = TextRules.EMAIL)
  private String addressKey;

  @Column(name = "verified", nullable = false)
  private boolean verified;

  protected MemberEmail() {}

  public MemberEmail(String address, boolean verified) {
    this.address = address.strip();
    this.addressKey = keyOf(address);
    this.verified = verified;
  }

  /** The comparison key: trimmed, lower case. */
  public static String keyOf(String address) {
    return Emails.keyOf(address);
  }

  public String address() {
    return address;
  }

  public String key() {
    return addressKey;
  }

  public boolean verified() {
    return verified;
  }
}
