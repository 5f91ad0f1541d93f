package iok.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.CoreMatchers.describedAs;

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
import iok.cooperative.LockoutPolicy;
import iok.cooperative.PasswordPolicy;
import iok.platform.auth.Passwords;
import iok.platform.domain.Refusal;
import iok.platform.domain.Refusal.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountTest {

  // cheap Argon2 settings: the aggregate only needs hashes that verify, not ones that resist attack
  private static final Passwords PASSWORDS = new Passwords(1024, 1);

  private static final String ACCOUNT = "account-1";
  private static final String PRUDNIK = "sm-prudnik";
  private static final String OPOLE = "sm-opole";
  private static final String ELSEWHERE = "sm-elsewhere";
  private static final String LOGIN = "jan.kowalski";
  private static final String PASSWORD = "Haslo123";
  private static final String PASSWORD_HASH = PASSWORDS.hash(PASSWORD);
  private static final String NEW_PASSWORD = "Nowe2Haslo";
  private static final String REGULATIONS = "2019/1";

  // Opole's threshold of 5 is made up for these tests: it shows the threshold is read from the rules
  private static final Map<String, Rules> RULES = Map.of(
      PRUDNIK, new Rules(PRUDNIK, "SM Prudnik", PasswordPolicy.PRUDNIK, new LockoutPolicy(3), Optional.of(REGULATIONS)),
      OPOLE, new Rules(OPOLE, "SM Opole", PasswordPolicy.OPOLE, new LockoutPolicy(5), Optional.empty()));

  private final InMemoryLogins logins = new InMemoryLogins();
  private AggregateTestFixture<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
    fixture.registerInjectableResource(PASSWORDS);
    fixture.registerInjectableResource(logins);
    fixture.registerInjectableResource((CooperativeRules) RULES::get);
  }

  // RegisterAccount

  @Test
  void registering_a_resident_records_the_account_and_claims_the_login() {
    fixture.givenNoPriorActivity()
        .when(new RegisterAccount(ACCOUNT, PRUDNIK, LOGIN, Role.RESIDENT, "Jan", "Kowalski", "jan@example.pl",
            null, PASSWORD_HASH, true))
        .expectSuccessfulHandlerExecution()
        .expectEvents(registeredIn(PRUDNIK));
    assertThat(logins.holder(PRUDNIK, LOGIN)).isEqualTo(ACCOUNT);
  }

  @Test
  void registering_a_login_another_account_holds_is_refused_as_taken() {
    logins.claim(PRUDNIK, LOGIN, "account-2");

    fixture.givenNoPriorActivity()
        .when(new RegisterAccount(ACCOUNT, PRUDNIK, LOGIN, Role.RESIDENT, "Jan", "Kowalski", null, null,
            PASSWORD_HASH, true))
        .expectException(refusal(Kind.CONFLICT, "login_taken"))
        .expectNoEvents();
  }

  // AttemptLogin

  @Test
  void the_correct_password_signs_in_resets_the_failures_and_answers_role_and_session_epoch() {
    fixture.given(registeredIn(PRUDNIK), wrongPassword(1))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(new LoginSucceeded(ACCOUNT, "session-1"))
        .expectResultMessagePayload(new LoginOutcome.SignedIn(ACCOUNT, PRUDNIK, Role.RESIDENT, 0))
        .expectState(account -> assertThat(account).extracting("consecutiveFailures").isEqualTo(0));
  }

  @Test
  void signing_in_after_a_password_change_answers_the_raised_session_epoch() {
    fixture.given(registeredIn(PRUDNIK), new PasswordChanged(ACCOUNT, PASSWORDS.hash(NEW_PASSWORD), "session-1"))
        .when(new AttemptLogin(ACCOUNT, NEW_PASSWORD, "session-2"))
        .expectEvents(new LoginSucceeded(ACCOUNT, "session-2"))
        .expectResultMessagePayload(new LoginOutcome.SignedIn(ACCOUNT, PRUDNIK, Role.RESIDENT, 1));
  }

  @Test
  void a_wrong_password_is_recorded_and_answers_the_attempts_left() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane1", "session-1"))
        .expectEvents(wrongPassword(1))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  @Test
  void a_second_wrong_password_in_a_row_leaves_one_attempt() {
    fixture.given(registeredIn(PRUDNIK), wrongPassword(1))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane1", "session-1"))
        .expectEvents(wrongPassword(2))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(1));
  }

  @Test
  void a_third_wrong_password_in_a_row_locks_the_account() {
    fixture.given(registeredIn(PRUDNIK), wrongPassword(1), wrongPassword(2))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane1", "session-1"))
        .expectEvents(wrongPassword(3), new AccountLocked(ACCOUNT, 3))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(0));
  }

  @Test
  void a_success_between_failures_resets_the_count() {
    fixture.given(registeredIn(PRUDNIK))
        .andGivenCommands(new AttemptLogin(ACCOUNT, "Zgadywane1", "session-1"),
            new AttemptLogin(ACCOUNT, "Zgadywane2", "session-1"),
            new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane3", "session-2"))
        .expectEvents(wrongPassword(1))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  @Test
  void the_lockout_threshold_is_the_cooperatives_own() {
    fixture.given(registeredIn(OPOLE), wrongPassword(1), wrongPassword(2))
        .when(new AttemptLogin(ACCOUNT, "zgadywane1", "session-1"))
        .expectEvents(wrongPassword(3))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  @Test
  void the_correct_password_on_a_locked_account_is_recorded_as_a_locked_failure_and_answers_locked() {
    fixture.given(lockedIn(PRUDNIK))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(new LoginFailed(ACCOUNT, FailureReason.LOCKED, 3))
        .expectResultMessagePayload(new LoginOutcome.Locked());
  }

  @Test
  void a_wrong_password_on_a_locked_account_answers_no_attempts_left_and_does_not_lock_again() {
    fixture.given(lockedIn(PRUDNIK))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane4", "session-1"))
        .expectEvents(new LoginFailed(ACCOUNT, FailureReason.LOCKED, 3))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(0));
  }

  @Test
  void the_correct_password_on_a_blocked_account_is_recorded_as_a_blocked_failure_and_answers_blocked() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(new LoginFailed(ACCOUNT, FailureReason.BLOCKED, 0))
        .expectResultMessagePayload(new LoginOutcome.Blocked());
  }

  @Test
  void a_wrong_password_on_a_blocked_account_counts_as_any_wrong_password() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane1", "session-1"))
        .expectEvents(wrongPassword(1))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  // SignOut

  @Test
  void signing_out_records_the_session_and_answers_its_sequence() {
    fixture.given(registeredIn(PRUDNIK), new LoginSucceeded(ACCOUNT, "session-1"))
        .when(new SignOut(ACCOUNT, "session-1"))
        .expectEvents(new SignedOut(ACCOUNT, "session-1"))
        .expectResultMessagePayload(2L);
  }

  // ChangePassword

  @Test
  void changing_the_password_records_the_new_hash_and_answers_the_raised_session_epoch() {
    fixture.given(registeredIn(PRUDNIK), new LoginSucceeded(ACCOUNT, "session-1"))
        .when(new ChangePassword(ACCOUNT, PASSWORD, NEW_PASSWORD, "session-1"))
        .expectEventsMatching(exactSequenceOf(passwordChangedTo(NEW_PASSWORD, "session-1")))
        .expectResultMessagePayload(new Account.ChangedPassword(2, 1));
  }

  @Test
  void a_wrong_current_password_is_refused() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new ChangePassword(ACCOUNT, "Zgadywane1", NEW_PASSWORD, "session-1"))
        .expectException(refusal(Kind.RULE_VIOLATED, "current_password_incorrect"))
        .expectNoEvents();
  }

  @ParameterizedTest(name = "\"{0}\" breaks {1}")
  @CsvSource({
      "Ab1, too_short",
      "Abcdefghij1234567890K, too_long",
      "Abcdefgh, digit_required",
      "haslo123, upper_case_required",
      "Haslo_123, letters_and_digits_only",
      "Zażółć1A, letters_and_digits_only",
  })
  void a_new_password_breaking_the_prudnik_policy_is_refused_with_the_rule_it_breaks(String candidate,
                                                                                       String violation) {
    fixture.given(registeredIn(PRUDNIK))
        .when(new ChangePassword(ACCOUNT, PASSWORD, candidate, "session-1"))
        .expectException(passwordPolicyRefusal(violation))
        .expectNoEvents();
  }

  @Test
  void the_opole_policy_accepts_a_password_prudnik_refuses() {
    fixture.given(registeredIn(OPOLE))
        .when(new ChangePassword(ACCOUNT, PASSWORD, "haslo123", "session-1"))
        .expectEventsMatching(exactSequenceOf(passwordChangedTo("haslo123", "session-1")))
        .expectResultMessagePayload(new Account.ChangedPassword(1, 1));
  }

  @Test
  void the_current_password_as_the_new_one_is_refused_as_same_as_current() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new ChangePassword(ACCOUNT, PASSWORD, PASSWORD, "session-1"))
        .expectException(passwordPolicyRefusal("same_as_current"))
        .expectNoEvents();
  }

  // AcceptRegulations

  @Test
  void accepting_the_current_regulations_is_recorded() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new AcceptRegulations(ACCOUNT, REGULATIONS))
        .expectEvents(new RegulationsAccepted(ACCOUNT, REGULATIONS))
        .expectResultMessagePayload(1L);
  }

  @Test
  void accepting_the_current_regulations_after_an_older_version_is_recorded() {
    fixture.given(registeredIn(PRUDNIK), new RegulationsAccepted(ACCOUNT, "2012/1"))
        .when(new AcceptRegulations(ACCOUNT, REGULATIONS))
        .expectEvents(new RegulationsAccepted(ACCOUNT, REGULATIONS))
        .expectResultMessagePayload(2L);
  }

  @Test
  void accepting_a_version_that_is_not_current_is_refused_as_a_conflict() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new AcceptRegulations(ACCOUNT, "2012/1"))
        .expectException(refusal(Kind.CONFLICT, "regulations_version_not_current"))
        .expectException(describedAs("details naming the current version",
            payload(Refusal.class, r -> r.details().equals(Map.of("currentVersion", REGULATIONS)))))
        .expectNoEvents();
  }

  @Test
  void accepting_regulations_where_none_are_published_is_refused_as_a_conflict() {
    fixture.given(registeredIn(OPOLE))
        .when(new AcceptRegulations(ACCOUNT, REGULATIONS))
        .expectException(refusal(Kind.CONFLICT, "regulations_version_not_current"))
        .expectNoEvents();
  }

  @Test
  void accepting_the_already_accepted_version_applies_nothing() {
    fixture.given(registeredIn(PRUDNIK), new RegulationsAccepted(ACCOUNT, REGULATIONS))
        .when(new AcceptRegulations(ACCOUNT, REGULATIONS))
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  // UnlockAccount

  @Test
  void unlocking_a_locked_account_is_recorded() {
    fixture.given(lockedIn(PRUDNIK))
        .when(new UnlockAccount(ACCOUNT, PRUDNIK))
        .expectEvents(new AccountUnlocked(ACCOUNT))
        .expectResultMessagePayload(5L);
  }

  @Test
  void after_an_unlock_the_correct_password_signs_in_again() {
    fixture.given(lockedIn(PRUDNIK))
        .andGivenCommands(new UnlockAccount(ACCOUNT, PRUDNIK))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(new LoginSucceeded(ACCOUNT, "session-1"))
        .expectResultMessagePayload(new LoginOutcome.SignedIn(ACCOUNT, PRUDNIK, Role.RESIDENT, 1));
  }

  @Test
  void after_an_unlock_wrong_passwords_are_counted_from_the_start() {
    fixture.given(lockedIn(PRUDNIK))
        .andGiven(new AccountUnlocked(ACCOUNT))
        .when(new AttemptLogin(ACCOUNT, "Zgadywane4", "session-1"))
        .expectEvents(wrongPassword(1))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  @Test
  void unlocking_an_account_that_is_not_locked_applies_nothing() {
    fixture.given(registeredIn(PRUDNIK), wrongPassword(1))
        .when(new UnlockAccount(ACCOUNT, PRUDNIK))
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  @Test
  void unlocking_an_account_of_another_cooperative_answers_not_found() {
    fixture.given(lockedIn(PRUDNIK))
        .when(new UnlockAccount(ACCOUNT, ELSEWHERE))
        .expectException(refusal(Kind.NOT_FOUND, "not_found"))
        .expectNoEvents();
  }

  // IssueInitialPassword

  @Test
  void issuing_an_initial_password_records_its_hash() {
    String hash = PASSWORDS.hash(NEW_PASSWORD);
    fixture.given(registeredIn(PRUDNIK))
        .when(new IssueInitialPassword(ACCOUNT, PRUDNIK, hash))
        .expectEvents(new InitialPasswordIssued(ACCOUNT, hash))
        .expectResultMessagePayload(1L);
  }

  @Test
  void an_issued_initial_password_lifts_the_lock_and_signs_in() {
    fixture.given(lockedIn(PRUDNIK))
        .andGivenCommands(new IssueInitialPassword(ACCOUNT, PRUDNIK, PASSWORDS.hash(NEW_PASSWORD)))
        .when(new AttemptLogin(ACCOUNT, NEW_PASSWORD, "session-1"))
        .expectEvents(new LoginSucceeded(ACCOUNT, "session-1"))
        // the lock and the new password each ended the sessions before them
        .expectResultMessagePayload(new LoginOutcome.SignedIn(ACCOUNT, PRUDNIK, Role.RESIDENT, 2));
  }

  @Test
  void after_an_initial_password_is_issued_the_old_one_no_longer_signs_in() {
    fixture.given(registeredIn(PRUDNIK), new InitialPasswordIssued(ACCOUNT, PASSWORDS.hash(NEW_PASSWORD)))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(wrongPassword(1))
        .expectResultMessagePayload(new LoginOutcome.WrongPassword(2));
  }

  @Test
  void issuing_an_initial_password_for_an_account_of_another_cooperative_answers_not_found() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new IssueInitialPassword(ACCOUNT, ELSEWHERE, PASSWORDS.hash(NEW_PASSWORD)))
        .expectException(refusal(Kind.NOT_FOUND, "not_found"))
        .expectNoEvents();
  }

  // BlockAccount

  @Test
  void blocking_an_account_records_the_reason() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new BlockAccount(ACCOUNT, PRUDNIK, "lost title to the premises"))
        .expectEvents(new AccountBlocked(ACCOUNT, "lost title to the premises"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void blocking_a_blocked_account_again_applies_nothing() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"))
        .when(new BlockAccount(ACCOUNT, PRUDNIK, "misuse again"))
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  @Test
  void blocking_an_account_of_another_cooperative_answers_not_found() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new BlockAccount(ACCOUNT, ELSEWHERE, "misuse"))
        .expectException(refusal(Kind.NOT_FOUND, "not_found"))
        .expectNoEvents();
  }

  // UnblockAccount

  @Test
  void unblocking_a_blocked_account_is_recorded() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"))
        .when(new UnblockAccount(ACCOUNT, PRUDNIK))
        .expectEvents(new AccountUnblocked(ACCOUNT))
        .expectResultMessagePayload(2L);
  }

  @Test
  void after_an_unblock_the_correct_password_signs_in_again() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"), new AccountUnblocked(ACCOUNT))
        .when(new AttemptLogin(ACCOUNT, PASSWORD, "session-1"))
        .expectEvents(new LoginSucceeded(ACCOUNT, "session-1"))
        .expectResultMessagePayload(new LoginOutcome.SignedIn(ACCOUNT, PRUDNIK, Role.RESIDENT, 1));
  }

  @Test
  void unblocking_an_account_that_is_not_blocked_applies_nothing() {
    fixture.given(registeredIn(PRUDNIK))
        .when(new UnblockAccount(ACCOUNT, PRUDNIK))
        .expectNoEvents()
        .expectResultMessagePayload(0L);
  }

  @Test
  void unblocking_an_account_of_another_cooperative_answers_not_found() {
    fixture.given(registeredIn(PRUDNIK), new AccountBlocked(ACCOUNT, "misuse"))
        .when(new UnblockAccount(ACCOUNT, ELSEWHERE))
        .expectException(refusal(Kind.NOT_FOUND, "not_found"))
        .expectNoEvents();
  }

  // the story so far

  private static AccountRegistered registeredIn(String cooperativeId) {
    return new AccountRegistered(ACCOUNT, cooperativeId, LOGIN, Role.RESIDENT, "Jan", "Kowalski", "jan@example.pl",
        null, PASSWORD_HASH, true);
  }

  private static LoginFailed wrongPassword(int consecutiveFailures) {
    return new LoginFailed(ACCOUNT, FailureReason.WRONG_PASSWORD, consecutiveFailures);
  }

  /** Three wrong passwords in a row: sequences 0–4. */
  private static List<AccountEvent> lockedIn(String cooperativeId) {
    return List.of(registeredIn(cooperativeId), wrongPassword(1), wrongPassword(2), wrongPassword(3),
        new AccountLocked(ACCOUNT, 3));
  }

  // what to expect

  /** The hash has a random salt, so the event is recognised by the password it verifies. */
  private static Matcher<Message<?>> passwordChangedTo(String password, String sessionId) {
    return messageWithPayload(describedAs("PasswordChanged to a hash of %0 kept by %1",
        payload(PasswordChanged.class, e -> e.accountId().equals(ACCOUNT) && e.sessionId().equals(sessionId)
            && PASSWORDS.matches(password, e.passwordHash())), password, sessionId));
  }

  private static <T> Matcher<Object> payload(Class<T> type, Predicate<T> test) {
    return predicate(payload -> type.isInstance(payload) && test.test(type.cast(payload)));
  }

  private static Matcher<Object> refusal(Kind kind, String code) {
    return describedAs("a Refusal %0 %1",
        payload(Refusal.class, r -> r.kind() == kind && r.code().equals(code)), kind, code);
  }

  private static Matcher<Object> passwordPolicyRefusal(String... violations) {
    return describedAs("a Refusal RULE_VIOLATED password_policy with violations %0",
        payload(Refusal.class, r -> r.kind() == Kind.RULE_VIOLATED && r.code().equals("password_policy")
            && List.of(violations).equals(r.details().get("violations"))), List.of(violations));
  }

  /** Logins are unique within a cooperative; the same account may claim its own login again. */
  private static final class InMemoryLogins implements LoginRegistry {

    private final Map<String, String> holders = new HashMap<>();

    @Override
    public boolean claim(String cooperativeId, String login, String accountId) {
      String holder = holders.putIfAbsent(cooperativeId + "/" + login, accountId);
      return holder == null || holder.equals(accountId);
    }

    String holder(String cooperativeId, String login) {
      return holders.get(cooperativeId + "/" + login);
    }
  }
}
