package iok.books.write.importbatch;

import iok.books.write.importbatch.BatchReader.RawRow;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every row of a batch and resolves its references; collects every problem, so the books'
 * operator can mend the whole file at once.
 */
final class RowParser {

  /** What the batch may refer to: the books' keys IOK knows, and the cooperative's logins. */
  record Known(Set<String> premises, Map<String, String> titlePremises, Map<String, String> accountsByLogin,
               Set<String> members, Set<String> loans, Set<String> buildings) {}

  private static final Pattern BOOKS_ID = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
  private static final Pattern AREA = Pattern.compile("(0|[1-9][0-9]{0,5})\\.[0-9]{1,2}");

  private final String cooperativeId;
  private final Known known;
  private final List<RowProblem> problems = new ArrayList<>();
  private final Set<String> seenIds = new HashSet<>();

  RowParser(String cooperativeId, Known known) {
    this.cooperativeId = cooperativeId;
    this.known = known;
  }

  List<RowProblem> problems() {
    return problems;
  }

  ImportBatch parse(BatchKind kind, List<RawRow> rows) {
    List<PremisesRow> premises = new ArrayList<>();
    List<TitleRow> titles = new ArrayList<>();
    List<LedgerRow> entries = new ArrayList<>();
    List<ImportBatch.MemberRow> members = new ArrayList<>();
    List<ImportBatch.ContributionRow> contributions = new ArrayList<>();
    List<ImportBatch.LoanRow> loans = new ArrayList<>();
    List<ImportBatch.InstallmentRow> installments = new ArrayList<>();
    List<ImportBatch.BuildingRow> buildings = new ArrayList<>();
    for (RawRow row : rows) {
      problems.addAll(row.problems());
      Fields f = new Fields(row);
      for (String field : kind.required()) f.require(field);
      String id = f.id("id");
      if (id != null && !seenIds.add(id)) problems.add(new RowProblem(row.line(), "id", "appears twice in the batch"));
      switch (kind) {
        case BUILDINGS -> {
          var details = new iok.premises.BuildingEvent.Details(f.text("address", 200), f.optionalText("community", 100));
          if (f.ok()) buildings.add(new ImportBatch.BuildingRow(row.line(), id, details));
        }
        case PREMISES -> {
          String community = f.optionalText("community", 100);
          String share = f.share("share");
          if (share != null && community == null) f.problem("share", "is a share in a housing community's common property: give the community");
          Details details = new Details(f.reference("building", known.buildings()::contains, "no such building in the books"), f.text("address", 200), f.text("number", 20),
              f.premisesKind("kind"), f.area("area"), community, share);
          if (f.ok()) premises.add(new PremisesRow(row.line(), id, details));
        }
        case TITLES -> {
          String premisesId = f.reference("premises", known.premises()::contains, "no such premises in the books");
          String accountId = f.account("login");
          LocalDate from = f.date("from");
          LocalDate until = f.optionalDate("until");
          if (from != null && until != null && until.isBefore(from)) f.problem("until", "is before from");
          TitleKind titleKind = f.titleKind("kind");
          if (f.ok()) titles.add(new TitleRow(row.line(), premisesId, new Title(id, accountId, titleKind, from, until, f.share("share"))));
        }
        case MEMBERSHIP -> {
          String accountId = f.account("login");
          LocalDate joined = f.date("joined");
          LocalDate left = f.optionalDate("left");
          if (joined != null && left != null && left.isBefore(joined)) f.problem("left", "is before joined");
          var details = new iok.membership.MembershipEvent.Details(accountId, f.text("number", 40), joined, left,
              f.count("shares"), f.money("shareValue"));
          if (f.ok()) members.add(new ImportBatch.MemberRow(row.line(), id, details));
        }
        case CONTRIBUTIONS -> {
          String member = f.reference("member", known.members()::contains, "no such member in the books");
          var contribution = new iok.membership.MembershipEvent.ContributionRecorded(
              member == null ? null : iok.membership.Member.id(cooperativeId, member), id, f.text("kind", 60),
              f.optionalText("premises", 64), f.date("date"), f.money("amount"));
          if (f.ok()) contributions.add(new ImportBatch.ContributionRow(row.line(), member, contribution));
        }
        case LOANS -> {
          String accountId = f.account("login");
          var details = new iok.loans.LoanEvent.Details(accountId, f.text("name", 120), f.money("principal"),
              f.money("balance"), f.date("asOf"), f.optionalText("rate", 20));
          if (f.ok()) loans.add(new ImportBatch.LoanRow(row.line(), id, details));
        }
        case INSTALLMENTS -> {
          String loan = f.reference("loan", known.loans()::contains, "no such loan in the books");
          var installment = new iok.loans.LoanEvent.Installment(id, f.date("dueDate"), f.money("amount"),
              f.optionalDate("paidOn"));
          if (f.ok()) installments.add(new ImportBatch.InstallmentRow(row.line(), loan, installment));
        }
        default -> {
          String titleId = f.reference("title", known.titlePremises()::containsKey, "no such title in the books");
          LedgerEvent entry = ledgerEntry(kind, f, id, titleId);
          if (f.ok()) entries.add(new LedgerRow(row.line(), titleId, entry));
        }
      }
    }
    return new ImportBatch(cooperativeId, kind, premises, titles, entries, members, contributions, loans, installments,
        buildings);
  }

  private LedgerEvent ledgerEntry(BatchKind kind, Fields f, String id, String titleId) {
    String ledgerId = titleId == null ? null : Ledger.id(cooperativeId, titleId);
    Money amount = f.money("amount");
    return switch (kind) {
      case CHARGES -> {
        YearMonth month = f.month("month");
        LocalDate due = f.date("dueDate");
        if (amount != null && amount.isNegative()) f.problem("amount", "a charge is not negative; send a correction");
        yield new LedgerEvent.ChargeBooked(ledgerId, cooperativeId, titleId, id, f.text("component", 80), month, due, amount);
      }
      case PAYMENTS -> {
        if (amount != null && !amount.isPositive()) f.problem("amount", "a payment is more than zero");
        String source = f.optionalText("source", 40);
        yield new LedgerEvent.PaymentMade(ledgerId, cooperativeId, titleId, id, f.date("date"), amount,
            source == null ? "books" : source);
      }
      case CORRECTIONS -> new LedgerEvent.CorrectionBooked(ledgerId, cooperativeId, titleId, id, f.date("date"), amount,
          f.text("description", 200));
      default -> new LedgerEvent.InterestBooked(ledgerId, cooperativeId, titleId, id, f.date("date"), amount);
    };
  }

  /** One row's fields; each reader notes its own problem and answers null. */
  private final class Fields {
    private final RawRow row;
    private final int before;

    Fields(RawRow row) {
      this.row = row;
      this.before = problems.size();
    }

    boolean ok() {
      return problems.size() == before && row.problems().isEmpty();
    }

    void problem(String field, String problem) {
      problems.add(new RowProblem(row.line(), field, problem));
    }

    void require(String field) {
      if (!row.fields().containsKey(field)) problem(field, "is required");
    }

    private String raw(String field) {
      String v = row.fields().get(field);
      return v == null ? null : v.strip();
    }

    String id(String field) {
      String v = raw(field);
      if (v == null) return null;
      if (!BOOKS_ID.matcher(v).matches()) {
        problem(field, "is 1-64 letters, digits or . _ / -");
        return null;
      }
      return v;
    }

    String text(String field, int max) {
      String v = raw(field);
      if (v == null) return null;
      if (v.isEmpty() || v.length() > max) {
        problem(field, "is 1-" + max + " characters");
        return null;
      }
      if (v.chars().anyMatch(Character::isISOControl)) {
        problem(field, "has control characters");
        return null;
      }
      return v;
    }

    String optionalText(String field, int max) {
      return raw(field) == null || raw(field).isEmpty() ? null : text(field, max);
    }

    String reference(String field, java.util.function.Predicate<String> exists, String missing) {
      String v = id(field);
      if (v != null && !exists.test(v)) {
        problem(field, missing);
        return null;
      }
      return v;
    }

    /** An IOK login of this cooperative, as the IOK account it names. */
    String account(String field) {
      String login = text(field, 64);
      String accountId = login == null ? null : known.accountsByLogin().get(login.toLowerCase(Locale.ROOT));
      if (login != null && accountId == null) problem(field, "no such resident in this cooperative");
      return accountId;
    }

    int count(String field) {
      String v = raw(field);
      if (v == null) return 0;
      if (!v.matches("[0-9]{1,6}")) {
        problem(field, "is a whole number");
        return 0;
      }
      return Integer.parseInt(v);
    }

    LocalDate date(String field) {
      String v = raw(field);
      if (v == null) return null;
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        problem(field, "is a date like 2026-11-10");
        return null;
      }
    }

    LocalDate optionalDate(String field) {
      return raw(field) == null || raw(field).isEmpty() ? null : date(field);
    }

    YearMonth month(String field) {
      String v = raw(field);
      if (v == null) return null;
      try {
        return YearMonth.parse(v);
      } catch (DateTimeParseException e) {
        problem(field, "is a month like 2026-11");
        return null;
      }
    }

    Money money(String field) {
      String v = raw(field);
      if (v == null) return null;
      if (!Money.isValid(v)) {
        problem(field, "is an amount like 123.45");
        return null;
      }
      return Money.parse(v);
    }

    /** An optional exact fraction more than 0 and at most 1, like "4523/100000"; kept as the books wrote it, reduced. */
    String share(String field) {
      String v = raw(field);
      if (v == null || v.isEmpty()) return null;
      var share = iok.premises.Share.parse(v).filter(s -> !s.isZero() && s.atMostOne());
      if (share.isEmpty()) {
        problem(field, "is a fraction more than 0 and at most 1, like 4523/100000");
        return null;
      }
      return share.get().toString();
    }

    BigDecimal area(String field) {
      String v = raw(field);
      if (v == null) return null;
      if (!AREA.matcher(v).matches()) {
        problem(field, "is square metres like 52.30");
        return null;
      }
      return new BigDecimal(v).setScale(2);
    }

    Kind premisesKind(String field) {
      return enumValue(field, Kind.class, "flat, commercial, garage, parking-space or land");
    }

    TitleKind titleKind(String field) {
      return enumValue(field, TitleKind.class, "cooperative-right, tenancy or ownership");
    }

    private <E extends Enum<E>> E enumValue(String field, Class<E> type, String allowed) {
      String v = raw(field);
      if (v == null) return null;
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        problem(field, "is one of " + allowed);
        return null;
      }
    }
  }
}
