package iok.announcements.write.repairs;

import static iok.announcements.write.publishing.PublishingRoutes.audience;
import static iok.announcements.write.publishing.PublishingRoutes.date;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.announcements.Announcement;
import iok.announcements.AnnouncementEvent.RepairDays;
import iok.announcements.read.board.AnnouncementProjection;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.UUID;

/**
 * The administrator announces a planned repair of a building, a community's buildings or the whole
 * cooperative, changes its days or text, and cancels it. It is an announcement with repair days, so
 * it reaches exactly the residents an announcement to the same audience would.
 */
public final class RepairRoutes {

  record PlanBody(String scope, String target, String title, String description, String startsOn, String endsOn) {
    PlanBody {
      target = audience(scope, target).target();
      title = Fields.text(title, "title", 200);
      description = Fields.text(description, "description", 20_000);
      days(startsOn, endsOn);
    }
  }

  record ChangeBody(String title, String description, String startsOn, String endsOn) {
    ChangeBody {
      title = Fields.text(title, "title", 200);
      description = Fields.text(description, "description", 20_000);
      days(startsOn, endsOn);
    }
  }

  private RepairRoutes() {}

  public static void mount(Api api, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/repairs", Access.ADMIN, ctx -> {
      PlanBody b = Bodies.read(ctx, PlanBody.class);
      String id = UUID.randomUUID().toString();
      commands.send(ctx, new Announcement.PlanRepair(id, Api.session(ctx).cooperativeId(), audience(b.scope(), b.target()),
              b.title(), b.description(), days(b.startsOn(), b.endsOn())))
          .compose(v -> reads.await(AnnouncementProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("repairId", id)))
          .onFailure(ctx::fail);
    });
    api.route(HttpMethod.PUT, "/api/admin/repairs/:id", Access.ADMIN, ctx -> {
      ChangeBody b = Bodies.read(ctx, ChangeBody.class);
      String id = id(ctx);
      commands.<Long>send(ctx, new Announcement.ChangeRepair(id, Api.session(ctx).cooperativeId(), b.title(),
              b.description(), days(b.startsOn(), b.endsOn())))
          .compose(sequence -> reads.await(AnnouncementProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.DELETE, "/api/admin/repairs/:id", Access.ADMIN, ctx -> {
      String id = id(ctx);
      commands.<Long>send(ctx, new Announcement.CancelRepair(id, Api.session(ctx).cooperativeId()))
          .compose(sequence -> reads.await(AnnouncementProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
  }

  private static RepairDays days(String startsOn, String endsOn) {
    return new RepairDays(date(startsOn, "startsOn"), date(endsOn, "endsOn"));
  }

  private static String id(RoutingContext ctx) {
    return Api.pathId(ctx, "id", "Planned repair");
  }
}
