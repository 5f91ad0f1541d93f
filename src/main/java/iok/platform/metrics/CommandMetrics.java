package iok.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import iok.platform.domain.Refusal;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's own hook on the command bus: every command handled, timed from its arrival to its answer, by
 * command and outcome: {@code success}; {@code refused} (a rule said no: 4xx for the person); {@code conflict}
 * (another node changed the aggregate first; the gateway tries again); {@code error} (anything else: 5xx).
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

  static final String NAME = "iok.commands";

  private final MeterRegistry registry;

  CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public MonitorCallback onMessageIngested(Message<?> message) {
    long start = System.nanoTime();
    String command = message.getPayloadType().getSimpleName();
    return new MonitorCallback() {
      @Override public void reportSuccess() {
        record("success");
      }

      @Override public void reportFailure(Throwable cause) {
        record(outcome(cause));
      }

      @Override public void reportIgnored() {
        record("ignored");
      }

      private void record(String outcome) {
        Timer.builder(NAME).description("Commands handled, by command and outcome")
            .tag("command", command).tag("outcome", outcome)
            .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    };
  }

  private static String outcome(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof Refusal) return "refused";
      if (t instanceof ConcurrencyException) return "conflict";
    }
    return "error";
  }
}
