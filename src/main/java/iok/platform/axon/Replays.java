package iok.platform.axon;

import iok.platform.domain.Refusal;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * Rebuilding one read model while the node keeps serving: the processor is stopped, its tokens reset to
 * the start of the store (its reset handler empties its tables), and started again; it then replays every
 * event and catches up with new ones as they come. While it replays, its answers are incomplete, so the
 * node says so: {@link #replaying()} feeds {@code /health} and the {@code IOK-Rebuilding} response header.
 */
public final class Replays {

  private final Configuration axon;

  public Replays(Configuration axon) {
    this.axon = axon;
  }

  public void replay(String processorName) {
    StreamingEventProcessor processor = axon.eventProcessingConfiguration()
        .eventProcessor(processorName, StreamingEventProcessor.class)
        .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "not_found", "No processor named " + processorName));
    if (!processor.supportsReset()) {
      throw new Refusal(Refusal.Kind.CONFLICT, "not_replayable",
          processorName + " acts on the world (sends, books); replaying it would act again");
    }
    if (processor.isReplaying()) {
      throw new Refusal(Refusal.Kind.CONFLICT, "already_replaying", processorName + " is replaying already");
    }
    try {
      processor.shutdownAsync().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + processorName, e);
    } catch (Exception e) {
      processor.start();
      throw new IllegalStateException("the processor did not stop: " + e.getMessage(), e);
    }
    try {
      processor.resetTokens();
    } catch (RuntimeException e) {
      throw new Refusal(Refusal.Kind.CONFLICT, "replay_refused",
          "The processor could not be reset here (another node may hold its segments): " + e.getMessage());
    } finally {
      processor.start();
    }
    // until it has claimed segments a processor cannot say it replays: wait for that, so that /health and
    // IOK-Rebuilding tell the truth from the moment this answers
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Processors replaying now, each with how far (0 to 1) its slowest segment has come. */
  public Map<String, Double> replaying() {
    Map<String, Double> replaying = new TreeMap<>();
    axon.eventProcessingConfiguration().eventProcessors().forEach((name, p) -> {
      if (p instanceof StreamingEventProcessor s && s.isReplaying()) replaying.put(name, progress(s));
    });
    return replaying;
  }

  private static double progress(StreamingEventProcessor processor) {
    double slowest = 1.0;
    for (EventTrackerStatus status : processor.processingStatus().values()) {
      if (!status.isReplaying()) continue;
      OptionalLong at = status.getCurrentPosition();
      OptionalLong until = status.getResetPosition();
      if (at.isEmpty() || until.isEmpty() || until.getAsLong() <= 0) {
        slowest = Math.min(slowest, 0.0);
        continue;
      }
      slowest = Math.min(slowest, Math.min(1.0, (double) at.getAsLong() / until.getAsLong()));
    }
    return Math.round(slowest * 1000) / 1000.0;
  }
}
