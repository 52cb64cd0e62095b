package io.licensesync.server.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UsersReportStagingTest {

  @Test
  void aKeyIsStoredAsItIsUnlessTooLongOrHoldingANulWhichPostgresqlCannotStore() {
    assertEquals("mona", UsersReportStaging.bounded("mona"));
    String withNul = UsersReportStaging.bounded("mona\u0000b");
    assertFalse(withNul.contains("\u0000"), withNul);
    assertTrue(withNul.startsWith("sha256:"), withNul);
    assertEquals(withNul, UsersReportStaging.bounded("mona\u0000b"), "equal keys stay equal");
    assertNotEquals(withNul, UsersReportStaging.bounded("mona\u0000c"));
  }
}
