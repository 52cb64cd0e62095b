package io.licensesync.cloud.licensing.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A person's place in the enterprise's stable order as bytes that sort the same way in every
 * database ({@code consumed_license.sort_key}, compared byte by byte): the section (members,
 * Server-only people by email key, accounts without email), the key's UTF-8 (code point order,
 * PostgreSQL's {@code COLLATE "C"}), a zero byte that no key contains (so a key sorts before the
 * keys it is a prefix of) and the id as eight bytes whose unsigned order is the number's order.
 * Pages find their rows by this key (see {@code consumed_license_anchor}), so people can be added
 * and removed without renumbering the rest.
 */
public final class SortKeys {

  private SortKeys() {}

  /** The section of Server-only people found by their primary email's key. */
  public static final int SERVER_ONLY = 1;

  /**
   * The suffix of a Server-only person's key: the zero byte, then id 0 as {@link #of} writes it.
   */
  private static final String SERVER_ONLY_SUFFIX = "008000000000000000";

  public static byte[] of(int section, String key, long id) {
    byte[] text = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + text.length + 1 + Long.BYTES)
        .put((byte) section)
        .put(text)
        .put((byte) 0)
        .putLong(id ^ Long.MIN_VALUE)
        .array();
  }

  /** The sort key of the Server-only people whose primary email key is {@code matchKey}. */
  public static byte[] serverOnly(String matchKey) {
    return of(SERVER_ONLY, matchKey, 0);
  }

  /**
   * {@link #serverOnly} in SQL, of the email key {@code keyColumn} ({@code pg}: PostgreSQL, else
   * H2): the section byte, the key's UTF-8 bytes, the zero byte and id 0. Consumed licenses are
   * unique by enterprise and sort key, so this finds a Server-only person through the index every
   * page reads (their person ids, hashes of the key, are left out of the person index on
   * PostgreSQL).
   */
  public static String serverOnlySql(boolean pg, String keyColumn) {
    return pg
        ? "(DECODE('01', 'hex') || CONVERT_TO("
            + keyColumn
            + ", 'UTF8') || DECODE('"
            + SERVER_ONLY_SUFFIX
            + "', 'hex'))"
        : "(X'01' || STRINGTOUTF8(" + keyColumn + ") || X'" + SERVER_ONLY_SUFFIX + "')";
  }
}
