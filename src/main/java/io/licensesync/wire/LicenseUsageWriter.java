package io.licensesync.wire;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes a license usage document as a stream: the metadata first, then accounts one at a time, so
 * a Server with any number of accounts needs memory for one account only.
 */
public final class LicenseUsageWriter implements AutoCloseable {

  private final JsonGenerator json;

  public LicenseUsageWriter(OutputStream out, LicenseUsageDocument.Metadata metadata) {
    json = Json.createGenerator(out);
    json.writeStartObject();
    json.write("format", LicenseUsageDocument.FORMAT);
    json.write("upload_id", metadata.uploadId());
    json.write("server_id", metadata.serverId());
    json.write("hostname", metadata.hostname());
    json.write("version", metadata.version());
    writeNullable("license_hash", metadata.licenseHash());
    writeNullable("license_public_key", metadata.licensePublicKey());
    json.writeStartArray("features");
    for (LicenseUsageDocument.Feature feature : metadata.features()) {
      json.writeStartObject().write("name", feature.name());
      writeNullable("enabled_at", feature.enabledAt());
      json.writeEnd();
    }
    json.writeEnd();
    writeNullable("generated_at", metadata.generatedAt());
    json.writeStartArray("accounts");
  }

  public void account(LicenseUsageDocument.Account account) {
    json.writeStartObject().write("id", account.id()).writeStartArray("emails");
    for (LicenseUsageDocument.Email email : account.emails()) {
      json.writeStartObject()
          .write("email", email.email())
          .write("primary", email.primary())
          .writeEnd();
    }
    json.writeEnd().writeEnd();
  }

  private void writeNullable(String name, Object value) {
    if (value == null) {
      json.writeNull(name);
    } else {
      json.write(name, value instanceof Instant ? value.toString() : (String) value);
    }
  }

  /** Ends the document and flushes; does not close the underlying stream's owner twice. */
  @Override
  public void close() {
    json.writeEnd();
    json.writeEnd();
    json.close();
  }
}
