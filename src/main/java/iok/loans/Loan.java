package iok.loans;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.loans.LoanEvent.Details;
import iok.loans.LoanEvent.Installment;
import iok.loans.LoanEvent.InstallmentChanged;
import iok.loans.LoanEvent.InstallmentScheduled;
import iok.loans.LoanEvent.LoanChanged;
import iok.loans.LoanEvent.LoanRecorded;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A loan as the books state it; the same row twice records nothing, a changed one records the change. */
public class Loan {

  @AggregateIdentifier
  private String loanId;
  private Details details;
  private final Map<String, String> installments = new HashMap<>();

  /** A loan the books have not described yet; the first event gives it its id. */
  public Loan() {}

  public static String id(String cooperativeId, String booksId) {
    return cooperativeId + ":loan:" + booksId;
  }

  public boolean describe(String id, String cooperativeId, String booksId, Details described) {
    if (loanId == null) {
      apply(new LoanRecorded(id, cooperativeId, booksId, described));
      return true;
    }
    if (details.equals(described)) return false;
    apply(new LoanChanged(loanId, described));
    return true;
  }

  public boolean schedule(Installment installment) {
    String known = installments.get(installment.entryId());
    if (installment.toString().equals(known)) return false;
    apply(known == null ? new InstallmentScheduled(loanId, installment) : new InstallmentChanged(loanId, installment));
    return true;
  }

  @EventSourcingHandler
  void on(LoanEvent event) {
    switch (event) {
      case LoanRecorded e -> {
        loanId = e.loanId();
        details = e.details();
      }
      case LoanChanged e -> details = e.details();
      case InstallmentScheduled e -> installments.put(e.installment().entryId(), e.installment().toString());
      case InstallmentChanged e -> installments.put(e.installment().entryId(), e.installment().toString());
    }
  }
}
