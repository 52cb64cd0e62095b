package io.licensesync.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On WildFly the Hibernate bundled in the WAR cannot scan the vfs: class path, so persistence.xml
 * must list every mapped class; a class missing there works on Payara and fails only on WildFly.
 * This keeps the list complete.
 */
class PersistenceXmlListsEveryEntityTest {

  @Test
  void everyMappedClassIsListed() throws Exception {
    assertEquals(mappedClasses(), listedClasses(), "<class> entries in META-INF/persistence.xml");
  }

  private static Set<String> listedClasses() throws Exception {
    String xml;
    try (InputStream in =
        PersistenceXmlListsEveryEntityTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Set<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("<class>\\s*([\\w.$]+)\\s*</class>").matcher(xml);
    while (m.find()) {
      listed.add(m.group(1));
    }
    return listed;
  }

  private static Set<String> mappedClasses() throws Exception {
    Path classes = mainClasses();
    Set<String> mapped = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (Path file : files) {
      String relative = classes.relativize(file).toString();
      String name =
          relative
              .substring(0, relative.length() - ".class".length())
              .replace(file.getFileSystem().getSeparator(), ".");
      if (name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      Class<?> type =
          Class.forName(name, false, PersistenceXmlListsEveryEntityTest.class.getClassLoader());
      if (type.isAnnotationPresent(Entity.class)
          || type.isAnnotationPresent(Embeddable.class)
          || type.isAnnotationPresent(MappedSuperclass.class)
          || type.isAnnotationPresent(Converter.class)) {
        mapped.add(name);
      }
    }
    return mapped;
  }

  /** target/classes: where LicenseSyncDataSource was loaded from. */
  private static Path mainClasses() throws URISyntaxException {
    return Path.of(
        LicenseSyncDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
