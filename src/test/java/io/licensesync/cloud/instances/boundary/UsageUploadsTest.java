package io.licensesync.cloud.instances.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The one log line of each upload: what an operator needs, nothing a sender could inject. */
class UsageUploadsTest {

  @Test
  void anUploadsLineHasItsIdInstanceOutcomeCountsAndDuration() {
    assertEquals(
        "License usage upload u-42 (automatic) of instance 3f1c: applied, 120 accounts,"
            + " 5120 bytes in 84 ms",
        UsageUploads.logLine("automatic", "3f1c", "u-42", "applied", 120, 5120, 84));
    assertEquals(
        "License usage upload (not read) (file) of instance (not read): refused, 99 bytes in 3 ms",
        UsageUploads.logLine("file", null, null, "refused", null, 99, 3));
  }

  @Test
  void anUploadIdThatIsNotOneIsNotRepeated() {
    String line =
        UsageUploads.logLine(
            "automatic", "3f1c", "mona@example.com\nSEVERE forged", "refused", null, 0, 1);
    assertEquals(
        "License usage upload (invalid id) (automatic) of instance 3f1c: refused, 0 bytes in 1 ms",
        line);
    assertFalse(line.contains("@"));
  }
}
