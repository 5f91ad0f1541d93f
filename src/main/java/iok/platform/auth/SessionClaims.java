package iok.platform.auth;

/** What a session token says, once its signature and expiry have been checked. */
public record SessionClaims(String accountId, String cooperativeId, String sessionId, long epoch) {}
