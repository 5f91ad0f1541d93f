package iok.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on state-changing requests of a signed-in person: a client that lost an answer
 * sends the request again with the same key and gets the first answer back, and nothing is recorded twice.
 * The key is claimed by one row in PostgreSQL before the request runs, so two copies sent at once do not
 * both run; the answer is kept beside it for 24 hours. The same key with another method, path or body is
 * refused, since answering it with the first request's answer would hide that it never ran.
 *
 * <p>An answer of the server's own failure (5xx) is kept only when the request recorded events (they
 * carry its request id); otherwise the key is released, so a retry after a database outage runs again.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  /** Set on an answer that was kept from the first request with the key, not produced now. */
  public static final String REPLAYED = "Idempotent-Replayed";

  private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final String CLAIM_KEY = "iok.idempotency";
  private static final String SECRET_KEY = "iok.idempotency.secret";
  /** What a retry gets instead of an answer that held a secret (a new account's first password): it is never stored. */
  private static final String NOT_KEPT = new io.vertx.core.json.JsonObject().put("error", "idempotency_answer_not_kept")
      .put("message", "This request was done once already; its answer held a secret, which IOK does not keep. "
          + "Issue a new password if it was lost").encode();
  /**
   * A first request still unanswered after this long, on a node that no longer says it is alive (or was
   * restarted under the same id since), died with its node: a retry may take its key over. A live node answers or releases its own claims, so its claim is
   * taken over only after {@link #STUCK_SECONDS}, for a request lost to a fault of the node's own.
   */
  private static final int ABANDONED_SECONDS = 60;
  private static final int STUCK_SECONDS = 15 * 60;

  /** Claims the key, or takes over one older than 24 hours; answers a row only when this request got it. */
  private static final String CLAIM = """
      INSERT INTO idempotency_key (account_id, key, fingerprint, request_id, events_after, claimed_at, node_id)
      VALUES ($1, $2, $3, $4, (SELECT coalesce(max(globalindex), 0) FROM domainevententry), now(), $5)
      ON CONFLICT (account_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
        request_id = EXCLUDED.request_id, events_after = EXCLUDED.events_after, claimed_at = EXCLUDED.claimed_at,
        node_id = EXCLUDED.node_id, status = NULL, content_type = NULL, body = NULL
      WHERE idempotency_key.claimed_at < now() - interval '24 hours'
      RETURNING events_after""";
  private static final String EARLIER = """
      SELECT fingerprint, status, content_type, body, request_id, events_after,
             claimed_at < now() - interval '%d seconds' AND (claimed_at < now() - interval '%d seconds'
               OR NOT EXISTS (SELECT 1 FROM iok_node n WHERE n.node_id = idempotency_key.node_id
                              AND n.seen_at > now() - make_interval(secs => $3)
                              AND n.started_at <= idempotency_key.claimed_at)) AS abandoned
      FROM idempotency_key WHERE account_id = $1 AND key = $2""".formatted(ABANDONED_SECONDS, STUCK_SECONDS);
  /** A claim whose request died unanswered and recorded nothing is taken over by the retry. */
  private static final String TAKE_OVER = """
      UPDATE idempotency_key SET request_id = $4, claimed_at = now(), node_id = $5,
        events_after = (SELECT coalesce(max(globalindex), 0) FROM domainevententry)
      WHERE account_id = $1 AND key = $2 AND request_id = $3 AND status IS NULL
        AND NOT EXISTS (SELECT 1 FROM domainevententry
                        WHERE globalindex > idempotency_key.events_after AND metadata::jsonb ->> 'requestId' = $3)
      RETURNING events_after""";
  private static final String ANSWERED = """
      UPDATE idempotency_key SET status = $4, content_type = $5, body = $6
      WHERE account_id = $1 AND key = $2 AND request_id = $3""";
  private static final String RELEASE = """
      DELETE FROM idempotency_key WHERE account_id = $1 AND key = $2 AND request_id = $3
        AND NOT EXISTS (SELECT 1 FROM domainevententry
                        WHERE globalindex > $4 AND metadata::jsonb ->> 'requestId' = $3)""";
  private static final String EXPIRED = "DELETE FROM idempotency_key WHERE claimed_at < now() - interval '24 hours'";

  private record Claim(Pool pool, String accountId, String key, String requestId, long eventsAfter) {}

  private final Pool pool;
  private final String nodeId;
  private final double liveSeconds;

  /** {@code nodeId} and {@code live}: this node's name in {@code iok_node}, and how recent a heartbeat proves a node alive. */
  public Idempotency(Vertx vertx, Pool pool, String nodeId, java.time.Duration live) {
    this.pool = pool;
    this.nodeId = nodeId;
    this.liveSeconds = live.toMillis() / 1000.0;
    vertx.setPeriodic(60 * 60 * 1000L, id -> pool.query(EXPIRED).execute()
        .onFailure(e -> log.warn("Could not delete expired idempotency keys", e)));
  }

  /** Route handler after the session guard of a state-changing route. */
  void handle(RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      ctx.next();
      return;
    }
    if (!KEY.matcher(key).matches()) {
      ctx.fail(ApiError.badRequest("malformed_idempotency_key",
          "Idempotency-Key must be 1 to 255 visible ASCII characters", null));
      return;
    }
    Session session = Api.session(ctx);
    String fingerprint = fingerprint(ctx);
    String requestId = RequestLog.requestId(ctx);
    pool.preparedQuery(CLAIM).execute(Tuple.of(session.accountId(), key, fingerprint, requestId, nodeId))
        .compose(claimed -> claimed.size() == 1
            ? Future.succeededFuture(new Claim(pool, session.accountId(), key, requestId, claimed.iterator().next().getLong(0)))
            : earlier(ctx, session.accountId(), key, fingerprint, requestId))
        .onSuccess(claim -> {
          if (claim == null) return; // answered from the first request
          ctx.put(CLAIM_KEY, claim);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /** The key was used before: the first answer, a refusal, or (for an abandoned claim) this request's turn. */
  private Future<Claim> earlier(RoutingContext ctx, String accountId, String key, String fingerprint, String requestId) {
    return pool.preparedQuery(EARLIER).execute(Tuple.of(accountId, key, liveSeconds)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(inUse()); // released just now: the client retries
      Row first = rows.iterator().next();
      if (!first.getString("fingerprint").equals(fingerprint)) {
        return Future.failedFuture(new ApiError(422, "idempotency_key_reused",
            "This Idempotency-Key was used for a different request; use a new key for a new request"));
      }
      Integer status = first.getInteger("status");
      if (status != null) {
        ctx.response().setStatusCode(status).putHeader(REPLAYED, "true");
        String type = first.getString("content_type");
        if (type != null) ctx.response().putHeader("Content-Type", type);
        String body = first.getString("body");
        if (body == null) ctx.response().end();
        else ctx.response().end(body);
        return Future.succeededFuture(null);
      }
      if (!first.getBoolean("abandoned")) return Future.failedFuture(inUse());
      return pool.preparedQuery(TAKE_OVER).execute(Tuple.of(accountId, key, first.getString("request_id"), requestId,
              nodeId))
          .compose(taken -> taken.size() == 1
              ? Future.succeededFuture(new Claim(pool, accountId, key, requestId, taken.iterator().next().getLong(0)))
              : Future.failedFuture(inUse()));
    });
  }

  private static ApiError inUse() {
    return new ApiError(409, "idempotency_key_in_use",
        "A request with this Idempotency-Key is still being served, or its outcome is unknown; try again shortly");
  }

  /**
   * Ends the response; when it answers a request that claimed a key, the answer is kept first (a server
   * failure that recorded nothing releases the key instead), so a retry never finds the key unanswered
   * after the client got its answer.
   */
  /**
   * The answer about to be sent holds a secret (a first password): a retry with the same key is told the
   * request was done, and the answer is never written to the idempotency table.
   */
  public static void answerHoldsSecret(RoutingContext ctx) {
    ctx.put(SECRET_KEY, Boolean.TRUE);
  }

  static void end(RoutingContext ctx, int status, String contentType, String body) {
    var response = ctx.response().setStatusCode(status);
    if (contentType != null) response.putHeader("Content-Type", contentType);
    Claim claim = ctx.get(CLAIM_KEY);
    if (claim == null) {
      finish(ctx, body);
      return;
    }
    ctx.remove(CLAIM_KEY);
    Pool pool = claim.pool();
    Future<?> kept = status >= 500
        ? pool.preparedQuery(RELEASE).execute(Tuple.of(claim.accountId(), claim.key(), claim.requestId(), claim.eventsAfter()))
            .compose(released -> released.rowCount() == 1 ? Future.succeededFuture()
                : keep(pool, claim, status, contentType, body))
        : Boolean.TRUE.equals(ctx.get(SECRET_KEY)) && status < 300
            ? keep(pool, claim, 409, "application/json; charset=utf-8", NOT_KEPT)
            : keep(pool, claim, status, contentType, body);
    kept.onComplete(done -> {
      if (done.failed()) log.warn("Could not keep the answer for Idempotency-Key {} [requestId={}]", claim.key(),
          claim.requestId(), done.cause());
      if (!ctx.response().ended() && !ctx.response().closed()) finish(ctx, body);
    });
  }

  private static Future<?> keep(Pool pool, Claim claim, int status, String contentType, String body) {
    return pool.preparedQuery(ANSWERED)
        .execute(Tuple.of(claim.accountId(), claim.key(), claim.requestId(), status, contentType, body));
  }

  private static void finish(RoutingContext ctx, String body) {
    if (body == null) ctx.response().end();
    else ctx.response().end(body);
  }

  /** What makes two requests "the same": method, path with query, and the body (a form's fields and files). */
  static String fingerprint(RoutingContext ctx) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((ctx.request().method().name() + " " + ctx.request().uri() + "\n").getBytes(StandardCharsets.UTF_8));
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      if (body != null) {
        sha.update(body.getBytes());
      } else {
        Map<String, String> form = new TreeMap<>();
        ctx.request().formAttributes().forEach(e -> form.merge(e.getKey(), e.getValue(), (a, b) -> a + "\u0000" + b));
        form.forEach((k, v) -> sha.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        for (FileUpload f : ctx.fileUploads()) {
          sha.update((f.name() + ":" + f.fileName() + ":" + f.size() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
