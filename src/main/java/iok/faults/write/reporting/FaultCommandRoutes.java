package iok.faults.write.reporting;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.faults.Fault;
import iok.faults.FaultStatus;
import iok.faults.read.tracker.FaultProjection;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.UUID;

/** Reporting a fault, commenting and reopening it; the administrator moving it through its statuses. */
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

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/faults", Access.SIGNED_IN, ctx -> {
      ReportBody b = Bodies.read(ctx, ReportBody.class);
      Session s = Api.session(ctx);
      String id = UUID.randomUUID().toString();
      Future<Void> holds = b.premisesId() == null ? Future.succeededFuture()
          : pool.preparedQuery(HOLDS).execute(Tuple.of(s.cooperativeId(), s.accountId(), b.premisesId())).map(rows -> {
            if (!rows.iterator().hasNext()) throw Fields.invalid("premisesId", "is not premises you hold");
            return null;
          });
      holds.compose(v -> commands.send(ctx, new Fault.Report(id, s.cooperativeId(), s.accountId(), b.premisesId(),
              b.place(), b.title(), b.description())))
          .compose(v -> reads.await(FaultProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("faultId", id).put("status", "reported")))
          .onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/faults/:id/comments", Access.SIGNED_IN, ctx -> {
      CommentBody b = Bodies.read(ctx, CommentBody.class);
      Session s = Api.session(ctx);
      String id = id(ctx);
      commands.<Long>send(ctx, new Fault.Comment(id, s.cooperativeId(), s.accountId(), s.role(), b.text(),
              Boolean.TRUE.equals(b.reopen())))
          .compose(sequence -> reads.await(FaultProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/admin/faults/:id/status", Access.ADMIN, ctx -> {
      StatusBody b = Bodies.read(ctx, StatusBody.class);
      String id = id(ctx);
      commands.<Long>send(ctx, new Fault.ChangeStatus(id, Api.session(ctx).cooperativeId(), FaultStatus.of(b.status()),
              b.comment()))
          .compose(sequence -> reads.await(FaultProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
  }

  private static String id(RoutingContext ctx) {
    return Api.pathId(ctx, "id", "Fault");
  }
}
