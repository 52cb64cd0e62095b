package io.licensesync.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Files and directories that hold personal data or keys (the H2 database, the key file, usage
 * documents on their way out) are made readable by their owner only — POSIX {@code 600} for files,
 * {@code 700} for directories — from the moment they exist, not after. On a file system without
 * POSIX permissions the calls fall back to the plain ones.
 */
public final class OwnerOnlyFiles {

  private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class.getName());

  /** {@code rw-------} */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** {@code rwx------} */
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** A new temporary file, {@code 600} from its creation. */
  public static Path createTempFile(String prefix, String suffix) throws IOException {
    return posix(Path.of(System.getProperty("java.io.tmpdir")))
        ? Files.createTempFile(prefix, suffix, attribute(FILE))
        : Files.createTempFile(prefix, suffix);
  }

  /** A new, empty file, {@code 600} from its creation; fails when it exists. */
  public static Path createFile(Path file) throws IOException {
    return posix(file.toAbsolutePath().getParent())
        ? Files.createFile(file, attribute(FILE))
        : Files.createFile(file);
  }

  /**
   * The directory, made {@code 700} with any missing parents made the same way. An existing one is
   * left as it is (it may be shared, such as {@code /tmp}); a warning says so when others can read
   * it.
   */
  public static Path directory(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      warnWhenOthersCanRead(absolute);
      return directory;
    }
    Path parent = absolute.getParent();
    if (parent != null && !Files.exists(parent)) {
      directory(parent);
    }
    try {
      if (posix(parent)) {
        Files.createDirectory(absolute, attribute(DIRECTORY));
        // the process's umask may have taken bits away, never added: set exactly
        Files.setPosixFilePermissions(absolute, DIRECTORY);
      } else {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException raced) {
      warnWhenOthersCanRead(absolute);
    }
    return directory;
  }

  /**
   * Narrows every file in {@code directory} whose name starts with {@code prefix} to {@code 600}.
   */
  public static void narrowFiles(Path directory, String prefix) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f))
          .forEach(f -> narrow(f, FILE));
    } catch (IOException e) {
      LOG.warning(
          () ->
              "Cannot list "
                  + directory
                  + " to make its files readable by their owner only: "
                  + e.getMessage());
    }
  }

  private static void narrow(Path path, Set<PosixFilePermission> permissions) {
    try {
      if (posix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
        Files.setPosixFilePermissions(path, permissions);
      }
    } catch (IOException | SecurityException e) {
      LOG.warning(() -> "Cannot make " + path + " readable by its owner only: " + e.getMessage());
    }
  }

  private static void warnWhenOthersCanRead(Path directory) {
    try {
      if (posix(directory)) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        if (permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.OTHERS_READ)) {
          LOG.fine(
              () ->
                  directory
                      + " existed already and others may list it; its files are made readable by their owner only");
        }
      }
    } catch (IOException e) {
      // only a diagnostic
    }
  }

  private static boolean posix(Path path) {
    Path existing = path == null ? Path.of("").toAbsolutePath() : path;
    return existing.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
