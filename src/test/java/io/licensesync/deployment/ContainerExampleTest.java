package io.licensesync.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.licensesync.docs.OpenApiFilter;
import io.licensesync.monitoring.MonitoringServlet;
import jakarta.servlet.annotation.WebServlet;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container build and the two-node example cannot run here (no container engine in CI), so what
 * can be checked is: the image takes the WAR the build makes and the command files that exist, the
 * example parses, runs two nodes with probes on paths the application serves, and sets only
 * configuration keys the documentation lists.
 */
class ContainerExampleTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path CONTAINER = ROOT.resolve("server-config/container");

  @Test
  void theImageTakesTheWarTheBuildMakesAndCommandFilesThatExist() throws IOException {
    String containerfile = Files.readString(CONTAINER.resolve("Containerfile"));
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertTrue(finalName.find());
    assertTrue(
        containerfile.contains("COPY --chown=payara:payara target/" + finalName.group(1) + ".war "),
        "the image copies the WAR mvn package makes");
    Matcher copies = Pattern.compile("(?m)^COPY \\S+ (server-config/\\S+) ").matcher(containerfile);
    int files = 0;
    while (copies.find()) {
      assertTrue(Files.exists(ROOT.resolve(copies.group(1))), copies.group(1));
      files++;
    }
    assertEquals(3, files, "both Payara Micro command files and the logging configuration");
    Matcher payara = Pattern.compile("<payara.version>([^<]+)</payara.version>").matcher(pom);
    if (payara.find()) {
      assertTrue(containerfile.contains("payara/micro:" + payara.group(1)), "same Payara Micro");
    }
  }

  /**
   * The start command is in exec form, which a container engine reads as JSON: if it were not valid
   * JSON the engine would silently run it as a shell command instead. It names the files where the
   * image's COPY lines put them.
   */
  @Test
  void theStartCommandIsValidJsonAndNamesTheFilesTheImageCopies() throws IOException {
    String containerfile = Files.readString(CONTAINER.resolve("Containerfile"));
    Matcher entrypoint =
        Pattern.compile("(?ms)^ENTRYPOINT (\\[.*?\\])\\s*$")
            .matcher(containerfile.replace("\\\n", ""));
    assertTrue(entrypoint.find(), "an ENTRYPOINT in exec form");
    List<String> command = new ArrayList<>();
    new ObjectMapper().readTree(entrypoint.group(1)).forEach(word -> command.add(word.asText()));
    assertEquals("java", command.get(0));
    Set<String> copied = new java.util.HashSet<>();
    Matcher copies = Pattern.compile("(?m)^COPY \\S+ \\S+ (\\S+)$").matcher(containerfile);
    while (copies.find()) {
      copied.add(copies.group(1));
    }
    for (String option :
        List.of("--deploy", "--prebootcommandfile", "--postbootcommandfile", "--logproperties")) {
      int at = command.indexOf(option);
      assertTrue(at > 0, option + " in " + command);
      assertTrue(copied.contains(command.get(at + 1)), option + " names a copied file: " + copied);
    }
    assertTrue(
        command.contains("-Dmp.openapi.filter=" + OpenApiFilter.class.getName()), "the filter");
    assertTrue(
        command.stream().anyMatch(w -> w.startsWith("-Dmp.openapi.schema.java.time.Instant={")),
        command.toString());
  }

  @Test
  void theExampleRunsTwoNodesWithProbesOnPathsTheApplicationServes() throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(CONTAINER.resolve("kubernetes.yaml"))) {
      new Yaml().loadAll(in).forEach(d -> documents.add(cast(d)));
    }
    Map<String, Object> deployment = documents.get(0);
    assertEquals("Deployment", deployment.get("kind"));
    Map<String, Object> spec = cast(deployment.get("spec"));
    assertEquals(2, spec.get("replicas"));
    Map<String, Object> container =
        cast(((List<?>) cast(cast(spec.get("template")).get("spec")).get("containers")).get(0));
    Set<String> served =
        Set.of(MonitoringServlet.class.getAnnotation(WebServlet.class).urlPatterns());
    String ready = (String) cast(cast(container.get("readinessProbe")).get("httpGet")).get("path");
    String live = (String) cast(cast(container.get("livenessProbe")).get("httpGet")).get("path");
    assertEquals("/health/ready", ready);
    assertEquals("/health/live", live);
    assertTrue(served.containsAll(List.of(ready, live)), "served: " + served);
    assertEquals("Service", documents.get(1).get("kind"));

    String configuration = Files.readString(ROOT.resolve("docs/configuration.md"));
    for (Object variable : (List<?>) container.get("env")) {
      String name = (String) cast(variable).get("name");
      assertTrue(
          configuration.contains("`" + name + "`"),
          name + " is a documented configuration variable");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
