package iok.membership;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.membership.MembershipEvent.ContributionRecorded;
import iok.membership.MembershipEvent.Details;
import iok.membership.MembershipEvent.MembershipChanged;
import iok.membership.MembershipEvent.MembershipRecorded;
import iok.platform.domain.Refusal;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A member's file. As with every record from the books: the same row twice records nothing. */
public class Member {

  @AggregateIdentifier
  private String memberId;
  private Details details;
  private final Map<String, String> contributions = new HashMap<>();

  /** A member the books have not described yet; the first event gives it its id. */
  public Member() {}

  public static String id(String cooperativeId, String booksId) {
    return cooperativeId + ":member:" + booksId;
  }

  public boolean describe(String id, String cooperativeId, String booksId, Details described) {
    if (memberId == null) {
      apply(new MembershipRecorded(id, cooperativeId, booksId, described));
      return true;
    }
    if (details.equals(described)) return false;
    apply(new MembershipChanged(memberId, described));
    return true;
  }

  public boolean contribute(ContributionRecorded contribution) {
    String known = contributions.get(contribution.entryId());
    if (contribution.toString().equals(known)) return false;
    if (known != null) {
      throw new Refusal(Refusal.Kind.CONFLICT, "entry_rewritten",
          "Contribution " + contribution.entryId() + " was booked before with other values");
    }
    apply(contribution);
    return true;
  }

  @EventSourcingHandler
  void on(MembershipEvent event) {
    switch (event) {
      case MembershipRecorded e -> {
        memberId = e.memberId();
        details = e.details();
      }
      case MembershipChanged e -> details = e.details();
      case ContributionRecorded e -> contributions.put(e.entryId(), e.toString());
    }
  }
}
