package io.licensesync.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferedBodyRequestTest {

  /** A request that answers only the few questions the wrapper asks. */
  private static HttpServletRequest request(String contentType, String query, String encoding) {
    Map<String, Object> answers = new java.util.HashMap<>();
    answers.put("getContentType", contentType);
    answers.put("getQueryString", query);
    answers.put("getCharacterEncoding", encoding);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> answers.get(method.getName()));
  }

  @Test
  void aFormsParametersComeFromTheBodyReadAlreadyAndTheQuery() {
    byte[] body =
        "form=form&form%3Alogin=mona+lisa&form%3Anote=caf%C3%A9&flag&form%3Alogin=second"
            .getBytes(StandardCharsets.US_ASCII);
    BufferedBodyRequest request =
        new BufferedBodyRequest(
            request("application/x-www-form-urlencoded", "page=2", "UTF-8"), body);
    assertEquals("mona lisa", request.getParameter("form:login"));
    assertArrayEquals(
        new String[] {"mona lisa", "second"}, request.getParameterValues("form:login"));
    assertEquals("café", request.getParameter("form:note"));
    assertEquals("", request.getParameter("flag"));
    assertEquals("2", request.getParameter("page"));
    assertNull(request.getParameter("missing"));
  }

  @Test
  void aJsonBodyIsReadAsItArrivedAndHasNoParameters() throws IOException {
    byte[] body = "{\"login\":\"mona\"}".getBytes(StandardCharsets.UTF_8);
    BufferedBodyRequest request =
        new BufferedBodyRequest(request("application/json", null, null), body);
    assertArrayEquals(body, request.getInputStream().readAllBytes());
    assertEquals(body.length, request.getContentLengthLong());
    assertEquals(Map.of(), request.getParameterMap());
  }
}
