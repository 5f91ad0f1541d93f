package iok.finance;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The entries of one holder's ledger card for one premises (a title), as the books booked them.
 * {@code entryId} is the books' own id: the same entry sent twice is booked once.
 */
public sealed interface LedgerEvent {

  String ledgerId();

  String entryId();

  record ChargeBooked(String ledgerId, String cooperativeId, String titleId, String entryId, String component,
                      YearMonth month, LocalDate dueDate, Money amount) implements LedgerEvent {}

  /** Whether from a bank statement in the books or, later, the online gateway: a payment is a payment. */
  record PaymentMade(String ledgerId, String cooperativeId, String titleId, String entryId, LocalDate paidOn,
                     Money amount, String source) implements LedgerEvent {}

  /** Positive raises what is owed, negative lowers it. */
  record CorrectionBooked(String ledgerId, String cooperativeId, String titleId, String entryId, LocalDate date,
                          Money amount, String description) implements LedgerEvent {}

  record InterestBooked(String ledgerId, String cooperativeId, String titleId, String entryId, LocalDate date,
                        Money amount) implements LedgerEvent {}
}
