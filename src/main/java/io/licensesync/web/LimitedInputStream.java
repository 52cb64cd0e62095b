package io.licensesync.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body that counts what is read and fails with {@link BodyTooLargeException} the moment
 * more than {@code limit} bytes arrived, whether or not the request named a {@code Content-Length}
 * (a chunked body names none). Nothing past the limit is ever handed to the reader, so a body is
 * never held whole beyond it. Once tripped it stays tripped: every later read fails too.
 */
public class LimitedInputStream extends ServletInputStream {

  private final ServletInputStream body;
  private final long limit;
  private final Runnable onExceeded;
  private long count;
  private boolean exceeded;

  public LimitedInputStream(ServletInputStream body, long limit) {
    this(body, limit, () -> {});
  }

  /**
   * {@code onExceeded} runs once, when the limit is first passed, before the exception is thrown.
   */
  public LimitedInputStream(ServletInputStream body, long limit, Runnable onExceeded) {
    this.body = body;
    this.limit = limit;
    this.onExceeded = onExceeded;
  }

  @Override
  public int read() throws IOException {
    check(0);
    int b = body.read();
    if (b >= 0) {
      check(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    check(0);
    if (length == 0) {
      return 0;
    }
    // ask for at most one byte past the limit: enough to tell, never more
    int n = body.read(buffer, offset, (int) Math.min(length, limit - count + 1));
    if (n > 0) {
      check(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    check(0);
    long skipped = body.skip(Math.min(n, limit - count + 1));
    if (skipped > 0) {
      check(skipped);
    }
    return skipped;
  }

  private void check(long read) throws BodyTooLargeException {
    count += read;
    if (count > limit && !exceeded) {
      exceeded = true;
      onExceeded.run();
    }
    if (exceeded) {
      throw new BodyTooLargeException(limit);
    }
  }

  /** Whether the body passed the limit (a reader may have swallowed the exception). */
  public boolean exceeded() {
    return exceeded;
  }

  public long count() {
    return count;
  }

  @Override
  public int available() throws IOException {
    return exceeded ? 0 : body.available();
  }

  @Override
  public boolean isFinished() {
    return exceeded || body.isFinished();
  }

  @Override
  public boolean isReady() {
    return body.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    body.setReadListener(listener);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
