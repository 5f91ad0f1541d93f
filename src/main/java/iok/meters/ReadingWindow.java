package iok.meters;

import java.time.LocalDate;

/** Days, both included, in which the cooperative asks for readings; a mandatory one admits readings only then. */
public record ReadingWindow(LocalDate opensOn, LocalDate closesOn, boolean mandatory) {

  public ReadingWindow {
    if (closesOn.isBefore(opensOn)) throw new IllegalArgumentException("a reading window closes before it opens");
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(opensOn) && !day.isAfter(closesOn);
  }
}
