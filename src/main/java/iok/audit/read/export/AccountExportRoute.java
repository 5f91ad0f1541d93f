package iok.audit.read.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import iok.audit.read.history.AccountHistoryRoute;
import iok.audit.read.history.AccountHistoryRoute.Query;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.privacy.PersonalFields;
import java.util.List;

/**
 * {@code GET /api/audit/accounts/{id}/export?format=jsonl|csv}: the same history as the timeline, with
 * the same filters, whole, as a file for an auditor's own tools — JSON Lines (one event per line, as the
 * timeline shows it) or CSV (the payload as one JSON column). Written page by page, so an account with
 * a long history never sits in memory at once.
 */
public final class AccountExportRoute {

  private static final int PAGE = 2_000;
  private static final CsvMapper CSV = new CsvMapper();
  private static final List<String> COLUMNS = List.of("globalIndex", "occurredAt", "aggregateId", "sequence", "type",
      "actorRole", "actorId", "actorLogin", "requestId", "payload");
  private static final CsvSchema ROW = columns().withoutHeader();

  private AccountExportRoute() {}

  private static CsvSchema columns() {
    CsvSchema.Builder b = CsvSchema.builder();
    COLUMNS.forEach(b::addColumn);
    return b.build();
  }

  public static void mount(Api api, Pool pool, PersonalFields personal) {
    api.route(HttpMethod.GET, "/api/audit/accounts/:id/export", Access.AUDITOR, ctx -> {
      String id = Api.pathId(ctx, "id", "Account");
      String format = ctx.request().getParam("format", "jsonl");
      if (!format.equals("jsonl") && !format.equals("csv")) {
        throw ApiError.badRequest("invalid_field", "Query parameter 'format' must be jsonl or csv", java.util.Map.of("field", "format"));
      }
      Query q = Query.of(ctx, PAGE, PAGE);
      String cooperative = Api.session(ctx).cooperativeId();
      // the first page decides 404 before anything is written
      AccountHistoryRoute.events(pool, id, cooperative, q).onSuccess(first -> {
        HttpServerResponse response = ctx.response().setChunked(true)
            .putHeader("Content-Type", format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"account-" + id + "." + format + "\"");
        if (format.equals("csv")) response.write(String.join(",", COLUMNS) + "\n");
        write(ctx, pool, personal, id, cooperative, q, first, format).onComplete(done -> {
          if (done.succeeded()) response.end();
          else ctx.response().reset(); // half a file must not look like a whole one
        });
      }).onFailure(ctx::fail);
    });
  }

  private record Page(String text, long last, int count) {}

  private static Future<Void> write(RoutingContext ctx, Pool pool, PersonalFields personal, String id, String cooperative,
                                    Query q, Iterable<Row> rows, String format) {
    // opening sealed personal data may read a key from the database: not on the event loop
    return ctx.vertx().executeBlocking(() -> {
      StringBuilder text = new StringBuilder();
      long last = -1;
      int count = 0;
      for (Row row : rows) {
        JsonObject event = AccountHistoryRoute.event(row, personal);
        text.append(format.equals("csv") ? line(ROW, event) : event.encode() + "\n");
        last = row.getLong("globalindex");
        count++;
      }
      return new Page(text.toString(), last, count);
    }, false).compose(page -> {
      if (!page.text().isEmpty()) ctx.response().write(page.text());
      if (page.count() < q.limit()) return Future.succeededFuture();
      Query next = new Query(q.from(), q.to(), q.types(), q.actorRole(), q.actorId(), page.last(), q.limit());
      return AccountHistoryRoute.events(pool, id, cooperative, next)
          .compose(more -> write(ctx, pool, personal, id, cooperative, next, more, format));
    });
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String line(CsvSchema schema, JsonObject event) {
    try {
      JsonObject actor = event.getJsonObject("actor");
      List<Object> values = List.of(event.getLong("globalIndex"), event.getString("occurredAt"),
          event.getString("aggregateId"), event.getLong("sequence"), event.getString("type"),
          text(actor.getString("role")), text(actor.getString("accountId")), text(actor.getString("login")),
          text(event.getString("requestId")), event.getJsonObject("payload").encode());
      return CSV.writer(schema).writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
