package iok.faults.read.tracker;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.faults.FaultStatus;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/faults}: a resident's own faults with their photos and timelines; for staff, the cooperative's. */
public final class FaultRoutes {

  private static final String FAULTS = """
      SELECT f.*, e.sequence, e.kind, e.author_role, e.status AS entry_status, e.text, e.at
      FROM fault_view f LEFT JOIN fault_entry e ON e.fault_id = f.fault_id
      WHERE f.cooperative_id = $1 AND ($3 OR f.reporter_id = $2)
      ORDER BY f.reported_at DESC, e.sequence LIMIT 2000""";
  private static final String PHOTOS = """
      SELECT p.fault_id, p.number, p.media_type, p.size FROM fault_photo p JOIN fault_view f ON f.fault_id = p.fault_id
      WHERE f.cooperative_id = $1 AND ($3 OR f.reporter_id = $2) ORDER BY p.fault_id, p.number""";

  private FaultRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones) {
    api.route(HttpMethod.GET, "/api/faults", Access.SIGNED_IN, zones.only(Zone.FAULTS, ctx -> {
      Session s = Api.session(ctx);
      boolean staff = !"resident".equals(s.role());
      Tuple who = Tuple.of(s.cooperativeId(), s.accountId(), staff);
      pool.preparedQuery(FAULTS).execute(who).onSuccess(rows -> pool.preparedQuery(PHOTOS).execute(who).onSuccess(photos -> {
        Map<String, JsonObject> faults = new LinkedHashMap<>();
        for (Row r : rows) {
          JsonObject fault = faults.computeIfAbsent(r.getString("fault_id"), id -> {
            FaultStatus status = FaultStatus.of(r.getString("status"));
            return new JsonObject()
                .put("faultId", id)
                .put("premisesId", r.getString("premises_id"))
                .put("place", r.getString("place"))
                .put("title", r.getString("title"))
                .put("description", r.getString("description"))
                .put("status", status.code())
                .put("nextStatuses", new JsonArray(status.administratorMoves().stream().map(FaultStatus::code).toList()))
                .put("mayReopen", status.residentMayReopen())
                .put("reportedAt", r.getOffsetDateTime("reported_at").toString())
                .put("updatedAt", r.getOffsetDateTime("updated_at").toString())
                .put("photos", new JsonArray())
                .put("timeline", new JsonArray());
          });
          if (r.getString("kind") != null) {
            fault.getJsonArray("timeline").add(new JsonObject()
                .put("kind", r.getString("kind"))
                .put("by", r.getString("author_role"))
                .put("status", r.getString("entry_status"))
                .put("text", r.getString("text"))
                .put("at", r.getOffsetDateTime("at").toString()));
          }
        }
        for (Row p : photos) {
          JsonObject fault = faults.get(p.getString("fault_id"));
          if (fault == null) continue;
          int n = p.getInteger("number");
          fault.getJsonArray("photos").add(new JsonObject().put("number", n).put("mediaType", p.getString("media_type"))
              .put("size", p.getLong("size")).put("url", "/api/faults/" + fault.getString("faultId") + "/photos/" + n));
        }
        Api.json(ctx, 200, new JsonObject().put("faults", new JsonArray(new java.util.ArrayList<>(faults.values()))));
      }).onFailure(ctx::fail)).onFailure(ctx::fail);
    }));
  }
}
