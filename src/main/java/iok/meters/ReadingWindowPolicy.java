package iok.meters;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * "Outside a window the cooperative made mandatory": when the cooperative has at least one mandatory
 * window, a resident's reading is taken only if it was read and is submitted within one and the same
 * mandatory window, that is {@code opensOn <= readAt <= today <= closesOn}. A reading of the window's
 * days sent after it closed is late, and one dated before it opened was not read in it. Windows that
 * are not mandatory only tell residents when readings are wanted (and the reminders when to remind);
 * they refuse nothing, and neither does a cooperative without mandatory windows.
 */
public final class ReadingWindowPolicy {

  private ReadingWindowPolicy() {}

  public static boolean admits(List<ReadingWindow> windows, LocalDate readAt, LocalDate today) {
    List<ReadingWindow> mandatory = windows.stream().filter(ReadingWindow::mandatory).toList();
    return mandatory.isEmpty() || mandatory.stream().anyMatch(w -> w.contains(readAt) && w.contains(today));
  }

  /** The window a resident may read in now, or the next one to come; mandatory ones first when both fit. */
  public static Optional<ReadingWindow> current(List<ReadingWindow> windows, LocalDate today) {
    return windows.stream().filter(w -> w.contains(today))
        .min(Comparator.comparing((ReadingWindow w) -> !w.mandatory()).thenComparing(ReadingWindow::closesOn));
  }

  public static Optional<ReadingWindow> next(List<ReadingWindow> windows, LocalDate today) {
    return windows.stream().filter(w -> w.opensOn().isAfter(today)).min(Comparator.comparing(ReadingWindow::opensOn));
  }

  /** The next mandatory window that a resident can still read in: the one open now, or the next to open. */
  public static Optional<ReadingWindow> nextMandatory(List<ReadingWindow> windows, LocalDate today) {
    return windows.stream().filter(ReadingWindow::mandatory).filter(w -> !w.closesOn().isBefore(today))
        .min(Comparator.comparing(ReadingWindow::opensOn));
  }
}
