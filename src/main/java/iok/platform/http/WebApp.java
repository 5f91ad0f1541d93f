package iok.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Serves the browser application: {@code webroot/}, the npm libraries it imports (from their WebJars,
 * so the running server needs no network), and {@code /<cooperative>/} as the app's own entry page.
 */
final class WebApp {

  private static final String COOPERATIVE_ENTRY = "^/([a-z0-9][a-z0-9-]{1,39})/$";

  private WebApp() {}

  static void mount(Router router) {
    router.route("/vendor/lit-html/*").handler(StaticHandler.create(webJar("lit-html")).setCachingEnabled(true));
    StaticHandler webroot = StaticHandler.create("webroot").setIndexPage("index.html");
    router.route("/*").handler(webroot);
    // /sm-prudnik/ opens the app with that cooperative chosen; the app reads it from the address
    router.getWithRegex(COOPERATIVE_ENTRY).handler(ctx -> ctx.reroute("/index.html"));
  }

  private static String webJar(String name) {
    String properties = "/META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = WebApp.class.getResourceAsStream(properties)) {
      if (in == null) throw new IllegalStateException("the " + name + " WebJar is missing from the build");
      Properties p = new Properties();
      p.load(in);
      return "META-INF/resources/webjars/" + name + "/" + p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
