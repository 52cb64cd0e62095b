package io.licensesync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/**
 * The house rule for a refusal, asserted in one place: the status, a JSON body with {@code message}
 * and a {@code documentation_url}, no stack trace; a 422 names the field at fault.
 */
public final class ApiErrors {

  private ApiErrors() {}

  /** {@code reply} is a JSON refusal with {@code status}. */
  public static void assertRefused(Api.Reply reply, int status) {
    assertEquals(status, reply.status(), reply.toString());
    assertTrue(reply.json().hasNonNull("message"), reply.toString());
    assertTrue(
        Contracts.isDocumentationUrl(reply.json().get("documentation_url").asText()),
        reply.toString());
    assertFalse(reply.body().contains("Exception"), reply.body());
  }

  /** {@code reply} is a 422 that names {@code field} among its errors. */
  public static void assertInvalid(Api.Reply reply, String field) {
    assertRefused(reply, 422);
    List<String> fields = new ArrayList<>();
    reply.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertTrue(fields.contains(field), field + " named in " + reply);
  }
}
