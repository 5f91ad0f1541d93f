package iok.account.write.administration;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.account.AccountCommands.BlockAccount;
import iok.account.AccountCommands.EraseAccount;
import iok.account.AccountCommands.IssueInitialPassword;
import iok.account.AccountCommands.UnblockAccount;
import iok.account.AccountCommands.UnlockAccount;
import iok.account.read.accounts.AccountProjection;
import iok.platform.auth.Passwords;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Idempotency;
import iok.platform.http.Fields;
import java.util.function.Function;

/** What a cooperative's administrator does to its accounts (R1, R2, R4, R6). Another cooperative's accounts answer 404. */
public final class AdministrationRoutes {

  record RegisterBody(String firstName, String lastName, String email, String phone) {
    RegisterBody {
      firstName = Fields.text(firstName, "firstName", 100);
      lastName = Fields.text(lastName, "lastName", 100);
      email = Fields.optionalEmail(email, "email");
      phone = Fields.optionalPhone(phone, "phone");
    }
  }

  record BlockBody(String reason) {
    BlockBody {
      reason = Fields.text(reason, "reason", 500);
    }
  }

  private final Commands commands;
  private final Passwords passwords;
  private final ReadYourWrites reads;
  private final Registration registration;

  public AdministrationRoutes(Commands commands, Passwords passwords, ReadYourWrites reads, Registration registration) {
    this.commands = commands;
    this.passwords = passwords;
    this.reads = reads;
    this.registration = registration;
  }

  public void mount(Api api) {
    api.route(HttpMethod.POST, "/api/admin/accounts", Access.ADMIN, this::register);
    api.route(HttpMethod.POST, "/api/admin/accounts/:id/unlock", Access.ADMIN,
        ctx -> act(ctx, id -> new UnlockAccount(id, coop(ctx))));
    api.route(HttpMethod.POST, "/api/admin/accounts/:id/block", Access.ADMIN, ctx -> {
      BlockBody body = Bodies.read(ctx, BlockBody.class);
      act(ctx, id -> new BlockAccount(id, coop(ctx), body.reason()));
    });
    api.route(HttpMethod.POST, "/api/admin/accounts/:id/unblock", Access.ADMIN,
        ctx -> act(ctx, id -> new UnblockAccount(id, coop(ctx))));
    api.route(HttpMethod.POST, "/api/admin/accounts/:id/reset-password", Access.ADMIN, this::resetPassword);
    // R18, P V.3: the person's key is destroyed; refused while the account is not closed
    api.route(HttpMethod.POST, "/api/admin/accounts/:id/erasure", Access.ADMIN,
        ctx -> act(ctx, id -> new EraseAccount(id, coop(ctx))));
  }

  private void register(RoutingContext ctx) {
    RegisterBody body = Bodies.read(ctx, RegisterBody.class);
    Session admin = Api.session(ctx);
    registration.resident(admin.cooperativeId(),
            new Registration.Person(body.firstName(), body.lastName(), body.email(), body.phone()), Commands.metaData(ctx))
        .onSuccess(r -> {
          Idempotency.answerHoldsSecret(ctx);
          Api.json(ctx, 201, new JsonObject().put("accountId", r.accountId()).put("login", r.login())
              .put("initialPassword", r.initialPassword()));
        })
        .onFailure(ctx::fail);
  }

  private void resetPassword(RoutingContext ctx) {
    String id = accountId(ctx);
    String initialPassword = passwords.initialPassword();
    commands.offLoop(() -> passwords.hash(initialPassword))
        .compose(hash -> send(ctx, new IssueInitialPassword(id, coop(ctx), hash), id))
        .onSuccess(v -> {
          Idempotency.answerHoldsSecret(ctx);
          Api.json(ctx, 200, new JsonObject().put("initialPassword", initialPassword));
        })
        .onFailure(ctx::fail);
  }

  private void act(RoutingContext ctx, Function<String, Object> command) {
    String id = accountId(ctx);
    send(ctx, command.apply(id), id).onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
  }

  private Future<Void> send(RoutingContext ctx, Object command, String accountId) {
    return commands.<Long>send(ctx, command)
        .compose(sequence -> reads.await(AccountProjection.VERSION_QUERY, accountId, sequence));
  }

  private static String accountId(RoutingContext ctx) {
    return Api.pathId(ctx, "id", "Account");
  }

  private static String coop(RoutingContext ctx) {
    return Api.session(ctx).cooperativeId();
  }
}
