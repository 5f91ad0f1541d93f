package iok.payments.automation.bookpayment;

import iok.finance.Ledger;
import iok.finance.LedgerEvent.PaymentMade;
import iok.finance.Money;
import iok.payments.PaymentEvent.PaymentSucceeded;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.Repository;

/**
 * When a payment succeeds, its money goes on the payer's ledger as a {@code PaymentMade} from the
 * gateway. The entry's id is the order's, so a replay, a retry or a second node doing the same books
 * nothing more: the ledger takes an entry once. A failure here stops the processor, which tries again:
 * a confirmed payment is never left unbooked.
 */
@DisallowReplay // replaying would tell or book again what was already told or booked
@ProcessingGroup(BookPaidOrders.PROCESSOR)
public final class BookPaidOrders {

  public static final String PROCESSOR = "payments-booking";
  public static final String SOURCE = "gateway";

  /** The command the automation sends; the ledger is the books', so it is booked through its own repository. */
  public record BookGatewayPayment(String cooperativeId, String titleId, String orderId, LocalDate paidOn, Money amount) {}

  private final CommandGateway commands;

  public BookPaidOrders(CommandGateway commands) {
    this.commands = commands;
  }

  @EventHandler
  void on(PaymentSucceeded e) {
    commands.sendAndWait(new BookGatewayPayment(e.cooperativeId(), e.titleId(), e.orderId(), e.paidOn(), e.amount()));
  }

  public static String entryId(String orderId) {
    return "gateway-" + orderId;
  }

  /** Books on the ledger of the title the payer paid for. */
  public static final class Bookkeeper {

    private final Repository<Ledger> ledgers;

    public Bookkeeper(Repository<Ledger> ledgers) {
      this.ledgers = ledgers;
    }

    @CommandHandler
    public boolean handle(BookGatewayPayment c) throws Exception {
      String ledgerId = Ledger.id(c.cooperativeId(), c.titleId());
      return ledgers.loadOrCreate(ledgerId, Ledger::new).invoke(l -> l.book(new PaymentMade(ledgerId, c.cooperativeId(),
          c.titleId(), entryId(c.orderId()), c.paidOn(), c.amount(), SOURCE)));
    }
  }
}
