package iok.account;

/**
 * Logins are unique within a cooperative. The set is checked where the account's first event is
 * appended, in the same transaction, so two registrations can never take one login.
 */
public interface LoginRegistry {

  /** Claims the login for the account; false when another account holds it. */
  boolean claim(String cooperativeId, String login, String accountId);
}
