package io.licensesync.server.connect.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.rest.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudUrlsTest {

  private static CloudUrls allowing(String... urls) {
    CloudUrls rules = new CloudUrls();
    rules.allowed = urls.length == 0 ? Optional.empty() : Optional.of(String.join(",", urls));
    return rules;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "ftp://cloud.example",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://user:pw@cloud.example/",
        "https://user@cloud.example",
        "http:///nohost",
        "https://cloud.example/?x=1",
        "https://cloud.example/#f",
        "cloud.example",
        "https://cloud.example/a b",
        "https://cloud.example/\u0000"
      })
  void refusesWhatIsNotAPlainHttpUrl(String url) {
    ApiException refused = assertThrows(ApiException.class, () -> allowing().check(url));
    assertEquals(422, refused.status());
    assertEquals("cloud_url", refused.body().errors().get(0).field());
  }

  @Test
  void refusesAnOverlongUrl() {
    assertThrows(
        ApiException.class,
        () -> allowing().check("https://cloud.example/" + "a".repeat(CloudUrls.MAX_LENGTH)));
  }

  @Test
  void anyPlainUrlWhenNothingIsPinned() {
    assertEquals("https://cloud.example", allowing().check(" https://cloud.example "));
    assertEquals(
        "HTTP://Cloud.Example:8080/cloud/api/",
        allowing().check("HTTP://Cloud.Example:8080/cloud/api/"));
  }

  @Test
  void onlyThePinnedCloudsWhenAnAllowListIsSet() {
    CloudUrls pinned = allowing("https://cloud.example.com/", "http://10.0.0.5:8080");
    assertEquals("https://cloud.example.com", pinned.check("https://cloud.example.com"));
    assertEquals(
        "https://CLOUD.example.com:443/cloud/api",
        pinned.check("https://CLOUD.example.com:443/cloud/api"));
    assertEquals("http://10.0.0.5:8080/", pinned.check("http://10.0.0.5:8080/"));
    for (String other :
        List.of(
            "http://cloud.example.com/",
            "https://cloud.example.com:8443/",
            "https://evil.example/",
            "https://cloud.example.com/other")) {
      ApiException refused = assertThrows(ApiException.class, () -> pinned.check(other), other);
      assertTrue(refused.body().errors().get(0).message().contains("allowed-urls"), other);
    }
  }
}
