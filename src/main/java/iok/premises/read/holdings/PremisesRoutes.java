package iok.premises.read.holdings;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.time.Clock;
import java.time.LocalDate;

/** {@code GET /api/premises}: what the person holds title to today, and their own earlier periods (R9). */
public final class PremisesRoutes {

  private static final String HOLDINGS = """
      SELECT t.title_id, t.kind AS title_kind, t.valid_from, t.valid_until, p.premises_id, p.building, p.address,
             p.number, p.kind, p.area::text AS area, p.community, p.share, t.share AS part
      FROM title_view t JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = $1 AND t.account_id = $2 AND t.valid_from <= $3
      ORDER BY p.address, p.number, t.valid_from""";

  private PremisesRoutes() {}

  public static void mount(Api api, Pool pool, Clock clock) {
    api.route(HttpMethod.GET, "/api/premises", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      LocalDate today = LocalDate.now(clock);
      pool.preparedQuery(HOLDINGS).execute(Tuple.of(s.cooperativeId(), s.accountId(), today)).onSuccess(rows -> {
        JsonArray current = new JsonArray();
        JsonArray history = new JsonArray();
        for (Row r : rows) {
          LocalDate until = r.getLocalDate("valid_until");
          (until == null || !until.isBefore(today) ? current : history).add(premises(r));
        }
        Api.json(ctx, 200, new JsonObject().put("premises", current).put("history", history));
      }).onFailure(ctx::fail);
    });
  }

  /**
   * An owner also sees the premises' share in the community's common property and their own part of the title,
   * exact fractions as the books write them: what their vote on a resolution weighs. Others see null.
   */
  static JsonObject premises(Row r) {
    boolean owner = "ownership".equals(r.getString("title_kind"));
    return new JsonObject()
        .put("premisesId", r.getString("premises_id"))
        .put("building", r.getString("building"))
        .put("address", r.getString("address"))
        .put("number", r.getString("number"))
        .put("kind", r.getString("kind"))
        .put("area", r.getString("area"))
        .put("community", r.getString("community"))
        .put("zone", r.getString("community") == null ? "finance" : "community-finance")
        .put("share", owner && r.getString("community") != null ? r.getString("share") : null)
        .put("title", new JsonObject()
            .put("id", r.getString("title_id"))
            .put("kind", r.getString("title_kind"))
            .put("from", r.getLocalDate("valid_from").toString())
            .put("until", r.getLocalDate("valid_until") == null ? null : r.getLocalDate("valid_until").toString())
            .put("share", owner ? (r.getString("part") == null ? "1" : r.getString("part")) : null));
  }
}
