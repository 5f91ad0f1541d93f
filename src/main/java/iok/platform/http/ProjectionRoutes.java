package iok.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import iok.platform.axon.Replays;
import iok.platform.http.Api.Access;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * {@code GET /api/admin/projections} and {@code POST /api/admin/projections/{name}/replay}: the read models
 * an administrator may rebuild, and the rebuild itself. While one rebuilds, every API answer carries
 * {@code IOK-Rebuilding: <names>} — its answers are incomplete until it has caught up.
 */
public final class ProjectionRoutes {

  public static final String REBUILDING = "IOK-Rebuilding";

  private ProjectionRoutes() {}

  /** Before every API route: marks answers given while a read model rebuilds. */
  public static void markRebuilding(Router router, Replays replays) {
    router.route("/api/*").handler(ctx -> {
      Map<String, Double> replaying = replays.replaying();
      if (!replaying.isEmpty()) ctx.response().putHeader(REBUILDING, String.join(",", replaying.keySet()));
      ctx.next();
    });
  }

  public static void mount(Api api, Configuration axon, Replays replays, Commands commands) {
    api.route(HttpMethod.GET, "/api/admin/projections", Access.ADMIN, ctx -> {
      Map<String, Double> replaying = replays.replaying();
      JsonObject projections = new JsonObject();
      for (EventProcessor p : axon.eventProcessingConfiguration().eventProcessors().values()) {
        boolean replayable = p instanceof StreamingEventProcessor s && s.supportsReset();
        projections.put(p.getName(), new JsonObject()
            .put("state", p.isError() ? "error" : replaying.containsKey(p.getName()) ? "replaying" : p.isRunning() ? "running" : "stopped")
            .put("replayable", replayable)
            .put("progress", replaying.getOrDefault(p.getName(), 1.0)));
      }
      Api.json(ctx, 200, new JsonObject().put("projections", projections));
    });
    api.route(HttpMethod.POST, "/api/admin/projections/:name/replay", Access.ADMIN, ctx -> {
      String name = ctx.pathParam("name");
      if (!name.matches("[a-z][a-z-]{0,40}")) throw new ApiError(404, "not_found", "No projection named so");
      commands.offLoop(() -> {
        replays.replay(name);
        return null;
      }).onSuccess(v -> Api.json(ctx, 202, new JsonObject().put("projection", name).put("state", "replaying")))
          .onFailure(ctx::fail);
    });
  }
}
