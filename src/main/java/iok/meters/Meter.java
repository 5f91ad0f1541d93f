package iok.meters;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import iok.meters.ConsumptionJumpPolicy.Jump;
import iok.meters.MeterEvent.MeterRegistered;
import iok.meters.MeterEvent.MeterRemoved;
import iok.meters.MeterEvent.ReadingAccepted;
import iok.meters.MeterEvent.ReadingCorrected;
import iok.meters.MeterEvent.ReadingSubmitted;
import iok.meters.ReadingSeriesPolicy.Point;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A water meter in a premises (R10) and its series of readings. The resident holding the premises
 * submits readings under the rules below; the administrator reviews them, and replaces the meter when
 * it is due, which ends this series and starts the new meter's.
 */
public class Meter {

  /** Residents' days are Polish days: "in the future" and "in the window" are decided on Warsaw's calendar. */
  public static final ZoneId CALENDAR = ZoneId.of("Europe/Warsaw");

  public record Register(@TargetAggregateIdentifier String meterId, String cooperativeId, String premisesId,
                         MeterKind kind, String number, String place, LocalDate legalisedUntil, LocalDate installedOn,
                         String installationReadingId, Volume initialValue) {}

  /** The meter comes off on the new one's installation day; {@code finalValue} may be unknown (null). */
  public record Replace(@TargetAggregateIdentifier String meterId, String cooperativeId, String newMeterId,
                        String number, LocalDate legalisedUntil, LocalDate installedOn, String finalReadingId,
                        Volume finalValue, String installationReadingId, Volume initialValue) {}

  /** Whoever sends it has been checked to hold the meter's premises today. */
  public record SubmitReading(@TargetAggregateIdentifier String meterId, String cooperativeId, String accountId,
                              String readingId, Volume value, LocalDate readAt) {}

  public record AcceptReading(@TargetAggregateIdentifier String meterId, String cooperativeId, String readingId) {}

  public record CorrectReading(@TargetAggregateIdentifier String meterId, String cooperativeId, String readingId,
                               Volume value, String comment) {}

  /** What a submitted reading became, and the sequence a read model must reach to show it. */
  public record Submitted(long sequence, ReadingStatus status) {}

  public record Replaced(long sequence, String newMeterId) {}

  private record Entry(String readingId, LocalDate readAt, Volume value, ReadingStatus status) {
    Point point() {
      return new Point(readAt, value);
    }
  }

  @AggregateIdentifier
  private String meterId;
  private String cooperativeId;
  private String premisesId;
  private MeterKind kind;
  private String place;
  private LocalDate legalisedUntil;
  private boolean removed;
  private final List<Entry> series = new ArrayList<>();
  private long sequence = -1;

  protected Meter() {}

  @CommandHandler
  public Meter(Register command, Clock clock) {
    register(new MeterRegistered(command.meterId(), command.cooperativeId(), command.premisesId(), command.kind(),
        command.number(), command.place(), command.legalisedUntil(), command.installedOn(),
        command.installationReadingId(), command.initialValue(), null, clock.instant()));
  }

  /** A replacement, created in the replaced meter's unit of work. */
  private Meter(MeterRegistered registered) {
    register(registered);
  }

  private static void register(MeterRegistered registered) {
    if (registered.legalisedUntil().isBefore(registered.installedOn())) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "legalisation_before_installation",
          "The meter's legalisation would expire before it is installed");
    }
    apply(registered);
  }

  @CommandHandler
  public Submitted handle(SubmitReading command, Clock clock, ReadingCalendar calendar) {
    ofCooperative(command.cooperativeId());
    LocalDate today = LocalDate.ofInstant(clock.instant(), CALENDAR);
    LocalDate readAt = command.readAt();
    if (removed) {
      throw rule("meter_removed", "This meter was removed; read the meter that replaced it", Map.of());
    }
    if (readAt.isAfter(today)) {
      throw rule("read_in_future", "A reading cannot be dated after today", Map.of("today", today.toString()));
    }
    if (!LegalisationPolicy.covers(legalisedUntil, readAt)) {
      throw rule("legalisation_expired", "The meter's legalisation expired on " + legalisedUntil
          + "; the cooperative will replace it", Map.of("legalisedUntil", legalisedUntil.toString()));
    }
    List<ReadingWindow> windows = calendar.windows(cooperativeId);
    if (!ReadingWindowPolicy.admits(windows, readAt, today)) {
      Map<String, Object> details = new HashMap<>();
      ReadingWindowPolicy.nextMandatory(windows, today).ifPresent(w -> {
        details.put("opensOn", w.opensOn().toString());
        details.put("closesOn", w.closesOn().toString());
      });
      throw rule("outside_reading_window", "The cooperative takes readings only in its reading windows, "
          + "read and submitted within one", details);
    }
    Point next = new Point(readAt, command.value());
    follows(next);
    Optional<Jump> jump = ConsumptionJumpPolicy.assess(series.stream().map(Entry::point).toList(), next);
    apply(new ReadingSubmitted(meterId, command.readingId(), command.accountId(), command.value(), readAt,
        jump.orElse(null), clock.instant()));
    return new Submitted(sequence, jump.isPresent() ? ReadingStatus.FLAGGED : ReadingStatus.SUBMITTED);
  }

  @CommandHandler
  public long handle(AcceptReading command, Clock clock) {
    awaitingReview(command.cooperativeId(), command.readingId());
    apply(new ReadingAccepted(meterId, command.readingId(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(CorrectReading command, Clock clock) {
    int at = awaitingReview(command.cooperativeId(), command.readingId());
    Point before = at == 0 ? null : series.get(at - 1).point();
    Point after = at == series.size() - 1 ? null : series.get(at + 1).point();
    if (!ReadingSeriesPolicy.fitsBetween(before, command.value(), after)) {
      Map<String, Object> details = new HashMap<>();
      if (before != null) details.put("atLeast", before.value().toString());
      if (after != null) details.put("atMost", after.value().toString());
      throw rule("value_breaks_series", "A corrected reading must lie between the readings before and after it",
          details);
    }
    apply(new ReadingCorrected(meterId, command.readingId(), series.get(at).value(), command.value(), command.comment(),
        clock.instant()));
    return sequence;
  }

  @CommandHandler
  public Replaced handle(Replace command, Clock clock) throws Exception {
    ofCooperative(command.cooperativeId());
    if (removed) throw rule("meter_removed", "This meter was already removed", Map.of());
    Entry latest = series.isEmpty() ? null : series.getLast();
    if (latest != null && command.installedOn().isBefore(latest.readAt())) {
      throw rule("read_before_last_reading", "The meter was read on " + latest.readAt()
          + ", so it cannot have come off earlier", Map.of("lastReadAt", latest.readAt().toString()));
    }
    if (command.finalValue() != null) follows(new Point(command.installedOn(), command.finalValue()));
    apply(new MeterRemoved(meterId, command.installedOn(), command.finalValue() == null ? null : command.finalReadingId(),
        command.finalValue(), command.newMeterId(), clock.instant()));
    long removedAt = sequence;
    MeterRegistered replacement = new MeterRegistered(command.newMeterId(), cooperativeId, premisesId, kind,
        command.number(), place, command.legalisedUntil(), command.installedOn(), command.installationReadingId(),
        command.initialValue(), meterId, clock.instant());
    createNew(Meter.class, () -> new Meter(replacement));
    return new Replaced(removedAt, command.newMeterId());
  }

  private void follows(Point next) {
    Entry latest = series.isEmpty() ? null : series.getLast();
    switch (ReadingSeriesPolicy.judge(latest == null ? null : latest.point(), next)) {
      case DATED_BEFORE_LATEST -> throw rule("read_before_last_reading", "The meter was last read on "
          + latest.readAt() + "; a reading cannot be dated before that", Map.of("lastReadAt", latest.readAt().toString()));
      case LOWER_THAN_LATEST -> throw rule("value_below_last_reading", "The meter showed " + latest.value()
          + " m³ on " + latest.readAt() + "; a meter does not count down",
          Map.of("lastValue", latest.value().toString(), "lastReadAt", latest.readAt().toString()));
      case FOLLOWS -> { }
    }
  }

  /** Answers the reading's place in the series. */
  private int awaitingReview(String cooperativeId, String readingId) {
    ofCooperative(cooperativeId);
    for (int i = 0; i < series.size(); i++) {
      Entry entry = series.get(i);
      if (!entry.readingId().equals(readingId)) continue;
      if (!entry.status().awaitsReview()) {
        throw new Refusal(Refusal.Kind.CONFLICT, "already_reviewed", "This reading was reviewed already",
            Map.of("status", entry.status().code()));
      }
      return i;
    }
    throw Refusal.notFound("Reading");
  }

  /** Another cooperative's staff learn nothing of the meter. */
  private void ofCooperative(String cooperativeId) {
    if (!this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Meter");
  }

  private static Refusal rule(String code, String message, Map<String, Object> details) {
    return new Refusal(Refusal.Kind.RULE_VIOLATED, code, message, details);
  }

  @EventSourcingHandler
  void on(MeterEvent event) {
    sequence++;
    switch (event) {
      case MeterRegistered e -> {
        meterId = e.meterId();
        cooperativeId = e.cooperativeId();
        premisesId = e.premisesId();
        kind = e.kind();
        place = e.place();
        legalisedUntil = e.legalisedUntil();
        series.add(new Entry(e.installationReadingId(), e.installedOn(), e.initialValue(), ReadingStatus.ACCEPTED));
      }
      case MeterRemoved e -> {
        removed = true;
        if (e.finalValue() != null) {
          series.add(new Entry(e.finalReadingId(), e.removedOn(), e.finalValue(), ReadingStatus.ACCEPTED));
        }
      }
      case ReadingSubmitted e -> series.add(new Entry(e.readingId(), e.readAt(), e.value(),
          e.jump() == null ? ReadingStatus.SUBMITTED : ReadingStatus.FLAGGED));
      case ReadingAccepted e -> review(e.readingId(), null, ReadingStatus.ACCEPTED);
      case ReadingCorrected e -> review(e.readingId(), e.to(), ReadingStatus.CORRECTED);
    }
  }

  private void review(String readingId, Volume corrected, ReadingStatus status) {
    series.replaceAll(entry -> entry.readingId().equals(readingId)
        ? new Entry(readingId, entry.readAt(), corrected == null ? entry.value() : corrected, status) : entry);
  }
}
