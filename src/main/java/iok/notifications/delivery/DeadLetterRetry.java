package iok.notifications.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every parked letter of a processing group another try at a fixed pace, for as long as it takes:
 * a provider that is down for a day delays its messages by a day and loses none. Each sequence is tried
 * once per round, so one letter that keeps failing does not hold back the others.
 */
public final class DeadLetterRetry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRetry.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("iok-dead-letter-retry").factory());

  private DeadLetterRetry() {}

  public static DeadLetterRetry start(Configuration axon, String processingGroup, Duration every) {
    SequencedDeadLetterQueue<EventMessage<?>> queue = axon.eventProcessingConfiguration().deadLetterQueue(processingGroup)
        .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + processingGroup));
    SequencedDeadLetterProcessor<EventMessage<?>> processor = axon.eventProcessingConfiguration()
        .sequencedDeadLetterProcessor(processingGroup)
        .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + processingGroup));
    DeadLetterRetry retry = new DeadLetterRetry();
    retry.timer.scheduleWithFixedDelay(() -> {
      try {
        long sequences = queue.amountOfSequences();
        int delivered = 0;
        for (long i = 0; i < sequences; i++) {
          if (processor.processAny()) delivered++;
        }
        if (sequences > 0) LOG.info("{}: {} of {} parked sequences delivered on retry", processingGroup, delivered, sequences);
      } catch (RuntimeException e) {
        LOG.warn("{}: retrying parked letters failed: {}", processingGroup, e.toString());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return retry;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
