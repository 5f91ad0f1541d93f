package iok.books.write.importbatch;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.books.write.importbatch.BatchReader.RawRow;
import iok.books.write.importbatch.RowParser.Known;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Commands;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/admin/import/{kind}}: a batch from the cooperative's books, JSON or CSV. Every row
 * is checked before anything is recorded; a batch with a bad row is refused whole, naming each one.
 */
public final class ImportRoute {

  public static final String PATH = "/api/admin/import/";

  private ImportRoute() {}

  public static void mount(Api api, Pool pool, Commands commands) {
    api.route(HttpMethod.POST, PATH + ":kind", Access.ADMIN, ctx -> {
      BatchKind kind = BatchKind.of(ctx.pathParam("kind"))
          .orElseThrow(() -> new ApiError(404, "not_found", "No such batch kind"));
      List<RawRow> rows = BatchReader.read(ctx.request().getHeader("Content-Type"), ctx.body().buffer().getBytes(), kind);
      String coop = Api.session(ctx).cooperativeId();
      known(pool, coop, kind)
          .compose(known -> {
            RowParser parser = new RowParser(coop, known);
            ImportBatch batch = parser.parse(kind, rows);
            if (!parser.problems().isEmpty()) return Future.failedFuture(BooksImporter.refused(parser.problems()));
            return commands.<ImportResult>send(ctx, batch);
          })
          .onSuccess(result -> Api.json(ctx, 200, new JsonObject().put("kind", kind.path()).put("rows", result.rows())
              .put("recorded", result.recorded()).put("unchanged", result.rows() - result.recorded())))
          .onFailure(ctx::fail);
    });
  }

  private static Future<Known> known(Pool pool, String coop, BatchKind kind) {
    Set<String> premises = new HashSet<>();
    Map<String, String> titles = new HashMap<>();
    Map<String, String> logins = new HashMap<>();
    Set<String> members = new HashSet<>();
    Set<String> loans = new HashSet<>();
    Set<String> buildings = new HashSet<>();
    Future<Void> load = Future.succeededFuture();
    if (kind == BatchKind.PREMISES) {
      load = pool.preparedQuery("SELECT books_id FROM books_building WHERE cooperative_id = $1").execute(Tuple.of(coop))
          .map(rows -> {
            for (Row r : rows) buildings.add(r.getString(0));
            return null;
          });
    } else if (kind == BatchKind.MEMBERSHIP || kind == BatchKind.LOANS) {
      load = pool.preparedQuery("SELECT login, account_id FROM account_login WHERE cooperative_id = $1").execute(Tuple.of(coop))
          .map(rows -> {
            for (Row r : rows) logins.put(r.getString(0), r.getString(1));
            return null;
          });
    } else if (kind == BatchKind.CONTRIBUTIONS || kind == BatchKind.INSTALLMENTS) {
      String table = kind == BatchKind.CONTRIBUTIONS ? "books_member" : "books_loan";
      Set<String> into = kind == BatchKind.CONTRIBUTIONS ? members : loans;
      load = pool.preparedQuery("SELECT books_id FROM " + table + " WHERE cooperative_id = $1").execute(Tuple.of(coop))
          .map(rows -> {
            for (Row r : rows) into.add(r.getString(0));
            return null;
          });
    } else if (kind == BatchKind.TITLES) {
      load = pool.preparedQuery("SELECT premises_id FROM books_premises WHERE cooperative_id = $1").execute(Tuple.of(coop))
          .compose(rows -> {
            for (Row r : rows) premises.add(r.getString(0));
            return pool.preparedQuery("SELECT login, account_id FROM account_login WHERE cooperative_id = $1")
                .execute(Tuple.of(coop));
          })
          .map(rows -> {
            for (Row r : rows) logins.put(r.getString(0), r.getString(1));
            return null;
          });
    } else if (kind.isLedger()) {
      load = pool.preparedQuery("SELECT title_id, premises_id FROM books_title WHERE cooperative_id = $1")
          .execute(Tuple.of(coop))
          .map(rows -> {
            for (Row r : rows) titles.put(r.getString(0), r.getString(1));
            return null;
          });
    }
    return load.map(v -> new Known(premises, titles, logins, members, loans, buildings));
  }
}
