package iok.communities;

import static org.assertj.core.api.Assertions.assertThat;

import iok.communities.Count.Counted;
import iok.communities.ResolutionEvent.Choice;
import iok.premises.Share;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shares add up exactly however many there are, and the majority is more than half of all owners' weight. */
class ShareTest {

  @Test
  void a_thousand_shares_of_one_thousandth_make_exactly_one() {
    List<Counted> votes = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) votes.add(new Counted(Choice.FOR, Share.of("1/1000")));
    assertThat(Count.tally(votes, Share.ONE).forWeight()).isEqualTo("1");
    assertThat(Share.of("4523/100000").plus(Share.of("5477/100000")).toString()).isEqualTo("1/10");
    assertThat(Share.parse("0.5")).isEmpty();
    assertThat(Share.parse("1/0")).isEmpty();
  }

  @Test
  void more_than_half_of_all_owners_adopts_exactly_half_does_not() {
    var half = Count.tally(List.of(new Counted(Choice.FOR, Share.of("50000/100000"))), Share.ONE);
    var more = Count.tally(List.of(new Counted(Choice.FOR, Share.of("50001/100000"))), Share.ONE);
    assertThat(Count.adopted(half)).isFalse();
    assertThat(Count.adopted(more)).isTrue();
    // abstentions and absent owners are not "for": a majority of votes cast is not enough
    var few = Count.tally(List.of(new Counted(Choice.FOR, Share.of("3/10")), new Counted(Choice.AGAINST, Share.of("1/10"))),
        Share.ONE);
    assertThat(Count.adopted(few)).isFalse();
  }

  @Test
  void a_weight_longer_than_the_books_allow_is_still_read_back_and_counted() {
    // an 18-digit share times an 18-digit part: the weight IOK records has 36 digits a side
    Share share = Share.parse("123456789012345677/987654321098765431").orElseThrow();
    Share part = Share.parse("99999999999999989/100000000000000000").orElseThrow();
    String weight = share.times(part).toString();
    assertThat(weight.length()).isGreaterThan(38);
    assertThat(Share.parse(weight)).as("the books may not send it").isEmpty();
    assertThat(Share.of(weight)).isEqualTo(share.times(part));
    var tally = Count.tally(List.of(new Counted(Choice.FOR, Share.of(weight))), Share.ONE);
    assertThat(Count.adopted(tally)).isFalse();
  }
}
