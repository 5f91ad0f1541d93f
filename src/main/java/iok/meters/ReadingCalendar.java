package iok.meters;

import java.util.List;

/** The cooperative's reading windows as they stand now, for a meter deciding on a reading. */
public interface ReadingCalendar {

  List<ReadingWindow> windows(String cooperativeId);
}
