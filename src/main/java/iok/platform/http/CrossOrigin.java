package iok.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * Cross-site request forgery defence for the session cookie, beside its SameSite=Strict: a request that
 * changes something (any method but GET, HEAD and OPTIONS) or opens a WebSocket is refused with 403
 * {@code cross_origin_request} when the browser says it came from another site. Browsers say so in
 * {@code Sec-Fetch-Site}, which a page cannot forge; where they do not send it (older ones, plain HTTP
 * to a host that is not localhost) the {@code Origin} must name this host. A request with neither header
 * comes from no browser (a script, the payment gateway's notifications) and carries no ambient cookie
 * an attacker could ride on. A Bearer token is never sent by a browser on its own, so such requests pass.
 * The same rules as Go's {@code net/http.CrossOriginProtection}.
 */
final class CrossOrigin {

  private CrossOrigin() {}

  static void check(RoutingContext ctx) {
    var request = ctx.request();
    HttpMethod method = request.method();
    boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    String authorization = request.getHeader("Authorization");
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    // HTTP/2 carries the host as :authority, not as a Host header
    var authority = request.authority();
    String host = authority == null ? null : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    if ((safe && !webSocket) || bearer || sameOrigin(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), host)) {
      ctx.next();
      return;
    }
    ctx.fail(new ApiError(403, "cross_origin_request", "Requests from other sites are not accepted"));
  }

  static boolean sameOrigin(String fetchSite, String origin, String host) {
    if (fetchSite != null) {
      String site = fetchSite.trim().toLowerCase(Locale.ROOT);
      return site.equals("same-origin") || site.equals("none");
    }
    if (origin == null) return true;
    if (host == null) return false;
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getHost() == null) return false; // "null" from a sandboxed frame or a data: page
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      String h = host.trim().toLowerCase(Locale.ROOT);
      // a proxy passing on only the host name (nginx's $host) drops the port the browser saw
      return authority.equalsIgnoreCase(h) || (!h.contains(":") && uri.getHost().equalsIgnoreCase(h));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
