package io.licensesync.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The page a sign-in returns to ({@code ?return=…}): honoured only when it is a path of this site
 * under the role's own pages, so the parameter cannot send anyone elsewhere (no scheme, no host, no
 * {@code //}, no backslash, no {@code ..}, no control characters).
 */
public final class ReturnPath {

  private static final int MAX_LENGTH = 2000;

  private ReturnPath() {}

  /**
   * {@code candidate} when it is safe to redirect to within the pages under {@code prefix} (e.g.
   * {@code /server/}), else empty.
   */
  public static Optional<String> within(String prefix, String candidate) {
    if (candidate == null || candidate.length() > MAX_LENGTH || !candidate.startsWith(prefix)) {
      return Optional.empty();
    }
    if (candidate.contains("//") || candidate.contains("\\") || candidate.contains("..")) {
      return Optional.empty();
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        return Optional.empty();
      }
    }
    try {
      URI uri = new URI(candidate);
      if (uri.getScheme() != null
          || uri.getRawAuthority() != null
          || !uri.getRawPath().startsWith(prefix)) {
        return Optional.empty();
      }
      String decoded = uri.getPath();
      if (decoded.contains("//") || decoded.contains("\\") || decoded.contains("..")) {
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.of(candidate);
  }
}
