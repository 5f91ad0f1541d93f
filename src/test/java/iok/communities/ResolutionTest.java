package iok.communities;

import static iok.support.Refusals.refused;

import iok.communities.Resolution.Ballot;
import iok.communities.ResolutionEvent.Choice;
import iok.communities.ResolutionEvent.Reduced;
import iok.communities.ResolutionEvent.ResolutionClosed;
import iok.communities.ResolutionEvent.ResolutionDrafted;
import iok.communities.ResolutionEvent.ResolutionOpened;
import iok.communities.ResolutionEvent.Rule;
import iok.communities.ResolutionEvent.Source;
import iok.communities.ResolutionEvent.Tally;
import iok.communities.ResolutionEvent.VoteCast;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A resolution, given / when / then: drafting, opening, every vote's rule and closing. The community here:
 * P1 (share 1/2) owned by Ala; P2 (3/10) co-owned by Bartek and Celina, half each; P3 (1/5) owned outside IOK.
 */
class ResolutionTest {

  static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
  static final Instant OPENS = NOW.minus(Duration.ofHours(1));
  static final Instant CLOSES = NOW.plus(Duration.ofDays(7));
  static final String R = "r-1";
  static final String COOP = "sm-opole";
  static final String POLNA = "Wspólnota Mieszkaniowa Polna 5";

  static final ResolutionDrafted DRAFTED = drafted(Rule.SHARES, OPENS, CLOSES);
  static final ResolutionOpened OPENED = new ResolutionOpened(R, "1", List.of(), NOW);

  AggregateTestFixture<Resolution> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Resolution.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static ResolutionDrafted drafted(Rule rule, Instant opens, Instant closes) {
    return new ResolutionDrafted(R, COOP, POLNA, "1/2027", "Plan gospodarczy", "Właściciele zatwierdzają plan.", rule,
        opens, closes, false, List.of("d-1"), false, NOW);
  }

  static Resolution.Draft draft(Instant opens, Instant closes, boolean names) {
    return new Resolution.Draft(R, COOP, POLNA, "1/2027", "Plan gospodarczy", "Właściciele zatwierdzają plan.",
        Rule.SHARES, opens, closes, false, List.of("d-1"), names);
  }

  /** Ala, sole owner of P1. */
  static Ballot alaP1() {
    return new Ballot("P1/ala", "P1", "1", "1/2", Map.of("ala", "1/2"));
  }

  /** P2's co-owners today: Bartek and Celina, half each of 3/10. */
  static final Map<String, String> P2_OWNERS = Map.of("bartek", "3/20", "celina", "3/20");

  static Resolution.Vote vote(String voter, Choice choice, Ballot... ballots) {
    return new Resolution.Vote(R, COOP, voter, choice, Source.ONLINE, List.of(ballots));
  }

  static VoteCast cast(String key, String premises, String voter, Choice choice, String weight, List<String> withdrawn,
                       List<Reduced> reduced) {
    return new VoteCast(R, key, premises, premises.substring(1), voter, choice, weight, Source.ONLINE, withdrawn, reduced,
        NOW);
  }

  static VoteCast cast(String key, String premises, String voter, Choice choice, String weight) {
    return cast(key, premises, voter, choice, weight, List.of(), List.of());
  }

  /** One owner one vote: the owner's single vote, counted as 1. */
  static VoteCast ownerVote(String voter, Choice choice) {
    return new VoteCast(R, "owner/" + voter, "P1", "1", voter, choice, "1", Source.ONLINE, List.of(), List.of(), NOW);
  }

  static ResolutionClosed closed(String yes, String no, String abstain, String total, int votes, boolean adopted) {
    return new ResolutionClosed(R, new Tally(yes, no, abstain, total, votes), adopted, NOW);
  }

  // ---------------------------------------------------------------- drafting

  @Test
  void the_administrator_drafts_a_resolution_with_its_rule_times_attachments_and_whether_owners_see_names() {
    fixture.givenNoPriorActivity()
        .when(draft(OPENS, CLOSES, true))
        .expectEvents(new ResolutionDrafted(R, COOP, POLNA, "1/2027", "Plan gospodarczy",
            "Właściciele zatwierdzają plan.", Rule.SHARES, OPENS, CLOSES, false, List.of("d-1"), true, NOW));
  }

  @Test
  void a_resolution_that_closes_before_it_opens_is_not_drafted() {
    fixture.givenNoPriorActivity()
        .when(draft(CLOSES, OPENS, false))
        .expectException(refused("closes_before_it_opens"))
        .expectNoEvents();
  }

  @Test
  void a_resolution_whose_voting_would_close_in_the_past_is_not_drafted() {
    fixture.givenNoPriorActivity()
        .when(draft(NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(1), false))
        .expectException(refused("closes_in_the_past"));
  }

  // ---------------------------------------------------------------- opening

  @Test
  void opening_records_all_owners_weight_and_schedules_the_closing() {
    fixture.given(DRAFTED)
        .when(new Resolution.Open(R, COOP, "1", List.of(), List.of()))
        .expectEvents(OPENED)
        .expectResultMessagePayload(1L)
        .expectScheduledDeadlineWithName(CLOSES, Resolution.CLOSING);
  }

  @Test
  void by_shares_a_resolution_is_not_opened_while_the_books_lack_a_premises_share() {
    fixture.given(DRAFTED)
        .when(new Resolution.Open(R, COOP, "4/5", List.of(), List.of("3")))
        .expectException(refused("shares_missing"))
        .expectNoScheduledDeadlines();
  }

  @Test
  void one_owner_one_vote_opens_even_when_shares_are_missing() {
    List<String> roll = List.of("owner/ala", "owner/bartek", "owner/celina", "outside/P3");
    fixture.given(drafted(Rule.OWNERS, OPENS, CLOSES))
        .when(new Resolution.Open(R, COOP, "4", roll, List.of("3")))
        .expectEvents(new ResolutionOpened(R, "4", roll, NOW));
  }

  @Test
  void a_community_without_owners_in_the_books_has_nobody_to_vote() {
    fixture.given(DRAFTED)
        .when(new Resolution.Open(R, COOP, "0", List.of(), List.of()))
        .expectException(refused("no_owners"));
  }

  @Test
  void a_resolution_is_opened_once() {
    fixture.given(DRAFTED, OPENED)
        .when(new Resolution.Open(R, COOP, "1", List.of(), List.of()))
        .expectException(refused("already_opened"));
  }

  @Test
  void a_draft_whose_closing_time_has_passed_is_not_opened() {
    fixture.given(drafted(Rule.SHARES, NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(1)))
        .when(new Resolution.Open(R, COOP, "1", List.of(), List.of()))
        .expectException(refused("closes_in_the_past"));
  }

  @Test
  void another_cooperatives_administrator_does_not_find_the_resolution() {
    fixture.given(DRAFTED)
        .when(new Resolution.Open(R, "sm-prudnik", "1", List.of(), List.of()))
        .expectException(refused("not_found"));
  }

  // ---------------------------------------------------------------- voting

  @Test
  void an_owner_votes_with_the_share_of_the_premises_they_own() {
    fixture.given(DRAFTED, OPENED)
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectEvents(cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"))
        .expectResultMessagePayload(2L);
  }

  @Test
  void a_co_owner_votes_with_their_part_of_the_premises_share() {
    fixture.given(DRAFTED, OPENED)
        .when(vote("bartek", Choice.AGAINST, new Ballot("P2/bartek", "P2", "2", "3/20", P2_OWNERS)))
        .expectEvents(cast("P2/bartek", "P2", "bartek", Choice.AGAINST, "3/20"));
  }

  @Test
  void a_vote_before_voting_opens_is_refused() {
    fixture.given(DRAFTED)
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectException(refused("voting_not_open"));
    fixture.given(drafted(Rule.SHARES, NOW.plus(Duration.ofDays(1)), CLOSES), OPENED)
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectException(refused("voting_not_open"));
  }

  @Test
  void a_vote_after_closing_is_refused() {
    fixture.given(DRAFTED, OPENED, closed("0", "0", "0", "1", 0, false))
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectException(refused("voting_closed"))
        .expectNoEvents();
  }

  @Test
  void a_vote_at_the_closing_time_is_refused_even_before_the_closing_is_recorded() {
    fixture.given(drafted(Rule.SHARES, NOW.minus(Duration.ofDays(7)), NOW), OPENED)
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectException(refused("voting_closed"));
  }

  @Test
  void an_owner_of_another_cooperative_does_not_find_the_resolution() {
    fixture.given(DRAFTED, OPENED)
        .when(new Resolution.Vote(R, "sm-prudnik", "ala", Choice.FOR, Source.ONLINE, List.of(alaP1())))
        .expectException(refused("not_found"));
  }

  @Test
  void a_changed_vote_replaces_the_earlier_one_and_counts_once() {
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.AGAINST, "1/2"))
        .when(vote("ala", Choice.FOR, alaP1()))
        .expectEvents(cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"));
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.AGAINST, "1/2"),
            cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("1/2", "0", "0", "1", 1, false));
  }

  @Test
  void when_the_premises_changed_hands_the_new_owners_vote_withdraws_the_former_owners() {
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"))
        .when(vote("daniel", Choice.AGAINST, new Ballot("P1/daniel", "P1", "1", "1/2", Map.of("daniel", "1/2"))))
        .expectEvents(cast("P1/daniel", "P1", "daniel", Choice.AGAINST, "1/2", List.of("P1/ala"), List.of()));
  }

  @Test
  void until_the_new_owner_votes_the_former_owners_vote_stands_as_cast() {
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("1/2", "0", "0", "1", 1, false));
  }

  /**
   * Ala owned all of P1 (1/2) and voted for; she sells half of it to Daniel, who votes against. Her vote is
   * reduced to the part she owns now (1/4), so P1 counts 1/2 in all, not 3/4.
   */
  @Test
  void when_an_owner_sold_part_of_the_premises_the_buyers_vote_reduces_theirs_to_their_present_part() {
    Map<String, String> nowOwners = Map.of("ala", "1/4", "daniel", "1/4");
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"))
        .when(vote("daniel", Choice.AGAINST, new Ballot("P1/daniel", "P1", "1", "1/4", nowOwners)))
        .expectEvents(cast("P1/daniel", "P1", "daniel", Choice.AGAINST, "1/4", List.of(),
            List.of(new Reduced("P1/ala", "1/4"))));
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"),
            cast("P1/daniel", "P1", "daniel", Choice.AGAINST, "1/4", List.of(), List.of(new Reduced("P1/ala", "1/4"))))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("1/4", "1/4", "0", "1", 2, false));
  }

  @Test
  void a_vote_is_never_enlarged_without_its_owner_voting_again() {
    // Bartek voted with half of P2, then bought half of Celina's half: his vote keeps the weight he voted with
    fixture.given(DRAFTED, OPENED, cast("P2/bartek", "P2", "bartek", Choice.FOR, "3/20"))
        .when(vote("celina", Choice.AGAINST,
            new Ballot("P2/celina", "P2", "2", "3/40", Map.of("bartek", "9/40", "celina", "3/40"))))
        .expectEvents(cast("P2/celina", "P2", "celina", Choice.AGAINST, "3/40"));
  }

  @Test
  void an_owner_who_bought_the_rest_and_votes_again_counts_the_whole_premises_and_the_sellers_vote_is_withdrawn() {
    fixture.given(DRAFTED, OPENED, cast("P2/bartek", "P2", "bartek", Choice.FOR, "3/20"),
            cast("P2/celina", "P2", "celina", Choice.AGAINST, "3/20"))
        .when(vote("celina", Choice.AGAINST, new Ballot("P2/celina", "P2", "2", "3/10", Map.of("celina", "3/10"))))
        .expectEvents(cast("P2/celina", "P2", "celina", Choice.AGAINST, "3/10", List.of("P2/bartek"), List.of()));
  }

  @Test
  void a_paper_vote_for_owners_outside_iok_is_withdrawn_when_an_owner_in_iok_votes_for_the_premises() {
    VoteCast paper = new VoteCast(R, "P3/-", "P3", "3", null, Choice.FOR, "1/5", Source.PAPER, List.of(), List.of(), NOW);
    fixture.given(DRAFTED, OPENED, paper)
        .when(vote("ewa", Choice.AGAINST, new Ballot("P3/ewa", "P3", "3", "1/5", Map.of("ewa", "1/5"))))
        .expectEvents(cast("P3/ewa", "P3", "ewa", Choice.AGAINST, "1/5", List.of("P3/-"), List.of()));
  }

  @Test
  void an_administrator_enters_a_vote_from_a_meeting_with_its_source() {
    fixture.given(DRAFTED, OPENED)
        .when(new Resolution.Vote(R, COOP, null, Choice.ABSTAIN, Source.MEETING,
            List.of(new Ballot("P3/-", "P3", "3", "1/5", Map.of()))))
        .expectEvents(new VoteCast(R, "P3/-", "P3", "3", null, Choice.ABSTAIN, "1/5", Source.MEETING, List.of(), List.of(),
            NOW));
  }

  @Test
  void one_owner_one_vote_withdraws_and_reduces_nothing() {
    List<String> roll = List.of("owner/ala", "owner/bartek");
    fixture.given(drafted(Rule.OWNERS, OPENS, CLOSES), new ResolutionOpened(R, "2", roll, NOW),
            ownerVote("ala", Choice.FOR))
        .when(vote("daniel", Choice.AGAINST, new Ballot("owner/daniel", "P1", "1", "1", Map.of())))
        .expectEvents(ownerVote("daniel", Choice.AGAINST));
  }

  // ---------------------------------------------------------------- closing

  @Test
  void closing_records_the_exact_outcome_more_than_half_of_all_owners_adopts() {
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"),
            cast("P2/bartek", "P2", "bartek", Choice.FOR, "3/20"), cast("P2/celina", "P2", "celina", Choice.ABSTAIN, "3/20"))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("13/20", "0", "3/20", "1", 3, true))
        .expectResultMessagePayload(5L);
  }

  @Test
  void exactly_half_of_all_owners_for_is_a_tie_and_not_adopted() {
    fixture.given(DRAFTED, OPENED, cast("P1/ala", "P1", "ala", Choice.FOR, "1/2"),
            cast("P2/bartek", "P2", "bartek", Choice.AGAINST, "3/20"))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("1/2", "3/20", "0", "1", 2, false));
  }

  @Test
  void one_owner_one_vote_counts_against_every_owner_on_the_roll_and_every_voter_besides() {
    List<String> roll = List.of("owner/ala", "owner/bartek", "owner/celina");
    fixture.given(drafted(Rule.OWNERS, OPENS, CLOSES), new ResolutionOpened(R, "3", roll, NOW),
            ownerVote("ala", Choice.FOR),
            ownerVote("daniel", Choice.FOR))
        .when(new Resolution.Close(R, COOP))
        .expectEvents(closed("2", "0", "0", "4", 2, false));
  }

  @Test
  void a_draft_is_not_closed_it_was_never_opened() {
    fixture.given(DRAFTED)
        .when(new Resolution.Close(R, COOP))
        .expectException(refused("not_opened"));
  }

  @Test
  void closing_a_closed_resolution_changes_nothing() {
    fixture.given(DRAFTED, OPENED, closed("0", "0", "0", "1", 0, false))
        .when(new Resolution.Close(R, COOP))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void another_cooperatives_administrator_cannot_close_it() {
    fixture.given(DRAFTED, OPENED)
        .when(new Resolution.Close(R, "sm-prudnik"))
        .expectException(refused("not_found"));
  }

  @Test
  void voting_closes_by_itself_at_its_closing_time() {
    fixture.givenCommands(draft(OPENS, CLOSES, false), new Resolution.Open(R, COOP, "1", List.of(), List.of()),
            vote("ala", Choice.FOR, alaP1()))
        .whenTimeAdvancesTo(CLOSES)
        .expectDeadlinesMet(new Resolution.Closing(R))
        .expectEvents(closed("1/2", "0", "0", "1", 1, false));
  }

  @Test
  void the_closing_time_does_nothing_to_a_resolution_the_administrator_closed_earlier() {
    fixture.givenCommands(draft(OPENS, CLOSES, false), new Resolution.Open(R, COOP, "1", List.of(), List.of()),
            new Resolution.Close(R, COOP))
        .whenTimeAdvancesTo(CLOSES)
        .expectNoEvents();
  }
}
