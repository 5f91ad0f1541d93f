package iok.account.write.session;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.account.AccountCommands.AcceptRegulations;
import iok.account.AccountCommands.AttemptLogin;
import iok.account.AccountCommands.ChangePassword;
import iok.account.AccountCommands.SignOut;
import iok.account.Account.ChangedPassword;
import iok.account.LoginOutcome;
import iok.account.read.accounts.AccountProjection;
import iok.platform.auth.Passwords;
import iok.platform.auth.Session;
import iok.platform.auth.SessionCheck;
import iok.platform.auth.SessionClaims;
import iok.platform.auth.Sessions;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.Map;
import java.util.UUID;

/** Signing in and out, and the two forced first-login steps: a new password and accepting the regulations. */
public final class SessionRoutes {

  // the cooperative's lockout threshold comes along, so an unknown login counts down as a real one would
  private static final String FIND_LOGIN = """
      SELECT l.account_id, c.lockout_threshold FROM (SELECT $1::text AS cooperative_id) q
      LEFT JOIN cooperative c ON c.cooperative_id = q.cooperative_id
      LEFT JOIN account_login l ON l.cooperative_id = q.cooperative_id AND l.login = $2""";

  record LoginBody(String cooperative, String login, String password) {
    LoginBody {
      cooperative = Fields.text(cooperative, "cooperative", 64);
      login = Fields.text(login, "login", 64);
      password = Fields.secret(password, "password");
    }
  }

  record PasswordBody(String currentPassword, String newPassword) {
    PasswordBody {
      currentPassword = Fields.secret(currentPassword, "currentPassword");
      newPassword = Fields.secret(newPassword, "newPassword");
    }
  }

  record AcceptBody(String version) {
    AcceptBody {
      version = Fields.text(version, "version", 40);
    }
  }

  private final Pool pool;
  private final Commands commands;
  private final Sessions sessions;
  private final SessionCheck check;
  private final Passwords passwords;
  private final ReadYourWrites reads;
  private final UnknownLogins unknownLogins;
  private final LoginTiming timing = new LoginTiming();
  private Api api;

  public SessionRoutes(Pool pool, Commands commands, Sessions sessions, SessionCheck check, Passwords passwords,
                       ReadYourWrites reads) {
    this.pool = pool;
    this.commands = commands;
    this.sessions = sessions;
    this.check = check;
    this.passwords = passwords;
    this.reads = reads;
    this.unknownLogins = new UnknownLogins(pool);
  }

  public void mount(Api api) {
    this.api = api;
    api.route(HttpMethod.POST, "/api/auth/login", Access.ANYONE, this::login);
    api.route(HttpMethod.POST, "/api/auth/logout", Access.FORCED_STEPS, this::logout);
    api.route(HttpMethod.POST, "/api/auth/password", Access.FORCED_STEPS, this::changePassword);
    api.route(HttpMethod.POST, "/api/regulations/accept", Access.FORCED_STEPS, this::acceptRegulations);
  }

  private void login(RoutingContext ctx) {
    LoginBody body = Bodies.read(ctx, LoginBody.class);
    String login = body.login().toLowerCase(java.util.Locale.ROOT);
    String sessionId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    // counted before any hashing, for logins that exist and logins that do not alike
    api.limits().attempt(ctx, "login", api.clientAddress(ctx), body.cooperative() + "/" + login)
        .compose(allowed -> pool.preparedQuery(FIND_LOGIN).execute(Tuple.of(body.cooperative(), login)))
        .compose(rows -> {
          var found = rows.iterator().next();
          String accountId = found.getString(0);
          if (accountId == null) {
            // the same work and the same answer as a wrong password: nobody learns which logins exist
            int threshold = found.getInteger(1) == null ? UnknownLogins.DEFAULT_THRESHOLD : found.getInteger(1);
            return commands.offLoop(() -> {
              passwords.checkAgainstDecoy(body.password());
              return threshold;
            }).compose(t -> unknownLogins.failed(body.cooperative(), login, t))
                .map(remaining -> (LoginOutcome) new LoginOutcome.WrongPassword(remaining))
                .compose(outcome -> {
                  long padding = timing.paddingMillis(System.nanoTime() - started);
                  if (padding == 0) return io.vertx.core.Future.succeededFuture(outcome);
                  io.vertx.core.Promise<LoginOutcome> later = io.vertx.core.Promise.promise();
                  ctx.vertx().setTimer(padding, t -> later.complete(outcome));
                  return later.future();
                });
          }
          return commands.<LoginOutcome>sendAnonymous(ctx, body.cooperative(), accountId,
                  new AttemptLogin(accountId, body.password(), sessionId))
              .onSuccess(outcome -> timing.realAttemptTook(System.nanoTime() - started))
              // a lock ends the account's sessions; it must hold before anyone hears of it
              .compose(outcome -> outcome instanceof LoginOutcome.WrongPassword w && w.remainingAttempts() == 0
                  ? reads.await(AccountProjection.LOCKED_QUERY, accountId, 1).map(outcome)
                  : io.vertx.core.Future.succeededFuture(outcome));
        })
        .compose(outcome -> answer(ctx, (LoginOutcome) outcome, sessionId))
        .onFailure(ctx::fail);
  }

  private Future<Void> answer(RoutingContext ctx, LoginOutcome outcome, String sessionId) {
    return switch (outcome) {
      case LoginOutcome.WrongPassword w -> Future.failedFuture(new ApiError(401, "invalid_credentials",
          "The login or the password is wrong", Map.of("remainingAttempts", w.remainingAttempts())));
      case LoginOutcome.Locked l -> Future.failedFuture(new ApiError(423, "account_locked",
          "The account is locked after repeated wrong passwords; the cooperative's office will unlock it"));
      case LoginOutcome.Blocked b -> Future.failedFuture(new ApiError(403, "account_blocked",
          "The account is blocked; contact the cooperative's office"));
      case LoginOutcome.SignedIn in -> signedIn(ctx, in, sessionId);
    };
  }

  private Future<Void> signedIn(RoutingContext ctx, LoginOutcome.SignedIn in, String sessionId) {
    SessionClaims claims = new SessionClaims(in.accountId(), in.cooperativeId(), sessionId, in.sessionEpoch());
    String token = sessions.issue(claims);
    return check.check(claims).map(session -> {
      // the account's read model lags behind its events: the sign-in is recorded but cannot be used yet
      Session s = session.orElseThrow(() -> ReadYourWrites.NOT_READY);
      sessions.setCookie(ctx, token);
      Api.json(ctx, 200, new JsonObject()
          .put("accountId", s.accountId())
          .put("cooperative", s.cooperativeId())
          .put("roles", roles(s.role()))
          .put("mustChangePassword", s.mustChangePassword())
          .put("mustAcceptRegulations", s.mustAcceptRegulations())
          .put("accessToken", token));
      return null;
    });
  }

  private void logout(RoutingContext ctx) {
    Session session = Api.session(ctx);
    commands.<Long>send(ctx, new SignOut(session.accountId(), session.sessionId()))
        .compose(sequence -> reads.await(AccountProjection.VERSION_QUERY, session.accountId(), sequence))
        .onSuccess(v -> {
          sessions.clearCookie(ctx);
          Api.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    PasswordBody body = Bodies.read(ctx, PasswordBody.class);
    Session session = Api.session(ctx);
    api.limits().attempt(ctx, "password", api.clientAddress(ctx), session.accountId())
        .compose(allowed -> commands.<ChangedPassword>send(ctx, new ChangePassword(session.accountId(), body.currentPassword(),
            body.newPassword(), session.sessionId())))
        .compose(changed -> reads.await(AccountProjection.VERSION_QUERY, session.accountId(), changed.sequence())
            .map(changed))
        .onSuccess(changed -> {
          String token = sessions.issue(new SessionClaims(session.accountId(), session.cooperativeId(),
              session.sessionId(), changed.sessionEpoch()));
          sessions.setCookie(ctx, token);
          ctx.response().putHeader("X-Access-Token", token);
          Api.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  private void acceptRegulations(RoutingContext ctx) {
    AcceptBody body = Bodies.read(ctx, AcceptBody.class);
    Session session = Api.session(ctx);
    commands.<Long>send(ctx, new AcceptRegulations(session.accountId(), body.version()))
        .compose(sequence -> reads.await(AccountProjection.VERSION_QUERY, session.accountId(), sequence))
        .onSuccess(v -> Api.noContent(ctx))
        .onFailure(ctx::fail);
  }

  static JsonArray roles(String role) {
    return new JsonArray().add(role);
  }
}
