package iok.account;

import iok.privacy.DataSubject;
import iok.privacy.PersonalData;
/**
 * Everything that happens to an account. Who caused each event (actor, role) and the request it came
 * from travel in the event's metadata, not here.
 */
public sealed interface AccountEvent {

  String accountId();

  /** The login stays in clear: a number the cooperative gave, by which its books name the holder of a title. */
  record AccountRegistered(@DataSubject String accountId, String cooperativeId, String login, Role role,
                           @PersonalData String firstName, @PersonalData String lastName,
                           @PersonalData(contact = true) String email, @PersonalData(contact = true) String phone,
                           String passwordHash, boolean mustChangePassword) implements AccountEvent {}

  record LoginSucceeded(String accountId, String sessionId) implements AccountEvent {}

  enum FailureReason { WRONG_PASSWORD, LOCKED, BLOCKED }

  record LoginFailed(String accountId, FailureReason reason, int consecutiveFailures) implements AccountEvent {}

  record AccountLocked(String accountId, int consecutiveFailures) implements AccountEvent {}

  record AccountUnlocked(String accountId) implements AccountEvent {}

  /** The session that changed the password goes on; every other one ends. */
  record PasswordChanged(String accountId, String passwordHash, String sessionId) implements AccountEvent {}

  /** A new first-login password from an administrator after a loss of credentials; it also lifts a lock. */
  record InitialPasswordIssued(String accountId, String passwordHash) implements AccountEvent {}

  record RegulationsAccepted(String accountId, String version) implements AccountEvent {}

  record AccountBlocked(@DataSubject String accountId, @PersonalData String reason) implements AccountEvent {}

  record AccountUnblocked(String accountId) implements AccountEvent {}

  record SignedOut(String accountId, String sessionId) implements AccountEvent {}

  /** Voluntary contact data (R15, P IV.1-2): a null is a field left empty. */
  record ContactChanged(@DataSubject String accountId, @PersonalData(contact = true) String email,
                        @PersonalData(contact = true) String phone) implements AccountEvent {}

  /** The person deleted their contact data for good (P IV.3): nothing may use them from now on. */
  record ContactDeleted(String accountId) implements AccountEvent {}

  /** What the person wants to be told of, and where (P III.6h): kind -> channels. */
  record NotificationsChosen(String accountId, java.util.Map<String, java.util.List<String>> choices)
      implements AccountEvent {}

  /**
   * The person was erased (R18, P V.3): their key is destroyed, so the names, contact data and texts sealed
   * under it read as erased everywhere; the account's id, login and the books tied to it stay.
   */
  record AccountErased(String accountId) implements AccountEvent {}

  /** Events after which sessions opened before them are no longer valid. */
  static boolean endsSessions(AccountEvent event) {
    return event instanceof AccountLocked || event instanceof AccountBlocked
        || event instanceof PasswordChanged || event instanceof InitialPasswordIssued;
  }
}
