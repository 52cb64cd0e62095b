package io.licensesync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP hop in front of a database, so a test can restart the database as its clients see it:
 * {@link #down} resets every open connection and refuses new ones (the port closed), {@link #up}
 * listens again on the same port. Bytes are passed on unchanged, so any JDBC protocol goes through.
 */
public final class TcpRelay implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;

  private TcpRelay(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    up();
  }

  /** A relay on a free local port to {@code host:port}, listening. */
  public static TcpRelay to(String host, int port) {
    return new TcpRelay(host, port);
  }

  public int port() {
    return port;
  }

  /** Listens again on the same port: the database is back. */
  public synchronized void up() {
    if (listening != null) {
      return;
    }
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("127.0.0.1", port));
      listening = server;
      Thread acceptor = new Thread(() -> accept(server), "tcp-relay-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops listening and resets every connection: the database has gone down. */
  public synchronized void down() {
    ServerSocket server = listening;
    listening = null;
    closeQuietly(server);
    for (Socket socket : open) {
      try {
        socket.setSoLinger(true, 0); // a reset, as a killed server process leaves
      } catch (IOException ignored) {
        // already closed
      }
      closeQuietly(socket);
    }
    open.clear();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket database = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(database);
        pump(client, database);
        pump(database, client);
      } catch (IOException unreachable) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException closed) {
                // one side went away: so does the other
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-relay-pump-" + port);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is all that is wanted
    }
  }

  @Override
  public void close() {
    down();
  }
}
