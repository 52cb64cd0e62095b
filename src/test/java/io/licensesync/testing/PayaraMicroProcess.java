package io.licensesync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Starts and stops a real Payara Micro process with a given WAR, for the tests that need what
 * Arquillian's one-deployment-per-class lifecycle cannot give: stopping the application and
 * starting it again on the same database. Its console goes to {@code target/it-logs}.
 */
public final class PayaraMicroProcess implements AutoCloseable {

  private final Process process;
  private final URL url;
  private final Path log;

  /**
   * A test server's JVM options: the client compiler only (C1). On this 2-core machine Payara Micro
   * with the application was ready in 16-19 s with it, 21-27 s without, using half the CPU (20-25 s
   * against 40-49 s, 2026-12-06); a test's server never runs long enough for C2's code to pay.
   */
  private static final List<String> TEST_JVM = List.of("-XX:TieredStopAtLevel=1");

  private PayaraMicroProcess(Process process, URL url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /**
   * Starts Payara Micro with {@code war} and waits until {@code /health} answers (or fails with the
   * log).
   */
  public static PayaraMicroProcess start(WebArchive war, String name) {
    return start(war, name, 0);
  }

  /**
   * Starts Payara Micro on a given port (0: a free one), so a restarted application can keep the
   * URL it had — as it does when an operator restarts a server.
   */
  public static PayaraMicroProcess start(WebArchive war, String name, int fixedPort) {
    return start(war, name, fixedPort, TEST_JVM);
  }

  /**
   * Starts Payara Micro as a production server runs, with both of the JVM's compilers (for the
   * benchmarks, whose figures are the server's after the JIT has done its work).
   */
  public static PayaraMicroProcess startFullyCompiled(WebArchive war, String name) {
    // -Dbench.serverJvmOptions="-XX:… -XX:…" adds JVM options for an experiment (GC settings)
    String extra = System.getProperty("bench.serverJvmOptions", "").strip();
    return start(war, name, 0, extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
  }

  private static PayaraMicroProcess start(
      WebArchive war, String name, int fixedPort, List<String> jvmOptions) {
    try {
      Path target = Path.of(System.getProperty("it.buildDirectory", "target"));
      Path wars = Files.createDirectories(target.resolve("it-wars"));
      Path logs = Files.createDirectories(target.resolve("it-logs"));
      File warFile = wars.resolve(name + ".war").toFile();
      war.as(ZipExporter.class).exportTo(warFile, true);
      int port = fixedPort;
      if (port == 0) {
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
      }
      Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx768m"));
      command.addAll(jvmOptions);
      command.addAll(
          List.of(
              "-jar",
              System.getProperty("payara.microJar", "target/payara-micro.jar"),
              "--deploy",
              warFile.getAbsolutePath(),
              "--contextroot",
              "/",
              "--port",
              Integer.toString(port),
              "--nocluster",
              "--nohostaware"));
      // as the run command: Payara's own /metrics and /health off, the application's answer
      String postBoot = System.getProperty("payara.postBootCommandFile");
      if (postBoot != null && !postBoot.isBlank()) {
        command.addAll(List.of("--postbootcommandfile", postBoot));
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PayaraMicroProcess started =
          new PayaraMicroProcess(
              process, URI.create("http://localhost:" + port + "/").toURL(), log);
      started.awaitHealthy(Duration.ofMinutes(5));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy(Duration limit) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Payara Micro exited during start-up; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(url.toURI().resolve("health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException | java.net.URISyntaxException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(1000);
    }
    close();
    throw new AssertionError(
        "Payara Micro did not become healthy within " + limit + "; see " + log);
  }

  public URL url() {
    return url;
  }

  /** The server process's id, for diagnostics such as {@code jcmd <pid> GC.heap_info}. */
  public long pid() {
    return process.pid();
  }

  /** The server's console log. */
  public Path log() {
    return log;
  }

  /** Kills the server at once (SIGKILL), as a crash or {@code kill -9} does: nothing runs after. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server the way an operator does (SIGTERM), waiting for it to shut down. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
