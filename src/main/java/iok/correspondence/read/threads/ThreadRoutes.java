package iok.correspondence.read.threads;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import iok.correspondence.Letter;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * Reading correspondence. A resident lists their own threads with unread markers; opening one is an act
 * the letter records (the first opening of a letter, the replies seen), so it goes through the letter
 * before the thread is shown. Administrators list the cooperative's threads, the open ones (awaiting the
 * cooperative's answer) or the reports of wrong data.
 */
public final class ThreadRoutes {

  private static final String MINE = """
      SELECT * FROM letter_thread WHERE cooperative_id = $1 AND resident_id = $2
      ORDER BY updated_at DESC LIMIT 500""";
  private static final String COOPERATIVES = """
      SELECT t.*, a.login, a.first_name, a.last_name FROM letter_thread t
      LEFT JOIN account a ON a.account_id = t.resident_id
      WHERE t.cooperative_id = $1 AND ($2 <> 'open' OR t.last_by = 'resident') AND ($2 <> 'wrong-data' OR t.about_zone IS NOT NULL)
      ORDER BY t.updated_at DESC LIMIT 500""";
  private static final String THREAD = """
      SELECT t.*, a.login, a.first_name, a.last_name FROM letter_thread t
      LEFT JOIN account a ON a.account_id = t.resident_id
      WHERE t.thread_id = $1 AND t.cooperative_id = $2""";
  private static final String ENTRIES = "SELECT * FROM letter_entry WHERE thread_id = $1 ORDER BY sequence";
  private static final String FILES = "SELECT n, name, size, sha256 FROM letter_file WHERE thread_id = $1 ORDER BY n";
  private static final String FILE = """
      SELECT f.name, c.bytes FROM letter_file f
      JOIN letter_thread t ON t.thread_id = f.thread_id
      JOIN letter_content c ON c.cooperative_id = t.cooperative_id AND c.content_id = f.content_id
      WHERE f.thread_id = $1 AND f.n = $2 AND t.cooperative_id = $3 AND ($4 OR t.resident_id = $5)""";

  private ThreadRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones) {
    api.route(HttpMethod.GET, "/api/correspondence", Access.SIGNED_IN, zones.only(Zone.CORRESPONDENCE, ctx -> {
      Session s = Api.session(ctx);
      pool.preparedQuery(MINE).execute(Tuple.of(s.cooperativeId(), s.accountId())).onSuccess(rows -> {
        JsonArray threads = new JsonArray();
        for (Row r : rows) threads.add(summary(r));
        Api.json(ctx, 200, new JsonObject().put("threads", threads));
      }).onFailure(ctx::fail);
    }));
    api.route(HttpMethod.GET, "/api/admin/correspondence", Access.ADMIN, ctx -> {
      String filter = ctx.request().getParam("filter", "all");
      if (!filter.equals("all") && !filter.equals("open") && !filter.equals("wrong-data")) {
        throw Fields.invalid("filter", "is all, open or wrong-data");
      }
      pool.preparedQuery(COOPERATIVES).execute(Tuple.of(Api.session(ctx).cooperativeId(), filter)).onSuccess(rows -> {
        JsonArray threads = new JsonArray();
        for (Row r : rows) threads.add(summary(r).put("resident", resident(r)));
        Api.json(ctx, 200, new JsonObject().put("threads", threads));
      }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/correspondence/:id", Access.SIGNED_IN, zones.only(Zone.CORRESPONDENCE, ctx -> {
      Session s = Api.session(ctx);
      String id = Api.pathId(ctx, "id", "Correspondence");
      commands.<Long>send(ctx, new Letter.Open(id, s.cooperativeId(), s.accountId(), s.role()))
          .compose(sequence -> reads.await(ThreadProjection.VERSION_QUERY, id, sequence))
          .compose(v -> thread(pool, id, s))
          .onSuccess(thread -> Api.json(ctx, 200, thread))
          .onFailure(ctx::fail);
    }));
    api.route(HttpMethod.GET, "/api/correspondence/:id/attachments/:n", Access.SIGNED_IN, zones.only(Zone.CORRESPONDENCE, ctx -> download(ctx, pool)));
  }

  private static Future<JsonObject> thread(Pool pool, String id, Session s) {
    return pool.preparedQuery(THREAD).execute(Tuple.of(id, s.cooperativeId())).compose(rows -> {
      if (!rows.iterator().hasNext()) return Future.failedFuture(new ApiError(404, "not_found", "Correspondence not found"));
      Row r = rows.iterator().next();
      JsonObject thread = summary(r).put("resident", resident(r));
      return pool.preparedQuery(ENTRIES).execute(Tuple.of(id)).compose(entries -> {
        JsonArray list = new JsonArray();
        for (Row e : entries) {
          list.add(new JsonObject().put("by", e.getString("author_role")).put("body", e.getString("body"))
              .put("at", e.getOffsetDateTime("at").toString()));
        }
        thread.put("entries", list);
        return pool.preparedQuery(FILES).execute(Tuple.of(id));
      }).map(files -> thread.put("attachments", attachments(id, files)));
    });
  }

  private static JsonArray attachments(String threadId, RowSet<Row> files) {
    JsonArray list = new JsonArray();
    for (Row f : files) {
      list.add(new JsonObject().put("n", f.getInteger("n")).put("name", f.getString("name"))
          .put("size", f.getLong("size")).put("sha256", f.getString("sha256"))
          .put("href", "/api/correspondence/" + threadId + "/attachments/" + f.getInteger("n")));
    }
    return list;
  }

  /** The PDF itself, for the thread's resident and the administrators; for anyone else it does not exist. */
  private static void download(RoutingContext ctx, Pool pool) {
    Session s = Api.session(ctx);
    String id = Api.pathId(ctx, "id", "Attachment");
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw new ApiError(404, "not_found", "Attachment not found");
    }
    boolean admin = "admin".equals(s.role());
    pool.preparedQuery(FILE).execute(Tuple.of(id, n, s.cooperativeId(), admin, s.accountId())).onSuccess(rows -> {
      if (!rows.iterator().hasNext()) {
        ctx.fail(new ApiError(404, "not_found", "Attachment not found"));
        return;
      }
      Row r = rows.iterator().next();
      String name = r.getString("name");
      ctx.response().setStatusCode(200)
          .putHeader("Content-Type", "application/pdf")
          .putHeader("Content-Disposition", "attachment; filename=\"" + ascii(name) + "\"; filename*=UTF-8''"
              + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
          .putHeader("Cache-Control", "private, no-store")
          .end(r.getBuffer("bytes"));
    }).onFailure(ctx::fail);
  }

  private static String ascii(String name) {
    return name.codePoints().map(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static JsonObject summary(Row r) {
    String zone = r.getString("about_zone");
    return new JsonObject()
        .put("threadId", r.getString("thread_id"))
        .put("kind", r.getString("kind"))
        .put("subject", r.getString("subject"))
        .put("wrongData", zone != null)
        .put("about", zone == null ? null : new JsonObject().put("zone", zone).put("ref", r.getString("about_ref")))
        .put("startedAt", r.getOffsetDateTime("started_at").toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toString())
        .put("lastBy", r.getString("last_by"))
        .put("awaitingReply", "resident".equals(r.getString("last_by")))
        .put("unread", r.getLong("last_admin_entry") > r.getLong("resident_read_through"))
        .put("openedAt", time(r.getOffsetDateTime("opened_at")));
  }

  private static JsonObject resident(Row r) {
    return new JsonObject().put("accountId", r.getString("resident_id")).put("login", r.getString("login"))
        .put("name", r.getString("first_name") == null ? null : r.getString("first_name") + " " + r.getString("last_name"));
  }

  private static String time(OffsetDateTime at) {
    return at == null ? null : at.toString();
  }
}
