package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DownloadsTest {

  @Test
  void aFileNameKeepsOnlySafeCharactersSoItCannotLeaveTheHeadersQuotes() {
    assertEquals(
        "octo-consumed-licenses-2026-12-04.csv",
        Downloads.safe("octo-consumed-licenses-2026-12-04.csv"));
    assertEquals("a_b___x.json", Downloads.safe("a\"b\r\n;x.json"));
    assertEquals("download", Downloads.safe(""));
  }
}
