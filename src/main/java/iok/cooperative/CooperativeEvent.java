package iok.cooperative;

import java.time.Instant;
import java.util.List;

/** What happens to a cooperative as a tenant of IOK. */
public sealed interface CooperativeEvent {

  String cooperativeId();

  /** {@code office} is whom a resident contacts (a locked account, wrong data): the office's address and hours. */
  record CooperativeEstablished(String cooperativeId, String name, PasswordPolicy passwordPolicy, int lockoutThreshold,
                                List<Zone> zones, String office) implements CooperativeEvent {}

  /** A batch from the cooperative's books was booked: residents see when their data were last loaded. */
  record BooksLoaded(String cooperativeId, String kind, int rows, int recorded, Instant at) implements CooperativeEvent {}

  record RegulationsPublished(String cooperativeId, String version, String text, Instant publishedAt)
      implements CooperativeEvent {}

  record ReminderTimesSet(String cooperativeId, ReminderTimes times, Instant at) implements CooperativeEvent {}

  /**
   * The cooperative enabled, suspended or added zones (P III.8, O III.3): {@code zones} is the whole set
   * open to residents from now on. A suspended zone keeps its data and its events; residents just cannot
   * reach it until it is enabled again.
   */
  record ZonesSet(String cooperativeId, List<Zone> zones, Instant at) implements CooperativeEvent {}
}
