package io.licensesync.server.connect.control;

import io.licensesync.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which Cloud URLs this Server may connect to: an {@code http(s)} URL with a host, without user
 * info, query or fragment, at most 400 characters; and, when {@code
 * licensesync.server.cloud.allowed-urls} lists any, one of those (compared on scheme, host, port
 * and path, so a deployment can pin its Cloud).
 */
@ApplicationScoped
public class CloudUrls {

  static final int MAX_LENGTH = 400;

  @Inject
  @ConfigProperty(name = "licensesync.server.cloud.allowed-urls")
  Optional<String> allowed;

  /** The URL, stripped, or a 422 naming {@code cloud_url}. */
  public String check(String cloudUrl) {
    String url = cloudUrl == null ? "" : cloudUrl.strip();
    URI root =
        parse(url)
            .orElseThrow(
                () ->
                    invalid(
                        "cloud_url must be an http or https URL such as https://cloud.example.com, without a user name, password, query or fragment"));
    // read as one string and split here: Payara's config producer cannot inject
    // Optional<List<String>>
    List<String> pinned =
        Arrays.stream(allowed.orElse("").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    if (!pinned.isEmpty()
        && pinned.stream()
            .map(CloudUrls::parse)
            .flatMap(Optional::stream)
            .noneMatch(root::equals)) {
      throw invalid(
          "cloud_url is not one of the Cloud URLs this Server may connect to (licensesync.server.cloud.allowed-urls)");
    }
    return url;
  }

  /** The URL's API root in a comparable form, or empty when it is not an acceptable Cloud URL. */
  static Optional<URI> parse(String url) {
    if (url.isEmpty()
        || url.length() > MAX_LENGTH
        || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return Optional.empty();
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      String path = CloudGateway.apiRoot(url).getPath();
      return Optional.of(
          new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), port, path, null, null));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ApiException invalid(String message) {
    return ApiException.invalid("Connection", "cloud_url", "invalid", message);
  }
}
