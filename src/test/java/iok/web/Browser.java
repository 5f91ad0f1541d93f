package iok.web;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium from the distribution's package, driven by Playwright with no browser download.
 * The flags keep it off the network it cannot reach here.
 */
public final class Browser implements AutoCloseable {

  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;

  private Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getenv().getOrDefault("IOK_CHROMIUM", "/usr/bin/chromium")))
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
            "--no-first-run", "--disable-component-update", "--disable-sync")));
  }

  public static Browser launch() {
    return new Browser();
  }

  public BrowserContext context(String baseUrl, int width, int height) {
    return chromium.newContext(new NewContextOptions().setBaseURL(baseUrl).setViewportSize(width, height)
        .setLocale("pl-PL"));
  }

  /** Signs in on the cooperative's own address, as a person types it. */
  public static void signIn(com.microsoft.playwright.Page page, String cooperative, String login, String password) {
    page.navigate("/" + cooperative + "/");
    page.locator("#login").fill(login);
    page.locator("#password").fill(password);
    page.locator("form button[type=submit]").click();
  }

  public static Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return SCREENSHOTS.resolve(name + ".png");
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
  }
}
