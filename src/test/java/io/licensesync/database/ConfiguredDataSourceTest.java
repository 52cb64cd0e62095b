package io.licensesync.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredDataSourceTest {

  @Test
  void theDefaultEmbeddedDatabaseLivesInTheDataDirectory() {
    Path file = ConfiguredDataSource.h2File(ConfiguredDataSource.DEFAULT_URL).orElseThrow();
    assertEquals(Path.of("./data/license-sync"), file);
    assertEquals(Path.of("data").toAbsolutePath(), ConfiguredDataSource.directoryOf(file));
  }

  @Test
  void aFileUrlWithoutThePrefixAndAHomeRelativeOneAreFiles() {
    assertEquals(
        Optional.of(Path.of("/var/lib/ls/db")),
        ConfiguredDataSource.h2File("jdbc:h2:/var/lib/ls/db;MODE=PostgreSQL"));
    assertEquals(
        Optional.of(Path.of(System.getProperty("user.home") + "/ls/db")),
        ConfiguredDataSource.h2File("jdbc:h2:file:~/ls/db"));
  }

  @Test
  void inMemoryServerAndOtherDatabasesHaveNoFileOfOurs() {
    assertTrue(ConfiguredDataSource.h2File("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1").isEmpty());
    assertTrue(ConfiguredDataSource.h2File("jdbc:h2:tcp://db.example/~/ls").isEmpty());
    assertTrue(ConfiguredDataSource.h2File("jdbc:postgresql://127.0.0.1:5432/test").isEmpty());
  }
}
