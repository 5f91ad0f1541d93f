package iok.platform.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of push on one node: LISTENs on {@code iok_push} and hands each committed message to
 * the open SSE and WebSocket connections it is meant for. A connection resuming from a position reads
 * the persisted feed first while live messages wait in its buffer, so nothing is lost or repeated.
 * Each connection's sends run on its own event loop, in position order.
 */
public final class PushHub {

  private static final Logger log = LoggerFactory.getLogger(PushHub.class);
  private static final int BACKLOG_LIMIT = 10_000;
  private static final String BACKLOG = """
      SELECT position, cooperative, audience, type, data::text FROM push_feed
      WHERE cooperative = $1 AND position > $2 AND audience = ANY($3) ORDER BY position LIMIT %d""".formatted(BACKLOG_LIMIT);
  private static final String HIGHEST = "SELECT cooperative, max(position) FROM push_feed GROUP BY cooperative";

  /** {@code json}: the data encoded once, however many streams it goes to. */
  public record Message(long position, Audience audience, String type, JsonObject data, String json) {
    public Message(long position, Audience audience, String type, JsonObject data) {
      this(position, audience, type, data, data.encode());
    }
  }

  /** Where a connection's messages go: an SSE response or a WebSocket. */
  public interface Sink {
    void send(Message message);

    void heartbeat();

    void close();
  }

  private final Vertx vertx;
  private final Pool pool;
  private final PgSubscriber subscriber;
  private final Map<String, Set<Connection>> byCooperative = new ConcurrentHashMap<>();
  // positions are in commit order within a cooperative only, so "seen so far" is kept per cooperative
  private final Map<String, AtomicLong> highestSeen = new ConcurrentHashMap<>();
  private volatile boolean listening;
  private volatile boolean subscribedBefore;

  public PushHub(Vertx vertx, Pool pool, PgConnectOptions options, Duration heartbeat) {
    this.vertx = vertx;
    this.pool = pool;
    // The subscriber calls its close handler only when it gives up, which it never does here; the policy
    // is what it asks each time the connection is lost or a new attempt failed, so it is where we learn
    // that nothing is listening until the channel is subscribed again (and /health says DOWN meanwhile).
    this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> {
      if (retries == 0) log.warn("Lost the LISTEN connection for live updates; reconnecting");
      listening = false;
      return 250L;
    });
    subscriber.channel(PushFeed.CHANNEL)
        .subscribeHandler(v -> {
          listening = true;
          if (subscribedBefore) resyncAll();
          subscribedBefore = true;
        })
        .handler(this::onNotification);
    vertx.setPeriodic(heartbeat.toMillis(), id -> each(Sink::heartbeat));
  }

  public Future<Void> start() {
    return readHighest().compose(v -> subscriber.connect());
  }

  private Future<Void> readHighest() {
    return pool.query(HIGHEST).execute().map(rows -> {
      for (Row row : rows) seen(row.getString(0), row.getLong(1));
      return null;
    });
  }

  /** A message at this position exists (committed here, or heard of): new streams start after it. */
  public void seen(String cooperative, long position) {
    highestSeen.computeIfAbsent(cooperative, k -> new AtomicLong()).accumulateAndGet(position, Math::max);
  }

  public boolean listening() {
    return listening;
  }

  public int openConnections() {
    return byCooperative.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * Opens a connection for a session, registered at once so the caller can tie its closing to the
   * client's; with a last position it first gets every message after it, read from the feed.
   */
  public Connection open(Session session, Sink sink, Long lastPosition) {
    Context context = vertx.getOrCreateContext();
    // a new stream starts after what this node has seen; a resumed one after what the client saw
    long from = lastPosition != null ? lastPosition
        : highestSeen.getOrDefault(session.cooperativeId(), new AtomicLong()).get();
    Connection connection = new Connection(session, sink, context, from, lastPosition != null);
    byCooperative.computeIfAbsent(session.cooperativeId(), k -> ConcurrentHashMap.newKeySet()).add(connection);
    if (lastPosition != null) connection.readBacklog(lastPosition);
    return connection;
  }

  public void close(Connection connection) {
    Set<Connection> set = byCooperative.get(connection.session.cooperativeId());
    if (set != null) set.remove(connection);
  }

  private void onNotification(String payload) {
    try {
      JsonObject n = new JsonObject(payload);
      String[] cooperativeAndKey = {n.getString("c"), n.getString("a")};
      dispatch(new Message(n.getLong("p"), new Audience(cooperativeAndKey[0], cooperativeAndKey[1]), n.getString("t"),
          n.getJsonObject("d")));
    } catch (RuntimeException e) {
      log.warn("Ignoring a malformed push notification: {}", payload, e);
    }
  }

  private void dispatch(Message message) {
    seen(message.audience().cooperativeId(), message.position());
    Set<Connection> connections = byCooperative.get(message.audience().cooperativeId());
    if (connections == null) return;
    // one task per event loop, not one per stream: an announcement to every resident is one pass over each loop's streams
    Map<Context, List<Connection>> byContext = new HashMap<>();
    for (Connection c : connections) {
      if (message.audience().includes(c.session.cooperativeId(), c.session.accountId(), c.session.role())) {
        byContext.computeIfAbsent(c.context, k -> new ArrayList<>()).add(c);
      }
    }
    byContext.forEach((context, streams) -> context.runOnContext(v -> streams.forEach(c -> c.take(message))));
  }

  /**
   * After a lost LISTEN connection, notifications sent meanwhile are gone: every open stream reads the
   * feed again from what it last sent, exactly as a client resuming with Last-Event-ID would.
   */
  private void resyncAll() {
    readHighest().onFailure(e -> log.warn("Could not read the push feed after reconnecting", e));
    for (Set<Connection> set : byCooperative.values()) {
      for (Connection c : set) c.resync();
    }
  }

  private void each(java.util.function.Consumer<Sink> action) {
    for (Set<Connection> set : byCooperative.values()) {
      for (Connection c : set) c.context.runOnContext(v -> action.accept(c.sink));
    }
  }

  private static Message message(Row row) {
    return new Message(row.getLong(0), new Audience(row.getString(1), row.getString(2)), row.getString(3),
        new JsonObject(row.getString(4)));
  }

  /** One open SSE stream or WebSocket; its state is touched only on its own context. */
  public final class Connection {
    private final Session session;
    private final Sink sink;
    private final Context context;
    private long lastSent;
    private List<Message> buffer;

    private Connection(Session session, Sink sink, Context context, long lastSent, boolean buffering) {
      this.session = session;
      this.sink = sink;
      this.context = context;
      this.lastSent = lastSent;
      this.buffer = buffering ? new ArrayList<>() : null;
    }

    /** Live messages wait in the buffer while the feed after {@code from} is read and sent. */
    private void readBacklog(long from) {
      String[] audiences = {"all", "account:" + session.accountId(), "role:" + session.role()};
      pool.preparedQuery(BACKLOG)
          .execute(Tuple.of(session.cooperativeId(), from, audiences))
          .onSuccess(rows -> {
            List<Message> backlog = new ArrayList<>();
            for (Row row : rows) backlog.add(message(row));
            resumed(backlog);
          })
          .onFailure(e -> {
            log.warn("Could not read the push feed for a stream; closing it so the client resumes", e);
            context.runOnContext(v -> sink.close());
            close(this);
          });
    }

    private void resync() {
      context.runOnContext(v -> {
        if (buffer != null) return; // already reading the feed
        buffer = new ArrayList<>();
        readBacklog(lastSent);
      });
    }

    /** On its own context: a live message, sent now or kept until the backlog being read has been sent. */
    private void take(Message message) {
      if (buffer != null) buffer.add(message);
      else deliver(message);
    }

    private void resumed(List<Message> backlog) {
      context.runOnContext(v -> {
        List<Message> pending = buffer;
        buffer = null;
        backlog.forEach(this::deliver);
        pending.sort(Comparator.comparingLong(Message::position));
        pending.forEach(this::deliver);
      });
    }

    private void deliver(Message message) {
      if (message.position() <= lastSent) return;
      lastSent = message.position();
      JsonObject data = message.data();
      String onlyFor = data.getString("session");
      if (onlyFor != null && !onlyFor.equals(session.sessionId())) return;
      sink.send(message);
      if (endsThisSession(message, data)) {
        sink.close();
        close(this);
      }
    }

    /** Messages to the account that end sessions: those older than an epoch (but the one kept), or one named. */
    private boolean endsThisSession(Message message, JsonObject data) {
      if (!message.audience().key().equals("account:" + session.accountId())) return false;
      if (session.sessionId().equals(data.getString("endsSession"))) return true;
      Object endsBefore = data.getValue("endsSessionsBefore");
      return endsBefore instanceof Number epoch && session.epoch() < epoch.longValue()
          && !session.sessionId().equals(data.getString("keepsSession"));
    }
  }
}
