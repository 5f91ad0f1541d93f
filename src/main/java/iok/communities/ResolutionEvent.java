package iok.communities;

import java.time.Instant;
import java.util.List;

/**
 * A housing community's resolution (uchwała) voted by its owners, as the Act on Ownership of Premises,
 * art. 23, allows: collected individually, online or on paper, or at a meeting. Every vote is an event,
 * so the history of the voting cannot be altered unseen. Weights are exact fractions written as text
 * ("4523/100000", see {@link iok.premises.Share}).
 */
public sealed interface ResolutionEvent {

  String resolutionId();

  /** How votes are counted: by the owners' shares in the common property (the Act's rule), or one owner one vote. */
  enum Rule { SHARES, OWNERS }

  enum Choice { FOR, AGAINST, ABSTAIN }

  /** Where a vote came from: the owner online, or entered by the administrator from paper or a meeting. */
  enum Source { ONLINE, PAPER, MEETING }

  /** The sums of the counted votes' weights, and the whole weight they are measured against. */
  record Tally(String forWeight, String againstWeight, String abstainWeight, String totalWeight, int votes) {}

  /**
   * {@code attachments} are documents already published to the same community (the plan the resolution adopts).
   * {@code ownersSeeNames}: the community decided that owners checking the list of votes see who cast each vote;
   * otherwise they see premises numbers only. Absent in events written before it existed: false.
   */
  record ResolutionDrafted(String resolutionId, String cooperativeId, String community, String number, String title,
                           String text, Rule rule, Instant opensAt, Instant closesAt, boolean ownersSeeLiveTally,
                           List<String> attachments, boolean ownersSeeNames, Instant at) implements ResolutionEvent {}

  /**
   * Voting begins. {@code totalWeight} is the weight of all owners of the community at this moment: the sum of
   * its premises' shares, or (one owner one vote) the number of owners in {@code roll}.
   */
  record ResolutionOpened(String resolutionId, String totalWeight, List<String> roll, Instant at)
      implements ResolutionEvent {}

  /** An earlier vote on the same premises now counted with a smaller weight: its caster's part today. */
  record Reduced(String key, String weight) {}

  /**
   * One vote for one premises-share (or, one owner one vote, for the owner). {@code key} names what the vote
   * counts for: a later vote with the same key replaces it. {@code withdrawn} are keys of votes no longer
   * counted because those who cast them no longer own the premises and a present owner voted for it;
   * {@code reduced}, earlier votes on the premises whose casters still own it but a smaller part than they
   * voted with (see {@link iok.communities.Resolution}). {@code voterId} is null for an owner outside IOK
   * whose paper vote the administrator entered. Events written before {@code reduced} existed read it as empty.
   */
  record VoteCast(String resolutionId, String key, String premisesId, String premisesNumber, String voterId,
                  Choice choice, String weight, Source source, List<String> withdrawn, List<Reduced> reduced, Instant at)
      implements ResolutionEvent {
    public VoteCast {
      withdrawn = withdrawn == null ? List.of() : List.copyOf(withdrawn);
      reduced = reduced == null ? List.of() : List.copyOf(reduced);
    }
  }

  /** Voting ended, at its closing time or earlier by the administrator; the outcome computed exactly. */
  record ResolutionClosed(String resolutionId, Tally tally, boolean adopted, Instant at) implements ResolutionEvent {}
}
