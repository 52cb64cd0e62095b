package io.licensesync.cloud.licensing.boundary;

import io.licensesync.metrics.Meters;
import io.licensesync.metrics.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The written bodies of consumed-licenses pages, kept on this node and used again while the
 * enterprise's people are unchanged. A body is keyed by everything it is made of: the enterprise,
 * its {@link ConsumedLicenseHeads.Head#version} (a new one with every committed rematch, read from
 * the database at each request, so every node sees a change at once), its number of people and
 * purchased seats, the page and its size. The least recently used bodies go first once their bytes
 * pass {@code licensesync.cloud.page-cache-bytes} (0 turns this off).
 */
@ApplicationScoped
public class ConsumedLicensePages {

  /** What a page's body is made of. */
  public record Key(
      long enterpriseId, long version, long total, long purchased, int page, int perPage) {}

  @Inject
  @ConfigProperty(name = "licensesync.cloud.page-cache-bytes", defaultValue = "33554432")
  long maxBytes;

  @Inject Meters meters;

  private final LinkedHashMap<Key, byte[]> bodies = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** The body under {@code key}, written by {@code write} when it is not kept. */
  public byte[] body(Key key, Supplier<byte[]> write) {
    byte[] kept = get(key);
    if (kept != null) {
      meters.count(Metric.PAGE_CACHE, "outcome", "hit");
      return kept;
    }
    meters.count(Metric.PAGE_CACHE, "outcome", "miss");
    byte[] written = write.get();
    put(key, written);
    return written;
  }

  private synchronized byte[] get(Key key) {
    return bodies.get(key);
  }

  private synchronized void put(Key key, byte[] body) {
    if (body.length > maxBytes) {
      return;
    }
    byte[] before = bodies.put(key, body);
    bytes += body.length - (before == null ? 0 : before.length);
    Iterator<Map.Entry<Key, byte[]>> oldest = bodies.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      bytes -= oldest.next().getValue().length;
      oldest.remove();
    }
  }

  /** The bytes kept now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** The bodies kept now. */
  public synchronized int size() {
    return bodies.size();
  }
}
