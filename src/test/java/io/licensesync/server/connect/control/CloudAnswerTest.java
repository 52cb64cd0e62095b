package io.licensesync.server.connect.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloudAnswerTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aJsonObjectWith2xxIsTheAnswer() {
    assertEquals(
        "abc",
        CloudAnswer.judge(
                201, "application/json", null, null, bytes("{\"credential\":\"abc\"}"), false)
            .getString("credential"));
  }

  @Test
  void noContentIsAnEmptyObject() {
    assertTrue(CloudAnswer.judge(204, null, null, null, new byte[0], false).isEmpty());
  }

  @Test
  void aRedirectIsNeverSuccessAndNamesWhereItPointed() {
    CloudFailure failure =
        assertThrows(
            CloudFailure.Malformed.class,
            () ->
                CloudAnswer.judge(
                    302, "text/html", "http://elsewhere.example/x", null, bytes(""), false));
    assertTrue(
        failure.getMessage().startsWith("the Cloud redirected to http://elsewhere.example/x"));
    assertTrue(failure.getMessage().contains("HTTP 302"));
  }

  @Test
  void htmlWith200SaysWhatCameAndIsNotRetried() {
    CloudFailure failure =
        assertThrows(
            CloudFailure.Malformed.class,
            () ->
                CloudAnswer.judge(
                    200,
                    "text/html",
                    null,
                    null,
                    bytes("<!DOCTYPE html><html>Login</html>"),
                    false));
    assertTrue(
        failure.getMessage().contains("HTTP 200 (text/html, 33 bytes)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("«<!DOCTYPE html><html>Login</html>»"));
  }

  @Test
  void anArrayOrTruncatedJsonIsNotTheObjectExpectedAndSecretsAreCutOut() {
    assertThrows(
        CloudFailure.Malformed.class,
        () -> CloudAnswer.judge(200, "application/json", null, null, bytes("[1,2]"), false));
    CloudFailure truncated =
        assertThrows(
            CloudFailure.Malformed.class,
            () ->
                CloudAnswer.judge(
                    201,
                    "application/json",
                    null,
                    null,
                    bytes("{\"credential\":\"lsi_0123456789abcdefghijklmnop"),
                    false));
    assertFalse(truncated.getMessage().contains("0123456789abcdef"), truncated.getMessage());
    assertTrue(truncated.getMessage().contains("credential"));
  }

  @Test
  void anAnswerCutOffInTransitIsUnavailableSoItIsRetried() {
    CloudFailure failure =
        assertThrows(
            CloudFailure.Unavailable.class,
            () -> CloudAnswer.judge(200, "application/json", null, null, bytes("{\"a\":"), true));
    assertTrue(failure.getMessage().contains("cut off after 5 bytes"));
  }

  @Test
  void errorsKeepTheCloudsOwnMessage() {
    CloudFailure.Rejected refused =
        assertThrows(
            CloudFailure.Rejected.class,
            () ->
                CloudAnswer.judge(
                    403,
                    "application/json",
                    null,
                    null,
                    bytes("{\"message\":\"Must be an owner\"}"),
                    false));
    assertEquals(403, refused.status());
    assertTrue(refused.getMessage().endsWith("Must be an owner"));
    assertThrows(
        CloudFailure.Unavailable.class,
        () -> CloudAnswer.judge(503, "text/plain", null, null, bytes("busy"), false));
  }

  @Test
  void aMissingFieldIsNamed() {
    CloudFailure failure =
        assertThrows(
            CloudFailure.Malformed.class,
            () ->
                CloudAnswer.requiredString(
                    jakarta.json.JsonValue.EMPTY_JSON_OBJECT,
                    "credential",
                    "the connect handshake"));
    assertEquals(
        "the Cloud's answer to the connect handshake held no credential", failure.getMessage());
  }

  @Test
  void theDeadlineConnectorIsNamedRightWithoutLoadingIt() {
    assertEquals(
        DeadlineConnectorProvider.class.getName(), CloudGateway.DEADLINE_CONNECTOR_PROVIDER);
  }

  @Test
  void aConflictWithRetryAfterIsBusyAndRetriedButWithoutItIsARefusal() {
    CloudFailure busy =
        assertThrows(
            CloudFailure.Unavailable.class,
            () ->
                CloudAnswer.judge(
                    409,
                    "application/json",
                    null,
                    "5",
                    bytes("{\"message\":\"An upload for this instance is being applied\"}"),
                    false));
    assertTrue(busy.getMessage().contains("being applied"), busy.getMessage());
    assertThrows(
        CloudFailure.Rejected.class,
        () ->
            CloudAnswer.judge(
                409, "application/json", null, null, bytes("{\"message\":\"no\"}"), false));
  }
}
