package iok.platform.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.domain.Refusal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projections run behind the event store. A request that changed something waits here until the read
 * model has applied its event, so the person's next request sees what they just did.
 * The read model row keeps the aggregate sequence it has applied. A waiter looks again as soon as one of
 * this node's processors commits events of the aggregate it waits for ({@link #projectionsCommitted}), and
 * otherwise on a short backoff: that is how it sees what another node's processors wrote, and read models
 * keyed by something other than an aggregate's id.
 */
public final class ReadYourWrites {

  private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
  private static final long GIVE_UP_MILLIS = 5_000;
  private static final long LONGEST_POLL_MILLIS = 25;
  /** The change is recorded, but what it changes is not visible yet: not "done", and not lost either. */
  public static final Refusal NOT_READY = new Refusal(Refusal.Kind.NOT_READY, "not_ready",
      "The change was recorded but is not visible yet; look again in a moment");

  private final Vertx vertx;
  private final Pool pool;
  private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

  public ReadYourWrites(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** {@code versionQuery} takes the id as $1 and returns one bigint column, the sequence applied. */
  public Future<Void> await(String versionQuery, String id, long sequence) {
    if (sequence < 0) return Future.succeededFuture();
    Waiter waiter = new Waiter(vertx.getOrCreateContext(), versionQuery, id, sequence);
    waiting.compute(id, (k, forId) -> {
      Set<Waiter> waiters = forId == null ? ConcurrentHashMap.newKeySet() : forId;
      waiters.add(waiter);
      return waiters;
    });
    waiter.look();
    return waiter.done.future();
  }

  /** A processor on this node committed events of these aggregates: whoever waits for one looks again now. */
  public void projectionsCommitted(Set<String> aggregateIds) {
    for (String id : aggregateIds) {
      Set<Waiter> forId = waiting.get(id);
      if (forId != null) for (Waiter w : forId) w.context.runOnContext(v -> w.nudge());
    }
  }

  /** One request's wait; all its state is touched on its own context only. */
  private final class Waiter {
    final Context context;
    final String query;
    final String id;
    final long sequence;
    final long started = System.currentTimeMillis();
    final Promise<Void> done = Promise.promise();
    boolean looking;
    boolean nudged;
    long delay = 1;
    long timer = -1;

    Waiter(Context context, String query, String id, long sequence) {
      this.context = context;
      this.query = query;
      this.id = id;
      this.sequence = sequence;
    }

    void nudge() {
      if (done.future().isComplete()) return;
      if (looking) {
        nudged = true; // what is being read may predate that commit: read once more after it
        return;
      }
      if (timer >= 0) vertx.cancelTimer(timer);
      look();
    }

    void look() {
      timer = -1;
      looking = true;
      nudged = false;
      pool.preparedQuery(query).execute(Tuple.of(id)).onComplete(ar -> {
        looking = false;
        if (ar.failed()) {
          finish(ar.cause());
          return;
        }
        var it = ar.result().iterator();
        Row row = it.hasNext() ? it.next() : null;
        if (row != null && row.getLong(0) != null && row.getLong(0) >= sequence) {
          finish(null);
        } else if (System.currentTimeMillis() - started > GIVE_UP_MILLIS) {
          log.warn("Read model for {} did not reach sequence {} in {} ms", id, sequence, GIVE_UP_MILLIS);
          finish(NOT_READY);
        } else if (nudged) {
          look();
        } else {
          timer = vertx.setTimer(delay, t -> look());
          delay = Math.min(delay * 2, LONGEST_POLL_MILLIS);
        }
      });
    }

    void finish(Throwable failure) {
      waiting.computeIfPresent(id, (k, forId) -> {
        forId.remove(this);
        return forId.isEmpty() ? null : forId;
      });
      if (failure == null) done.complete();
      else done.fail(failure);
    }
  }
}
