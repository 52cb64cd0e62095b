package io.licensesync.docs;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * {@code /docs/} (the README), {@code /docs/{page}} (one of {@code docs/*.md}) and {@code
 * /docs/api} (Swagger UI over {@code /openapi}). Markdown is rendered once per page with raw HTML
 * escaped; links between the Markdown files become links between these pages.
 */
@WebServlet(
    name = "Docs",
    urlPatterns = {"/docs", "/docs/*"})
public class DocsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The Swagger UI WebJar's version, as the pom names it. */
  static final String SWAGGER_UI = "5.35.0";

  private static final Pattern PAGE = Pattern.compile("[a-z][a-z0-9-]{0,40}");
  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("href=\"(?:\\.\\./|docs/)?([A-Za-z0-9-]+)\\.md(#[^\"]*)?\"");

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), HeadingAnchorExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  private final transient Map<String, String> rendered = new ConcurrentHashMap<>();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String page = request.getPathInfo() == null ? null : request.getPathInfo().substring(1);
    if (page == null) {
      response.sendRedirect(request.getContextPath() + "/docs/");
      return;
    }
    response.setHeader("Cache-Control", "no-cache");
    if (page.equals("api")) {
      write(response, "text/html", swaggerPage(request.getContextPath()));
      return;
    }
    if (page.equals("api-init.js")) {
      write(response, "text/javascript", swaggerInit());
      return;
    }
    String name = page.isEmpty() ? "README" : page;
    if (!name.equals("README") && !PAGE.matcher(name).matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Optional<String> html = render(name, request.getContextPath());
    if (html.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    write(response, "text/html", html.get());
  }

  private Optional<String> render(String name, String contextPath) {
    String cached = rendered.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in =
        DocsServlet.class.getClassLoader().getResourceAsStream("docs/" + name + ".md")) {
      if (in == null) {
        return Optional.empty();
      }
      String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Node document = PARSER.parse(markdown);
      String body = linksBetweenPages(RENDERER.render(document), contextPath);
      String title = name.equals("README") ? "license-sync" : name.replace('-', ' ');
      String html = layout(title, body, contextPath);
      rendered.put(name, html);
      return Optional.of(html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code x.md}, {@code docs/x.md}, {@code ../x.md} become this servlet's page {@code x}. */
  static String linksBetweenPages(String html, String contextPath) {
    Matcher link = MARKDOWN_LINK.matcher(html);
    StringBuilder out = new StringBuilder();
    while (link.find()) {
      String target = link.group(1).equals("README") ? "" : link.group(1);
      String anchor = link.group(2) == null ? "" : link.group(2);
      link.appendReplacement(
          out,
          Matcher.quoteReplacement("href=\"" + contextPath + "/docs/" + target + anchor + "\""));
    }
    link.appendTail(out);
    return out.toString();
  }

  private static String layout(String title, String body, String contextPath) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + title
        + " · license-sync documentation</title>"
        + "<link rel=\"stylesheet\" href=\""
        + contextPath
        + "/resources/license-sync.css\"></head><body class=\"docs\"><header><nav>"
        + "<a href=\""
        + contextPath
        + "/docs/\">license-sync documentation</a> · <a href=\""
        + contextPath
        + "/docs/rest-api\">REST API</a> · <a href=\""
        + contextPath
        + "/docs/api\">API explorer</a> · <a href=\""
        + contextPath
        + "/docs/operations\">Operations</a></nav></header><main>"
        + body
        + "</main></body></html>";
  }

  private static String swaggerPage(String contextPath) {
    String webjar = contextPath + "/webjars/swagger-ui/" + SWAGGER_UI + "/";
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>API explorer · license-sync documentation</title>"
        + "<link rel=\"stylesheet\" href=\""
        + webjar
        + "swagger-ui.css\"></head><body><div id=\"swagger-ui\"></div>"
        + "<script src=\""
        + webjar
        + "swagger-ui-bundle.js\"></script><script src=\""
        + contextPath
        + "/docs/api-init.js\"></script></body></html>";
  }

  private static String swaggerInit() {
    // /openapi is served by the server at its root, whatever the application's context path
    return "window.ui = SwaggerUIBundle({url: '/openapi', dom_id: '#swagger-ui',"
        + " deepLinking: true, tryItOutEnabled: false});\n";
  }

  private static void write(HttpServletResponse response, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentType(type + "; charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
