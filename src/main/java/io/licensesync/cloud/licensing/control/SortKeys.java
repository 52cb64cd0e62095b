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

  public static byte[] of(int section, String key, long id) {
    byte[] text = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + text.length + 1 + Long.BYTES)
        .put((byte) section)
        .put(text)
        .put((byte) 0)
        .putLong(id ^ Long.MIN_VALUE)
        .array();
  }
}
