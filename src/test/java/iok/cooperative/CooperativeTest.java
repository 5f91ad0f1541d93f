package iok.cooperative;

import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.CoreMatchers.describedAs;

import iok.cooperative.CooperativeEvent.CooperativeEstablished;
import iok.cooperative.CooperativeEvent.RegulationsPublished;
import iok.cooperative.write.establish.EstablishCooperative;
import iok.cooperative.write.publishregulations.PublishRegulations;
import iok.platform.domain.Refusal;
import iok.platform.domain.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CooperativeTest {

  private static final String PRUDNIK = "sm-prudnik";
  private static final Instant NOW = Instant.parse("2019-03-01T09:30:00Z");
  private static final java.util.List<Zone> ZONES = java.util.List.of(Zone.FINANCE, Zone.METERS);
  private static final CooperativeEstablished ESTABLISHED =
      new CooperativeEstablished(PRUDNIK, "SM Prudnik", PasswordPolicy.PRUDNIK, 3, ZONES, "Biuro");

  private AggregateTestFixture<Cooperative> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Cooperative.class);
    fixture.registerInjectableResource(new FixtureClock());
  }

  // EstablishCooperative

  @Test
  void establishing_a_cooperative_records_its_name_and_rules() {
    fixture.givenNoPriorActivity()
        .when(new EstablishCooperative(PRUDNIK, "SM Prudnik", PasswordPolicy.PRUDNIK, 3, ZONES, "Biuro"))
        .expectSuccessfulHandlerExecution()
        .expectEvents(ESTABLISHED);
  }

  @Test
  void a_lockout_threshold_below_one_is_refused() {
    fixture.givenNoPriorActivity()
        .when(new EstablishCooperative(PRUDNIK, "SM Prudnik", PasswordPolicy.PRUDNIK, 0, ZONES, "Biuro"))
        .expectException(IllegalArgumentException.class)
        .expectNoEvents();
  }

  // SetReminderTimes

  @Test
  void the_administrator_sets_when_reminders_go_out() {
    fixture.givenCurrentTime(NOW)
        .andGiven(ESTABLISHED)
        .when(new iok.cooperative.write.remindertimes.SetReminderTimes(PRUDNIK, new ReminderTimes(5, 21)))
        .expectEvents(new iok.cooperative.CooperativeEvent.ReminderTimesSet(PRUDNIK, new ReminderTimes(5, 21), NOW))
        .expectResultMessagePayload(1L);
  }

  @Test
  void a_payment_reminder_sooner_than_three_days_after_the_due_date_is_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReminderTimes(3, 2))
        .isInstanceOf(iok.platform.domain.Refusal.class).hasMessageContaining("3 to 90 days");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReminderTimes(31, 14))
        .isInstanceOf(iok.platform.domain.Refusal.class).hasMessageContaining("0 to 30 days");
  }

  // PublishRegulations

  @Test
  void publishing_regulations_records_them_at_the_current_time() {
    fixture.givenCurrentTime(NOW)
        .andGiven(ESTABLISHED)
        .when(new PublishRegulations(PRUDNIK, "2019/1", "Regulamin korzystania z IOK"))
        .expectEvents(new RegulationsPublished(PRUDNIK, "2019/1", "Regulamin korzystania z IOK", NOW))
        .expectResultMessagePayload(1L);
  }

  @Test
  void publishing_a_new_version_after_an_earlier_one_is_recorded() {
    fixture.givenCurrentTime(NOW)
        .andGiven(ESTABLISHED, new RegulationsPublished(PRUDNIK, "2012/1", "Zasady", Instant.parse("2012-01-02T08:00:00Z")))
        .when(new PublishRegulations(PRUDNIK, "2019/1", "Regulamin korzystania z IOK"))
        .expectEvents(new RegulationsPublished(PRUDNIK, "2019/1", "Regulamin korzystania z IOK", NOW))
        .expectResultMessagePayload(2L);
  }

  @Test
  void publishing_a_version_published_before_is_refused_as_a_conflict() {
    fixture.given(ESTABLISHED, new RegulationsPublished(PRUDNIK, "2019/1", "Regulamin", NOW))
        .when(new PublishRegulations(PRUDNIK, "2019/1", "Regulamin, poprawiony"))
        .expectException(refusal(Kind.CONFLICT, "regulations_version_exists"))
        .expectNoEvents();
  }

  private static Matcher<Object> refusal(Kind kind, String code) {
    return describedAs("a Refusal %0 %1",
        predicate(e -> e instanceof Refusal r && r.kind() == kind && r.code().equals(code)), kind, code);
  }

  /** The handler reads the time the fixture is set to, as it reads the real clock in production. */
  private final class FixtureClock extends Clock {

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return fixture.currentTime();
    }
  }
}
