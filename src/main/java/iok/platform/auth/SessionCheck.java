package iok.platform.auth;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Whether a token's session still holds: the account is neither locked nor blocked, no password change
 * ended the session, and it was not signed out. The account feature provides it from its read model.
 */
public interface SessionCheck {

  Future<Optional<Session>> check(SessionClaims claims);
}
