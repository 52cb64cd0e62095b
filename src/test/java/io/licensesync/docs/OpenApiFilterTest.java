package io.licensesync.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The names the filter gives: JSON-B's for properties, one per path for shared operations. */
class OpenApiFilterTest {

  @Test
  void propertiesAreNamedAsJsonBWritesThem() {
    assertEquals("token_last_eight", OpenApiFilter.snakeCase("tokenLastEight"));
    assertEquals("id", OpenApiFilter.snakeCase("id"));
    assertEquals("documentation_url", OpenApiFilter.snakeCase("documentationUrl"));
    assertEquals("already_snake", OpenApiFilter.snakeCase("already_snake"));
  }

  @Test
  void anOperationServingTwoPathsIsNamedAfterEach() {
    assertEquals("Links", OpenApiFilter.suffix("/cloud/api/enterprises/{enterprise}/links"));
    assertEquals(
        "NotSame", OpenApiFilter.suffix("/cloud/api/enterprises/{enterprise}/not-same/{id}"));
  }
}
