package iok.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import iok.platform.auth.AttemptLimits;
import iok.platform.auth.Session;
import iok.platform.auth.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How features put routes on the router: each route says who may call it, and the session check, the
 * role check and the forced first-login steps are done here, once, before any feature's handler runs.
 */
public final class Api {

  public enum Access {
    /** No session needed. */
    ANYONE,
    /** Any valid session, even one that still must change its password or accept the regulations. */
    FORCED_STEPS,
    /** A session past the forced steps. */
    SIGNED_IN,
    ADMIN,
    AUDITOR
  }

  public record Described(HttpMethod method, String path, Access access) {}

  private static final String SESSION = "iok.session";
  private static final java.util.Set<HttpMethod> CHANGES =
      java.util.Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final Router router;
  private final Sessions sessions;
  private final Idempotency idempotency;
  private final List<Described> routes = new ArrayList<>();
  private final ClientAddress addresses;
  private final AttemptLimits limits;

  public Api(Router router, Sessions sessions, Idempotency idempotency, ClientAddress addresses, AttemptLimits limits) {
    this.router = router;
    this.sessions = sessions;
    this.idempotency = idempotency;
    this.addresses = addresses;
    this.limits = limits;
  }

  public Route route(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
    routes.add(new Described(method, path, access));
    Route route = router.route(method, path);
    if (access != Access.ANYONE) route.handler(ctx -> guard(ctx, access));
    // a signed-in person's change may be retried with an Idempotency-Key and is then done once
    if (access != Access.ANYONE && CHANGES.contains(method)) route.handler(idempotency::handle);
    return route.handler(handler);
  }

  public List<Described> routes() {
    return List.copyOf(routes);
  }

  public Sessions sessions() {
    return sessions;
  }

  /** The caps on password attempts per client address and per login. */
  public AttemptLimits limits() {
    return limits;
  }

  /** Where the request came from, through the operator's trusted proxies only. */
  public String clientAddress(RoutingContext ctx) {
    return addresses.of(ctx);
  }

  private static final Pattern IOK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  /**
   * A path parameter naming one of IOK's own things (an account, an announcement, a fault). What
   * cannot be such an id is not found, like an id that names nothing or someone else's thing.
   */
  public static String pathId(RoutingContext ctx, String name, String what) {
    String id = ctx.pathParam(name);
    if (id == null || !IOK_ID.matcher(id).matches()) throw new ApiError(404, "not_found", what + " not found");
    return id;
  }

  public static Session session(RoutingContext ctx) {
    Session session = ctx.get(SESSION);
    if (session == null) throw new IllegalStateException("route has no session guard");
    return session;
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    Idempotency.end(ctx, status, "application/json; charset=utf-8", Json.encode(body));
  }

  public static void noContent(RoutingContext ctx) {
    Idempotency.end(ctx, 204, null, null);
  }

  private static boolean changes(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    return m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
  }

  private void guard(RoutingContext ctx, Access access) {
    // a WebSocket upgrade must not be read to its end while the session is checked, or it cannot upgrade
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) ctx.request().pause();
    sessions.authenticate(ctx).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      if (result.result().isEmpty()) {
        ctx.fail(new ApiError(401, "not_authenticated", "Sign in first; the session is missing, expired or ended"));
        return;
      }
      Session session = result.result().get();
      ctx.put(SESSION, session);
      if (access != Access.FORCED_STEPS && session.mustChangePassword()) {
        ctx.fail(new ApiError(403, "password_change_required", "Change the initial password first"));
      } else if (access != Access.FORCED_STEPS && session.mustAcceptRegulations()) {
        ctx.fail(new ApiError(403, "regulations_acceptance_required", "Accept the current regulations first"));
      } else if (access == Access.ADMIN && !"admin".equals(session.role())) {
        ctx.fail(new ApiError(403, "forbidden", "Only the cooperative's administrators may do this"));
      } else if (access == Access.AUDITOR && !"auditor".equals(session.role())) {
        ctx.fail(new ApiError(403, "forbidden", "Only the cooperative's auditors may do this"));
      } else if (access == Access.SIGNED_IN && "auditor".equals(session.role()) && changes(ctx)
          && !ctx.request().path().startsWith("/api/profile/")) {
        // auditors read everything of their cooperative and change nothing of it (API.md): only their own profile
        ctx.fail(new ApiError(403, "read_only", "Auditors read; they change nothing but their own profile"));
      } else {
        ctx.next();
      }
    });
  }
}
