package iok.demo;

import iok.books.write.importbatch.BatchKind;
import iok.books.write.importbatch.ImportBatch;
import iok.books.write.importbatch.ImportBatch.LedgerRow;
import iok.books.write.importbatch.ImportBatch.PremisesRow;
import iok.books.write.importbatch.ImportBatch.TitleRow;
import iok.finance.Ledger;
import iok.finance.LedgerEvent;
import iok.finance.Money;
import iok.premises.PremisesEvent.Details;
import iok.premises.PremisesEvent.Kind;
import iok.premises.PremisesEvent.Title;
import iok.premises.PremisesEvent.TitleKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A believable year from a cooperative's books for each demo resident: a flat, monthly charges by
 * component, payments that are mostly on time (one short, one late), a correction and some interest.
 * The last resident of a cooperative with housing communities holds a community flat instead.
 */
final class DemoBooks {

  /** A charge component: per square metre, or a fixed monthly amount; the slug goes into the books' entry ids. */
  private record Component(String name, String slug, String perSquareMetre, String fixed) {}

  private static final List<Component> COMPONENTS = List.of(
      new Component("eksploatacja", "eks", "2.45", null),
      new Component("fundusz remontowy", "frem", "1.80", null),
      new Component("woda zimna", "wz", null, "64.20"),
      new Component("ciepła woda", "cw", null, "48.90"),
      new Component("c.o.", "co", "2.10", null),
      new Component("wywóz nieczystości", "smieci", null, "37.00"));

  private static final String COMMUNITY = "Wspólnota Mieszkaniowa Ogrodowa 12";

  /** Number, area and share in the common property of the community's flats besides the demo resident's. */
  private static final List<String[]> OGRODOWA_12 = List.of(
      new String[] {"1", "45.10", "13020/100000"}, new String[] {"2", "44.60", "12890/100000"},
      new String[] {"3", "34.15", "9870/100000"}, new String[] {"4", "49.20", "14210/100000"},
      new String[] {"5", "43.80", "12650/100000"}, new String[] {"6", "40.25", "11630/100000"},
      new String[] {"8", "50.30", "14520/100000"});

  private DemoBooks() {}

  /** The batches, in the order the books would send them: premises, titles, then the ledgers. */
  static List<ImportBatch> year(String cooperativeId, List<String> accountIds, boolean communities, boolean loans,
                                LocalDate today) {
    List<PremisesRow> premises = new ArrayList<>();
    List<TitleRow> titles = new ArrayList<>();
    List<LedgerRow> charges = new ArrayList<>();
    List<LedgerRow> payments = new ArrayList<>();
    List<LedgerRow> others = new ArrayList<>();
    YearMonth thisMonth = YearMonth.from(today);
    for (int i = 0; i < accountIds.size(); i++) {
      boolean community = communities && i == accountIds.size() - 1;
      String premisesId = "L-" + (101 + i);
      BigDecimal area = new BigDecimal(i % 2 == 0 ? "52.40" : "38.75");
      premises.add(new PremisesRow(i + 1, premisesId, new Details(community ? "B-12" : "B-3",
          community ? "ul. Ogrodowa 12" : "ul. Kościelna 3",
          String.valueOf(4 + i * 3), Kind.FLAT, area, community ? COMMUNITY : null, community ? "11210/100000" : null)));
      String titleId = "T-" + premisesId;
      titles.add(new TitleRow(i + 1, premisesId, new Title(titleId, accountIds.get(i),
          community ? TitleKind.OWNERSHIP : TitleKind.COOPERATIVE_RIGHT, LocalDate.of(2015, 3, 1), null, null)));
      String ledgerId = Ledger.id(cooperativeId, titleId);
      for (int m = 11; m >= 0; m--) {
        YearMonth month = thisMonth.minusMonths(m);
        LocalDate due = month.atDay(Math.min(10, month.lengthOfMonth()));
        Money monthly = Money.ZERO;
        for (Component c : COMPONENTS) {
          // the books round a per-metre charge to the grosz once, as IOK shows it
          Money amount = c.fixed() != null ? Money.parse(c.fixed())
              : new Money(area.multiply(new BigDecimal(c.perSquareMetre())).setScale(2, java.math.RoundingMode.HALF_UP));
          monthly = monthly.plus(amount);
          charges.add(new LedgerRow(charges.size() + 1, titleId, new LedgerEvent.ChargeBooked(ledgerId, cooperativeId,
              titleId, "N-" + premisesId + "-" + month + "-" + c.slug(), c.name(), month, due, amount)));
        }
        if (m == 0) continue; // this month's charges are not paid yet
        Money paid = m == 4 ? monthly.minus(Money.parse("100.00")) : monthly;
        LocalDate paidOn = m == 7 ? due.plusDays(19) : due.minusDays(2 + i);
        payments.add(new LedgerRow(payments.size() + 1, titleId, new LedgerEvent.PaymentMade(ledgerId, cooperativeId,
            titleId, "W-" + premisesId + "-" + month, paidOn, paid, "bank")));
        if (m == 7) {
          others.add(new LedgerRow(others.size() + 1, titleId, new LedgerEvent.InterestBooked(ledgerId, cooperativeId,
              titleId, "O-" + premisesId + "-" + month, due.plusDays(20), Money.parse("2.87"))));
        }
        if (m == 5) {
          others.add(new LedgerRow(others.size() + 1, titleId, new LedgerEvent.CorrectionBooked(ledgerId, cooperativeId,
              titleId, "K-" + premisesId + "-" + month, due.plusDays(3), Money.parse("-42.15"),
              "rozliczenie wody za poprzedni okres")));
        }
      }
    }
    if (communities) {
      // the community's other flats: their owners have no IOK account (they vote on paper); the shares in the
      // common property, with the resident's flat (no. 7), make the whole 100000/100000 as a community's books do
      for (String[] flat : OGRODOWA_12) {
        premises.add(new PremisesRow(premises.size() + 1, "OG12-" + flat[0], new Details("B-12", "ul. Ogrodowa 12",
            flat[0], Kind.FLAT, new BigDecimal(flat[1]), COMMUNITY, flat[2])));
      }
    }
    List<LedgerRow> ledger = new ArrayList<>(charges);
    ledger.addAll(payments);
    ledger.addAll(others);
    List<ImportBatch.MemberRow> members = new ArrayList<>();
    List<ImportBatch.ContributionRow> contributions = new ArrayList<>();
    List<ImportBatch.LoanRow> loanRows = new ArrayList<>();
    List<ImportBatch.InstallmentRow> installments = new ArrayList<>();
    for (int i = 0; i < accountIds.size(); i++) {
      String memberId = "M-" + (501 + i);
      LocalDate joined = LocalDate.of(1996 + 3 * i, 4, 1);
      members.add(new ImportBatch.MemberRow(i + 1, memberId, new iok.membership.MembershipEvent.Details(accountIds.get(i),
          (501 + i) + "/" + cooperativeId.substring(3, 5).toUpperCase(), joined, null, 1, Money.parse("100.00"))));
      contributions.add(new ImportBatch.ContributionRow(i + 1, memberId, new iok.membership.MembershipEvent.ContributionRecorded(
          iok.membership.Member.id(cooperativeId, memberId), "WK-" + memberId, "wkład mieszkaniowy", "L-" + (101 + i),
          joined.plusMonths(1), Money.parse(i % 2 == 0 ? "18450.00" : "13920.40"))));
      if (loans) {
        String loanId = "K-" + (701 + i);
        loanRows.add(new ImportBatch.LoanRow(i + 1, loanId, new iok.loans.LoanEvent.Details(accountIds.get(i),
            "Kredyt na termomodernizację budynku", Money.parse("9600.00"), Money.parse("7200.00"),
            thisMonth.minusMonths(1).atEndOfMonth(), "4,1%")));
        for (int m = 5; m >= -6; m--) {
          YearMonth month = thisMonth.minusMonths(m);
          installments.add(new ImportBatch.InstallmentRow(installments.size() + 1, loanId, new iok.loans.LoanEvent.Installment(
              "R-" + loanId + "-" + month, month.atDay(15), Money.parse("200.00"),
              m > 0 ? month.atDay(13) : null)));
        }
      }
    }
    List<ImportBatch.BuildingRow> buildings = List.of(
        new ImportBatch.BuildingRow(1, "B-3", new iok.premises.BuildingEvent.Details("ul. Kościelna 3", null)),
        new ImportBatch.BuildingRow(2, "B-12", new iok.premises.BuildingEvent.Details("ul. Ogrodowa 12", COMMUNITY)));
    List<ImportBatch> batches = new ArrayList<>(List.of(
        ImportBatch.buildings(cooperativeId, buildings),
        new ImportBatch(cooperativeId, BatchKind.PREMISES, premises, List.of(), List.of()),
        new ImportBatch(cooperativeId, BatchKind.TITLES, List.of(), titles, List.of()),
        new ImportBatch(cooperativeId, BatchKind.CHARGES, List.of(), List.of(), ledger),
        ImportBatch.members(cooperativeId, members),
        ImportBatch.contributions(cooperativeId, contributions)));
    if (loans) {
      batches.add(ImportBatch.loans(cooperativeId, loanRows));
      batches.add(ImportBatch.installments(cooperativeId, installments));
    }
    return batches;
  }
}
