package iok.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projections run behind the event store. A request that changed something waits here until the read
 * model has applied its event, so the person's next request sees what they just did.
 * The read model row keeps the aggregate sequence it has applied; we poll it, briefly.
 */
public final class ReadYourWrites {

  private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
  private static final long GIVE_UP_MILLIS = 5_000;
  /** The change is recorded, but what it changes is not visible yet: not "done", and not lost either. */
  public static final Refusal NOT_READY = new Refusal(Refusal.Kind.NOT_READY, "not_ready",
      "The change was recorded but is not visible yet; look again in a moment");

  private final Vertx vertx;
  private final Pool pool;

  public ReadYourWrites(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** {@code versionQuery} takes the id as $1 and returns one bigint column, the sequence applied. */
  public Future<Void> await(String versionQuery, String id, long sequence) {
    if (sequence < 0) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    poll(versionQuery, id, sequence, System.currentTimeMillis(), 1, done);
    return done.future();
  }

  private void poll(String query, String id, long sequence, long started, long delay, Promise<Void> done) {
    pool.preparedQuery(query).execute(Tuple.of(id)).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      var it = ar.result().iterator();
      Row row = it.hasNext() ? it.next() : null;
      if (row != null && row.getLong(0) != null && row.getLong(0) >= sequence) {
        done.complete();
      } else if (System.currentTimeMillis() - started > GIVE_UP_MILLIS) {
        log.warn("Read model for {} did not reach sequence {} in {} ms", id, sequence, GIVE_UP_MILLIS);
        done.fail(NOT_READY);
      } else {
        vertx.setTimer(delay, t -> poll(query, id, sequence, started, Math.min(delay * 2, 25), done));
      }
    });
  }
}
