package iok.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.platform.domain.Refusal;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an answer. Every error leaves in API.md's format; what the
 * client caused gets its 4xx, an unreachable database 503, and anything unforeseen a 500 whose
 * details stay in the log under the request id.
 */
public final class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  public static void handle(RoutingContext ctx) {
    if (ctx.response().ended()) return;
    Throwable failure = unwrap(ctx.failure());
    ApiError error = failure == null ? fromStatus(ctx.statusCode()) : toApiError(failure);
    if (error.status() >= 500 && error.status() != 503) {
      log.error("Request {} {} failed [requestId={}]", ctx.request().method(), ctx.request().path(),
          RequestLog.requestId(ctx), failure);
    }
    send(ctx, error);
  }

  public static void send(RoutingContext ctx, ApiError error) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", error.code()).put("message", error.getMessage());
    if (error.details() != null) body.put("details", error.details());
    Idempotency.end(ctx, error.status(), "application/json; charset=utf-8", body.encode());
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof CommandExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static ApiError toApiError(Throwable failure) {
    return switch (failure) {
      case ApiError e -> e;
      case Refusal r -> new ApiError(status(r.kind()), r.code(), r.getMessage(), r.details().isEmpty() ? null : r.details());
      case AggregateNotFoundException e -> new ApiError(404, "not_found", "Not found");
      // an id that names another kind of aggregate (a cooperative's id in an account's path)
      case IncompatibleAggregateException e -> new ApiError(404, "not_found", "Not found");
      case ConcurrencyException e -> new ApiError(409, "conflict", "Someone else changed this at the same time; try again");
      case JsonProcessingException e -> new ApiError(400, "malformed_json", "The body is not valid JSON");
      // Netty's multipart decoder refusing a form field over the server's limit
      case java.io.IOException e when e.getMessage() != null && e.getMessage().startsWith("Size exceed allowed maximum")
          -> new ApiError(413, "body_too_large", "A field of the form is too large");
      case SQLTransientConnectionException e -> unavailable();
      default -> causedByUnavailableDatabase(failure) ? unavailable()
          : new ApiError(500, "internal_error", "Something went wrong on our side; it has been logged");
    };
  }

  /**
   * The database cannot be reached, went away in the middle of the request, or is shutting down or
   * starting up: SQLSTATE class 08 (connection exception) and 57P01–57P03 (operator intervention).
   */
  private static boolean causedByUnavailableDatabase(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      // a request's only connections are the database's: a reset one is the database going away
      if (c instanceof SQLTransientConnectionException || c instanceof java.net.SocketException
          || c instanceof io.vertx.sqlclient.ClosedConnectionException) return true;
      // Netty reports a reset or broken socket as a plain IOException (a pooled connection opening while the
      // database shuts down)
      if (c instanceof java.io.IOException && c.getMessage() != null
          && (c.getMessage().contains("Connection reset") || c.getMessage().contains("Broken pipe"))) return true;
      String state = c instanceof java.sql.SQLException e ? e.getSQLState()
          : c instanceof io.vertx.sqlclient.DatabaseException e ? e.getSqlState() : null;
      if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) return true;
      if (c.getCause() == c) break;
    }
    return false;
  }

  private static ApiError unavailable() {
    return new ApiError(503, "unavailable", "The service cannot reach its database right now; try again shortly");
  }

  private static int status(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case RULE_VIOLATED -> 422;
      case LOCKED -> 423;
      case NOT_READY -> 503;
    };
  }

  private static ApiError fromStatus(int status) {
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", "The request is malformed");
      case 401 -> new ApiError(401, "not_authenticated", "Sign in first");
      case 403 -> new ApiError(403, "forbidden", "Not allowed");
      case 404 -> new ApiError(404, "not_found", "Not found");
      case 405 -> new ApiError(405, "method_not_allowed", "This method is not allowed here");
      case 413 -> new ApiError(413, "body_too_large", "The request body is too large");
      case 415 -> new ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json");
      case 503 -> unavailable();
      default -> status >= 400 && status < 500
          ? new ApiError(status, "bad_request", "The request cannot be served")
          : new ApiError(500, "internal_error", "Something went wrong on our side; it has been logged");
    };
  }
}
