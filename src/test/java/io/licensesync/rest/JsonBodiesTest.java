package io.licensesync.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  private static ApiException refusal(String body) {
    return assertThrows(ApiException.class, () -> JsonBodies.object(body));
  }

  private static String field(ApiException e) {
    return e.body().errors().get(0).field();
  }

  @Test
  void aPlainObjectReadsWithItsValues() {
    JsonObject json =
        JsonBodies.object(
            "{\"login\":\"octocat\",\"seats\":12,\"list\":[1,2.5,true,null],\"o\":{\"a\":\"b\"}}");
    assertEquals("octocat", json.getString("login"));
    assertEquals(12, json.getInt("seats"));
    assertEquals(4, json.getJsonArray("list").size());
    assertEquals("b", json.getJsonObject("o").getString("a"));
  }

  @Test
  void aDuplicateKeyIsProblemsParsingJsonNamingTheKey() {
    ApiException e = refusal("{\"login\":\"a\",\"login\":\"b\"}");
    assertEquals(400, e.status());
    assertEquals("Problems parsing JSON: the key \"login\" appears twice", e.getMessage());
  }

  @Test
  void aDuplicateKeyInANestedObjectIsRefusedToo() {
    assertEquals(
        400,
        refusal(
                "{\"owner\":{\"login\":\"a\",\"emails\":[{\"email\":\"x@y.z\",\"email\":\"q@y.z\"}]}}")
            .status());
  }

  @Test
  void theSameKeyInTwoObjectsIsFine() {
    assertEquals(2, JsonBodies.value("[{\"a\":1},{\"a\":2}]").asJsonArray().size());
  }

  @Test
  void nestingUpToTheLimitIsReadAndDeeperIsRefused() {
    String ok =
        "{\"a\":"
            + "[".repeat(JsonBodies.MAX_DEPTH - 1)
            + "]".repeat(JsonBodies.MAX_DEPTH - 1)
            + "}";
    JsonBodies.object(ok);
    String deep =
        "{\"a\":" + "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH) + "}";
    ApiException e = refusal(deep);
    assertEquals(400, e.status());
    assertEquals("Problems parsing JSON: nested deeper than 32 levels", e.getMessage());
  }

  @Test
  void aHundredThousandOpeningBracketsAreRefusedQuickly() {
    String deep = "[".repeat(100_000);
    ApiException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> assertThrows(ApiException.class, () -> JsonBodies.value(deep)));
    assertEquals(400, e.status());
  }

  @Test
  void aNumberOfThousandsOfDigitsIsRefusedNamingTheField() {
    ApiException e = refusal("{\"seats_purchased\":" + "9".repeat(5000) + "}");
    assertEquals(422, e.status());
    assertEquals("seats_purchased", field(e));
    assertTrue(e.body().reason().startsWith("seats_purchased is out of range"), e.body().reason());
  }

  @Test
  void aHugeExponentIsRefusedWithoutArithmetic() {
    ApiException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(1), () -> refusal("{\"seats_purchased\":1e999999999}"));
    assertEquals(422, e.status());
    assertEquals("seats_purchased", field(e));
    assertEquals(422, refusal("{\"x\":1e-999999999}").status());
  }

  @Test
  void aNumberInsideAnArrayIsNamedByItsPath() {
    ApiException e =
        assertThrows(ApiException.class, () -> JsonBodies.value("[{\"owner\":{\"n\":[1,1e400]}}]"));
    assertEquals("[0].owner.n[1]", field(e));
  }

  @Test
  void ordinaryNumbersKeepTheirValue() {
    assertEquals(1e40, JsonBodies.object("{\"n\":1e40}").getJsonNumber("n").doubleValue());
    assertEquals(
        Long.MAX_VALUE,
        JsonBodies.object("{\"n\":" + Long.MAX_VALUE + "}").getJsonNumber("n").longValueExact());
  }

  @Test
  void malformedBodiesAreProblemsParsingJson() {
    for (String body :
        new String[] {"{", "{\"a\":}", "[1,]", "{} {}", "{\"a\":1}x", "nul", "\"text\"", "[]"}) {
      ApiException e = refusal(body);
      assertEquals(400, e.status(), body);
      assertTrue(e.getMessage().startsWith("Problems parsing JSON"), body);
    }
  }

  @Test
  void anEmptyBodyIsAnEmptyObject() {
    assertTrue(JsonBodies.object("  ").isEmpty());
  }

  @Test
  void aStringLongerThanItsLimitIsRefusedNamingTheField() {
    JsonObject json = JsonBodies.object("{\"note\":\"" + "n".repeat(201) + "\"}");
    ApiException e =
        assertThrows(ApiException.class, () -> JsonBodies.string(json, "Token", "note", 200));
    assertEquals(422, e.status());
    assertEquals("note", field(e));
    assertEquals("note is longer than 200 characters", e.body().reason());
    assertEquals(
        "n".repeat(200),
        JsonBodies.string(
                JsonBodies.object("{\"note\":\"" + "n".repeat(200) + "\"}"), "Token", "note", 200)
            .get());
  }

  @Test
  void controlCharactersInAStringAreRefusedNamingTheField() {
    for (String escaped :
        new String[] {"\\u0000", "\\n", "\\u001b", "\\u007f", "\\u0085", "\\u2028"}) {
      JsonObject json = JsonBodies.object("{\"login\":\"a" + escaped + "b\"}");
      ApiException e =
          assertThrows(
              ApiException.class, () -> JsonBodies.requiredString(json, "User", "login"), escaped);
      assertEquals("login must not contain control characters", e.body().reason());
    }
  }

  @Test
  void aWholeNumberFieldKeepsItsBounds() {
    assertEquals(5L, JsonBodies.integer(JsonBodies.object("{\"n\":5}"), "E", "n", 0, 10).get());
    assertTrue(JsonBodies.integer(JsonBodies.object("{}"), "E", "n", 0, 10).isEmpty());
    for (String value :
        new String[] {"-1", "11", "1.5", "\"5\"", "1e30", String.valueOf(Long.MAX_VALUE)}) {
      JsonObject json = JsonBodies.object("{\"n\":" + value + "}");
      ApiException e =
          assertThrows(ApiException.class, () -> JsonBodies.integer(json, "E", "n", 0, 10), value);
      assertEquals("n", field(e));
    }
  }
}
