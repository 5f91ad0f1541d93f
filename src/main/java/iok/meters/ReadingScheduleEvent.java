package iok.meters;

import java.time.Instant;
import java.util.List;

/** The cooperative's reading windows, a small aggregate of its own beside the meters. */
public sealed interface ReadingScheduleEvent {

  /** The whole list, as the administrator set it; it replaces the previous one. */
  record ReadingWindowsSet(String scheduleId, String cooperativeId, List<ReadingWindow> windows, Instant at)
      implements ReadingScheduleEvent {}
}
