package iok.platform.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP front: request log, body limit, the features' routes, the OpenAPI document, the browser
 * application, and the one failure handler that shapes every error.
 */
public final class HttpVerticle extends VerticleBase {

  private static final int BATCH_BODY_LIMIT = 16 * 1024 * 1024;
  /** Five photos of at most 5 MiB each, or three 5 MiB PDFs, with the form's text around them; each route checks again. */
  private static final int UPLOAD_BODY_LIMIT = 26 * 1024 * 1024;
  /** The only routes that take files: a fault's report and its later photos, a letter with its PDFs, a community document. */
  private static final Pattern UPLOAD_PATHS =
      Pattern.compile("/api/faults(/[A-Za-z0-9-]{1,64}/photos)?|/api/admin/correspondence|/api/admin/communities/documents");
  /** A long letter's JSON travels as one form field beside its PDFs. */
  private static final int FORM_FIELD_LIMIT = 128 * 1024;

  private final int port;
  private final int bodyLimit;
  private final Consumer<Router> routes;
  private HttpServer server;

  public HttpVerticle(int port, int bodyLimit, Consumer<Router> routes) {
    this.port = port;
    this.bodyLimit = bodyLimit;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog());
    router.route().handler(SecurityHeaders::apply);
    router.route("/api/*").handler(CrossOrigin::check);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(bodyLimit);
    // batches from the books are large by nature: 20,000 rows fit in this
    BodyHandler batches = BodyHandler.create(false).setBodyLimit(BATCH_BODY_LIMIT);
    // files land in a temporary directory and are gone when the answer is sent
    BodyHandler uploads = BodyHandler.create(Path.of(System.getProperty("java.io.tmpdir"), "iok-uploads").toString())
        .setBodyLimit(UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
    for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
      router.route(m, "/api/*").handler(ctx -> {
        String path = ctx.request().path();
        if (path.startsWith("/api/admin/import/")) batches.handle(ctx);
        else if (m == HttpMethod.POST && multipart(ctx) && UPLOAD_PATHS.matcher(path).matches()) {
          // megabytes are taken only from someone who at least shows a session; the route checks it fully
          if (!showsSession(ctx)) ctx.fail(new ApiError(401, "not_authenticated", "Sign in first; the session is missing, expired or ended"));
          else uploads.handle(ctx);
        }
        else bodies.handle(ctx);
      });
    }
    routes.accept(router);
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").sendFile("webroot/openapi.yaml").onFailure(ctx::fail));
    router.route("/api/*").handler(ctx -> ctx.fail(new ApiError(404, "not_found", "No such endpoint")));
    WebApp.mount(router);
    router.route().failureHandler(Failures::handle);
    // a path Vert.x cannot even decode never reaches a route or the failure handler
    router.errorHandler(400, ctx -> Failures.send(ctx,
        ApiError.badRequest("malformed_path", "The request path is not valid percent-encoding", null)));
    // a multipart form's text field (a letter's JSON beside its PDFs) may be longer than Vert.x's default 8 KiB
    HttpServerOptions options = new HttpServerOptions().setMaxFormAttributeSize(FORM_FIELD_LIMIT);
    // several instances of this verticle share one server, each on its own event loop; port 0 would give each
    // a random port of its own, -1 gives them one random port to share
    return vertx.createHttpServer(options).requestHandler(router).listen(port == 0 ? -1 : port).onSuccess(s -> server = s);
  }

  private static boolean showsSession(io.vertx.ext.web.RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return ctx.request().getCookie(iok.platform.auth.Sessions.COOKIE) != null
        || (authorization != null && authorization.startsWith("Bearer "));
  }

  private static boolean multipart(io.vertx.ext.web.RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
  }

  public int actualPort() {
    return server.actualPort();
  }
}
