package io.licensesync.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where users reach the application ({@code licensesync.public-url}). When it is set, every
 * absolute URL the application answers (Location, Link, redirects, {@code url} fields) is built
 * from it, never from the request's {@code Host} header; when it is not, redirects are relative.
 */
@ApplicationScoped
public class PublicUrl {

  @Inject
  @ConfigProperty(name = "licensesync.public-url")
  Optional<String> configured;

  private URI origin;

  @PostConstruct
  void parse() {
    origin = configured.filter(s -> !s.isBlank()).map(PublicUrl::originOf).orElse(null);
  }

  /**
   * The configured scheme, host and port, e.g. {@code https://ls.example.com}; empty when not set.
   */
  public Optional<URI> origin() {
    return Optional.ofNullable(origin);
  }

  /** True when the public URL is https: cookies are then sent only over https. */
  public boolean isHttps() {
    return origin != null && "https".equals(origin.getScheme());
  }

  /** {@code uri} with its scheme, host and port replaced by the public URL's, when one is set. */
  public URI rebase(URI uri) {
    if (origin == null || uri.getScheme() == null) {
      return uri;
    }
    return URI.create(
        origin + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  static URI originOf(String url) {
    URI uri = URI.create(url.strip());
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "licensesync.public-url must be an absolute http(s) URL, such as https://ls.example.com/");
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }
}
