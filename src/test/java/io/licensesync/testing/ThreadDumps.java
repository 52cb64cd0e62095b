package io.licensesync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When a request to a server under test times out, what every application server JVM on this
 * machine was doing at that moment: one thread dump per JVM in {@code target/thread-dumps/}, so a
 * hang seen once in CI can be explained afterwards.
 */
public final class ThreadDumps {

  private ThreadDumps() {}

  public static void ofServers(String why) {
    Path folder = Path.of("target", "thread-dumps");
    try {
      Files.createDirectories(folder);
      ProcessHandle.allProcesses()
          .filter(process -> process.info().commandLine().map(ThreadDumps::isServer).orElse(false))
          .forEach(process -> dump(process.pid(), folder, why));
      // and this JVM's HTTP client: waiting for an answer, or still sending?
      StringBuilder own = new StringBuilder(why).append(System.lineSeparator());
      Thread.getAllStackTraces()
          .forEach(
              (thread, stack) -> {
                if (thread.getName().contains("HttpClient")) {
                  own.append('"').append(thread.getName()).append("\" ").append(thread.getState());
                  own.append(System.lineSeparator());
                  for (StackTraceElement frame : stack) {
                    own.append("\tat ").append(frame).append(System.lineSeparator());
                  }
                }
              });
      Files.writeString(
          folder.resolve("test-client-" + Instant.now().toEpochMilli() + ".txt"), own);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not take thread dumps: " + e);
    }
  }

  private static boolean isServer(String commandLine) {
    return commandLine.contains("payara-micro") || commandLine.contains("jboss-modules");
  }

  private static void dump(long pid, Path folder, String why) {
    Path file = folder.resolve("pid-" + pid + "-" + Instant.now().toEpochMilli() + ".txt");
    try {
      Files.writeString(file, why + System.lineSeparator());
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print", "-l")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
              .start();
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
      System.err.println("thread dump of the server (" + why + "): " + file.toAbsolutePath());
    } catch (IOException e) {
      System.err.println("could not dump " + pid + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
