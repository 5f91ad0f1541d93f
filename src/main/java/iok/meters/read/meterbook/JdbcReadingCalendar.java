package iok.meters.read.meterbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.meters.ReadingCalendar;
import iok.meters.ReadingWindow;
import iok.platform.axon.Json;
import iok.platform.db.Jdbc;
import java.util.List;

/** The reading windows for a meter's decision, read in the command's own transaction. */
public final class JdbcReadingCalendar implements ReadingCalendar {

  private static final String WINDOWS = """
      SELECT COALESCE(json_agg(json_build_object('opensOn', opens_on, 'closesOn', closes_on, 'mandatory', mandatory)
                               ORDER BY opens_on), '[]')::text
      FROM meters_reading_window WHERE cooperative_id = ?""";
  private static final TypeReference<List<ReadingWindow>> LIST = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper json = Json.events();

  public JdbcReadingCalendar(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<ReadingWindow> windows(String cooperativeId) {
    String rows = jdbc.queryOne(WINDOWS, rs -> rs.getString(1), cooperativeId);
    try {
      return json.readValue(rows, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable reading windows of " + cooperativeId, e);
    }
  }
}
