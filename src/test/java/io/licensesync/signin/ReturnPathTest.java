package io.licensesync.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReturnPathTest {

  @Test
  void aPathOfTheRolesPagesIsHonoured() {
    assertEquals(
        Optional.of("/server/people.xhtml"), ReturnPath.within("/server/", "/server/people.xhtml"));
    assertEquals(
        Optional.of("/server/people.xhtml?page=2&q=mona"),
        ReturnPath.within("/server/", "/server/people.xhtml?page=2&q=mona"));
    assertEquals(
        Optional.of("/cloud/members.xhtml"), ReturnPath.within("/cloud/", "/cloud/members.xhtml"));
  }

  @Test
  void anythingElseIsIgnored() {
    for (String bad :
        new String[] {
          null,
          "",
          "/cloud/members.xhtml",
          "server/people.xhtml",
          "https://evil.example/server/",
          "//evil.example/server/",
          "/server//evil.example",
          "/server/\\evil.example",
          "/server/../cloud/members.xhtml",
          "/server/%2e%2e/cloud/members.xhtml",
          "/server/%2F%2Fevil.example",
          "/server/a\r\nSet-Cookie:x=y",
          "/server/a b",
          "/server/" + "a".repeat(2000),
          "javascript:alert(1)//server/"
        }) {
      assertEquals(Optional.empty(), ReturnPath.within("/server/", bad), String.valueOf(bad));
    }
  }
}
