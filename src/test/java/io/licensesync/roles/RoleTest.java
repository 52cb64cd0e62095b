package io.licensesync.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void rolesAreReadFromACommaSeparatedList() {
    assertEquals(EnumSet.of(Role.SERVER, Role.CLOUD), Role.parse("server, Cloud"));
    assertEquals(EnumSet.of(Role.CLOUD), Role.parse("cloud"));
  }

  @Test
  void anUnknownRoleIsAnErrorThatNamesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Role.parse("server,client"));
    assertTrue(e.getMessage().contains("client"));
  }

  @Test
  void eachRoleOwnsItsPathsOnly() {
    assertTrue(Role.SERVER.owns("/api/v3/users"));
    assertTrue(Role.SERVER.owns("/api/v3"));
    assertFalse(Role.SERVER.owns("/api/v30"));
    assertTrue(Role.CLOUD.owns("/cloud/api/enterprises/acme/consumed-licenses"));
    assertFalse(Role.CLOUD.owns("/api/v3/users"));
    assertFalse(Role.SERVER.owns("/health"));
  }
}
