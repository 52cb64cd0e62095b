package io.licensesync.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes our records the way GitHub writes JSON: snake_case names, nulls left out. One JSON-B
 * instance for the whole application, used by the JAX-RS runtime and by {@link JsonBodies}.
 */
@Provider
public class JsonConfiguration implements ContextResolver<Jsonb> {

  static final Jsonb JSONB =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
              .withNullValues(false));

  /** {@code value} as the JAX-RS runtime writes it, as UTF-8. */
  public static byte[] utf8(Object value) {
    return JSONB.toJson(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
