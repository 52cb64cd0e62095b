package io.licensesync.testing;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the page tests: Debian's headless Chromium driven through its chromedriver by
 * Selenium, both given by path so nothing is downloaded, with a fresh profile. Registered as a
 * JUnit extension it saves a screenshot and the page source under {@code target/screenshots} when a
 * test fails.
 */
public final class Browser implements AutoCloseable, AfterTestExecutionCallback {

  private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

  private WebDriver driver;
  private Path profile;
  private URL base;

  /** Opens a browser on the application at {@code base}. */
  public Browser open(URL base) {
    close();
    this.base = base;
    try {
      profile = Files.createTempDirectory("license-sync-chromium-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1280,1024",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return this;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Loads a page of the application, {@code path} relative to its root. */
  public Browser go(String path) {
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    driver.get(root + (path.startsWith("/") ? path.substring(1) : path));
    return this;
  }

  /** The element whose id is {@code id} or ends with {@code ":" + id} (JSF prefixes form ids). */
  public WebElement find(String id) {
    return driver.findElement(By.cssSelector("[id='" + id + "'], [id$=':" + id + "']"));
  }

  public Browser type(String id, String text) {
    WebElement field = find(id);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  public Browser select(String id, String visibleText) {
    new Select(find(id)).selectByVisibleText(visibleText);
    return this;
  }

  public Browser click(String id) {
    find(id).click();
    return this;
  }

  /** Sets the window to {@code width} × {@code height} CSS pixels (390 × 844: a phone). */
  public Browser size(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    return this;
  }

  /** Runs {@code script} in the page and answers what it returns. */
  public Object script(String script, Object... arguments) {
    return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Whether the page itself is wider than the window (so the whole page would scroll sideways). */
  public boolean overflowsSideways() {
    return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth;");
  }

  /** The visible text of the whole page. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Waits (up to {@code seconds}) until the page's text satisfies {@code condition}. */
  public void waitUntil(int seconds, Function<String, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds))
        // the page may be replaced while its text is read (a click's answer arriving)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> condition.apply(text()));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent() && driver != null) {
      try {
        Path dir =
            Files.createDirectories(
                Path.of(System.getProperty("it.buildDirectory", "target"), "screenshots"));
        String name =
            context.getRequiredTestClass().getSimpleName()
                + "-"
                + context.getRequiredTestMethod().getName();
        Files.write(
            dir.resolve(name + ".png"),
            ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
      } catch (IOException | RuntimeException e) {
        System.err.println("could not save a screenshot: " + e);
      }
    }
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile
      }
      profile = null;
    }
  }
}
