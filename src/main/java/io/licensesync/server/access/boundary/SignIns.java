package io.licensesync.server.access.boundary;

import io.licensesync.identity.Logins;
import io.licensesync.server.accounts.entity.UserAccount;
import io.licensesync.server.audit.boundary.Audit;
import io.licensesync.signin.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Every attempt to authenticate to the Server, by password (REST Basic, the sign-in page) or by
 * token: refused at once while its login or address is throttled ({@link SignInThrottle.Blocked}),
 * else checked; a failure counts against the login and the address, and every password sign-in,
 * successful or not, is audited — with the login attempted when it is one, never the password or an
 * email.
 */
@ApplicationScoped
public class SignIns {

  static final String FAILED = "sign_in.failed";
  static final String SUCCEEDED = "sign_in.succeeded";

  @Inject Credentials credentials;
  @Inject SignInThrottle throttle;
  @Inject Audit audit;

  /** A password sign-in from {@code address} through {@code channel} (e.g. "the sign-in page"). */
  public Optional<UserAccount> password(
      String login, char[] password, String address, String channel) {
    String loginKey =
        SignInThrottle.serverLogin(login.length() > 100 ? login.substring(0, 100) : login);
    String addressKey = SignInThrottle.address(address);
    throttle.check(loginKey, addressKey);
    Optional<UserAccount> account = credentials.byPassword(login, password);
    if (account.isPresent()) {
      throttle.succeeded(loginKey);
      audit.record(
          account.get().login(),
          SUCCEEDED,
          null,
          null,
          "Signed in through " + channel + " from " + address);
      return account;
    }
    throttle.failed(loginKey, addressKey);
    String who = Logins.isValid(login) ? "as '" + login + "'" : "with a name that is not a login";
    audit.record(
        "anonymous",
        FAILED,
        null,
        null,
        "Failed sign-in " + who + " through " + channel + " from " + address);
    return account;
  }

  /** A request with a personal access token from {@code address}. */
  public Optional<Credentials.TokenUse> token(String token, String address) {
    String addressKey = SignInThrottle.address(address);
    throttle.check(addressKey);
    Optional<Credentials.TokenUse> use = credentials.byToken(token);
    if (use.isEmpty()) {
      throttle.failed(addressKey);
    }
    return use;
  }
}
