package io.licensesync.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CredentialsHashingTest {

  @Test
  void aPasswordMatchesItsHashAndNothingElse() {
    String stored = PasswordHashing.hash("correct horse".toCharArray());
    assertTrue(PasswordHashing.matches("correct horse".toCharArray(), stored));
    assertFalse(PasswordHashing.matches("correct horse ".toCharArray(), stored));
    assertFalse(stored.contains("correct horse"));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(
        PasswordHashing.hash("pw".toCharArray()), PasswordHashing.hash("pw".toCharArray()));
  }

  @Test
  void aMalformedStoredHashNeverMatches() {
    assertFalse(PasswordHashing.matches("pw".toCharArray(), null));
    assertFalse(PasswordHashing.matches("pw".toCharArray(), "pw"));
    assertFalse(PasswordHashing.matches("pw".toCharArray(), "pbkdf2-sha256$x$y$z"));
  }

  @Test
  void tokensAreRandomPrefixedAndStoredAsADigest() {
    String a = Tokens.newToken("lsp_");
    String b = Tokens.newToken("lsp_");
    assertTrue(a.startsWith("lsp_"));
    assertNotEquals(a, b);
    assertEquals(64, Tokens.digest(a).length());
    assertEquals(Tokens.digest(a), Tokens.digest(a));
    assertFalse(Tokens.digest(a).contains(a.substring(4)));
  }
}
