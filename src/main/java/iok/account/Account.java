package iok.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.account.AccountCommands.AcceptRegulations;
import iok.account.AccountCommands.AttemptLogin;
import iok.account.AccountCommands.BlockAccount;
import iok.account.AccountCommands.ChangePassword;
import iok.account.AccountCommands.IssueInitialPassword;
import iok.account.AccountCommands.RegisterAccount;
import iok.account.AccountCommands.SignOut;
import iok.account.AccountCommands.UnblockAccount;
import iok.account.AccountCommands.UnlockAccount;
import iok.account.AccountEvent.AccountBlocked;
import iok.account.AccountEvent.AccountLocked;
import iok.account.AccountEvent.AccountRegistered;
import iok.account.AccountEvent.AccountUnblocked;
import iok.account.AccountEvent.AccountUnlocked;
import iok.account.AccountEvent.FailureReason;
import iok.account.AccountEvent.InitialPasswordIssued;
import iok.account.AccountEvent.LoginFailed;
import iok.account.AccountEvent.LoginSucceeded;
import iok.account.AccountEvent.PasswordChanged;
import iok.account.AccountEvent.RegulationsAccepted;
import iok.account.AccountEvent.SignedOut;
import iok.cooperative.CooperativeRules;
import iok.cooperative.CooperativeRules.Rules;
import iok.platform.auth.Passwords;
import iok.privacy.DataSubject;
import iok.privacy.PersonalData;
import iok.platform.domain.Refusal;
import iok.platform.domain.Refusal.Kind;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A person's account in one cooperative. Command handlers decide by the cooperative's rules and apply
 * events; the one event-sourcing handler only folds them into state. Handlers that change something
 * answer the sequence of the last event they applied, so the HTTP side can wait for its read model.
 */
public class Account {

  @AggregateIdentifier
  @DataSubject
  private String accountId;
  private String cooperativeId;
  private Role role;
  private String passwordHash;
  private int consecutiveFailures;
  private boolean locked;
  private boolean blocked;
  private String acceptedRegulations;
  // a snapshot is these fields: the contact data in it are sealed like the events'
  @PersonalData(contact = true)
  private String email;
  @PersonalData(contact = true)
  private String phone;
  private boolean erased;
  private Map<String, java.util.List<String>> notifications = new java.util.TreeMap<>();
  private long sessionEpoch;
  private long sequence = -1;

  private static final java.time.ZoneId WARSAW = java.time.ZoneId.of("Europe/Warsaw");

  protected Account() {}

  @CommandHandler
  public Account(RegisterAccount command, LoginRegistry logins) {
    if (!logins.claim(command.cooperativeId(), command.login(), command.accountId())) {
      throw new Refusal(Kind.CONFLICT, "login_taken", "Login " + command.login() + " is already taken");
    }
    apply(new AccountRegistered(command.accountId(), command.cooperativeId(), command.login(), command.role(),
        command.firstName(), command.lastName(), command.email(), command.phone(), command.passwordHash(),
        command.mustChangePassword()));
  }

  @CommandHandler
  public LoginOutcome handle(AttemptLogin command, Passwords passwords, CooperativeRules cooperatives) {
    boolean correct = passwords.matches(command.password(), passwordHash);
    Rules rules = cooperatives.of(cooperativeId);
    if (locked) {
      apply(new LoginFailed(accountId, FailureReason.LOCKED, consecutiveFailures));
      return correct ? new LoginOutcome.Locked() : new LoginOutcome.WrongPassword(0);
    }
    if (!correct) {
      int failures = consecutiveFailures + 1;
      apply(new LoginFailed(accountId, FailureReason.WRONG_PASSWORD, failures));
      if (rules.lockout().locksAfter(failures)) apply(new AccountLocked(accountId, failures));
      return new LoginOutcome.WrongPassword(rules.lockout().remainingAfter(failures));
    }
    if (blocked) {
      apply(new LoginFailed(accountId, FailureReason.BLOCKED, consecutiveFailures));
      return new LoginOutcome.Blocked();
    }
    apply(new LoginSucceeded(accountId, command.sessionId()));
    return new LoginOutcome.SignedIn(accountId, cooperativeId, role, sessionEpoch);
  }

  @CommandHandler
  public long handle(SignOut command) {
    apply(new SignedOut(accountId, command.sessionId()));
    return sequence;
  }

  /** Answers the session epoch the changing session continues under. */
  @CommandHandler
  public ChangedPassword handle(ChangePassword command, Passwords passwords, CooperativeRules cooperatives) {
    if (!passwords.matches(command.currentPassword(), passwordHash)) {
      throw new Refusal(Kind.RULE_VIOLATED, "current_password_incorrect", "The current password is not correct");
    }
    List<String> violations = cooperatives.of(cooperativeId).passwordPolicy().violations(command.newPassword());
    if (violations.isEmpty() && command.newPassword().equals(command.currentPassword())) {
      violations = List.of("same_as_current");
    }
    if (!violations.isEmpty()) {
      throw new Refusal(Kind.RULE_VIOLATED, "password_policy",
          "The new password does not meet the cooperative's rules", Map.of("violations", violations));
    }
    apply(new PasswordChanged(accountId, passwords.hash(command.newPassword()), command.sessionId()));
    return new ChangedPassword(sequence, sessionEpoch);
  }

  public record ChangedPassword(long sequence, long sessionEpoch) {}

  @CommandHandler
  public long handle(AcceptRegulations command, CooperativeRules cooperatives) {
    String current = cooperatives.of(cooperativeId).currentRegulations().orElse(null);
    if (!command.version().equals(current)) {
      throw new Refusal(Kind.CONFLICT, "regulations_version_not_current",
          "Version " + command.version() + " is not the current regulations",
          current == null ? Map.of() : Map.of("currentVersion", current));
    }
    if (!command.version().equals(acceptedRegulations)) apply(new RegulationsAccepted(accountId, command.version()));
    return sequence;
  }

  @CommandHandler
  public long handle(UnlockAccount command) {
    requireCooperative(command.cooperativeId());
    if (locked) apply(new AccountUnlocked(accountId));
    return sequence;
  }

  @CommandHandler
  public long handle(IssueInitialPassword command) {
    requireCooperative(command.cooperativeId());
    apply(new InitialPasswordIssued(accountId, command.passwordHash()));
    return sequence;
  }

  @CommandHandler
  public long handle(BlockAccount command) {
    requireCooperative(command.cooperativeId());
    if (!blocked) apply(new AccountBlocked(accountId, command.reason()));
    return sequence;
  }

  @CommandHandler
  public long handle(UnblockAccount command) {
    requireCooperative(command.cooperativeId());
    if (erased) throw new Refusal(Kind.CONFLICT, "account_erased", "The person was erased; the account stays closed");
    if (blocked) apply(new AccountUnblocked(accountId));
    return sequence;
  }

  /**
   * Closed means blocked and holding no title today: the books no longer tie the person to premises, and
   * nobody may sign in. What the cooperative keeps to defend claims is kept (README: What erasure keeps).
   */
  @CommandHandler
  public long handle(AccountCommands.EraseAccount command, Erasure erasure, java.time.Clock clock) {
    requireCooperative(command.cooperativeId());
    if (erased) throw new Refusal(Kind.CONFLICT, "already_erased", "The person was already erased");
    if (!blocked) {
      throw new Refusal(Kind.RULE_VIOLATED, "account_not_closed", "Only a closed account is erased: block it first",
          Map.of("reason", "not_blocked"));
    }
    if (erasure.holdsTitle(cooperativeId, accountId, java.time.LocalDate.now(clock.withZone(WARSAW)))) {
      throw new Refusal(Kind.RULE_VIOLATED, "account_not_closed", "The person still holds title to premises",
          Map.of("reason", "holds_title"));
    }
    erasure.erase(cooperativeId, accountId);
    apply(new AccountEvent.AccountErased(accountId));
    return sequence;
  }

  @CommandHandler
  public long handle(AccountCommands.ChangeContact command) {
    if (!java.util.Objects.equals(email, command.email()) || !java.util.Objects.equals(phone, command.phone())) {
      apply(new AccountEvent.ContactChanged(accountId, command.email(), command.phone()));
      dropUnreachableChannels();
    }
    return sequence;
  }

  @CommandHandler
  public long handle(AccountCommands.DeleteContact command) {
    if (email != null || phone != null) {
      apply(new AccountEvent.ContactDeleted(accountId));
      dropUnreachableChannels();
    }
    return sequence;
  }

  /** A channel needs its contact: e-mail an address, SMS a phone number (NotificationPolicy). */
  @CommandHandler
  public long handle(AccountCommands.ChooseNotifications command) {
    java.util.List<String> violations = NotificationPolicy.violations(command.choices(), email != null, phone != null);
    if (!violations.isEmpty()) {
      throw new Refusal(Kind.RULE_VIOLATED, "notification_channel_unavailable",
          "A chosen channel has no contact data to reach you by", Map.of("violations", violations));
    }
    apply(new AccountEvent.NotificationsChosen(accountId, command.choices()));
    return sequence;
  }

  /** Channels whose contact data are gone are no longer chosen: nothing may reach the person by them. */
  private void dropUnreachableChannels() {
    Map<String, java.util.List<String>> kept = new java.util.TreeMap<>();
    notifications.forEach((kind, channels) -> kept.put(kind, channels.stream()
        .filter(c -> !(c.equals("email") && email == null) && !(c.equals("sms") && phone == null)).toList()));
    if (!kept.equals(notifications)) apply(new AccountEvent.NotificationsChosen(accountId, kept));
  }

  @DeadlineHandler(deadlineName = TitleLost.DEADLINE)
  void blockForLostTitle(TitleLost lost) {
    if (!blocked) {
      apply(new AccountBlocked(accountId, "Utrata tytułu prawnego do lokalu " + lost.lostOn() + " (P III.11)"));
    }
  }

  private void requireCooperative(String cooperativeId) {
    if (!this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Account");
  }

  @EventSourcingHandler
  void on(AccountEvent event) {
    sequence++;
    if (AccountEvent.endsSessions(event)) sessionEpoch++;
    switch (event) {
      case AccountRegistered e -> {
        accountId = e.accountId();
        cooperativeId = e.cooperativeId();
        role = e.role();
        passwordHash = e.passwordHash();
        email = e.email();
        phone = e.phone();
      }
      case LoginSucceeded e -> consecutiveFailures = 0;
      case LoginFailed e -> consecutiveFailures = e.consecutiveFailures();
      case AccountLocked e -> locked = true;
      case AccountUnlocked e -> {
        locked = false;
        consecutiveFailures = 0;
      }
      case PasswordChanged e -> passwordHash = e.passwordHash();
      case InitialPasswordIssued e -> {
        passwordHash = e.passwordHash();
        locked = false;
        consecutiveFailures = 0;
      }
      case RegulationsAccepted e -> acceptedRegulations = e.version();
      case AccountBlocked e -> blocked = true;
      case AccountUnblocked e -> blocked = false;
      case SignedOut e -> { }
      case AccountEvent.ContactChanged e -> {
        email = e.email();
        phone = e.phone();
      }
      case AccountEvent.ContactDeleted e -> {
        email = null;
        phone = null;
      }
      case AccountEvent.NotificationsChosen e -> notifications = new java.util.TreeMap<>(e.choices());
      case AccountEvent.AccountErased e -> {
        erased = true;
        email = null;
        phone = null;
      }
    }
  }
}
