package iok.privacy.write.erasure;

import iok.account.Erasure;
import iok.platform.db.Jdbc;
import iok.privacy.PersonalKeys;
import java.time.LocalDate;

/**
 * Erasure beside the events, in the erasing command's transaction: the person's key is destroyed (so
 * everything sealed under it, in events and snapshots, reads as erased), the account's snapshots go, and so
 * do the bytes IOK kept for the person outside the events — photos of the faults they reported, the PDFs of
 * letters to them — and the live messages still waiting for them or about their faults and letters.
 * Their descriptions (size, SHA-256) stay in the events: proof of what existed, should a claim need it.
 */
public final class JdbcErasure implements Erasure {

  private static final String HOLDS_TITLE = """
      SELECT count(*) FROM title_view WHERE cooperative_id = ? AND account_id = ?
         AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?)""";

  private final Jdbc jdbc;
  private final PersonalKeys keys;

  public JdbcErasure(Jdbc jdbc, PersonalKeys keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  @Override
  public boolean holdsTitle(String cooperativeId, String accountId, LocalDate day) {
    return jdbc.queryOne(HOLDS_TITLE, rs -> rs.getLong(1), cooperativeId, accountId, day, day) > 0;
  }

  @Override
  public void erase(String cooperativeId, String accountId) {
    keys.destroy(accountId);
    jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", accountId);
    jdbc.update("""
        DELETE FROM fault_photo_content WHERE cooperative_id = ?
           AND fault_id IN (SELECT fault_id FROM fault_view WHERE cooperative_id = ? AND reporter_id = ?)""",
        cooperativeId, cooperativeId, accountId);
    jdbc.update("""
        DELETE FROM letter_content WHERE cooperative_id = ? AND content_id IN (
          SELECT f.content_id FROM letter_file f JOIN letter_thread t ON t.thread_id = f.thread_id
           WHERE t.cooperative_id = ? AND t.resident_id = ?)""", cooperativeId, cooperativeId, accountId);
    jdbc.update("""
        DELETE FROM push_feed WHERE cooperative = ? AND (audience = ? OR data ->> 'accountId' = ?
           OR data ->> 'faultId' IN (SELECT fault_id FROM fault_view WHERE cooperative_id = ? AND reporter_id = ?)
           OR data ->> 'threadId' IN (SELECT thread_id FROM letter_thread WHERE cooperative_id = ? AND resident_id = ?))""",
        cooperativeId, "account:" + accountId, accountId, cooperativeId, accountId, cooperativeId, accountId);
  }
}
