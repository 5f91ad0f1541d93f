package iok.platform.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import iok.platform.push.PushHub;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;

/**
 * {@code GET /health}: UP when the database answers, every projection processor runs, and push listens.
 * It also counts the events parked in the dead-letter queue per processor (deliveries waiting for a
 * provider to come back): they are waiting, not lost, so they do not make the node DOWN.
 */
public final class Health {

  private Health() {}

  private static final String PARKED = "SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup";

  public static void mount(Api api, Pool pool, Configuration axon, PushHub hub, iok.platform.axon.Replays replays) {
    api.route(HttpMethod.GET, "/health", Api.Access.ANYONE, ctx ->
        pool.query(PARKED).execute().onComplete(db -> {
          JsonObject parked = new JsonObject();
          if (db.succeeded()) db.result().forEach(row -> parked.put(row.getString(0), row.getLong(1)));
          JsonObject processors = new JsonObject();
          java.util.Map<String, Double> replaying = replays.replaying();
          boolean processorsUp = true;
          for (EventProcessor p : axon.eventProcessingConfiguration().eventProcessors().values()) {
            boolean up = p.isRunning() && !p.isError();
            processorsUp &= up;
            processors.put(p.getName(), !up ? (p.isError() ? "error" : "stopped")
                : replaying.containsKey(p.getName()) ? "replaying" : "running");
          }
          boolean up = db.succeeded() && processorsUp && hub.listening();
          Api.json(ctx, up ? 200 : 503, new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("database", db.succeeded() ? "UP" : "DOWN")
              .put("processors", processors)
              .put("parked", parked)
              .put("replaying", new JsonObject(new java.util.HashMap<>(replaying)))
              .put("push", new JsonObject().put("listening", hub.listening()).put("connections", hub.openConnections())));
        }));
  }
}
