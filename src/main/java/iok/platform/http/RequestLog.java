package iok.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request, carrying a request id that the caller may supply ({@code X-Request-Id})
 * and that every command of the request carries into its events' metadata.
 */
public final class RequestLog implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger("iok.request");
  private static final String KEY = "iok.requestId";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String offered = ctx.request().getHeader("X-Request-Id");
    String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader("X-Request-Id", id);
    long start = System.nanoTime();
    ctx.addEndHandler(done -> log.atInfo()
        .addKeyValue("requestId", id)
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", ctx.response().getStatusCode())
        .addKeyValue("millis", (System.nanoTime() - start) / 1_000_000)
        .log("{} {} {} {}ms requestId={}", ctx.request().method(), ctx.request().path(),
            ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000, id));
    ctx.next();
  }

  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
