package iok;

import static org.assertj.core.api.Assertions.assertThat;

import iok.support.ApiClient;
import iok.support.Eventually;
import iok.support.TestIok;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A read model whose version changed is dropped and rebuilt from the events, row for row. */
class ReadModelRebuildTest {

  private static final String ACCOUNTS = "SELECT * FROM account ORDER BY account_id";

  @Test
  void a_changed_read_model_is_rebuilt_from_the_events_with_the_same_rows() throws Exception {
    List<List<Object>> before;
    TestIok first = TestIok.start();
    var db = first.db();
    try (first) {
      ApiClient api = first.client();
      String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      var r = api.post("/api/admin/accounts", admin, Map.of("firstName", "Rafał", "lastName", "Odbudowa")).json();
      for (int i = 0; i < 3; i++) {
        api.post("/api/auth/login", null, Map.of("cooperative", "sm-prudnik", "login", r.getString("login"), "password", "x" + i));
      }
      api.post("/api/admin/accounts/" + r.getString("accountId") + "/block", admin, Map.of("reason", "test"));
      before = rows(first, ACCOUNTS);
      try (Connection c = first.iok().database().dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute("UPDATE read_model_version SET version = version - 1 WHERE processor = 'accounts'");
      }
    }
    try (TestIok second = TestIok.start(db, Map.of())) {
      List<List<Object>> expected = before;
      List<List<Object>> after = Eventually.await(() -> rows(second, ACCOUNTS), expected::equals, Duration.ofSeconds(20));
      assertThat(after).hasSize(before.size()).isEqualTo(before);
    }
  }

  private static List<List<Object>> rows(TestIok node, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = node.iok().database().dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) row.add(rs.getObject(i));
        rows.add(row);
      }
    }
    return rows;
  }
}
