package io.licensesync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.licensesync.server.audit.entity.AuditEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

  @Test
  void anEmailAddressNeverReachesTheTrail() {
    assertEquals(
        "Asked by [email] (see <[email]>)",
        AuditRecord.withoutEmails("Asked by mona@example.com (see <x.y+z@corp.example>)"));
    assertEquals("no address here", AuditRecord.withoutEmails("no address here"));
    AuditEvent event =
        new AuditEvent(Instant.EPOCH, "admin", "user.suspend", "a@b.c", null, "x@y.example");
    assertEquals("[email]", event.fromValue());
    assertEquals("[email]", event.details());
  }
}
