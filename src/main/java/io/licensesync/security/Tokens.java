package io.licensesync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer secrets (access tokens, generated passwords) and the digest under which a token is
 * stored and looked up. A token carries a readable prefix, like GitHub's {@code ghp_}, so a leaked
 * one is recognisable by secret scanners.
 */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A new token: the prefix, then 32 random bytes in URL-safe Base64. */
  public static String newToken(String prefix) {
    return prefix + randomText(32);
  }

  /** URL-safe random text carrying {@code bytes} bytes of entropy. */
  public static String randomText(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** True when {@code presented} is {@code secret}, compared in constant time (by digest). */
  public static boolean sameSecret(String secret, String presented) {
    return MessageDigest.isEqual(
        digest(secret).getBytes(StandardCharsets.US_ASCII),
        digest(presented).getBytes(StandardCharsets.US_ASCII));
  }

  /** The hex SHA-256 of a token: what is stored and compared, never the token itself. */
  public static String digest(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
