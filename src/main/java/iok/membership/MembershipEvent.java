package iok.membership;

import iok.finance.Money;
import java.time.LocalDate;

/** A member's file as the books keep it: membership, shares and housing contributions (R14, P III.6g). */
public sealed interface MembershipEvent {

  String memberId();

  record Details(String accountId, String number, LocalDate joined, LocalDate left, int shares, Money shareValue) {}

  record MembershipRecorded(String memberId, String cooperativeId, String booksId, Details details)
      implements MembershipEvent {}

  record MembershipChanged(String memberId, Details details) implements MembershipEvent {}

  /** A housing or building contribution (wkład mieszkaniowy, budowlany) paid in, as the books book it. */
  record ContributionRecorded(String memberId, String entryId, String kind, String premises, LocalDate date, Money amount)
      implements MembershipEvent {}
}
