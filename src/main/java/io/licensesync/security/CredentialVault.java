package io.licensesync.security;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the instance credential unreadable at rest: it is stored as a JWE (direct AES-256-GCM,
 * Nimbus JOSE) whose key is not in the database — from {@code licensesync.server.secret-key}
 * (several nodes share it) or a key file made once under {@code licensesync.server.secrets-dir},
 * readable by the process's user only (file {@code 600}, a directory it makes {@code 700}).
 */
@ApplicationScoped
public class CredentialVault {

  @Inject
  @ConfigProperty(name = "licensesync.server.secret-key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "licensesync.server.secrets-dir", defaultValue = "./data/secrets")
  String secretsDir;

  private SecretKey key;

  @PostConstruct
  void loadKey() {
    byte[] raw =
        configuredKey
            .filter(k -> !k.isBlank())
            .map(k -> Base64.getDecoder().decode(k.strip()))
            .orElseGet(this::keyFile);
    if (raw.length != 32) {
      throw new IllegalStateException(
          "licensesync.server.secret-key must be 32 bytes, Base64-encoded");
    }
    key = new SecretKeySpec(raw, "AES");
  }

  private byte[] keyFile() {
    Path file = Path.of(secretsDir, "credential.key");
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).strip());
      }
      OwnerOnlyFiles.directory(file.getParent());
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      // created 600 before the key is written into it, never readable by others even for a moment
      OwnerOnlyFiles.createFile(file);
      Files.writeString(file, Base64.getEncoder().encodeToString(raw));
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + file, e);
    }
  }

  public String protect(String secret) {
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(secret));
      jwe.encrypt(new DirectEncrypter(key));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot encrypt the credential", e);
    }
  }

  public String reveal(String protectedSecret) {
    try {
      JWEObject jwe = JWEObject.parse(protectedSecret);
      jwe.decrypt(new DirectDecrypter(key));
      return jwe.getPayload().toString();
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(
          "cannot decrypt the stored credential: was the secret key changed?", e);
    }
  }
}
