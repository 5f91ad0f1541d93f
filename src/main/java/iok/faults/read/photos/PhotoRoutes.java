package iok.faults.read.photos;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.faults.PhotoPolicy;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;

/**
 * {@code GET /api/faults/{id}/photos/{n}}: a fault's photo, byte for byte as it was sent, to its reporter
 * and the cooperative's administrators; to anyone else it does not exist.
 */
public final class PhotoRoutes {

  private static final String PHOTO = """
      SELECT c.media_type, c.bytes FROM fault_view f
      JOIN fault_photo p ON p.fault_id = f.fault_id
      JOIN fault_photo_content c ON c.content_id = p.content_id
      WHERE f.fault_id = $1 AND p.number = $2 AND f.cooperative_id = $3 AND ($5 OR f.reporter_id = $4)""";

  private PhotoRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones) {
    api.route(HttpMethod.GET, "/api/faults/:id/photos/:n", Access.SIGNED_IN, zones.only(Zone.FAULTS, ctx -> {
      String id = Api.pathId(ctx, "id", "Fault");
      int number = number(ctx.pathParam("n"));
      Session s = Api.session(ctx);
      pool.preparedQuery(PHOTO).execute(Tuple.of(id, number, s.cooperativeId(), s.accountId(), "admin".equals(s.role())))
          .onSuccess(rows -> {
            if (!rows.iterator().hasNext()) {
              ctx.fail(new ApiError(404, "not_found", "Photo not found"));
              return;
            }
            Row r = rows.iterator().next();
            // the type is the one the bytes proved when they came in, never what the uploader claimed
            ctx.response().putHeader("Content-Type", r.getString("media_type"))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Disposition", "inline")
                .putHeader("Cache-Control", "private, no-store")
                .end(r.getBuffer("bytes"));
          }).onFailure(ctx::fail);
    }));
  }

  private static int number(String raw) {
    if (raw != null && raw.matches("[1-9]") && Integer.parseInt(raw) <= PhotoPolicy.MAX_PHOTOS) return Integer.parseInt(raw);
    throw new ApiError(404, "not_found", "Photo not found");
  }
}
