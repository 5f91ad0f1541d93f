package iok.account.write.administration;

import io.vertx.core.Future;
import iok.account.AccountCommands.RegisterAccount;
import iok.account.Role;
import iok.account.read.accounts.AccountProjection;
import iok.platform.auth.Passwords;
import iok.platform.db.ReadYourWrites;
import iok.platform.domain.Refusal;
import iok.platform.http.Commands;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.messaging.MetaData;

/**
 * Registers a person with a fresh login and initial password, retrying when a drawn login is taken.
 * Used by the administrators' route and by the demo seed.
 */
public final class Registration {

  public record Person(String firstName, String lastName, String email, String phone) {}

  public record Registered(String accountId, String login, String initialPassword) {}

  private static final int ATTEMPTS = 5;

  private final Commands commands;
  private final Passwords passwords;
  private final ReadYourWrites reads;
  private final SecureRandom random = new SecureRandom();

  public Registration(Commands commands, Passwords passwords, ReadYourWrites reads) {
    this.commands = commands;
    this.passwords = passwords;
    this.reads = reads;
  }

  /** Residents get a numeric login, as on the cooperative's paper forms, and must change the password. */
  public Future<Registered> resident(String cooperativeId, Person person, MetaData meta) {
    return register(cooperativeId, Role.RESIDENT, person, attempt -> String.valueOf(10_000_000 + random.nextInt(90_000_000)),
        passwords.initialPassword(), true, meta);
  }

  /** Staff accounts with a chosen login and password (the demo's {@code admin} and {@code auditor}). */
  public Future<Registered> staff(String cooperativeId, Role role, String login, String password, Person person,
                                  MetaData meta) {
    return register(cooperativeId, role, person, attempt -> login, password, false, meta);
  }

  private Future<Registered> register(String cooperativeId, Role role, Person person, Function<Integer, String> logins,
                                      String password, boolean mustChange, MetaData meta) {
    return commands.offLoop(() -> passwords.hash(password))
        .compose(hash -> attempt(cooperativeId, role, person, logins, hash, mustChange, meta, 1))
        .map(r -> new Registered(r.accountId(), r.login(), password));
  }

  private Future<Registered> attempt(String cooperativeId, Role role, Person person, Function<Integer, String> logins,
                                     String hash, boolean mustChange, MetaData meta, int attempt) {
    String accountId = UUID.randomUUID().toString();
    String login = logins.apply(attempt);
    RegisterAccount command = new RegisterAccount(accountId, cooperativeId, login, role, person.firstName(),
        person.lastName(), person.email(), person.phone(), hash, mustChange);
    return commands.send(meta, command)
        .compose(id -> reads.await(AccountProjection.VERSION_QUERY, accountId, 0))
        .map(v -> new Registered(accountId, login, null))
        .recover(failure -> {
          boolean taken = failure instanceof Refusal r && r.code().equals("login_taken")
              || failure.getCause() instanceof Refusal r2 && r2.code().equals("login_taken");
          if (taken && attempt < ATTEMPTS && role == Role.RESIDENT) {
            return attempt(cooperativeId, role, person, logins, hash, mustChange, meta, attempt + 1);
          }
          return Future.failedFuture(failure);
        });
  }
}
