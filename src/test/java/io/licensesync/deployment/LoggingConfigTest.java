package io.licensesync.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The run command's two logging configurations ({@code -Dlicensesync.log.format=text|json}): each
 * parses, names a formatter Payara Micro ships, and both set the same levels, so choosing JSON
 * changes the format of the lines and nothing else.
 *
 * <p>Seen once by hand (Payara Micro 6.2025.10, {@code --logproperties logging-json.properties
 * --postbootcommandfile post-boot.asadmin}): every console line, through boot and the post-boot
 * commands, is one JSON object ({@code {"Timestamp":…,"Level":"INFO","LoggerName":…,"ThreadName":
 * …,"LogMessage":…}}). With a {@code set-log-levels} in the post-boot file, every line after it was
 * JUL's plain two-line format instead (also without {@code --logproperties}), which is why the
 * levels live in these files.
 */
class LoggingConfigTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path PAYARA_MICRO = ROOT.resolve("server-config/payara-micro");
  private static final String JSON_FORMATTER =
      "fish.payara.enterprise.server.logging.JSONLogFormatter";
  private static final String TEXT_FORMATTER = "com.sun.enterprise.server.logging.ODLLogFormatter";
  private static final String FORMATTER = "java.util.logging.ConsoleHandler.formatter";

  @Test
  void jsonLinesComeFromPayarasJsonFormatterWithTheSameLevelsAsText() throws IOException {
    Properties json = load("logging-json.properties");
    Properties text = load("logging-text.properties");
    assertEquals(JSON_FORMATTER, json.getProperty(FORMATTER));
    assertEquals(TEXT_FORMATTER, text.getProperty(FORMATTER));
    assertEquals("java.util.logging.ConsoleHandler", json.getProperty("handlers"));
    assertEquals(levels(text), levels(json));
    assertEquals("INFO", json.getProperty(".level"));
    assertEquals("WARNING", json.getProperty("org.hibernate.SQL.level"), "no SQL parameters");
    assertFalse(
        Files.readString(PAYARA_MICRO.resolve("post-boot.asadmin")).contains("\nset-log-levels"),
        "set-log-levels would drop the format after boot");
  }

  @Test
  void theRunCommandPicksTheFileByOneProperty() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    assertTrue(
        pom.contains(
            "<argument>${project.basedir}/server-config/payara-micro/logging-${licensesync.log.format}.properties</argument>"));
    Matcher format =
        Pattern.compile("<licensesync.log.format>([a-z]+)</licensesync.log.format>").matcher(pom);
    assertTrue(format.find(), "a default format");
    assertTrue(Files.exists(PAYARA_MICRO.resolve("logging-" + format.group(1) + ".properties")));
    String operations = Files.readString(ROOT.resolve("docs/operations.md"));
    assertTrue(operations.contains("-Dlicensesync.log.format=json"), "documented");
    assertTrue(operations.contains("logging-json.properties"), "documented");
  }

  /** Where the build has Payara Micro at hand (the local Maven repository), the class is in it. */
  @Test
  void payaraMicroShipsTheFormatters() throws IOException {
    Matcher version =
        Pattern.compile("<payara.version>([^<]+)</payara.version>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertTrue(version.find());
    Path jar =
        Path.of(
            System.getProperty("user.home"),
            ".m2/repository/fish/payara/extras/payara-micro",
            version.group(1),
            "payara-micro-" + version.group(1) + ".jar");
    assumeTrue(Files.exists(jar), "Payara Micro is not in the local repository: " + jar);
    try (ZipFile micro = new ZipFile(jar.toFile())) {
      ZipEntry logging = micro.getEntry("MICRO-INF/runtime/logging.jar");
      assertTrue(logging != null, "Payara Micro's logging module");
      boolean json = false;
      boolean text = false;
      try (InputStream in = micro.getInputStream(logging);
          ZipInputStream classes = new ZipInputStream(in)) {
        for (ZipEntry e = classes.getNextEntry(); e != null; e = classes.getNextEntry()) {
          json |= e.getName().equals(JSON_FORMATTER.replace('.', '/') + ".class");
          text |= e.getName().equals(TEXT_FORMATTER.replace('.', '/') + ".class");
        }
      }
      assertTrue(json, JSON_FORMATTER);
      assertTrue(text, TEXT_FORMATTER);
    }
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(PAYARA_MICRO.resolve(name))) {
      properties.load(in);
    }
    return properties;
  }

  private static Map<String, String> levels(Properties properties) {
    Map<String, String> levels = new HashMap<>();
    properties.stringPropertyNames().stream()
        .filter(k -> k.endsWith(".level"))
        .forEach(k -> levels.put(k, properties.getProperty(k)));
    return levels;
  }
}
