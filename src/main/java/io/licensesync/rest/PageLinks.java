package io.licensesync.rest;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code Link} header GitHub sends with paged lists: {@code <url>; rel="next"}, joined
 * by {@code ", "}, each URL the request's own with the paging parameter replaced.
 */
public final class PageLinks {

  private final UriInfo uri;
  private final List<String> links = new ArrayList<>();

  public PageLinks(UriInfo uri) {
    this.uri = uri;
  }

  /** Adds a relation whose URL is this request's with {@code parameter} set to {@code value}. */
  public PageLinks add(String rel, String parameter, Object value) {
    URI target = uri.getRequestUriBuilder().replaceQueryParam(parameter, value).build();
    links.add("<" + target + ">; rel=\"" + rel + "\"");
    return this;
  }

  /**
   * GitHub's links for numbered pages: {@code next} and {@code last} before the last page, {@code
   * first} and {@code prev} after the first (past the end, {@code prev} is the last page).
   */
  public static String numbered(UriInfo uri, int page, int perPage, long total) {
    long last = Math.max(1, (total + perPage - 1) / perPage);
    PageLinks links = new PageLinks(uri);
    if (page < last) {
      links.add("next", "page", page + 1).add("last", "page", last);
    }
    if (page > 1) {
      links.add("first", "page", 1).add("prev", "page", Math.min(page - 1, last));
    }
    return links.header();
  }

  /** The header value, or null when there is nothing to link. */
  public String header() {
    return links.isEmpty() ? null : String.join(", ", links);
  }
}
