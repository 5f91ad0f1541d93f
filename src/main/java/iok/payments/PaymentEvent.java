package iok.payments;

import iok.finance.Money;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One online payment's life at the gateway (R16), an order per payment. Every notification the gateway
 * sent about it is recorded, refused ones too, so auditors see what arrived and what IOK answered.
 */
public sealed interface PaymentEvent {

  String orderId();

  String cooperativeId();

  /** {@code titleId}: the title the payer held the premises by, whose ledger the money goes to. */
  record PaymentStarted(String orderId, String cooperativeId, String accountId, String premisesId, String titleId,
                        Money amount, String currency, String serviceId, Instant validUntil, Instant at)
      implements PaymentEvent {}

  /**
   * A notification as it came (values as the gateway wrote them), and the answer: {@code refusal} is null
   * when it was taken, else why not (forged_hash, other_service, amount_mismatch, ...).
   */
  record NotificationReceived(String orderId, String cooperativeId, String remoteId, String status,
                              String statusDetails, String amount, String currency, String gatewayId,
                              String paymentDate, boolean confirmed, String refusal, Instant at)
      implements PaymentEvent {}

  record PaymentPending(String orderId, String cooperativeId, String remoteId, Instant at) implements PaymentEvent {}

  /** The gateway has the money: it is booked on the title's ledger, once. */
  record PaymentSucceeded(String orderId, String cooperativeId, String accountId, String titleId, String remoteId,
                          LocalDate paidOn, Money amount, Instant at) implements PaymentEvent {}

  record PaymentFailed(String orderId, String cooperativeId, String details, Instant at) implements PaymentEvent {}

  /** Not confirmed within its validity time; a SUCCESS arriving later is still booked, as money is never lost. */
  record PaymentExpired(String orderId, String cooperativeId, Instant at) implements PaymentEvent {}
}
