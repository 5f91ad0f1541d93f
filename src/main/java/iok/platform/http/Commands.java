package iok.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import iok.platform.auth.Session;
import iok.platform.axon.Metadata;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Hands commands from a request to Axon, with who sent them and the request id as metadata, and
 * brings the answer back onto the request's event loop. Axon handles them on virtual threads.
 */
public final class Commands {

  private final Vertx vertx;
  private final CommandGateway gateway;
  private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

  public Commands(Vertx vertx, CommandGateway gateway) {
    this.vertx = vertx;
    this.gateway = gateway;
  }

  /** Sends as the signed-in person of the request. */
  public <R> Future<R> send(RoutingContext ctx, Object command) {
    return send(metaData(ctx), command);
  }

  /** Who is acting and in which request: the metadata every event caused by this request will carry. */
  public static MetaData metaData(RoutingContext ctx) {
    Map<String, Object> meta = new HashMap<>();
    meta.put(Metadata.REQUEST_ID, RequestLog.requestId(ctx));
    Session session = ctx.get("iok.session");
    if (session != null) {
      meta.put(Metadata.ACTOR_ID, session.accountId());
      meta.put(Metadata.ACTOR_ROLE, session.role());
      meta.put(Metadata.ACTOR_LOGIN, session.login());
      meta.put(Metadata.COOPERATIVE, session.cooperativeId());
    }
    return MetaData.from(meta);
  }

  /** Sends for someone not signed in yet (a login attempt): the actor is the person the command names. */
  public <R> Future<R> sendAnonymous(RoutingContext ctx, String cooperativeId, String actorId, Object command) {
    return send(MetaData.with(Metadata.REQUEST_ID, RequestLog.requestId(ctx))
        .and(Metadata.COOPERATIVE, cooperativeId)
        .and(Metadata.ACTOR_ID, actorId)
        .and(Metadata.ACTOR_ROLE, "anonymous"), command);
  }

  public <R> Future<R> send(MetaData metaData, Object command) {
    CompletableFuture<R> result = gateway.send(command, metaData);
    return Future.fromCompletionStage(result, vertx.getOrCreateContext());
  }

  /** Runs CPU-heavy or blocking work (hashing a password) off the event loop. */
  public <T> Future<T> offLoop(Callable<T> work) {
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking), vertx.getOrCreateContext());
  }
}
