package io.licensesync.web;

import java.io.Serializable;

/**
 * Page arithmetic for the paged tables of the pages, in one place: the page asked for in the
 * address ({@code ?page=2}), kept between the first and the last page whatever was typed there.
 * Each page bean hands its pager to the view ({@code #{auditPage.pager.hasNext()}}), so the getters
 * are not repeated bean by bean.
 */
public record Pager(int number, int count, int perPage, String notice) implements Serializable {

  /**
   * The page to show for {@code requested} (any text, or null for the first) among {@code total}
   * rows.
   */
  /** The page the current Faces request asks for (its {@code page} parameter) of {@code total}. */
  public static Pager ofThisRequest(long total, int perPage) {
    return of(
        jakarta.faces.context.FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("page"),
        total,
        perPage);
  }

  public static Pager of(String requested, long total, int perPage) {
    int count = (int) Math.max(1, (total + perPage - 1) / perPage);
    int number;
    try {
      number = requested == null || requested.isBlank() ? 1 : Integer.parseInt(requested.strip());
    } catch (NumberFormatException notANumber) {
      number = 1;
    }
    int shown = Math.max(1, Math.min(number, count));
    String notice = null;
    if (requested != null && !requested.isBlank() && shown != number) {
      notice =
          number > count
              ? "There is no page " + number + "; this is the last page, " + count + "."
              : "There is no page " + number + "; this is the first page.";
    } else if (requested != null && !requested.isBlank() && !requested.strip().matches("\\d+")) {
      notice = "That is not a page number; this is the first page.";
    }
    return new Pager(shown, count, perPage, notice);
  }

  /** The page number as asked for, when another page is shown instead; null otherwise. */
  @Override
  public String notice() {
    return notice;
  }

  /** The index of this page's first row. */
  public int offset() {
    return (number - 1) * perPage;
  }

  public boolean hasPrevious() {
    return number > 1;
  }

  public boolean hasNext() {
    return number < count;
  }

  /** The number of the page before this one, for the "Previous page" link. */
  public int previous() {
    return number - 1;
  }

  /** The number of the page after this one, for the "Next page" link. */
  public int next() {
    return number + 1;
  }
}
