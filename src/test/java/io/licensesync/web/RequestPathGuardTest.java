package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/server/jakarta.faces.resource/../people.xhtml",
        "/server/jakarta.faces.resource/%2e%2e/people.xhtml",
        "/server/%2E%2e/x",
        "/a/.%2E/b",
        "/a/%2e./b",
        "/server/./people.xhtml",
        "/server/.",
        "/server/..",
        "/server%2fpeople.xhtml",
        "/server%2Fpeople.xhtml",
        "/server%5cpeople.xhtml",
        "/server\\people.xhtml",
        "/server/people.xhtml;jsessionid=1",
        "/server;a/people.xhtml",
        "/server/people.xhtml%3Bx",
        "//server/people.xhtml",
        "/server//people.xhtml",
        "/server/people.xhtml%00",
        "/server/p%0aeople",
        "/server/p%7F"
      })
  void refusesEveryUnusualSpelling(String rawPath) {
    assertNotNull(RequestPathGuard.refusal(rawPath), rawPath);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/server/people.xhtml",
        "/api/v3/users/mona",
        "/cloud/api/enterprises/octo/consumed-licenses",
        "/jakarta.faces.resource/license-sync.css.xhtml",
        "/server/..hidden",
        "/server/file.name.xhtml",
        "/a/%2e%2ex/b",
        "/users/a%20b"
      })
  void letsPlainPathsThrough(String rawPath) {
    assertNull(RequestPathGuard.refusal(rawPath), rawPath);
  }

  @Test
  void dispatchedPathsAreComparedWithoutRegardToCase() {
    assertTrue(DispatchedPath.isUnder("/SERVER/people.xhtml", "/server"));
    assertTrue(DispatchedPath.isUnder("/server", "/server"));
    assertTrue(DispatchedPath.isUnder("/Cloud/API/x", "/cloud/api"));
    assertFalse(DispatchedPath.isUnder("/serverless/x", "/server"));
    assertFalse(DispatchedPath.isUnder("/", "/server"));
  }

  @Test
  void redirectsAreRelativeOrOnThePublicUrl() {
    PublicUrl none = new PublicUrl();
    none.configured = java.util.Optional.empty();
    none.parse();
    assertEquals(
        "/server/sign-in.xhtml", SecurityHeaders.Redirects.location("/server/sign-in.xhtml", none));
    PublicUrl set = new PublicUrl();
    set.configured = java.util.Optional.of("https://ls.example.com/");
    set.parse();
    assertTrue(set.isHttps());
    assertEquals(
        "https://ls.example.com/server/sign-in.xhtml",
        SecurityHeaders.Redirects.location("/server/sign-in.xhtml", set));
    assertEquals(
        "https://ls.example.com/api/v3/users?since=5",
        set.rebase(java.net.URI.create("http://evil.example:8080/api/v3/users?since=5"))
            .toString());
  }
}
