package iok.account.read.accounts;

import iok.account.AccountEvent;
import iok.account.AccountEvent.AccountBlocked;
import iok.account.AccountEvent.AccountLocked;
import iok.account.AccountEvent.AccountRegistered;
import iok.account.AccountEvent.AccountUnblocked;
import iok.account.AccountEvent.AccountUnlocked;
import iok.account.AccountEvent.InitialPasswordIssued;
import iok.account.AccountEvent.LoginFailed;
import iok.account.AccountEvent.LoginSucceeded;
import iok.account.AccountEvent.PasswordChanged;
import iok.account.AccountEvent.RegulationsAccepted;
import iok.account.AccountEvent.SignedOut;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import iok.privacy.PersonalData;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Accounts as the portal and the administrators see them. Every update is guarded by the aggregate
 * sequence ({@code version < ?}), so a replayed or repeated event changes nothing; pushes carry the
 * event id, so they are never sent twice either.
 */
@ProcessingGroup(AccountProjection.PROCESSOR)
public final class AccountProjection {

  public static final String PROCESSOR = "accounts";
  /** Raise when the tables or what the handlers write change: the read model is then rebuilt from the events. */
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 4, "/iok/account/schema.sql",
      java.util.List.of("account_ended_session", "account"));
  public static final String VERSION_QUERY = "SELECT version FROM account WHERE account_id = $1";
  /** Answers 1 once the row shows the account locked: what a lock must wait for before the login answers. */
  public static final String LOCKED_QUERY = "SELECT CASE WHEN locked THEN 1 ELSE 0 END FROM account WHERE account_id = $1";

  private static final String REGISTER = """
      INSERT INTO account (account_id, cooperative_id, login, role, first_name, last_name, email, phone,
                           must_change_password, registered_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO NOTHING""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public AccountProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(AccountEvent event, @SequenceNumber long sequence, @Timestamp Instant at, EventMessage<?> message) {
    switch (event) {
      case AccountRegistered e -> jdbc.update(REGISTER, e.accountId(), e.cooperativeId(), e.login(), e.role().code(),
          e.firstName(), e.lastName(), e.email(), e.phone(), e.mustChangePassword(), at, sequence);
      case LoginSucceeded e -> set(e, sequence, "consecutive_failures = 0, last_login_at = ?", at);
      case LoginFailed e -> set(e, sequence, "consecutive_failures = ?", e.consecutiveFailures());
      case AccountLocked e -> {
        if (set(e, sequence, "locked = true, session_epoch = session_epoch + 1, kept_session_id = NULL")) {
          tell(e, "account.locked", message, Map.of("consecutiveFailures", e.consecutiveFailures()));
        }
      }
      case AccountUnlocked e -> {
        if (set(e, sequence, "locked = false, consecutive_failures = 0")) {
          tell(e, "account.unlocked", message, Map.of());
        }
      }
      case PasswordChanged e -> {
        if (set(e, sequence, "must_change_password = false, session_epoch = session_epoch + 1, kept_session_id = ?",
            e.sessionId())) {
          tell(e, "account.password-changed", message, Map.of("keepsSession", e.sessionId()));
        }
      }
      case InitialPasswordIssued e -> {
        if (set(e, sequence, "must_change_password = true, session_epoch = session_epoch + 1, kept_session_id = NULL, "
            + "locked = false, consecutive_failures = 0")) {
          tell(e, "account.password-reset", message, Map.of());
        }
      }
      case RegulationsAccepted e -> set(e, sequence, "accepted_regulations_version = ?", e.version());
      case AccountBlocked e -> {
        if (set(e, sequence, "blocked = true, blocked_reason = ?, session_epoch = session_epoch + 1, kept_session_id = NULL",
            e.reason())) {
          tell(e, "account.blocked", message, Map.of("reason", e.reason()));
        }
      }
      case AccountUnblocked e -> {
        if (set(e, sequence, "blocked = false, blocked_reason = NULL")) tell(e, "account.unblocked", message, Map.of());
      }
      case AccountEvent.ContactChanged e -> set(e, sequence, "email = ?, phone = ?", e.email(), e.phone());
      case AccountEvent.ContactDeleted e -> set(e, sequence, "email = NULL, phone = NULL");
      case AccountEvent.NotificationsChosen e -> set(e, sequence, "notifications = ?::jsonb",
          io.vertx.core.json.Json.encode(e.choices()));
      // the events already read as erased once the key is gone; this scrubs what was projected before
      case AccountEvent.AccountErased e -> set(e, sequence, "erased = true, first_name = ?, last_name = ?, email = NULL, "
          + "phone = NULL, notifications = '{}', blocked_reason = CASE WHEN blocked_reason IS NULL THEN NULL ELSE ? END",
          PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED);
      case SignedOut e -> {
        jdbc.update("INSERT INTO account_ended_session (session_id, account_id, ended_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (session_id) DO NOTHING", e.sessionId(), e.accountId(), at);
        if (set(e, sequence, "")) {
          // only the session that signed out hears of it, and its live stream ends with it
          String cooperativeId = jdbc.queryOne("SELECT cooperative_id FROM account WHERE account_id = ?",
              rs -> rs.getString(1), e.accountId());
          push.publish(Audience.account(cooperativeId, e.accountId()), "account.signed-out",
              Map.of("session", e.sessionId(), "endsSession", e.sessionId()), message.getIdentifier());
        }
      }
    }
  }

  /** Applies the assignments if this event is news to the row; true when it was. */
  private boolean set(AccountEvent e, long sequence, String assignments, Object... params) {
    Object[] all = new Object[params.length + 3];
    System.arraycopy(params, 0, all, 0, params.length);
    all[params.length] = sequence;
    all[params.length + 1] = e.accountId();
    all[params.length + 2] = sequence;
    String set = assignments.isEmpty() ? "" : assignments + ", ";
    return jdbc.update("UPDATE account SET " + set + "version = ? WHERE account_id = ? AND version < ?", all) == 1;
  }

  /**
   * Tells the account's own sessions (which end when the event ends sessions) and the cooperative's
   * administrators, whose screens show account states.
   */
  private void tell(AccountEvent e, String type, EventMessage<?> message, Map<String, Object> data) {
    String[] row = jdbc.queryOne("SELECT cooperative_id, session_epoch FROM account WHERE account_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, e.accountId());
    String cooperativeId = row[0];
    Map<String, Object> payload = new java.util.HashMap<>(data);
    payload.put("accountId", e.accountId());
    if (AccountEvent.endsSessions(e)) payload.put("endsSessionsBefore", Long.parseLong(row[1]));
    push.publish(Audience.account(cooperativeId, e.accountId()), type, payload, message.getIdentifier());
    payload.remove("endsSessionsBefore");
    payload.remove("keepsSession");
    push.publish(Audience.role(cooperativeId, "admin"), type, payload, message.getIdentifier());
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM account_ended_session");
    jdbc.update("DELETE FROM account");
  }
}
