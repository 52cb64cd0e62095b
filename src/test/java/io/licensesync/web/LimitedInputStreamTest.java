package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

  @Test
  void aBodyUpToTheLimitReadsWhole() throws IOException {
    byte[] body = new byte[1000];
    LimitedInputStream in = new LimitedInputStream(servlet(body, Integer.MAX_VALUE), 1000);
    assertArrayEquals(body, in.readAllBytes());
    assertEquals(1000, in.count());
  }

  @Test
  void oneByteMoreFailsWhileReadingAndNoMoreIsAskedFor() {
    CountingSource source = servlet(new byte[10_000], Integer.MAX_VALUE);
    LimitedInputStream in = new LimitedInputStream(source, 1000);
    BodyTooLargeException thrown = assertThrows(BodyTooLargeException.class, in::readAllBytes);
    assertEquals(1000, thrown.limit());
    assertTrue(in.exceeded());
    assertEquals(1001, source.delivered(), "reads at most one byte past the limit");
  }

  @Test
  void aTrickledBodyWithoutLengthIsCountedReadByRead() throws IOException {
    LimitedInputStream in = new LimitedInputStream(servlet(new byte[50], 1), 20);
    for (int i = 0; i < 20; i++) {
      assertEquals(0, in.read());
    }
    assertThrows(BodyTooLargeException.class, in::read);
  }

  @Test
  void onceTrippedEveryReadFailsAndTheCallbackRanOnce() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    LimitedInputStream in =
        new LimitedInputStream(servlet(new byte[100], 7), 10, calls::incrementAndGet);
    byte[] buffer = new byte[7];
    assertEquals(7, in.read(buffer, 0, 7));
    assertThrows(BodyTooLargeException.class, () -> in.read(buffer, 0, 7));
    assertThrows(BodyTooLargeException.class, () -> in.read(buffer, 0, 7));
    assertThrows(BodyTooLargeException.class, in::read);
    assertThrows(BodyTooLargeException.class, () -> in.skip(5));
    assertEquals(1, calls.get());
  }

  @Test
  void theLimitIsFoundInTheCausesReadersWrapItIn() {
    Exception wrapped =
        new IllegalStateException(
            "reading failed", new java.io.UncheckedIOException(new BodyTooLargeException(5)));
    assertEquals(5, BodyTooLargeException.in(wrapped).limit());
    assertEquals(null, BodyTooLargeException.in(new IOException("broken pipe")));
  }

  /**
   * A servlet body that hands out at most {@code chunk} bytes per read, like a network that
   * trickles.
   */
  private static CountingSource servlet(byte[] body, int chunk) {
    return new CountingSource(new ByteArrayInputStream(body), chunk);
  }

  private static final class CountingSource extends ServletInputStream {
    private final InputStream in;
    private final int chunk;
    private long delivered;

    CountingSource(InputStream in, int chunk) {
      this.in = in;
      this.chunk = chunk;
    }

    long delivered() {
      return delivered;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        delivered++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, Math.min(len, chunk));
      if (n > 0) {
        delivered += n;
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return false;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {}
  }
}
