package io.licensesync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void anIso8601DurationIsRead() {
    assertEquals(Duration.ofMinutes(30), Durations.positive(" PT30M ", "k"));
    assertEquals(Duration.ofDays(7), Durations.positive("P7D", "k"));
  }

  @Test
  void zeroNegativeOrNonsenseIsAConfigurationErrorNamingTheKey() {
    for (String wrong : new String[] {"PT0S", "-PT5M", "30", "soon"}) {
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> Durations.positive(wrong, "a.key"));
      assertTrue(refused.getMessage().startsWith("a.key must be a positive"), refused.getMessage());
    }
  }
}
