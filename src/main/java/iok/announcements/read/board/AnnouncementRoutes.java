package iok.announcements.read.board;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.cooperative.Zone;
import iok.cooperative.read.zones.ZoneGate;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code GET /api/announcements} and {@code GET /api/repairs}: for a resident, the standing announcements
 * (or planned repairs) that concern premises they hold; for staff, every one of the cooperative with its
 * state. Both read the same board with the same audience rule; a planned repair is the row with days.
 */
public final class AnnouncementRoutes {

  private static final String FOR_RESIDENT = """
      SELECT a.* FROM announcement_view a
      WHERE a.cooperative_id = $1 AND (a.starts_on IS NOT NULL) = $4
        AND a.withdrawn_at IS NULL AND (a.expires_on IS NULL OR a.expires_on >= $3)
        AND (a.scope = 'cooperative' OR EXISTS (
          SELECT 1 FROM title_view t JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
          WHERE t.cooperative_id = a.cooperative_id AND t.account_id = $2
            AND t.valid_from <= $3 AND (t.valid_until IS NULL OR t.valid_until >= $3)
            AND ((a.scope = 'community' AND p.community = a.target) OR (a.scope = 'building' AND p.building = a.target))))
      ORDER BY a.published_at DESC LIMIT 200""";
  private static final String FOR_STAFF = """
      SELECT a.* FROM announcement_view a WHERE a.cooperative_id = $1 AND $2::text IS NOT NULL AND $3::date IS NOT NULL
        AND (a.starts_on IS NOT NULL) = $4
      ORDER BY a.published_at DESC LIMIT 500""";

  private AnnouncementRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones, Clock clock) {
    board(api, pool, clock, "/api/announcements", "announcements", false,
        h -> zones.onlyAny(EnumSet.of(Zone.ANNOUNCEMENTS, Zone.COMMUNITY_ANNOUNCEMENTS), h));
    // planned repairs belong to "Awarie i remonty" (P III.6e)
    board(api, pool, clock, "/api/repairs", "repairs", true, h -> zones.only(Zone.FAULTS, h));
  }

  private static void board(Api api, Pool pool, Clock clock, String path, String field, boolean repairs,
                            java.util.function.UnaryOperator<Handler<RoutingContext>> gate) {
    api.route(HttpMethod.GET, path, Access.SIGNED_IN, gate.apply(ctx -> {
      Session s = Api.session(ctx);
      LocalDate today = LocalDate.now(clock);
      String sql = "resident".equals(s.role()) ? FOR_RESIDENT : FOR_STAFF;
      pool.preparedQuery(sql).execute(Tuple.of(s.cooperativeId(), s.accountId(), today, repairs)).onSuccess(rows -> {
        JsonArray list = new JsonArray();
        Set<Zone> open = ZoneGate.enabled(ctx);
        for (Row r : rows) {
          if (repairs) {
            list.add(repair(r, today));
          } else if (open.contains(zone(r.getString("scope")))) {
            list.add(announcement(r, today));
          }
        }
        Api.json(ctx, 200, new JsonObject().put(field, list));
      }).onFailure(ctx::fail);
    }));
  }

  /** A community's announcements are a zone of their own (O III.2); a building's are the cooperative's. */
  private static Zone zone(String scope) {
    return "community".equals(scope) ? Zone.COMMUNITY_ANNOUNCEMENTS : Zone.ANNOUNCEMENTS;
  }

  private static JsonObject repair(Row r, LocalDate today) {
    LocalDate starts = r.getLocalDate("starts_on");
    LocalDate ends = r.getLocalDate("expires_on");
    String status = r.getOffsetDateTime("withdrawn_at") != null ? "cancelled" : ends.isBefore(today) ? "finished"
        : starts.isAfter(today) ? "planned" : "ongoing";
    return new JsonObject()
        .put("repairId", r.getString("announcement_id"))
        .put("scope", r.getString("scope"))
        .put("target", r.getString("target"))
        .put("title", r.getString("title"))
        .put("description", r.getString("body"))
        .put("startsOn", starts.toString())
        .put("endsOn", ends.toString())
        .put("publishedAt", r.getOffsetDateTime("published_at").toString())
        .put("editedAt", r.getOffsetDateTime("edited_at") == null ? null : r.getOffsetDateTime("edited_at").toString())
        .put("status", status);
  }

  private static JsonObject announcement(Row r, LocalDate today) {
    LocalDate expires = r.getLocalDate("expires_on");
    OffsetDateTime withdrawn = r.getOffsetDateTime("withdrawn_at");
    String status = withdrawn != null ? "withdrawn" : expires != null && expires.isBefore(today) ? "expired" : "standing";
    return new JsonObject()
        .put("announcementId", r.getString("announcement_id"))
        .put("scope", r.getString("scope"))
        .put("target", r.getString("target"))
        .put("zone", zone(r.getString("scope")).code())
        .put("title", r.getString("title"))
        .put("body", r.getString("body"))
        .put("publishedAt", r.getOffsetDateTime("published_at").toString())
        .put("editedAt", r.getOffsetDateTime("edited_at") == null ? null : r.getOffsetDateTime("edited_at").toString())
        .put("expiresOn", expires == null ? null : expires.toString())
        .put("status", status);
  }
}
