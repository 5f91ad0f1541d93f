package iok.books.write.importbatch;

import iok.books.write.importbatch.ImportBatch.LedgerRow;
import iok.books.write.importbatch.ImportBatch.PremisesRow;
import iok.books.write.importbatch.ImportBatch.TitleRow;
import iok.account.Account;
import iok.account.TitleLost;
import iok.cooperative.Cooperative;
import iok.loans.Loan;
import iok.membership.Member;
import java.time.LocalDate;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import iok.finance.Ledger;
import iok.platform.db.Jdbc;
import iok.platform.domain.Refusal;
import iok.premises.Building;
import iok.premises.Premises;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Books a checked batch: every premises, title and ledger it touches is loaded into one unit of work,
 * so the batch's events are appended in one transaction, or none of them are. Rows already booked
 * record nothing, which makes sending a batch twice harmless.
 */
public final class BooksImporter {

  private final Repository<Premises> premises;
  private final Repository<Ledger> ledgers;
  private final Repository<Cooperative> cooperatives;
  private final Repository<Member> members;
  private final Repository<Building> buildings;
  private final Repository<Loan> loans;
  private final Jdbc jdbc;
  private final Clock clock;
  private final DeadlineManager deadlines;

  public BooksImporter(Repository<Premises> premises, Repository<Ledger> ledgers, Repository<Cooperative> cooperatives,
                       Repository<Member> members, Repository<Loan> loans, Repository<Building> buildings, Jdbc jdbc,
                       Clock clock, DeadlineManager deadlines) {
    this.buildings = buildings;
    this.members = members;
    this.loans = loans;
    this.deadlines = deadlines;
    this.premises = premises;
    this.ledgers = ledgers;
    this.cooperatives = cooperatives;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @CommandHandler
  public ImportResult handle(ImportBatch batch) throws Exception {
    String coop = batch.cooperativeId();
    int recorded = 0;
    List<RowProblem> problems = new ArrayList<>();
    for (ImportBatch.BuildingRow row : batch.buildings()) {
      String id = Building.id(coop, row.booksId());
      if (buildings.loadOrCreate(id, Building::new).invoke(b -> b.describe(id, coop, row.booksId(), row.details()))) {
        recorded++;
      }
      jdbc.update("INSERT INTO books_building (cooperative_id, books_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          coop, row.booksId());
    }
    for (PremisesRow row : batch.premises()) {
      String id = Premises.id(coop, row.booksId());
      Aggregate<Premises> aggregate = premises.loadOrCreate(id, Premises::new);
      if (aggregate.invoke(p -> p.describe(id, coop, row.booksId(), row.details()))) recorded++;
      jdbc.update("INSERT INTO books_premises (cooperative_id, premises_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          coop, row.booksId());
    }
    for (TitleRow row : batch.titles()) {
      Aggregate<Premises> aggregate = premises.load(Premises.id(coop, row.premisesBooksId()));
      if (aggregate.invoke(p -> p.hold(row.title()))) recorded++;
      jdbc.update("""
          INSERT INTO books_title (cooperative_id, title_id, premises_id, account_id, valid_from, valid_until)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (cooperative_id, title_id) DO UPDATE SET premises_id = EXCLUDED.premises_id,
            account_id = EXCLUDED.account_id, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until""",
          coop, row.title().booksId(), row.premisesBooksId(), row.title().accountId(), row.title().from(),
          row.title().until());
    }
    batch.titles().stream().map(row -> row.title().accountId()).distinct().forEach(account -> watchTitles(coop, account));
    for (LedgerRow row : batch.entries()) {
      Aggregate<Ledger> aggregate = ledgers.loadOrCreate(Ledger.id(coop, row.titleId()), Ledger::new);
      try {
        if (aggregate.invoke(l -> l.book(row.entry()))) recorded++;
      } catch (Refusal refusal) {
        problems.add(new RowProblem(row.line(), "id", refusal.getMessage()));
      }
    }
    for (ImportBatch.MemberRow row : batch.members()) {
      String id = Member.id(coop, row.booksId());
      if (members.loadOrCreate(id, Member::new).invoke(m -> m.describe(id, coop, row.booksId(), row.details()))) recorded++;
      jdbc.update("INSERT INTO books_member (cooperative_id, books_id, account_id) VALUES (?, ?, ?) "
          + "ON CONFLICT (cooperative_id, books_id) DO UPDATE SET account_id = EXCLUDED.account_id", coop, row.booksId(),
          row.details().accountId());
    }
    for (ImportBatch.ContributionRow row : batch.contributions()) {
      try {
        if (members.load(Member.id(coop, row.memberBooksId())).invoke(m -> m.contribute(row.contribution()))) recorded++;
      } catch (Refusal refusal) {
        problems.add(new RowProblem(row.line(), "id", refusal.getMessage()));
      }
    }
    for (ImportBatch.LoanRow row : batch.loans()) {
      String id = Loan.id(coop, row.booksId());
      if (loans.loadOrCreate(id, Loan::new).invoke(l -> l.describe(id, coop, row.booksId(), row.details()))) recorded++;
      jdbc.update("INSERT INTO books_loan (cooperative_id, books_id, account_id) VALUES (?, ?, ?) "
          + "ON CONFLICT (cooperative_id, books_id) DO UPDATE SET account_id = EXCLUDED.account_id", coop, row.booksId(),
          row.details().accountId());
    }
    for (ImportBatch.InstallmentRow row : batch.installments()) {
      if (loans.load(Loan.id(coop, row.loanBooksId())).invoke(l -> l.schedule(row.installment()))) recorded++;
    }
    if (!problems.isEmpty()) throw refused(problems);
    int news = recorded;
    cooperatives.load(coop).execute(c -> c.booksLoaded(batch.kind().path(), batch.size(), news, clock.instant()));
    return new ImportResult(batch.size(), recorded);
  }

  /**
   * R6: an account whose every title has ended is blocked 30 days after the last one ended. Whatever
   * was scheduled for it before is replaced, so a new title cancels the block.
   */
  private void watchTitles(String coop, String accountId) {
    ScopeDescriptor account = new AggregateScopeDescriptor(Account.class.getSimpleName(), accountId);
    deadlines.cancelAllWithinScope(TitleLost.DEADLINE, account);
    LocalDate lastDay = jdbc.queryOne("""
        SELECT CASE WHEN bool_or(valid_until IS NULL) THEN NULL ELSE max(valid_until) END
        FROM books_title WHERE cooperative_id = ? AND account_id = ?""", rs -> {
          java.sql.Date d = rs.getDate(1);
          return d == null ? null : d.toLocalDate();
        }, coop, accountId);
    if (lastDay == null) return;
    LocalDate lostOn = lastDay.plusDays(1);
    deadlines.schedule(lostOn.plusDays(TitleLost.GRACE_DAYS).atStartOfDay(clock.getZone()).toInstant(),
        TitleLost.DEADLINE, new TitleLost(lostOn), account);
  }

  static Refusal refused(List<RowProblem> problems) {
    return new Refusal(Refusal.Kind.RULE_VIOLATED, "import_refused",
        problems.size() + " row problem(s); nothing of the batch was recorded",
        Map.of("rows", problems.stream().limit(1_000).map(p -> Map.of("line", p.line(), "field", p.field(),
            "problem", p.problem())).toList()));
  }
}
