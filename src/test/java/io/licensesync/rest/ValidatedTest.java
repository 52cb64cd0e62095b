package io.licensesync.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.licensesync.input.Text;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatedTest {

  record Request(@NotNull @Text(max = 5) String login, @Text(max = 10) String displayName) {}

  @Test
  void aValidRequestIsAnsweredAsItIs() {
    Request request = new Request("ada", null);
    assertSame(request, Validated.check("User", request));
  }

  @Test
  void eachFieldAtFaultIsNamedInSnakeCaseWithGitHubsCodes() {
    ApiException refused =
        assertThrows(
            ApiException.class, () -> Validated.check("User", new Request(null, "Ada\u0000")));
    assertEquals(422, refused.status());
    assertEquals("Validation Failed", refused.body().message());
    assertEquals(
        List.of(
            new ErrorBody.ErrorDetail(
                "User",
                "display_name",
                "invalid",
                "display_name must not contain control characters"),
            new ErrorBody.ErrorDetail("User", "login", "missing_field", "login is missing")),
        refused.body().errors());
  }

  @Test
  void tooLongSaysTheLimit() {
    ApiException refused =
        assertThrows(
            ApiException.class, () -> Validated.check("User", new Request("abcdef", null)));
    assertEquals("login is longer than 5 characters", refused.body().reason());
  }
}
