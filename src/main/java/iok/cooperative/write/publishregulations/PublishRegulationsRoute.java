package iok.cooperative.write.publishregulations;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;

/** {@code POST /api/admin/regulations}: the administrator publishes a new version of the regulations. */
public final class PublishRegulationsRoute {

  record Body(String version, String text) {
    Body {
      version = Fields.text(version, "version", 40);
      text = Fields.text(text, "text", 100_000);
    }
  }

  private PublishRegulationsRoute() {}

  public static void mount(Api api, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/regulations", Access.ADMIN, ctx -> {
      Body body = Bodies.read(ctx, Body.class);
      String cooperativeId = Api.session(ctx).cooperativeId();
      commands.<Long>send(ctx, new PublishRegulations(cooperativeId, body.version(), body.text()))
          .compose(sequence -> reads.await(CooperativeProjection.VERSION_QUERY, cooperativeId, sequence))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("version", body.version())))
          .onFailure(ctx::fail);
    });
  }
}
