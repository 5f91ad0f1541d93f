package iok.membership.read.files;

import iok.loans.LoanEvent;
import iok.loans.LoanEvent.Installment;
import iok.membership.MembershipEvent;
import iok.membership.MembershipEvent.Details;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/** Members' files and loans as residents see them (R14, O III.2). Upserts: a replay writes the same rows. */
@ProcessingGroup(MembershipProjection.PROCESSOR)
public final class MembershipProjection {

  public static final String PROCESSOR = "membership";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/membership/schema.sql",
      List.of("installment_view", "loan_view", "contribution_view", "membership_view"));

  private final Jdbc jdbc;

  public MembershipProjection(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(MembershipEvent event) {
    String[] id = event.memberId().split(":member:", 2);
    switch (event) {
      case MembershipEvent.MembershipRecorded e -> member(id, e.details());
      case MembershipEvent.MembershipChanged e -> member(id, e.details());
      case MembershipEvent.ContributionRecorded e -> jdbc.update("""
          INSERT INTO contribution_view (cooperative_id, member_id, entry_id, kind, premises, paid_on, amount)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", id[0], id[1], e.entryId(), e.kind(), e.premises(),
          e.date(), e.amount().amount());
    }
  }

  private void member(String[] id, Details d) {
    jdbc.update("""
        INSERT INTO membership_view (cooperative_id, member_id, account_id, number, joined, left_on, shares, share_value)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (cooperative_id, member_id) DO UPDATE SET account_id = EXCLUDED.account_id, number = EXCLUDED.number,
          joined = EXCLUDED.joined, left_on = EXCLUDED.left_on, shares = EXCLUDED.shares, share_value = EXCLUDED.share_value""",
        id[0], id[1], d.accountId(), d.number(), d.joined(), d.left(), d.shares(), d.shareValue().amount());
  }

  @EventHandler
  void on(LoanEvent event) {
    String[] id = event.loanId().split(":loan:", 2);
    switch (event) {
      case LoanEvent.LoanRecorded e -> loan(id, e.details());
      case LoanEvent.LoanChanged e -> loan(id, e.details());
      case LoanEvent.InstallmentScheduled e -> installment(id, e.installment());
      case LoanEvent.InstallmentChanged e -> installment(id, e.installment());
    }
  }

  private void loan(String[] id, LoanEvent.Details d) {
    jdbc.update("""
        INSERT INTO loan_view (cooperative_id, loan_id, account_id, name, principal, balance, as_of, rate)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (cooperative_id, loan_id) DO UPDATE SET account_id = EXCLUDED.account_id, name = EXCLUDED.name,
          principal = EXCLUDED.principal, balance = EXCLUDED.balance, as_of = EXCLUDED.as_of, rate = EXCLUDED.rate""",
        id[0], id[1], d.accountId(), d.name(), d.principal().amount(), d.balance().amount(), d.asOf(), d.rate());
  }

  private void installment(String[] id, Installment i) {
    jdbc.update("""
        INSERT INTO installment_view (cooperative_id, loan_id, entry_id, due_date, amount, paid_on) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (cooperative_id, loan_id, entry_id) DO UPDATE SET due_date = EXCLUDED.due_date,
          amount = EXCLUDED.amount, paid_on = EXCLUDED.paid_on""", id[0], id[1], i.entryId(), i.dueDate(),
        i.amount().amount(), i.paidOn());
  }

  @ResetHandler
  void reset() {
    for (String table : READ_MODEL.tables()) jdbc.update("DELETE FROM " + table);
  }
}
