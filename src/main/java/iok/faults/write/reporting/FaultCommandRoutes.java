package iok.faults.write.reporting;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.faults.Fault;
import iok.faults.FaultStatus;
import iok.faults.read.tracker.FaultProjection;
import iok.faults.write.photos.PhotoUploads;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reporting a fault (with photos or without), adding photos, commenting and reopening it; the administrator moving it through its statuses. */
public final class FaultCommandRoutes {

  private static final String HOLDS = """
      SELECT 1 FROM title_view WHERE cooperative_id = $1 AND account_id = $2 AND premises_id = $3
        AND valid_from <= current_date AND (valid_until IS NULL OR valid_until >= current_date)""";

  record ReportBody(String premisesId, String place, String title, String description) {
    ReportBody {
      premisesId = Fields.optionalText(premisesId, "premisesId", 64);
      place = Fields.optionalText(place, "place", 200);
      if (premisesId == null && place == null) {
        throw Fields.invalid("place", "or premisesId is required: where is the fault?");
      }
      title = Fields.text(title, "title", 200);
      description = Fields.text(description, "description", 5_000);
    }
  }

  private static final Set<String> REPORT_FIELDS = Set.of("premisesId", "place", "title", "description");

  record CommentBody(String text, Boolean reopen) {
    CommentBody {
      text = Fields.text(text, "text", 5_000);
    }
  }

  record StatusBody(String status, String comment) {
    StatusBody {
      status = Fields.text(status, "status", 20);
      try {
        FaultStatus.of(status);
      } catch (IllegalArgumentException e) {
        throw Fields.invalid("status", "is accepted, in-progress, resolved or rejected");
      }
      comment = Fields.optionalText(comment, "comment", 5_000);
    }
  }

  private FaultCommandRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, PhotoUploads uploads,
                           ZoneGate zones) {
    // JSON as ever; multipart/form-data when photos come with the report
    api.route(HttpMethod.POST, "/api/faults", Access.SIGNED_IN, zones.only(Zone.FAULTS, ctx -> {
      boolean withPhotos = PhotoUploads.multipart(ctx);
      ReportBody b = withPhotos ? formBody(ctx) : Bodies.read(ctx, ReportBody.class);
      Session s = Api.session(ctx);
      String id = UUID.randomUUID().toString();
      Future<List<PhotoUploads.Checked>> photos = withPhotos ? uploads.read(ctx) : Future.succeededFuture(List.of());
      Future<Void> holds = b.premisesId() == null ? Future.succeededFuture()
          : pool.preparedQuery(HOLDS).execute(Tuple.of(s.cooperativeId(), s.accountId(), b.premisesId())).map(rows -> {
            if (!rows.iterator().hasNext()) throw Fields.invalid("premisesId", "is not premises you hold");
            return null;
          });
      photos.compose(checked -> holds.compose(v -> uploads.storeThen(s.cooperativeId(), id, checked, stored ->
              commands.send(ctx, new Fault.Report(id, s.cooperativeId(), s.accountId(), b.premisesId(), b.place(),
                  b.title(), b.description(), stored))
          .compose(v2 -> reads.await(FaultProjection.VERSION_QUERY, id, stored.size())))))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("faultId", id).put("status", "reported")))
          .onFailure(ctx::fail);
    }));
    api.route(HttpMethod.POST, "/api/faults/:id/photos", Access.SIGNED_IN, zones.only(Zone.FAULTS, ctx -> {
      if (!PhotoUploads.multipart(ctx)) {
        throw new ApiError(415, "unsupported_media_type", "Send the photos as multipart/form-data, field '"
            + PhotoUploads.FIELD + "'");
      }
      if (!ctx.request().formAttributes().isEmpty()) throw unknownField(ctx.request().formAttributes().names().iterator().next());
      Session s = Api.session(ctx);
      String id = id(ctx);
      uploads.read(ctx).compose(checked -> {
            if (checked.isEmpty()) throw Fields.invalid(PhotoUploads.FIELD, "needs at least one photo");
            return uploads.storeThen(s.cooperativeId(), id, checked, stored ->
                commands.<Long>send(ctx, new Fault.AttachPhotos(id, s.cooperativeId(), s.accountId(), s.role(), stored))
                    .compose(sequence -> reads.await(FaultProjection.VERSION_QUERY, id, sequence)));
          })
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    }));
    api.route(HttpMethod.POST, "/api/faults/:id/comments", Access.SIGNED_IN, zones.only(Zone.FAULTS, ctx -> {
      CommentBody b = Bodies.read(ctx, CommentBody.class);
      Session s = Api.session(ctx);
      String id = id(ctx);
      commands.<Long>send(ctx, new Fault.Comment(id, s.cooperativeId(), s.accountId(), s.role(), b.text(),
              Boolean.TRUE.equals(b.reopen())))
          .compose(sequence -> reads.await(FaultProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    }));
    api.route(HttpMethod.POST, "/api/admin/faults/:id/status", Access.ADMIN, ctx -> {
      StatusBody b = Bodies.read(ctx, StatusBody.class);
      String id = id(ctx);
      commands.<Long>send(ctx, new Fault.ChangeStatus(id, Api.session(ctx).cooperativeId(), FaultStatus.of(b.status()),
              b.comment()))
          .compose(sequence -> reads.await(FaultProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
  }

  /** The report's text fields from a form, as strictly as from JSON: no field it does not know. */
  private static ReportBody formBody(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    for (String name : form.names()) {
      if (!REPORT_FIELDS.contains(name)) throw unknownField(name);
    }
    return new ReportBody(form.get("premisesId"), form.get("place"), form.get("title"), form.get("description"));
  }

  private static ApiError unknownField(String name) {
    return ApiError.badRequest("unknown_field", "Unknown field '" + name + "'", Map.of("field", name));
  }

  private static String id(RoutingContext ctx) {
    return Api.pathId(ctx, "id", "Fault");
  }
}
