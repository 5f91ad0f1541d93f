package iok.correspondence.write.messaging;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.correspondence.CorrespondenceEvent.About;
import iok.correspondence.Letter;
import iok.correspondence.read.threads.ThreadProjection;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.UUID;

/**
 * A resident writes to the cooperative, perhaps to say that something shown in a zone is wrong (R17);
 * the resident and the administrators reply within a thread.
 */
public final class MessagingRoutes {

  record AboutBody(String zone, String ref) {
    AboutBody {
      zone = Fields.text(zone, "about.zone", 40);
      if (!About.ZONES.contains(zone)) throw Fields.invalid("about.zone", "is not a zone: one of " + About.ZONES);
      ref = Fields.optionalText(ref, "about.ref", 100);
    }
  }

  record MessageBody(String subject, String body, AboutBody about) {
    MessageBody {
      subject = Fields.text(subject, "subject", 200);
      body = Fields.text(body, "body", 20_000);
    }
  }

  record ReplyBody(String body) {
    ReplyBody {
      body = Fields.text(body, "body", 20_000);
    }
  }

  private MessagingRoutes() {}

  public static void mount(Api api, Commands commands, ReadYourWrites reads, ZoneGate zones) {
    api.route(HttpMethod.POST, "/api/correspondence", Access.SIGNED_IN, zones.only(Zone.CORRESPONDENCE, ctx -> {
      Session s = resident(ctx);
      MessageBody b = Bodies.read(ctx, MessageBody.class);
      String id = UUID.randomUUID().toString();
      About about = b.about() == null ? null : new About(b.about().zone(), b.about().ref());
      commands.send(ctx, new Letter.Write(id, s.cooperativeId(), s.accountId(), b.subject(), b.body(), about))
          .compose(v -> reads.await(ThreadProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("threadId", id).put("wrongData", about != null)))
          .onFailure(ctx::fail);
    }));
    api.route(HttpMethod.POST, "/api/correspondence/:id/replies", Access.SIGNED_IN, zones.only(Zone.CORRESPONDENCE, ctx -> reply(ctx, resident(ctx),
        commands, reads)));
    api.route(HttpMethod.POST, "/api/admin/correspondence/:id/replies", Access.ADMIN, ctx -> reply(ctx,
        Api.session(ctx), commands, reads));
  }

  private static void reply(RoutingContext ctx, Session s, Commands commands, ReadYourWrites reads) {
    ReplyBody b = Bodies.read(ctx, ReplyBody.class);
    String id = Api.pathId(ctx, "id", "Correspondence");
    commands.<Long>send(ctx, new Letter.Reply(id, s.cooperativeId(), s.accountId(), s.role(), b.body()))
        .compose(sequence -> reads.await(ThreadProjection.VERSION_QUERY, id, sequence))
        .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
  }

  /** These routes are the resident's side; the cooperative's staff write letters and replies on theirs. */
  private static Session resident(RoutingContext ctx) {
    Session s = Api.session(ctx);
    if (!"resident".equals(s.role())) {
      throw new ApiError(403, "forbidden", "Residents write here; administrators use /api/admin/correspondence");
    }
    return s;
  }
}
