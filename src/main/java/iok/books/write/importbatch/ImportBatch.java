package iok.books.write.importbatch;

import iok.finance.LedgerEvent;
import iok.premises.PremisesEvent.Details;
import iok.premises.PremisesEvent.Title;
import iok.loans.LoanEvent;
import iok.membership.MembershipEvent;
import java.util.List;

/**
 * A checked batch from the books, with every reference resolved. It is booked whole, in one
 * transaction, or not at all.
 */
public record ImportBatch(String cooperativeId, BatchKind kind, List<PremisesRow> premises, List<TitleRow> titles,
                          List<LedgerRow> entries, List<MemberRow> members, List<ContributionRow> contributions,
                          List<LoanRow> loans, List<InstallmentRow> installments, List<BuildingRow> buildings) {

  /** A batch of premises, titles or ledger entries. */
  public ImportBatch(String cooperativeId, BatchKind kind, List<PremisesRow> premises, List<TitleRow> titles,
                     List<LedgerRow> entries) {
    this(cooperativeId, kind, premises, titles, entries, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static ImportBatch buildings(String coop, List<BuildingRow> rows) {
    return new ImportBatch(coop, BatchKind.BUILDINGS, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), rows);
  }

  public static ImportBatch members(String coop, List<MemberRow> rows) {
    return new ImportBatch(coop, BatchKind.MEMBERSHIP, List.of(), List.of(), List.of(), rows, List.of(), List.of(),
        List.of(), List.of());
  }

  public static ImportBatch contributions(String coop, List<ContributionRow> rows) {
    return new ImportBatch(coop, BatchKind.CONTRIBUTIONS, List.of(), List.of(), List.of(), List.of(), rows, List.of(),
        List.of(), List.of());
  }

  public static ImportBatch loans(String coop, List<LoanRow> rows) {
    return new ImportBatch(coop, BatchKind.LOANS, List.of(), List.of(), List.of(), List.of(), List.of(), rows, List.of(),
        List.of());
  }

  public static ImportBatch installments(String coop, List<InstallmentRow> rows) {
    return new ImportBatch(coop, BatchKind.INSTALLMENTS, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        rows, List.of());
  }

  public record BuildingRow(int line, String booksId, iok.premises.BuildingEvent.Details details) {}

  public record MemberRow(int line, String booksId, MembershipEvent.Details details) {}

  public record ContributionRow(int line, String memberBooksId, MembershipEvent.ContributionRecorded contribution) {}

  public record LoanRow(int line, String booksId, LoanEvent.Details details) {}

  public record InstallmentRow(int line, String loanBooksId, LoanEvent.Installment installment) {}

  public record PremisesRow(int line, String booksId, Details details) {}

  public record TitleRow(int line, String premisesBooksId, Title title) {}

  public record LedgerRow(int line, String titleId, LedgerEvent entry) {}

  public int size() {
    return premises.size() + titles.size() + entries.size() + members.size() + contributions.size() + loans.size()
        + installments.size() + buildings.size();
  }
}
