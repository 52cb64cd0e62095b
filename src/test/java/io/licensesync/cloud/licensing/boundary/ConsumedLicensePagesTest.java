package io.licensesync.cloud.licensing.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsumedLicensePagesTest {

  private static ConsumedLicensePages pages(long maxBytes) {
    ConsumedLicensePages pages = new ConsumedLicensePages();
    pages.maxBytes = maxBytes;
    pages.meters = new io.licensesync.metrics.Meters();
    return pages;
  }

  private static ConsumedLicensePages.Key key(long version, int page) {
    return new ConsumedLicensePages.Key(1, version, 10, 5, page, 100);
  }

  @Test
  void aKeptBodyIsUsedAgainAndANewVersionIsWrittenAfresh() {
    ConsumedLicensePages pages = pages(1000);
    AtomicInteger writes = new AtomicInteger();
    byte[] first = pages.body(key(1, 1), () -> new byte[] {(byte) writes.incrementAndGet()});
    byte[] again = pages.body(key(1, 1), () -> new byte[] {(byte) writes.incrementAndGet()});
    assertArrayEquals(first, again);
    assertEquals(1, writes.get(), "the same version and page: written once");
    byte[] changed = pages.body(key(2, 1), () -> new byte[] {(byte) writes.incrementAndGet()});
    assertEquals(2, changed[0], "a new version is written, never the old body");
    assertEquals(
        3,
        pages.body(new ConsumedLicensePages.Key(1, 2, 10, 6, 1, 100), () -> new byte[3]).length,
        "other purchased seats are another body");
  }

  @Test
  void theLeastRecentlyUsedBodiesGoFirstOnceTheBytesPassTheBound() {
    ConsumedLicensePages pages = pages(250);
    pages.body(key(1, 1), () -> new byte[100]);
    pages.body(key(1, 2), () -> new byte[100]);
    pages.body(key(1, 1), () -> new byte[100]); // used again: page 2 is now the oldest
    pages.body(key(1, 3), () -> new byte[100]);
    assertEquals(2, pages.size());
    assertEquals(200, pages.bytes());
    AtomicInteger writes = new AtomicInteger();
    pages.body(key(1, 1), () -> new byte[writes.incrementAndGet()]);
    assertEquals(0, writes.get(), "page 1 was kept");
    pages.body(key(1, 2), () -> new byte[writes.incrementAndGet() * 10]);
    assertEquals(1, writes.get(), "page 2 had gone");
    assertEquals(210, pages.bytes());
  }

  @Test
  void aBodyLargerThanTheBoundOrABoundOfZeroKeepsNothing() {
    ConsumedLicensePages off = pages(0);
    AtomicInteger writes = new AtomicInteger();
    off.body(key(1, 1), () -> new byte[writes.incrementAndGet()]);
    off.body(key(1, 1), () -> new byte[writes.incrementAndGet()]);
    assertEquals(2, writes.get());
    assertEquals(0, off.size());
    ConsumedLicensePages small = pages(10);
    small.body(key(1, 1), () -> new byte[11]);
    assertEquals(0, small.bytes());
  }
}
