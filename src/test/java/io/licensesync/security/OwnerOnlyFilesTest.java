package io.licensesync.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

  @TempDir Path temp;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aTemporaryFileIsReadableByItsOwnerOnly() throws IOException {
    Path file = OwnerOnlyFiles.createTempFile("owner-only-", ".json");
    try {
      assertEquals("rw-------", permissions(file));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aNewDirectoryAndItsNewParentsAreOpenToTheirOwnerOnly() throws IOException {
    Path nested = temp.resolve("data").resolve("secrets");
    OwnerOnlyFiles.directory(nested);
    assertEquals("rwx------", permissions(nested));
    assertEquals("rwx------", permissions(nested.getParent()));
  }

  @Test
  void anExistingDirectoryIsLeftAsItIs() throws IOException {
    Path shared =
        Files.createDirectory(
            temp.resolve("shared"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    OwnerOnlyFiles.directory(shared);
    assertEquals("rwxr-xr-x", permissions(shared));
  }

  @Test
  void aNewFileIsReadableByItsOwnerOnlyBeforeAnythingIsWritten() throws IOException {
    Path file = OwnerOnlyFiles.createFile(temp.resolve("key"));
    assertEquals("rw-------", permissions(file));
    assertEquals(0, Files.size(file));
  }

  @Test
  void theDatabasesFilesAreNarrowedOthersInTheDirectoryAreNot() throws IOException {
    Path db = Files.writeString(temp.resolve("license-sync.mv.db"), "x");
    Path trace = Files.writeString(temp.resolve("license-sync.trace.db"), "x");
    Path other = Files.writeString(temp.resolve("notes.txt"), "x");
    for (Path p : new Path[] {db, trace, other}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    OwnerOnlyFiles.narrowFiles(temp, "license-sync.");
    assertEquals("rw-------", permissions(db));
    assertEquals("rw-------", permissions(trace));
    assertEquals("rw-r--r--", permissions(other));
  }

  @Test
  void theKeyFileTheVaultMakesIsReadableByItsOwnerOnlyInADirectoryOnlyItsOwnerCanOpen()
      throws IOException {
    CredentialVault vault = new CredentialVault();
    vault.configuredKey = Optional.empty();
    vault.secretsDir = temp.resolve("data/secrets").toString();
    vault.loadKey();
    Path key = temp.resolve("data/secrets/credential.key");
    assertEquals("rw-------", permissions(key));
    assertEquals("rwx------", permissions(key.getParent()));
    assertEquals(32, Base64.getDecoder().decode(Files.readString(key).strip()).length);
    assertEquals("secret", vault.reveal(vault.protect("secret")), "the key works");
    assertTrue(Files.isRegularFile(key));
  }
}
