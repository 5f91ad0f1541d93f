package iok.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.predicate;

import iok.account.AccountCommands.EraseAccount;
import iok.account.AccountCommands.UnblockAccount;
import iok.account.AccountEvent.AccountBlocked;
import iok.account.AccountEvent.AccountErased;
import iok.account.AccountEvent.AccountRegistered;
import iok.platform.domain.Refusal;
import iok.platform.domain.Refusal.Kind;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An administrator erases a person only once their account is closed: blocked, and holding no title today. */
class AccountErasureTest {

  private static final String ACCOUNT = "account-1";
  private static final String PRUDNIK = "sm-prudnik";
  private static final AccountRegistered REGISTERED = new AccountRegistered(ACCOUNT, PRUDNIK, "10000001", Role.RESIDENT,
      "Jan", "Kowalski", "jan@example.pl", "+48 600 100 200", "hash", false);
  private static final AccountBlocked BLOCKED = new AccountBlocked(ACCOUNT, "Utrata tytułu prawnego");

  /** The books' titles as the erasure sees them, and what it was asked to erase. */
  private static final class BooksAndKeys implements Erasure {
    boolean holdsTitle;
    final List<String> erased = new ArrayList<>();

    @Override public boolean holdsTitle(String cooperativeId, String accountId, LocalDate day) {
      return holdsTitle;
    }

    @Override public void erase(String cooperativeId, String accountId) {
      erased.add(cooperativeId + "/" + accountId);
    }
  }

  private final BooksAndKeys erasure = new BooksAndKeys();
  private AggregateTestFixture<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
    fixture.registerInjectableResource(erasure);
    fixture.registerInjectableResource(Clock.systemUTC());
  }

  @Test
  void a_blocked_account_without_a_title_is_erased_and_its_key_destroyed() {
    fixture.given(REGISTERED, BLOCKED)
        .when(new EraseAccount(ACCOUNT, PRUDNIK))
        .expectEvents(new AccountErased(ACCOUNT));
    assertThat(erasure.erased).containsExactly(PRUDNIK + "/" + ACCOUNT);
  }

  @Test
  void an_account_that_is_not_blocked_is_not_closed_and_is_not_erased() {
    fixture.given(REGISTERED)
        .when(new EraseAccount(ACCOUNT, PRUDNIK))
        .expectException(refusal(Kind.RULE_VIOLATED, "account_not_closed", "not_blocked"));
    assertThat(erasure.erased).isEmpty();
  }

  @Test
  void a_person_who_still_holds_title_to_premises_is_not_erased() {
    erasure.holdsTitle = true;
    fixture.given(REGISTERED, BLOCKED)
        .when(new EraseAccount(ACCOUNT, PRUDNIK))
        .expectException(refusal(Kind.RULE_VIOLATED, "account_not_closed", "holds_title"));
    assertThat(erasure.erased).isEmpty();
  }

  @Test
  void an_erased_person_is_not_erased_twice_and_their_account_is_never_unblocked() {
    fixture.given(REGISTERED, BLOCKED, new AccountErased(ACCOUNT))
        .when(new EraseAccount(ACCOUNT, PRUDNIK))
        .expectException(refusal(Kind.CONFLICT, "already_erased", null));
    fixture.given(REGISTERED, BLOCKED, new AccountErased(ACCOUNT))
        .when(new UnblockAccount(ACCOUNT, PRUDNIK))
        .expectException(refusal(Kind.CONFLICT, "account_erased", null));
  }

  @Test
  void another_cooperatives_administrator_finds_no_such_account() {
    fixture.given(REGISTERED, BLOCKED)
        .when(new EraseAccount(ACCOUNT, "sm-opole"))
        .expectException(refusal(Kind.NOT_FOUND, "not_found", null));
  }

  private static Matcher<Object> refusal(Kind kind, String code, String reason) {
    return predicate(p -> p instanceof Refusal r && r.kind() == kind && r.code().equals(code)
        && (reason == null || reason.equals(r.details().get("reason"))));
  }
}
