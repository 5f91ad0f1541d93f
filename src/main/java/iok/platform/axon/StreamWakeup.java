package iok.platform.axon;

import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Wakes the pooled streaming processors when there is something to read. Axon's embedded event store
 * offers no "events available" callback, so an idle pooled processor looks again only every 500 ms — and a
 * request that waits for its read model (read-your-writes) waited that long. Here every processor's
 * stream claims the callback, and this node calls the callbacks right after a unit of work that appended
 * events commits (twice, a moment apart, since the store's reader fetches asynchronously), and every
 * {@link #PERIOD_MILLIS} for what other nodes append. A callback only asks the processor to look; it
 * finds the events itself, so a spare call costs a glance at the stream.
 */
public final class StreamWakeup implements AutoCloseable {

  static final long PERIOD_MILLIS = 50;

  private final Map<Object, Runnable> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean soon = new AtomicBoolean();
  private final AtomicBoolean later = new AtomicBoolean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("iok-stream-wakeup").factory());

  public StreamWakeup() {
    timer.scheduleWithFixedDelay(this::fire, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * To be called while events are published: wakes the processors once this unit of work has committed.
   * Commits close together share the wake-ups already on their way: under load, every processor's
   * coordinator woke twice per command, most of them for events they do not handle.
   */
  public void afterCommitOfCurrentUnitOfWork() {
    CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> {
      fireIn(soon, 1);
      fireIn(later, 5);
    }));
  }

  /** Fires in {@code millis}, unless a fire this flag guards is on its way already. */
  private void fireIn(AtomicBoolean pending, long millis) {
    if (!pending.compareAndSet(false, true)) return;
    timer.schedule(() -> {
      pending.set(false);
      fire();
    }, millis, TimeUnit.MILLISECONDS);
  }

  private void fire() {
    for (Runnable callback : waiting.values()) {
      try {
        callback.run();
      } catch (RuntimeException ignored) {
        // a processor shutting down; the next round asks again
      }
    }
  }

  /** The processors' source: the event store, whose streams accept a callback. */
  public StreamableMessageSource<TrackedEventMessage<?>> around(StreamableMessageSource<TrackedEventMessage<?>> source) {
    return new StreamableMessageSource<>() {
      @Override
      public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new WakeableStream(source.openStream(token));
      }

      @Override
      public TrackingToken createTailToken() {
        return source.createTailToken();
      }

      @Override
      public TrackingToken createHeadToken() {
        return source.createHeadToken();
      }

      @Override
      public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
      }

      @Override
      public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
      }
    };
  }

  private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {

    private final BlockingStream<TrackedEventMessage<?>> delegate;

    WakeableStream(BlockingStream<TrackedEventMessage<?>> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
      return delegate.peek();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
      return delegate.hasNextAvailable(timeout, unit);
    }

    @Override
    public boolean hasNextAvailable() {
      return delegate.hasNextAvailable();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
      return delegate.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignored) {
      delegate.skipMessagesWithPayloadTypeOf(ignored);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
      waiting.put(this, callback);
      return true;
    }

    @Override
    public void close() {
      waiting.remove(this);
      delegate.close();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
