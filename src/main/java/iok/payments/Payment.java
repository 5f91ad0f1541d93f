package iok.payments;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.finance.Money;
import iok.payments.PaymentEvent.NotificationReceived;
import iok.payments.PaymentEvent.PaymentExpired;
import iok.payments.PaymentEvent.PaymentFailed;
import iok.payments.PaymentEvent.PaymentPending;
import iok.payments.PaymentEvent.PaymentStarted;
import iok.payments.PaymentEvent.PaymentSucceeded;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One online payment, an order at the gateway. Its state machine is what keeps money from being booked
 * twice however often or in whatever order the gateway's notifications come: only the first SUCCESS
 * that matches the order pays it, and a paid order stays paid.
 */
public class Payment {

  public static final String VALIDITY_DEADLINE = "payment-validity";
  static final ZoneId GATEWAY_ZONE = ZoneId.of("Europe/Warsaw");
  private static final DateTimeFormatter PAYMENT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** {@code limit}: the cooperative's most for one payment, checked here with the amount. */
  public record Start(@TargetAggregateIdentifier String orderId, String cooperativeId, String accountId,
                      String premisesId, String titleId, Money amount, Money limit, String serviceId,
                      Duration validity) {}

  /**
   * A notification for this order, as read from the gateway's XML; {@code signed}: its hash is the one
   * the cooperative's key gives, {@code sameService}: it names the cooperative's service id. Answers
   * whether IOK confirms it.
   */
  public record Notify(@TargetAggregateIdentifier String orderId, String remoteId, String status, String statusDetails,
                       String amount, String currency, String gatewayId, String paymentDate, boolean signed,
                       boolean sameService) {}

  /** What the validity deadline carries. */
  public record ValidityEnded(String orderId) {}

  @AggregateIdentifier
  private String orderId;
  private String cooperativeId;
  private String accountId;
  private String titleId;
  private Money amount;
  private String currency;
  private PaymentStatus status;
  private String paidBy;
  private long sequence = -1;

  protected Payment() {}

  @CommandHandler
  public Payment(Start command, Clock clock, DeadlineManager deadlines) {
    PaymentLimit.check(command.amount(), command.limit());
    java.time.Instant validUntil = clock.instant().plus(command.validity());
    apply(new PaymentStarted(command.orderId(), command.cooperativeId(), command.accountId(), command.premisesId(),
        command.titleId(), command.amount(), "PLN", command.serviceId(), validUntil, clock.instant()));
    deadlines.schedule(command.validity(), VALIDITY_DEADLINE, new ValidityEnded(command.orderId()));
  }

  @CommandHandler
  public boolean handle(Notify n, Clock clock) {
    String refusal = refusal(n);
    apply(new NotificationReceived(orderId, cooperativeId, n.remoteId(), n.status(), n.statusDetails(), n.amount(),
        n.currency(), n.gatewayId(), n.paymentDate(), refusal == null, refusal, clock.instant()));
    if (refusal != null) return false;
    switch (n.status()) {
      case "PENDING" -> {
        if (status == PaymentStatus.STARTED) apply(new PaymentPending(orderId, cooperativeId, n.remoteId(), clock.instant()));
      }
      case "SUCCESS" -> {
        if (status != PaymentStatus.PAID) {
          apply(new PaymentSucceeded(orderId, cooperativeId, accountId, titleId, n.remoteId(),
              paidOn(n.paymentDate(), clock), amount, clock.instant()));
        }
      }
      default -> { // FAILURE: a paid order stays paid
        if (status.open()) apply(new PaymentFailed(orderId, cooperativeId, n.statusDetails(), clock.instant()));
      }
    }
    return true;
  }

  /** Why a notification is not taken, or null. A forged one is told nothing more than that. */
  private String refusal(Notify n) {
    if (!n.signed()) return "forged_hash";
    if (!n.sameService()) return "other_service";
    if (!Money.isValid(n.amount()) || Money.parse(n.amount()).compareTo(amount) != 0) return "amount_mismatch";
    if (!currency.equals(n.currency())) return "currency_mismatch";
    if (!java.util.Set.of("PENDING", "SUCCESS", "FAILURE").contains(String.valueOf(n.status()))) return "unknown_status";
    // a second transaction for one order would be money the ledger must not take silently, nor lose
    if (status == PaymentStatus.PAID && paidBy != null && !paidBy.equals(n.remoteId())) return "second_transaction";
    return null;
  }

  /** The day the gateway says the money was paid, in Polish time; the day it arrived when it says nothing useful. */
  private static LocalDate paidOn(String paymentDate, Clock clock) {
    if (paymentDate != null && paymentDate.length() == 14) {
      try {
        return LocalDate.parse(paymentDate.substring(0, 8), PAYMENT_DATE);
      } catch (DateTimeParseException ignored) {
        // fall through
      }
    }
    return LocalDate.ofInstant(clock.instant(), GATEWAY_ZONE);
  }

  @DeadlineHandler(deadlineName = VALIDITY_DEADLINE)
  void validityEnded(ValidityEnded ended, Clock clock) {
    if (status.open()) apply(new PaymentExpired(orderId, cooperativeId, clock.instant()));
  }

  /** Staff and other residents learn nothing of someone's payment. */
  public static Refusal notFound() {
    return new Refusal(Refusal.Kind.NOT_FOUND, "not_found", "Payment not found", Map.of());
  }

  @EventSourcingHandler
  void on(PaymentEvent event) {
    sequence++;
    switch (event) {
      case PaymentStarted e -> {
        orderId = e.orderId();
        cooperativeId = e.cooperativeId();
        accountId = e.accountId();
        titleId = e.titleId();
        amount = e.amount();
        currency = e.currency();
        status = PaymentStatus.STARTED;
      }
      case PaymentPending e -> status = PaymentStatus.PENDING;
      case PaymentSucceeded e -> {
        status = PaymentStatus.PAID;
        paidBy = e.remoteId();
      }
      case PaymentFailed e -> status = PaymentStatus.FAILED;
      case PaymentExpired e -> status = PaymentStatus.EXPIRED;
      case NotificationReceived e -> { }
    }
  }

  long sequence() {
    return sequence;
  }
}
