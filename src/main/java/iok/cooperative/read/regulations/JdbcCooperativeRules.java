package iok.cooperative.read.regulations;

import com.fasterxml.jackson.databind.ObjectMapper;
import iok.cooperative.CooperativeRules;
import iok.cooperative.LockoutPolicy;
import iok.cooperative.PasswordPolicy;
import iok.platform.db.Jdbc;
import iok.platform.domain.Refusal;
import java.util.Optional;

/** The cooperative's rules for command handlers, read in the command's own transaction. */
public final class JdbcCooperativeRules implements CooperativeRules {

  private static final String SELECT = """
      SELECT cooperative_id, name, password_policy::text, lockout_threshold, regulations_version
      FROM cooperative WHERE cooperative_id = ?""";

  private final Jdbc jdbc;
  private final ObjectMapper json = new ObjectMapper();

  public JdbcCooperativeRules(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Rules of(String cooperativeId) {
    Rules rules = jdbc.queryOne(SELECT, rs -> {
      try {
        return new Rules(rs.getString(1), rs.getString(2), json.readValue(rs.getString(3), PasswordPolicy.class),
            new LockoutPolicy(rs.getInt(4)), Optional.ofNullable(rs.getString(5)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("unreadable password policy of " + cooperativeId, e);
      }
    }, cooperativeId);
    if (rules == null) throw Refusal.notFound("Cooperative");
    return rules;
  }
}
