package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagerTest {

  @Test
  void thePageAskedForIsShownWithItsNeighbours() {
    Pager pager = Pager.of("2", 60, 25);
    assertEquals(new Pager(2, 3, 25, null), pager);
    assertEquals(25, pager.offset());
    assertTrue(pager.hasPrevious());
    assertTrue(pager.hasNext());
  }

  @Test
  void anythingOutsideThePagesLandsOnTheNearestOne() {
    assertEquals(3, Pager.of("99", 60, 25).number());
    assertEquals(1, Pager.of("-4", 60, 25).number());
    assertEquals(1, Pager.of("abc", 60, 25).number());
    assertEquals(1, Pager.of(null, 60, 25).number());
  }

  @Test
  void aPageOtherThanTheOneAskedForSaysSo() {
    assertEquals("There is no page 99; this is the last page, 3.", Pager.of("99", 60, 25).notice());
    assertEquals("There is no page 0; this is the first page.", Pager.of("0", 60, 25).notice());
    assertEquals(
        "That is not a page number; this is the first page.", Pager.of("abc", 60, 25).notice());
    assertNull(Pager.of("2", 60, 25).notice());
    assertNull(Pager.of(null, 60, 25).notice());
  }

  @Test
  void anEmptyTableHasOnePageAndNoNeighbours() {
    Pager pager = Pager.of("1", 0, 25);
    assertEquals(1, pager.count());
    assertFalse(pager.hasPrevious());
    assertFalse(pager.hasNext());
  }
}
