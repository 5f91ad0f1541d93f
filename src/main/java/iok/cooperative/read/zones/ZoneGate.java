package iok.cooperative.read.zones;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.cooperative.Zone;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.ApiError;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The cooperative's switches on its zones (P III.8, O III.3), kept by the server and not only by the
 * browser's menu: a resident's request to a zone the cooperative has not enabled, or has suspended, is
 * refused with 403 {@code zone_not_enabled}. Staff pass, so an administrator can prepare a zone before
 * opening it and an auditor reads everything. One gate serves every HTTP event loop of the node; what it
 * read is kept for two seconds, and this node forgets it at once when its administrator changes it, so
 * another node follows a change within two seconds.
 */
public final class ZoneGate {

  static final Duration REMEMBERED = Duration.ofSeconds(2);
  private static final String ZONES = "SELECT zones::text FROM cooperative WHERE cooperative_id = $1";
  private static final String ENABLED = "iok.zones.enabled";

  private final Pool pool;
  private final Cache<String, Set<Zone>> known = Caffeine.newBuilder().expireAfterWrite(REMEMBERED)
      .maximumSize(10_000).build();
  /** Counts each cooperative's changes on this node: a read begun before a change must not be kept after it. */
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> changes =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ZoneGate(Pool pool) {
    this.pool = pool;
  }

  /** A route handler run only when the zone is enabled for the resident asking. */
  public Handler<RoutingContext> only(Zone zone, Handler<RoutingContext> handler) {
    return onlyAny(EnumSet.of(zone), handler);
  }

  /**
   * A route handler run when at least one of the zones is enabled; it reads {@link #enabled} to leave out
   * what belongs to the others (finance and announcements serve a cooperative zone and a community one).
   */
  public Handler<RoutingContext> onlyAny(Set<Zone> anyOf, Handler<RoutingContext> handler) {
    Set<Zone> wanted = EnumSet.copyOf(anyOf);
    return ctx -> {
      Session session = Api.session(ctx);
      if (!"resident".equals(session.role())) {
        ctx.put(ENABLED, EnumSet.allOf(Zone.class));
        handler.handle(ctx);
        return;
      }
      Set<Zone> remembered = known.getIfPresent(session.cooperativeId());
      if (remembered != null) {
        pass(ctx, remembered, wanted, handler);
        return;
      }
      load(session.cooperativeId()).onSuccess(zones -> {
        try {
          pass(ctx, zones, wanted, handler);
        } catch (RuntimeException e) {
          ctx.fail(e);
        }
      }).onFailure(ctx::fail);
    };
  }

  /** The zones open to whoever asks in this request: every zone for staff. */
  public static Set<Zone> enabled(RoutingContext ctx) {
    Set<Zone> zones = ctx.get(ENABLED);
    if (zones == null) throw new IllegalStateException("route has no zone gate");
    return zones;
  }

  /** This node's administrator changed the zones: the next request reads them afresh. */
  public void forget(String cooperativeId) {
    changes.computeIfAbsent(cooperativeId, c -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    known.invalidate(cooperativeId);
  }

  private Future<Set<Zone>> load(String cooperativeId) {
    java.util.concurrent.atomic.AtomicLong counter =
        changes.computeIfAbsent(cooperativeId, c -> new java.util.concurrent.atomic.AtomicLong());
    long before = counter.get();
    return pool.preparedQuery(ZONES).execute(Tuple.of(cooperativeId)).map(rows -> {
      Set<Zone> zones = EnumSet.noneOf(Zone.class);
      if (rows.iterator().hasNext()) {
        new JsonArray(rows.iterator().next().getString(0)).forEach(code -> Zone.fromCode(String.valueOf(code))
            .ifPresent(zones::add));
      }
      Set<Zone> kept = Set.copyOf(zones);
      if (counter.get() == before) known.put(cooperativeId, kept);
      return kept;
    });
  }

  /** The refusal of a resident's request to zones none of which is enabled. */
  public static ApiError notEnabled(Set<Zone> zones) {
    return new ApiError(403, "zone_not_enabled", "The cooperative has not enabled this zone or has suspended it",
        Map.of("zones", zones.stream().map(Zone::code).toList()));
  }

  private static void pass(RoutingContext ctx, Set<Zone> enabled, Set<Zone> wanted, Handler<RoutingContext> handler) {
    if (wanted.stream().noneMatch(enabled::contains)) throw notEnabled(wanted);
    ctx.put(ENABLED, enabled);
    handler.handle(ctx);
  }
}
