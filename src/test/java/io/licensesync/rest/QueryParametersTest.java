package io.licensesync.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

  private static void refused(String name, Runnable read) {
    ApiException e = assertThrows(ApiException.class, read::run);
    assertEquals(422, e.status());
    assertEquals(name, e.body().errors().get(0).field());
    assertEquals(
        true, e.body().reason().startsWith(name + " must be a whole number"), e.body().reason());
  }

  @Test
  void pagesAreWholeNumbersFromOneToTheLimit() {
    assertEquals(1, QueryParameters.page("1"));
    assertEquals(7, QueryParameters.page(" 7 "));
    assertEquals(
        QueryParameters.MAX_PAGE, QueryParameters.page(String.valueOf(QueryParameters.MAX_PAGE)));
    for (String bad :
        new String[] {
          "0",
          "-1",
          "",
          "abc",
          "1.5",
          "0x10",
          String.valueOf(QueryParameters.MAX_PAGE + 1L),
          "9".repeat(5000),
          "1e3",
          "+",
          "٣"
        }) {
      refused("page", () -> QueryParameters.page(bad));
    }
  }

  @Test
  void perPageAboveAHundredReadsAsAHundred() {
    assertEquals(30, QueryParameters.perPage("30"));
    assertEquals(100, QueryParameters.perPage("1000"));
    assertEquals(100, QueryParameters.perPage(String.valueOf(Long.MAX_VALUE)));
    refused("per_page", () -> QueryParameters.perPage("0"));
    refused("per_page", () -> QueryParameters.perPage("99999999999999999999"));
  }

  @Test
  void sinceTakesEveryIdFromZero() {
    assertEquals(0, QueryParameters.since("0"));
    assertEquals(Long.MAX_VALUE, QueryParameters.since(String.valueOf(Long.MAX_VALUE)));
    refused("since", () -> QueryParameters.since("-1"));
    refused("since", () -> QueryParameters.since("9223372036854775808"));
    refused("since", () -> QueryParameters.since("1".repeat(3000)));
  }

  @Test
  void idsAreNamedAsTheCallerSays() {
    assertEquals(42, QueryParameters.id("42", "id"));
    refused("id", () -> QueryParameters.id("0", "id"));
    refused("token_id", () -> QueryParameters.id("x", "token_id"));
  }

  @Test
  void aMissingValueIsRefused() {
    refused("page", () -> QueryParameters.page(null));
  }
}
