package iok.notifications.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.notifications.Notice;
import iok.notifications.delivery.DeliveryLog.Outcome;
import iok.platform.db.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells one person one thing on the channels they chose for its kind. Their address and choices are read
 * at the moment of sending, never copied into a queue: a changed address is used at once, a deleted one
 * never again. When a provider fails, the others still go out and the whole is retried later; what went out
 * is remembered in the {@link DeliveryLog}, so a retry sends only what is missing.
 */
public final class Deliverer {

  private static final String RECIPIENT = "SELECT email, phone, notifications::text FROM account WHERE account_id = ?";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbc jdbc;
  private final DeliveryLog log;
  private final Map<String, Optional<Channel>> channels;
  private final Clock clock;

  public Deliverer(Jdbc jdbc, DeliveryLog log, Optional<Channel> email, Optional<Channel> sms, Clock clock) {
    this.jdbc = jdbc;
    this.log = log;
    this.channels = Map.of("email", email, "sms", sms);
    this.clock = clock;
  }

  /** Thrown when some channel did not take the message: the event goes to the dead-letter queue and is retried. */
  public static final class NotDelivered extends RuntimeException {
    NotDelivered(List<RuntimeException> causes) {
      super(causes.size() + " message(s) not taken: " + causes.getFirst().getMessage(), causes.getFirst());
      causes.stream().skip(1).forEach(this::addSuppressed);
    }
  }

  /** Tells each of them; one person's failed delivery does not hold back the others'. */
  public void tell(String eventId, List<String> accountIds, Notice notice) {
    List<RuntimeException> failures = new ArrayList<>();
    for (String accountId : accountIds) tell(eventId, accountId, notice, failures);
    if (!failures.isEmpty()) throw new NotDelivered(failures);
  }

  private void tell(String eventId, String accountId, Notice notice, List<RuntimeException> failures) {
    Recipient who = jdbc.queryOne(RECIPIENT, rs -> new Recipient(rs.getString(1), rs.getString(2), choices(rs.getString(3))),
        accountId);
    if (who == null) return;
    for (String channel : who.choices().getOrDefault(notice.kind(), List.of())) {
      Optional<Channel> provider = channels.get(channel);
      String address = channel.equals("email") ? who.email() : channel.equals("sms") ? who.phone() : null;
      if (provider == null || address == null || log.done(eventId, accountId, channel)) continue;
      if (provider.isEmpty()) {
        log.record(eventId, accountId, channel, notice.kind(), Outcome.NO_PROVIDER, clock.instant());
        continue;
      }
      try {
        provider.get().send(address, notice, eventId + "." + accountId + "." + channel);
        log.record(eventId, accountId, channel, notice.kind(), Outcome.SENT, clock.instant());
      } catch (Channel.Refused refused) {
        log.record(eventId, accountId, channel, notice.kind(), Outcome.REFUSED, clock.instant());
      } catch (Channel.NotSent notSent) {
        failures.add(notSent);
      }
    }
  }

  private record Recipient(String email, String phone, Map<String, List<String>> choices) {}

  private static Map<String, List<String>> choices(String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
