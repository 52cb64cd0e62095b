package io.licensesync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.rest.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

  private static List<String> fieldsRefused(Runnable parse) {
    ApiException refused = assertThrows(ApiException.class, parse::run);
    assertEquals(422, refused.status());
    return refused.body().errors().stream().map(e -> e.field()).toList();
  }

  @Test
  void emptyParametersSelectEverything() {
    AuditFilter filter = AuditFilter.parse(null, "", " ", null);
    assertTrue(filter.isEmpty());
    assertEquals("", filter.where());
  }

  @Test
  void aDateIsMidnightUtcAndAnInstantIsTakenAsIs() {
    AuditFilter filter = AuditFilter.parse("admin", null, "2026-12-01", "2026-12-02T09:30:00Z");
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), filter.after());
    assertEquals(Instant.parse("2026-12-02T09:30:00Z"), filter.before());
    assertEquals(" where e.actor = :actor and e.at >= :after and e.at < :before", filter.where());
  }

  @Test
  void aTrailingStarIsAPrefixWithWildcardsTakenLiterally() {
    AuditFilter filter = AuditFilter.parse(null, "user_x.*", null, null);
    assertEquals(" where e.action like :action escape '!'", filter.where());
    assertEquals("user!_x.%", filter.parameters().get("action"));
    assertEquals("user.suspend", AuditFilter.parse(null, "user.suspend", null, null).action());
  }

  @Test
  void everyUnreadableFieldIsNamedAtOnce() {
    assertEquals(
        List.of("actor", "action", "after", "before"),
        fieldsRefused(() -> AuditFilter.parse("a".repeat(65), "a*b", "yesterday", "2026-02-30")));
    assertEquals(
        List.of("before"),
        fieldsRefused(() -> AuditFilter.parse(null, null, "2026-12-02", "2026-12-01")));
    assertEquals(
        List.of("actor"), fieldsRefused(() -> AuditFilter.parse("a\u0000b", null, null, null)));
  }
}
