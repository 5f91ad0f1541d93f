package iok.loans;

import iok.finance.Money;
import java.time.LocalDate;

/** A loan the cooperative passes on to a member (O III.2): its balance as the books last stated it, and its schedule. */
public sealed interface LoanEvent {

  String loanId();

  record Details(String accountId, String name, Money principal, Money balance, LocalDate asOf, String rate) {}

  record LoanRecorded(String loanId, String cooperativeId, String booksId, Details details) implements LoanEvent {}

  record LoanChanged(String loanId, Details details) implements LoanEvent {}

  record Installment(String entryId, LocalDate dueDate, Money amount, LocalDate paidOn) {}

  /** An instalment of the schedule; sent again with its payment date, it is changed. */
  record InstallmentScheduled(String loanId, Installment installment) implements LoanEvent {}

  record InstallmentChanged(String loanId, Installment installment) implements LoanEvent {}
}
