package iok.communities;

import iok.communities.ResolutionEvent.Choice;
import iok.communities.ResolutionEvent.Tally;
import iok.premises.Share;
import java.util.Collection;

/**
 * How a resolution's votes are counted, exactly (fractions, never doubles).
 *
 * <p>The majority rule (art. 23 ust. 2 of the Act on Ownership of Premises: "the majority of votes of the
 * owners, counted by their shares in the common property"): a resolution is adopted when the weight of the
 * votes <em>for</em> exceeds half of the total weight of <em>all owners</em> of the community — not of the
 * votes cast. Against and abstaining votes, and owners who did not vote, all count as not for. This is how
 * the Act is read by the courts for individually collected votes: a resolution needs a majority of all
 * owners, since there is no quorum that could make a smaller group decide. A tie (for exactly half) is not a
 * majority, so it is not adopted. With one owner one vote (art. 23 ust. 2a, when the community decided so),
 * the same rule counts each owner's vote as 1 and the total is the number of owners.
 */
public final class Count {

  /** One counted vote: its choice and its weight. */
  public record Counted(Choice choice, Share weight) {}

  private Count() {}

  public static Tally tally(Collection<Counted> votes, Share total) {
    Share yes = Share.ZERO;
    Share no = Share.ZERO;
    Share abstain = Share.ZERO;
    for (Counted v : votes) {
      switch (v.choice()) {
        case FOR -> yes = yes.plus(v.weight());
        case AGAINST -> no = no.plus(v.weight());
        case ABSTAIN -> abstain = abstain.plus(v.weight());
      }
    }
    return new Tally(yes.toString(), no.toString(), abstain.toString(), total.toString(), votes.size());
  }

  /** Adopted when the weight for is more than half of all owners' weight. */
  public static boolean adopted(Tally tally) {
    Share total = Share.of(tally.totalWeight());
    return !total.isZero() && Share.of(tally.forWeight()).compareTo(total.half()) > 0;
  }
}
