package io.licensesync.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The two roles one WAR can play, each owning URL prefixes: the Server role its GitHub-compatible
 * API and pages, the Cloud role its own.
 */
public enum Role {
  SERVER("/api/v3", "/server"),
  CLOUD("/cloud");

  private final String[] prefixes;

  Role(String... prefixes) {
    this.prefixes = prefixes;
  }

  /**
   * True when {@code path} (relative to the context root) belongs to this role, compared without
   * regard to case.
   */
  public boolean owns(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return Arrays.stream(prefixes).anyMatch(p -> lower.equals(p) || lower.startsWith(p + "/"));
  }

  /** Parses a comma-separated list such as {@code "server,cloud"}; unknown names are an error. */
  public static Set<Role> parse(String value) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : value.split(",")) {
      String name = part.trim();
      if (!name.isEmpty()) {
        try {
          roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "licensesync.roles: unknown role '" + name + "', expected server and/or cloud", e);
        }
      }
    }
    return roles;
  }
}
