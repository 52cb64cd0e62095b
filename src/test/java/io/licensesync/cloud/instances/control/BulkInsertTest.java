package io.licensesync.cloud.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;

class BulkInsertTest {

  @Test
  void copyTextEscapesItsSeparatorsAndWritesNullAsBackslashN() {
    StringBuilder line = new StringBuilder();
    BulkInsert.appendCopyValue(line, "a\tb\nc\\d\re");
    line.append('|');
    BulkInsert.appendCopyValue(line, null);
    line.append('|');
    BulkInsert.appendCopyValue(line, true);
    line.append('|');
    BulkInsert.appendCopyValue(line, 42L);
    assertEquals("a\\tb\\nc\\\\d\\re|\\N|t|42", line.toString());
  }

  @Test
  void aValueWithoutSeparatorsIsCopiedAsItIsAndOneEndingInOneIsEscapedAtTheEnd() {
    StringBuilder line = new StringBuilder();
    BulkInsert.appendCopyValue(line, "ghe-1.example:42 ünïcode@acme.example");
    line.append('|');
    BulkInsert.appendCopyValue(line, "server:1\n");
    line.append('|');
    BulkInsert.appendCopyValue(line, "first\nsecond");
    line.append('|');
    BulkInsert.appendCopyValue(line, "");
    line.append('|');
    BulkInsert.appendCopyValue(line, new byte[] {1, (byte) 0xff});
    assertEquals(
        "ghe-1.example:42 ünïcode@acme.example|server:1\\n|first\\nsecond||\\\\x01ff",
        line.toString());
  }

  @Test
  void onH2RowsGoInBatchesAndAreAllThereAfterFinish() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:bulk", "sa", "");
        Statement s = db.createStatement()) {
      assertFalse(BulkInsert.copies(db));
      s.execute("CREATE TABLE t (id BIGINT, name VARCHAR(20), flag BOOLEAN)");
      try (BulkInsert rows =
          BulkInsert.into(
              db,
              "t",
              new String[] {"id", "name", "flag"},
              new int[] {Types.BIGINT, Types.VARCHAR, Types.BOOLEAN},
              true)) {
        for (long i = 0; i < 2500; i++) {
          rows.row(i, i % 2 == 0 ? null : "n" + i, i % 3 == 0);
        }
        rows.finish();
      }
      try (ResultSet count = s.executeQuery("SELECT COUNT(*), COUNT(name) FROM t")) {
        count.next();
        assertEquals(2500, count.getInt(1));
        assertEquals(1250, count.getInt(2));
      }
    }
  }
}
