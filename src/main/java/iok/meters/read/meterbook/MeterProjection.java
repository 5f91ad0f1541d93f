package iok.meters.read.meterbook;

import iok.meters.MeterEvent;
import iok.meters.MeterEvent.MeterRegistered;
import iok.meters.MeterEvent.MeterRemoved;
import iok.meters.MeterEvent.ReadingAccepted;
import iok.meters.MeterEvent.ReadingCorrected;
import iok.meters.MeterEvent.ReadingSubmitted;
import iok.meters.ReadingScheduleEvent.ReadingWindowsSet;
import iok.meters.ReadingStatus;
import iok.meters.ReadingWindow;
import iok.meters.Volume;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Meters, their readings and the reading windows. A review is told to the resident who submitted the
 * reading ({@code reading.reviewed}) and to nobody else. Inserts ignore a row already there and updates
 * compare the meter's sequence, so a replayed event changes nothing.
 */
@ProcessingGroup(MeterProjection.PROCESSOR)
public final class MeterProjection {

  public static final String PROCESSOR = "meters";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/meters/schema.sql",
      List.of("meter_view", "meter_reading", "meters_reading_window", "meters_reading_schedule"));
  public static final String VERSION_QUERY = "SELECT version FROM meter_view WHERE meter_id = $1";
  public static final String WINDOWS_VERSION_QUERY = "SELECT version FROM meters_reading_schedule WHERE cooperative_id = $1";

  private static final String REGISTER = """
      INSERT INTO meter_view (meter_id, cooperative_id, premises_id, kind, number, place, legalised_until, installed_on,
                              replaces, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meter_id) DO NOTHING""";
  private static final String READING = """
      INSERT INTO meter_reading (reading_id, meter_id, cooperative_id, position, read_at, value, submitted_value, source,
                                 status, submitted_by, submitted_at, per_day, usual_per_day)
      SELECT ?, ?, cooperative_id, ?::bigint, ?::date, ?::numeric, ?::numeric, ?, ?, ?, ?::timestamptz, ?::numeric, ?::numeric
      FROM meter_view WHERE meter_id = ?
      ON CONFLICT (reading_id) DO NOTHING""";
  private static final String TOUCH = "UPDATE meter_view SET version = ? WHERE meter_id = ? AND version < ?";
  private static final String SCHEDULE = """
      INSERT INTO meters_reading_schedule (cooperative_id, version) VALUES (?, ?)
      ON CONFLICT (cooperative_id) DO UPDATE SET version = EXCLUDED.version
      WHERE meters_reading_schedule.version < EXCLUDED.version""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public MeterProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(MeterEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case MeterRegistered e -> {
        jdbc.update(REGISTER, e.meterId(), e.cooperativeId(), e.premisesId(), e.kind().code(), e.number(), e.place(),
            e.legalisedUntil(), e.installedOn(), e.replaces(), sequence);
        reading(e.installationReadingId(), e.meterId(), sequence, e.installedOn(), e.initialValue(), "installation",
            ReadingStatus.ACCEPTED, null, e.at(), null, null);
      }
      case MeterRemoved e -> {
        jdbc.update("UPDATE meter_view SET removed_on = ?, replaced_by = ? WHERE meter_id = ?", e.removedOn(),
            e.replacedBy(), e.meterId());
        if (e.finalValue() != null) {
          reading(e.finalReadingId(), e.meterId(), sequence, e.removedOn(), e.finalValue(), "removal",
              ReadingStatus.ACCEPTED, null, e.at(), null, null);
        }
      }
      case ReadingSubmitted e -> reading(e.readingId(), e.meterId(), sequence, e.readAt(), e.value(), "resident",
          e.jump() == null ? ReadingStatus.SUBMITTED : ReadingStatus.FLAGGED, e.accountId(), e.at(),
          e.jump() == null ? null : e.jump().perDay(), e.jump() == null ? null : e.jump().usualPerDay());
      case ReadingAccepted e -> reviewed(e.meterId(), e.readingId(), ReadingStatus.ACCEPTED, null, null, e.at(), message,
          replay);
      case ReadingCorrected e -> reviewed(e.meterId(), e.readingId(), ReadingStatus.CORRECTED, e.to(), e.comment(),
          e.at(), message, replay);
    }
    jdbc.update(TOUCH, sequence, event.meterId(), sequence);
  }

  @EventHandler
  void on(ReadingWindowsSet e, @SequenceNumber long sequence) {
    if (jdbc.update(SCHEDULE, e.cooperativeId(), sequence) == 0) return; // an older list than the one shown
    jdbc.update("DELETE FROM meters_reading_window WHERE cooperative_id = ?", e.cooperativeId());
    for (ReadingWindow w : e.windows()) {
      jdbc.update("INSERT INTO meters_reading_window (cooperative_id, opens_on, closes_on, mandatory) VALUES (?, ?, ?, ?)",
          e.cooperativeId(), w.opensOn(), w.closesOn(), w.mandatory());
    }
  }

  private void reading(String readingId, String meterId, long position, LocalDate readAt, Volume value, String source,
                       ReadingStatus status, String by, Instant at, Object perDay, Object usualPerDay) {
    jdbc.update(READING, readingId, meterId, position, readAt, value.cubicMetres(), value.cubicMetres(), source,
        status.code(), by, at, perDay, usualPerDay, meterId);
  }

  private void reviewed(String meterId, String readingId, ReadingStatus status, Volume corrected, String comment,
                        Instant at, EventMessage<?> message, ReplayStatus replay) {
    jdbc.update("UPDATE meter_reading SET status = ?, value = COALESCE(?::numeric, value), comment = ?, reviewed_at = ? "
        + "WHERE reading_id = ?", status.code(), corrected == null ? null : corrected.cubicMetres(), comment, at, readingId);
    if (replay.isReplay()) return;
    String[] who = jdbc.queryOne("SELECT cooperative_id, submitted_by, value::text FROM meter_reading WHERE reading_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, readingId);
    if (who == null || who[1] == null) return;
    push.publish(Audience.account(who[0], who[1]), "reading.reviewed", Map.of("meterId", meterId, "readingId", readingId,
        "status", status.code(), "value", who[2]), message.getIdentifier());
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM meter_reading");
    jdbc.update("DELETE FROM meter_view");
    jdbc.update("DELETE FROM meters_reading_window");
    jdbc.update("DELETE FROM meters_reading_schedule");
  }
}
