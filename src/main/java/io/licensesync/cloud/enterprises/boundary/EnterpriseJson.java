package io.licensesync.cloud.enterprises.boundary;

import io.licensesync.cloud.enterprises.entity.Enterprise;
import java.time.Instant;
import java.util.List;

/**
 * An enterprise as the Cloud API shows it; {@code ownerToken} only in the answer that creates it.
 */
public record EnterpriseJson(
    long id,
    String slug,
    String name,
    int seatsPurchased,
    List<String> verifiedDomains,
    Instant createdAt,
    String ownerLogin,
    String ownerToken) {

  static EnterpriseJson of(Enterprise e) {
    return new EnterpriseJson(
        e.id(),
        e.slug(),
        e.name(),
        e.seatsPurchased(),
        e.verifiedDomains(),
        e.createdAt(),
        null,
        null);
  }
}
