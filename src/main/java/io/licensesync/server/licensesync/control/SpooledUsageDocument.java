package io.licensesync.server.licensesync.control;

import io.licensesync.security.OwnerOnlyFiles;
import io.licensesync.wire.LicenseUsageDocument;
import io.licensesync.wire.LicenseUsageWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Writes a license usage document to a temporary file, reading accounts page by page, so the heap a
 * run needs does not grow with the number of accounts and a retried upload sends the same bytes.
 */
public final class SpooledUsageDocument {

  private SpooledUsageDocument() {}

  /**
   * Writes the document.
   *
   * @param pages returns the accounts after an id (0 first), at most the given number, in id order
   * @param toSend turns one account into what is sent, or nothing when it is not sent
   * @return the file and the number of accounts in it
   */
  public static <A> Written write(
      LicenseUsageDocument.Metadata metadata,
      BiFunction<Long, Integer, java.util.List<A>> pages,
      java.util.function.ToLongFunction<A> idOf,
      java.util.function.Function<A, Optional<LicenseUsageDocument.Account>> toSend,
      int pageSize) {
    try {
      Path file = OwnerOnlyFiles.createTempFile("license-usage-", ".json");
      Path ids = OwnerOnlyFiles.createTempFile("license-usage-ids-", ".bin");
      int sent = 0;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
          LicenseUsageWriter writer = new LicenseUsageWriter(out, metadata);
          java.io.DataOutputStream idsOut =
              new java.io.DataOutputStream(new BufferedOutputStream(Files.newOutputStream(ids)))) {
        long after = 0;
        java.util.List<A> page;
        do {
          page = pages.apply(after, pageSize);
          for (A account : page) {
            Optional<LicenseUsageDocument.Account> wire = toSend.apply(account);
            if (wire.isPresent()) {
              writer.account(wire.get());
              idsOut.writeLong(idOf.applyAsLong(account));
              sent++;
            }
            after = idOf.applyAsLong(account);
          }
        } while (page.size() == pageSize);
      }
      return new Written(file, sent, ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the license usage file", e);
    }
  }

  /**
   * A written document, and the ids of its accounts in increasing order (each a {@code long} in a
   * file of their own), for telling what changed since the last run.
   */
  public record Written(Path file, int accounts, Path ids) {

    public void delete() {
      deleteDocument();
      deleteQuietly(ids);
    }

    /** Deletes the document, keeping the ids file. */
    public void deleteDocument() {
      deleteQuietly(file);
    }

    private static void deleteQuietly(Path temporary) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // a temporary file; the system cleans it up
      }
    }
  }
}
