package io.licensesync.server.access.boundary;

import io.licensesync.roles.Role;
import io.licensesync.roles.Roles;
import io.licensesync.security.PasswordHashing;
import io.licensesync.security.Tokens;
import io.licensesync.server.accounts.boundary.Accounts;
import io.licensesync.server.accounts.entity.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.PrintStream;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure a fresh Server can be administered without a default password: when no site admin can
 * sign in yet, it creates (or promotes) the bootstrap admin with the configured password, or with a
 * generated one printed once on the console, never stored in clear and never logged.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrations")
public class BootstrapAdmin {

  private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Accounts accounts;

  @Inject Roles roles;

  @Inject
  @ConfigProperty(name = "licensesync.server.bootstrap-admin.login", defaultValue = "admin")
  String login;

  @Inject
  @ConfigProperty(name = "licensesync.server.bootstrap-admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "licensesync.public-url")
  Optional<String> publicUrl;

  @PostConstruct
  void ensureAnAdminCanSignIn() {
    if (!roles.plays(Role.SERVER)) {
      return;
    }
    publicUrl.ifPresent(
        url ->
            LOG.info(
                () ->
                    "license-sync starting: open "
                        + url
                        + " ; REST API at "
                        + url
                        + "api/v3 ; sign in as site admin '"
                        + login
                        + "' (password: the one configured, or printed once at the first start)"));
    long admins =
        em.createNamedQuery(UserAccount.ADMINS_WITH_PASSWORD, Long.class).getSingleResult();
    if (admins > 0) {
      return;
    }
    boolean generated = password.filter(p -> !p.isBlank()).isEmpty();
    String secret = generated ? Tokens.randomText(18) : password.get();
    UserAccount admin = accounts.findByLogin(login).orElseGet(() -> accounts.create(login, null));
    admin.setSiteAdmin(true);
    admin.unsuspend();
    admin.setPasswordHash(PasswordHashing.hash(secret.toCharArray()));
    if (generated) {
      announce(System.out, secret);
    } else {
      LOG.info(() -> "Bootstrap site admin '" + login + "' created with the configured password");
    }
  }

  /** The one place the generated password appears: the console of the first start. */
  private void announce(PrintStream console, String secret) {
    console.println();
    console.println("==================================================================");
    console.println(" license-sync: first start, bootstrap site admin created");
    console.println("   login:    " + login);
    console.println("   password: " + secret);
    console.println(" Shown only this once. Set licensesync.server.bootstrap-admin.password");
    console.println(" to choose it yourself on a fresh database.");
    console.println("==================================================================");
    console.println();
  }
}
