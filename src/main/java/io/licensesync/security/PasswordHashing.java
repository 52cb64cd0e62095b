package io.licensesync.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashing (the JDK's implementation) in a self-describing format,
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, so the cost can be raised later without
 * invalidating stored hashes.
 */
public final class PasswordHashing {

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHashing() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * True when {@code password} matches {@code stored}; false when there is no stored hash (an
   * unknown login, an account without a password) after deriving against a dummy hash of the same
   * cost, so that an unknown login takes as long to refuse as a wrong password.
   */
  public static boolean matchesOrSpendTheSameTime(char[] password, String stored) {
    if (stored != null && stored.startsWith(PREFIX + "$")) {
      return matches(password, stored);
    }
    matches(password, Dummy.HASH);
    return false;
  }

  /** True when {@code password} matches {@code stored}; false for any malformed stored value. */
  public static boolean matches(char[] password, String stored) {
    if (stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A hash of a random password at the current cost, made once, to compare against when there is
   * none.
   */
  private static final class Dummy {
    static final String HASH = hash(Tokens.randomText(18).toCharArray());
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
