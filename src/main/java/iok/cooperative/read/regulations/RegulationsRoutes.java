package iok.cooperative.read.regulations;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;

/** What a signed-in person reads of their cooperative: the regulations in force; and the list to sign in to. */
public final class RegulationsRoutes {

  private static final String CURRENT = """
      SELECT regulations_version, regulations_text, regulations_published_at FROM cooperative WHERE cooperative_id = $1""";
  private static final String LIST = "SELECT cooperative_id, name, office FROM cooperative ORDER BY name";
  private static final String OWN = """
      SELECT cooperative_id, name, office, zones::text, password_policy::text, lockout_threshold
      FROM cooperative WHERE cooperative_id = $1""";

  private RegulationsRoutes() {}

  public static void mount(Api api, Pool pool) {
    api.route(HttpMethod.GET, "/api/regulations/current", Access.FORCED_STEPS, ctx ->
        pool.preparedQuery(CURRENT).execute(Tuple.of(Api.session(ctx).cooperativeId())).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          Row row = ar.result().iterator().hasNext() ? ar.result().iterator().next() : null;
          if (row == null || row.getString(0) == null) {
            ctx.fail(new ApiError(404, "no_regulations", "The cooperative has not published regulations yet"));
            return;
          }
          Api.json(ctx, 200, new JsonObject().put("version", row.getString(0)).put("text", row.getString(1))
              .put("publishedAt", row.getOffsetDateTime(2).toString()));
        }));
    // the signed-in person's cooperative: what the app shows (zones) and checks as one types (password rules)
    api.route(HttpMethod.GET, "/api/cooperative", Access.FORCED_STEPS, ctx ->
        pool.preparedQuery(OWN).execute(Tuple.of(Api.session(ctx).cooperativeId())).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          if (!ar.result().iterator().hasNext()) {
            ctx.fail(new ApiError(404, "not_found", "Cooperative not found"));
            return;
          }
          Row row = ar.result().iterator().next();
          Api.json(ctx, 200, new JsonObject()
              .put("id", row.getString(0))
              .put("name", row.getString(1))
              .put("office", row.getString(2))
              .put("zones", new JsonArray(row.getString(3)))
              .put("passwordPolicy", new JsonObject(row.getString(4)))
              .put("lockoutThreshold", row.getInteger(5)));
        }));
    api.route(HttpMethod.GET, "/api/cooperatives", Access.ANYONE, ctx ->
        pool.query(LIST).execute().onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          JsonArray list = new JsonArray();
          for (Row row : ar.result()) {
            list.add(new JsonObject().put("id", row.getString(0)).put("name", row.getString(1)).put("office", row.getString(2)));
          }
          Api.json(ctx, 200, new JsonObject().put("cooperatives", list));
        }));
  }
}
