package io.licensesync.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A stream read as it comes, stopped with the caller's exception once more than a limit of bytes
 * has been read: an upload's body, or a document as it inflates (a small file may inflate to
 * gigabytes). The one place that counts bytes for a limit.
 */
public final class AtMost extends FilterInputStream {

  private final long max;
  private final Supplier<? extends RuntimeException> tooLong;
  private long read;

  private AtMost(InputStream in, long max, Supplier<? extends RuntimeException> tooLong) {
    super(in);
    this.max = max;
    this.tooLong = tooLong;
  }

  /** {@code in}, throwing {@code tooLong}'s exception on the read that passes {@code max} bytes. */
  public static InputStream bytes(
      InputStream in, long max, Supplier<? extends RuntimeException> tooLong) {
    return new AtMost(in, max, tooLong);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? 0 : 1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    count(Math.max(n, 0));
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > max) {
      throw tooLong.get();
    }
  }
}
