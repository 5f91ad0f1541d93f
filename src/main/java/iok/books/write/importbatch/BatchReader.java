package iok.books.write.importbatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import iok.platform.http.ApiError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch body into rows of text fields with their line: JSON {@code {"rows":[{...}]}} (line =
 * the row's 1-based number) or CSV with a header (line = the file's line). Whether the fields make sense
 * is {@link RowParser}'s business.
 */
final class BatchReader {

  record RawRow(int line, Map<String, String> fields, List<RowProblem> problems) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
      .enable(CsvParser.Feature.TRIM_SPACES);

  private BatchReader() {}

  static List<RawRow> read(String contentType, byte[] body, BatchKind kind) {
    String type = contentType == null ? "" : contentType.toLowerCase();
    if (body.length == 0) throw ApiError.badRequest("empty_batch", "The batch is empty", null);
    if (type.startsWith("application/json")) return json(body, kind);
    if (type.startsWith("text/csv")) return csv(body, kind);
    throw new ApiError(415, "unsupported_media_type", "Send the batch as application/json or text/csv");
  }

  private static List<RawRow> json(byte[] body, BatchKind kind) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("malformed_json", "The body is not valid JSON", null);
    }
    if (root == null || !root.isObject() || !root.path("rows").isArray() || root.size() != 1) {
      throw ApiError.badRequest("malformed_batch", "A batch is {\"rows\": [ ... ]}", null);
    }
    List<RawRow> rows = new ArrayList<>();
    int line = 0;
    for (JsonNode node : root.get("rows")) {
      line++;
      limit(line);
      Map<String, String> fields = new LinkedHashMap<>();
      List<RowProblem> problems = new ArrayList<>();
      if (!node.isObject()) {
        problems.add(new RowProblem(line, "", "a row is a JSON object"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode value = field.getValue();
          if (!kind.knows(field.getKey())) problems.add(new RowProblem(line, field.getKey(), "unknown field"));
          else if (value.isNull()) continue;
          else if (!value.isTextual()) problems.add(new RowProblem(line, field.getKey(), "must be a string"));
          else fields.put(field.getKey(), value.asText());
        }
      }
      rows.add(new RawRow(line, fields, problems));
    }
    return rows;
  }

  private static List<RawRow> csv(byte[] body, BatchKind kind) {
    List<RawRow> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader().withColumnReordering(true)).readValues(body)) {
      CsvSchema header = (CsvSchema) it.getParserSchema();
      List<RowProblem> headerProblems = new ArrayList<>();
      if (header != null) {
        for (CsvSchema.Column column : header) {
          if (!kind.knows(column.getName())) headerProblems.add(new RowProblem(1, column.getName(), "unknown column"));
        }
      }
      if (!headerProblems.isEmpty()) {
        rows.add(new RawRow(1, Map.of(), headerProblems));
        return rows;
      }
      while (it.hasNext()) {
        int line = it.getCurrentLocation().getLineNr();
        Map<String, String> raw = it.next();
        limit(rows.size() + 1);
        Map<String, String> fields = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
          if (v != null && !v.isEmpty()) fields.put(k, v);
        });
        rows.add(new RawRow(line, fields, new ArrayList<>()));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiError error) throw error;
      throw ApiError.badRequest("malformed_csv", "The CSV cannot be read: " + firstLine(e.getMessage()), null);
    }
    return rows;
  }

  private static void limit(int rows) {
    if (rows > BatchKind.MAX_ROWS) {
      throw new ApiError(413, "batch_too_large", "A batch has at most " + BatchKind.MAX_ROWS + " rows; split it");
    }
  }

  private static String firstLine(String message) {
    if (message == null) return "";
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
