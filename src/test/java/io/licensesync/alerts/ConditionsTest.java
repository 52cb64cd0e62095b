package io.licensesync.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert fires once per crossing: raised, kept while its condition holds, cleared after. */
class ConditionsTest {

  /** Persisting is all Conditions asks of the entity manager; nothing else is called. */
  private final EntityManager em =
      (EntityManager)
          java.lang.reflect.Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {EntityManager.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("persist")) {
                  throw new AssertionError("unexpected " + method.getName());
                }
                return null;
              });

  private final List<Alert> fired = new ArrayList<>();
  private final List<Alert> open = new ArrayList<>();
  private Instant now = Instant.parse("2026-12-04T10:00:00Z");

  private void check(Conditions.Holding... holding) {
    now = now.plusSeconds(60);
    Conditions.apply(
        em, "cloud", 1L, "seats", List.copyOf(open), List.of(holding), now, fired::add);
    open.removeIf(a -> a.clearedAt() != null);
    fired.stream().filter(a -> a.clearedAt() == null && !open.contains(a)).forEach(open::add);
  }

  @Test
  void risingFiresEachLevelOnceDroppingKeepsTheAlertAndEndingClearsIt() {
    check();
    assertEquals(0, fired.size());
    check(new Conditions.Holding("", 80, "80"));
    check(new Conditions.Holding("", 80, "80 again"));
    assertEquals(1, fired.size(), "still 80 %: no second alert");
    assertEquals("80 again", open.get(0).message());
    check(new Conditions.Holding("", 100, "100"));
    assertEquals(2, fired.size(), "100 % is a new crossing");
    Alert at100 = fired.get(1);
    assertNotNull(fired.get(0).clearedAt(), "the 80 % alert gave way");
    check(new Conditions.Holding("", 90, "90"));
    assertEquals(2, fired.size(), "dropping is no crossing");
    assertEquals(90, at100.level());
    assertNull(at100.clearedAt());
    check();
    assertNotNull(at100.clearedAt(), "cleared when the condition no longer holds");
    assertEquals(0, open.size());
  }

  @Test
  void subjectsAreAlertedApart() {
    check(new Conditions.Holding("a", 0, "a late"), new Conditions.Holding("b", 0, "b late"));
    assertEquals(2, fired.size());
    check(new Conditions.Holding("b", 0, "b late"));
    assertNotNull(fired.get(0).clearedAt(), "a synced again");
    assertNull(fired.get(1).clearedAt());
  }
}
