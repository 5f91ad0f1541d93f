package iok.announcements.write.publishing;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.announcements.Announcement;
import iok.announcements.AnnouncementEvent.Audience;
import iok.announcements.AnnouncementEvent.Scope;
import iok.announcements.read.board.AnnouncementProjection;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** The administrator publishes, edits and withdraws announcements; an expiry date ends them by itself. */
public final class PublishingRoutes {


  record PublishBody(String title, String body, String scope, String target, String expiresOn) {
    PublishBody {
      title = Fields.text(title, "title", 200);
      body = Fields.text(body, "body", 20_000);
      Audience audience = audience(scope, target);
      scope = audience.scope().name().toLowerCase(Locale.ROOT);
      target = audience.target();
      expiresOn = expiresOn == null || expiresOn.isBlank() ? null : date(expiresOn, "expiresOn").toString();
    }
  }

  record EditBody(String title, String body, String expiresOn) {
    EditBody {
      title = Fields.text(title, "title", 200);
      body = Fields.text(body, "body", 20_000);
      expiresOn = expiresOn == null || expiresOn.isBlank() ? null : date(expiresOn, "expiresOn").toString();
    }
  }

  private PublishingRoutes() {}

  public static void mount(Api api, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/announcements", Access.ADMIN, ctx -> {
      PublishBody b = Bodies.read(ctx, PublishBody.class);
      String id = UUID.randomUUID().toString();
      commands.send(ctx, new Announcement.Publish(id, Api.session(ctx).cooperativeId(),
              new Audience(Scope.valueOf(b.scope().toUpperCase(Locale.ROOT)), b.target()), b.title(), b.body(),
              b.expiresOn() == null ? null : LocalDate.parse(b.expiresOn())))
          .compose(v -> reads.await(AnnouncementProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("announcementId", id)))
          .onFailure(ctx::fail);
    });
    api.route(HttpMethod.PUT, "/api/admin/announcements/:id", Access.ADMIN, ctx -> {
      EditBody b = Bodies.read(ctx, EditBody.class);
      String id = id(ctx);
      commands.<Long>send(ctx, new Announcement.Edit(id, Api.session(ctx).cooperativeId(), b.title(), b.body(),
              b.expiresOn() == null ? null : LocalDate.parse(b.expiresOn())))
          .compose(sequence -> reads.await(AnnouncementProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.DELETE, "/api/admin/announcements/:id", Access.ADMIN, ctx -> {
      String id = id(ctx);
      commands.<Long>send(ctx, new Announcement.Withdraw(id, Api.session(ctx).cooperativeId()))
          .compose(sequence -> reads.await(AnnouncementProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
  }

  private static String id(RoutingContext ctx) {
    return Api.pathId(ctx, "id", "Announcement");
  }

  /** Whom it concerns, as a request names it: {@code scope} and, unless it is the whole cooperative, {@code target}. */
  public static Audience audience(String scope, String target) {
    String code = Fields.text(scope, "scope", 20).toLowerCase(Locale.ROOT);
    if (!code.equals("cooperative") && !code.equals("community") && !code.equals("building")) {
      throw Fields.invalid("scope", "is cooperative, community or building");
    }
    return new Audience(Scope.valueOf(code.toUpperCase(Locale.ROOT)),
        code.equals("cooperative") ? null : Fields.text(target, "target", 100));
  }

  public static LocalDate date(String raw, String field) {
    try {
      return LocalDate.parse(Fields.required(raw, field));
    } catch (DateTimeParseException e) {
      throw Fields.invalid(field, "is a date like 2026-12-31");
    }
  }
}
