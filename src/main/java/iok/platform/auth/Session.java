package iok.platform.auth;

/** A signed-in person as a request sees them: checked against the account's current state, not just the token. */
public record Session(String accountId, String cooperativeId, String login, String role, String sessionId,
                      long epoch, boolean mustChangePassword, boolean mustAcceptRegulations) {

  public boolean inForcedSteps() {
    return mustChangePassword || mustAcceptRegulations;
  }
}
