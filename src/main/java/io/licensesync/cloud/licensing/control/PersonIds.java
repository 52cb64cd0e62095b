package io.licensesync.cloud.licensing.control;

import io.licensesync.identity.Emails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * What a matched person is known by between syncs, and how their Server accounts joined them. The
 * id stays the same while what identifies the person stays: {@code m<member id>} for a member,
 * {@code e<hash>} for Server-only people (a hash of their primary email's key, so no address
 * appears in a URL or an access log), {@code a<hash>} for a Server account without an email.
 */
public final class PersonIds {

  private static final int HASH_CHARS = 20;

  private PersonIds() {}

  public static String member(long memberId) {
    return "m" + memberId;
  }

  /** The id of a person made of Server accounts only (grouped by their primary email). */
  public static String serverOnly(MatchQuery.MatchedPerson person) {
    return serverOnly(person, matchKey(person));
  }

  /** {@link #serverOnly(MatchQuery.MatchedPerson)} of a person whose {@link #matchKey} is known. */
  static String serverOnly(MatchQuery.MatchedPerson person, String matchKey) {
    if (matchKey != null) {
      return serverOnlyByKey(matchKey);
    }
    return accountWithoutEmail(
        person.origins().get(0).serverId(), person.serverAccounts().get(0).accountId());
  }

  /** The id of the Server-only people whose primary email key is {@code matchKey}. */
  public static String serverOnlyByKey(String matchKey) {
    return "e" + hash(matchKey);
  }

  /** The id of the person a Server account without an email is on its own. */
  public static String accountWithoutEmail(String serverId, long accountId) {
    return "a" + hash(serverId + ":" + accountId);
  }

  /** A Server-only person's primary email key (null when their accounts have no email). */
  public static String matchKey(MatchQuery.MatchedPerson person) {
    String email = person.serverAccounts().get(0).primaryEmail();
    return email == null ? null : Emails.keyOf(email);
  }

  /** The part of an email key before its first {@code @}, as SQL's POSITION finds it. */
  public static String localPart(String key) {
    if (key == null) {
      return null;
    }
    int at = key.indexOf('@');
    return at < 0 ? key : key.substring(0, at);
  }

  /** How a member's Server accounts joined them: the strongest rule among them. */
  public static String memberMatchedBy(MatchQuery.MatchedPerson person) {
    MatchedBy best = MatchedBy.NONE;
    for (MatchQuery.Origin origin : person.origins()) {
      MatchedBy rule = MatchedBy.of(origin.matchedBy());
      if (rule.ordinal() < best.ordinal()) {
        best = rule;
      }
    }
    return best.apiName();
  }

  /** Server accounts of several instances with one primary email are one person by that email. */
  public static String serverOnlyMatchedBy(MatchQuery.MatchedPerson person) {
    return (person.serverAccounts().size() > 1 ? MatchedBy.PRIMARY_EMAIL : MatchedBy.NONE)
        .apiName();
  }

  /**
   * The person's Server accounts, one per line: server id, hostname, account id and the rule that
   * joined it (the member's rule per account, else {@code fallback}), separated by tabs.
   */
  public static String accounts(MatchQuery.MatchedPerson person, String fallback) {
    StringJoiner lines = new StringJoiner("\n");
    List<ServerAccount> accounts = person.serverAccounts();
    for (int i = 0; i < accounts.size(); i++) {
      ServerAccount account = accounts.get(i);
      MatchQuery.Origin origin = person.origins().get(i);
      String rule =
          origin.matchedBy() != null
              ? origin.matchedBy()
              : fallback == null ? MatchedBy.NONE.apiName() : fallback;
      lines.add(
          origin.serverId() + "\t" + account.hostname() + "\t" + account.accountId() + "\t" + rule);
    }
    return lines.toString();
  }

  static String hash(String text) {
    byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, HASH_CHARS / 2);
  }

  /**
   * SHA-256, looked up once: a matching hashes a million keys, and each lookup asks the providers.
   */
  private static final MessageDigest SHA_256;

  static {
    try {
      SHA_256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
      }
    }
  }
}
