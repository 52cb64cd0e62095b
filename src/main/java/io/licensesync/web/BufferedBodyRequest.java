package io.licensesync.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose body {@link BodyLimitFilter} has already read, without holding a thread while it
 * arrived: the application reads those bytes, and a form's parameters are parsed from them (the
 * container's own parser would find its stream already consumed).
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;
  private ServletInputStream stream;
  private BufferedReader reader;
  private Map<String, String[]> parameters;

  BufferedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    if (stream == null) {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      stream =
          new ServletInputStream() {
            @Override
            public int read() {
              return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
              return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
              return in.available() == 0;
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
              throw new IllegalStateException("the body was read already");
            }
          };
    }
    return stream;
  }

  @Override
  public BufferedReader getReader() {
    if (reader == null) {
      reader =
          new BufferedReader(
              new InputStreamReader(getInputStream(), charset(StandardCharsets.ISO_8859_1)));
    }
    return reader;
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      Charset charset = charset(StandardCharsets.UTF_8);
      Map<String, List<String>> collected = new LinkedHashMap<>();
      add(collected, getQueryString(), charset);
      String type = getContentType();
      if (type != null
          && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        add(collected, new String(body, StandardCharsets.ISO_8859_1), charset);
      }
      Map<String, String[]> map = new LinkedHashMap<>();
      collected.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
      parameters = Collections.unmodifiableMap(map);
    }
    return parameters;
  }

  private static void add(Map<String, List<String>> parameters, String encoded, Charset charset) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        parameters
            .computeIfAbsent(decode(name, charset), n -> new ArrayList<>())
            .add(decode(value, charset));
      } catch (IllegalArgumentException malformed) {
        // a malformed pair is left out, as the container's own parser does
      }
    }
  }

  private static String decode(String text, Charset charset) {
    // the body was taken as ISO-8859-1 bytes: restore them before decoding %XX in the form's
    // charset
    return URLDecoder.decode(
        new String(text.getBytes(StandardCharsets.ISO_8859_1), charset), charset);
  }

  private Charset charset(Charset otherwise) {
    String encoding = getCharacterEncoding();
    try {
      return encoding == null ? otherwise : Charset.forName(encoding);
    } catch (IllegalArgumentException unknown) {
      return otherwise;
    }
  }
}
