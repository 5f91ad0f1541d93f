package iok.account;

/** What a login attempt decided; the aggregate's answer to {@code AttemptLogin}. */
public sealed interface LoginOutcome {

  record SignedIn(String accountId, String cooperativeId, Role role, long sessionEpoch) implements LoginOutcome {}

  record WrongPassword(int remainingAttempts) implements LoginOutcome {}

  record Locked() implements LoginOutcome {}

  record Blocked() implements LoginOutcome {}
}
