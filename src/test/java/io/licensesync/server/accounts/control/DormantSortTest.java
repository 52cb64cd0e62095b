package io.licensesync.server.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.licensesync.rest.ApiException;
import org.junit.jupiter.api.Test;

class DormantSortTest {

  @Test
  void theDefaultPutsTheLongestUnusedFirstWithATotalOrder() {
    DormantSort sort = DormantSort.parse(null, null);
    assertEquals(DormantSort.DEFAULT, sort);
    assertEquals(" order by a.lastActiveAt asc, a.id asc", sort.orderBy());
    assertEquals(
        "(a.lastActiveAt > :afterTime or (a.lastActiveAt = :afterTime and a.id > :afterId))",
        sort.after());
  }

  @Test
  void byLoginDescendingWalksBackwards() {
    DormantSort sort = DormantSort.parse("login", "desc");
    assertEquals(" order by a.loginKey desc", sort.orderBy());
    assertEquals("a.loginKey < :afterKey", sort.after());
    assertEquals("desc", sort.direction());
  }

  @Test
  void anUnknownSortOrDirectionIsRefusedNamingEach() {
    ApiException refused = assertThrows(ApiException.class, () -> DormantSort.parse("email", "up"));
    assertEquals(422, refused.status());
    assertEquals(
        java.util.List.of("sort", "direction"),
        refused.body().errors().stream().map(e -> e.field()).toList());
  }
}
