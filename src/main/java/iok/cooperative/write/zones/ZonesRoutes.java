package iok.cooperative.write.zones;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.cooperative.Zone;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.cooperative.read.zones.ZoneGate;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET|PUT /api/admin/settings/zones}: which zones the cooperative's residents can use. The PUT names
 * every zone to be open; a zone left out is suspended, one added is opened. Residents' screens follow live.
 */
public final class ZonesRoutes {

  static final String PATH = "/api/admin/settings/zones";
  private static final String CURRENT = "SELECT zones::text FROM cooperative WHERE cooperative_id = $1";

  record Body(List<String> zones) {
    Body {
      if (zones == null) {
        throw ApiError.badRequest("invalid_field", "Field 'zones' is required: the list of zones to open",
            Map.of("field", "zones"));
      }
    }
  }

  private ZonesRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate gate) {
    api.route(HttpMethod.GET, PATH, Access.ADMIN, ctx ->
        pool.preparedQuery(CURRENT).execute(Tuple.of(Api.session(ctx).cooperativeId())).onSuccess(rows -> {
          JsonArray open = rows.iterator().hasNext() ? new JsonArray(rows.iterator().next().getString(0)) : new JsonArray();
          JsonArray zones = new JsonArray();
          for (Zone zone : Zone.values()) {
            zones.add(new JsonObject().put("zone", zone.code()).put("enabled", open.contains(zone.code())));
          }
          Api.json(ctx, 200, new JsonObject().put("zones", zones));
        }).onFailure(ctx::fail));
    api.route(HttpMethod.PUT, PATH, Access.ADMIN, ctx -> {
      Body body = Bodies.read(ctx, Body.class);
      Set<Zone> zones = EnumSet.noneOf(Zone.class);
      for (String code : body.zones()) {
        zones.add(Zone.fromCode(code).orElseThrow(() -> ApiError.badRequest("unknown_zone",
            "No zone is called '" + code + "'", Map.of("field", "zones", "zone", String.valueOf(code),
                "known", java.util.Arrays.stream(Zone.values()).map(Zone::code).toList()))));
      }
      String cooperativeId = Api.session(ctx).cooperativeId();
      commands.<Long>send(ctx, new SetZones(cooperativeId, List.copyOf(zones)))
          .compose(sequence -> reads.await(CooperativeProjection.VERSION_QUERY, cooperativeId, sequence))
          .onSuccess(v -> {
            gate.forget(cooperativeId);
            Api.noContent(ctx);
          })
          .onFailure(ctx::fail);
    });
  }
}
