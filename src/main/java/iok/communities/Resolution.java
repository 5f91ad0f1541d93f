package iok.communities;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.communities.Count.Counted;
import iok.communities.ResolutionEvent.Choice;
import iok.communities.ResolutionEvent.ResolutionClosed;
import iok.communities.ResolutionEvent.ResolutionDrafted;
import iok.communities.ResolutionEvent.ResolutionOpened;
import iok.communities.ResolutionEvent.Reduced;
import iok.communities.ResolutionEvent.Rule;
import iok.communities.ResolutionEvent.Source;
import iok.communities.ResolutionEvent.Tally;
import iok.communities.ResolutionEvent.VoteCast;
import iok.platform.domain.Refusal;
import iok.premises.Share;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A resolution from draft to outcome. Drafted by the administrator, opened, voted until its closing time
 * (or until the administrator closes it), then closed with its outcome computed by {@link Count}.
 *
 * <p>Who votes with what weight is decided when the vote is cast, from the books as they are at that moment
 * (the route reads them and passes each {@link Ballot}): <b>a vote goes with the person who owned the premises
 * at the time of voting</b>, with the part they owned then. If the title passes to someone else during the
 * voting, the vote already cast stays counted with the weight it had. <b>A premises never counts more than its
 * share:</b> when a vote for a premises arrives, the books of that moment are laid over the earlier votes on the
 * same premises (by shares):
 * <ul>
 *   <li>a vote by someone who no longer owns any part of it is withdrawn (so is a paper vote entered for owners
 *       outside IOK, once an owner in IOK votes);</li>
 *   <li>a vote by someone who still owns a part, but a smaller one than they voted with (they sold part of it),
 *       is reduced to the part they own now, still with their choice;</li>
 *   <li>a vote by someone whose part is the same or larger stands as cast (a vote is never enlarged without its
 *       owner voting again).</li>
 * </ul>
 * Both are recorded in the new vote's event ({@code withdrawn}, {@code reduced}), so the list of votes explains
 * itself. After every vote the premises' counted weights are each at most their caster's part of that moment,
 * so together at most the premises' share; between votes no weight changes. Until the buyer votes, the seller's
 * earlier vote stands whole: the premises then counts once, by the vote of its owner at the time.
 */
public class Resolution {

  /**
   * What one vote counts for, as the books say at the moment of voting. {@code owners}: every present owner of
   * the premises in IOK with the weight their part gives them today (share × part).
   */
  public record Ballot(String key, String premisesId, String premisesNumber, String weight, Map<String, String> owners) {
    public Ballot {
      owners = Map.copyOf(owners);
    }
  }

  public record Draft(@TargetAggregateIdentifier String resolutionId, String cooperativeId, String community,
                      String number, String title, String text, Rule rule, Instant opensAt, Instant closesAt,
                      boolean ownersSeeLiveTally, List<String> attachments, boolean ownersSeeNames) {}

  /** {@code roll}: one owner one vote, the owners' keys; {@code unknownShares}: premises whose share the books lack. */
  public record Open(@TargetAggregateIdentifier String resolutionId, String cooperativeId, String totalWeight,
                     List<String> roll, List<String> unknownShares) {}

  public record Vote(@TargetAggregateIdentifier String resolutionId, String cooperativeId, String voterId, Choice choice,
                     Source source, List<Ballot> ballots) {}

  public record Close(@TargetAggregateIdentifier String resolutionId, String cooperativeId) {}

  static final String CLOSING = "resolution-closing";

  /** What the closing deadline carries. */
  public record Closing(String resolutionId) {}

  private record Cast(String premisesId, String voterId, Choice choice, Share weight) {}

  enum Status { DRAFT, OPEN, CLOSED }

  @AggregateIdentifier
  private String resolutionId;
  private String cooperativeId;
  private Rule rule;
  private Instant opensAt;
  private Instant closesAt;
  private Status status;
  private Share total;
  private final Set<String> roll = new LinkedHashSet<>();
  private final Map<String, Cast> votes = new LinkedHashMap<>();
  private long sequence = -1;

  protected Resolution() {}

  @CommandHandler
  public Resolution(Draft command, Clock clock) {
    if (!command.closesAt().isAfter(command.opensAt())) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "closes_before_it_opens", "Voting must close after it opens",
          Map.of("opensAt", command.opensAt().toString(), "closesAt", command.closesAt().toString()));
    }
    if (!command.closesAt().isAfter(clock.instant())) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "closes_in_the_past", "Voting cannot close in the past",
          Map.of("closesAt", command.closesAt().toString()));
    }
    apply(new ResolutionDrafted(command.resolutionId(), command.cooperativeId(), command.community(), command.number(),
        command.title(), command.text(), command.rule(), command.opensAt(), command.closesAt(),
        command.ownersSeeLiveTally(), List.copyOf(command.attachments()), command.ownersSeeNames(), clock.instant()));
  }

  @CommandHandler
  public long handle(Open command, Clock clock, DeadlineManager deadlines) {
    ours(command.cooperativeId());
    if (status != Status.DRAFT) throw new Refusal(Refusal.Kind.CONFLICT, "already_opened", "The resolution was opened already");
    if (!closesAt.isAfter(clock.instant())) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "closes_in_the_past", "Its closing time has passed; draft it again",
          Map.of("closesAt", closesAt.toString()));
    }
    if (rule == Rule.SHARES && !command.unknownShares().isEmpty()) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "shares_missing",
          "The books give no share in the common property for some premises of the community; load them first",
          Map.of("premises", command.unknownShares()));
    }
    if (Share.of(command.totalWeight()).isZero()) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "no_owners", "The community has no owners in the books");
    }
    apply(new ResolutionOpened(resolutionId, command.totalWeight(), List.copyOf(command.roll()), clock.instant()));
    deadlines.schedule(closesAt, CLOSING, new Closing(resolutionId));
    return sequence;
  }

  @CommandHandler
  public long handle(Vote command, Clock clock) {
    ours(command.cooperativeId());
    Instant now = clock.instant();
    if (status == Status.DRAFT || now.isBefore(opensAt)) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "voting_not_open", "Voting on this resolution has not opened yet",
          Map.of("opensAt", opensAt.toString()));
    }
    if (status == Status.CLOSED || !now.isBefore(closesAt)) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "voting_closed", "Voting on this resolution has closed",
          Map.of("closesAt", closesAt.toString()));
    }
    for (Ballot ballot : command.ballots()) {
      List<String> withdrawn = new ArrayList<>();
      List<Reduced> reduced = new ArrayList<>();
      if (rule == Rule.SHARES) {
        votes.forEach((key, cast) -> {
          if (key.equals(ballot.key()) || !ballot.premisesId().equals(cast.premisesId())) return;
          String today = cast.voterId() == null ? null : ballot.owners().get(cast.voterId());
          if (today == null) {
            withdrawn.add(key);
          } else if (cast.weight().compareTo(Share.of(today)) > 0) {
            reduced.add(new Reduced(key, today));
          }
        });
      }
      apply(new VoteCast(resolutionId, ballot.key(), ballot.premisesId(), ballot.premisesNumber(), command.voterId(),
          command.choice(), ballot.weight(), command.source(), withdrawn, reduced, now));
    }
    return sequence;
  }

  @CommandHandler
  public long handle(Close command, Clock clock) {
    ours(command.cooperativeId());
    if (status == Status.DRAFT) throw new Refusal(Refusal.Kind.CONFLICT, "not_opened", "A draft is not closed; it was never opened");
    close(clock);
    return sequence;
  }

  @DeadlineHandler(deadlineName = CLOSING)
  void closingTime(Closing closing, Clock clock) {
    close(clock);
  }

  private void close(Clock clock) {
    if (status != Status.OPEN) return;
    Tally tally = tally();
    apply(new ResolutionClosed(resolutionId, tally, Count.adopted(tally), clock.instant()));
  }

  /** The count as it stands. One owner one vote: the total is every owner on the roll and every voter besides. */
  Tally tally() {
    Share whole = total;
    if (rule == Rule.OWNERS) {
      Set<String> owners = new LinkedHashSet<>(roll);
      owners.addAll(votes.keySet());
      whole = Share.whole(owners.size());
    }
    return Count.tally(votes.values().stream().map(c -> new Counted(c.choice(), c.weight())).toList(), whole);
  }

  private void ours(String cooperativeId) {
    if (!this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Resolution");
  }

  @EventSourcingHandler
  void on(ResolutionEvent event) {
    sequence++;
    switch (event) {
      case ResolutionDrafted e -> {
        resolutionId = e.resolutionId();
        cooperativeId = e.cooperativeId();
        rule = e.rule();
        opensAt = e.opensAt();
        closesAt = e.closesAt();
        status = Status.DRAFT;
      }
      case ResolutionOpened e -> {
        status = Status.OPEN;
        total = Share.of(e.totalWeight());
        roll.addAll(e.roll());
      }
      case VoteCast e -> {
        e.withdrawn().forEach(votes::remove);
        e.reduced().forEach(r -> votes.computeIfPresent(r.key(), (k, c) -> new Cast(c.premisesId(), c.voterId(),
            c.choice(), Share.of(r.weight()))));
        votes.put(e.key(), new Cast(e.premisesId(), e.voterId(), e.choice(), Share.of(e.weight())));
      }
      case ResolutionClosed e -> status = Status.CLOSED;
    }
  }
}
