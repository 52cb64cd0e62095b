package io.licensesync.roles;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The roles this deployment plays, read once from {@code licensesync.roles}; a typo fails the
 * start.
 */
@ApplicationScoped
public class Roles {

  @Inject
  @ConfigProperty(name = "licensesync.roles", defaultValue = "server,cloud")
  String configured;

  private Set<Role> enabled;

  @PostConstruct
  void parse() {
    enabled = Role.parse(configured);
  }

  public boolean plays(Role role) {
    return enabled.contains(role);
  }
}
