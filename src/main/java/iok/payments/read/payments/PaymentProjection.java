package iok.payments.read.payments;

import iok.payments.GatewayEvent;
import iok.payments.PaymentEvent;
import iok.payments.PaymentEvent.NotificationReceived;
import iok.payments.PaymentEvent.PaymentExpired;
import iok.payments.PaymentEvent.PaymentFailed;
import iok.payments.PaymentEvent.PaymentPending;
import iok.payments.PaymentEvent.PaymentStarted;
import iok.payments.PaymentEvent.PaymentSucceeded;
import iok.payments.PaymentStatus;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Payments as their payers see them, and the cooperatives' gateway settings (never a key). A payment's
 * state change is pushed as {@code payment.status-changed} to its payer only; the new balance follows
 * from the ledger's own {@code finance.balance-changed} once the money is booked.
 */
@ProcessingGroup(PaymentProjection.PROCESSOR)
public final class PaymentProjection {

  public static final String PROCESSOR = "payments";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/payments/schema.sql",
      List.of("payment_view", "payment_settings"));
  public static final String VERSION_QUERY = "SELECT version FROM payment_view WHERE order_id = $1";
  public static final String SETTINGS_VERSION = "SELECT version FROM payment_settings WHERE cooperative_id = $1";

  private static final String START = """
      INSERT INTO payment_view (order_id, cooperative_id, account_id, premises_id, title_id, amount, currency, status,
                                valid_until, started_at, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'started', ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING""";
  private static final String STATUS = """
      UPDATE payment_view SET status = ?, remote_id = COALESCE(?, remote_id), paid_on = COALESCE(?, paid_on),
        updated_at = ?, version = ? WHERE order_id = ? AND version < ?""";
  private static final String SEEN = "UPDATE payment_view SET version = ? WHERE order_id = ? AND version < ?";
  private static final String SETTINGS = """
      INSERT INTO payment_settings (cooperative_id, service_id, gateway_url, key_id, key_fingerprint, max_amount,
                                    changed_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (cooperative_id) DO UPDATE SET service_id = EXCLUDED.service_id, gateway_url = EXCLUDED.gateway_url,
        key_id = EXCLUDED.key_id, key_fingerprint = EXCLUDED.key_fingerprint, max_amount = EXCLUDED.max_amount,
        changed_at = EXCLUDED.changed_at, version = EXCLUDED.version
      WHERE payment_settings.version < EXCLUDED.version""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public PaymentProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(PaymentEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case PaymentStarted e -> jdbc.update(START, e.orderId(), e.cooperativeId(), e.accountId(), e.premisesId(),
          e.titleId(), e.amount().amount(), e.currency(), e.validUntil(), e.at(), e.at(), sequence);
      case NotificationReceived e -> jdbc.update(SEEN, sequence, e.orderId(), sequence);
      case PaymentPending e -> status(e, PaymentStatus.PENDING, e.remoteId(), null, e.at(), sequence, message, replay);
      case PaymentSucceeded e -> status(e, PaymentStatus.PAID, e.remoteId(), e.paidOn(), e.at(), sequence, message, replay);
      case PaymentFailed e -> status(e, PaymentStatus.FAILED, null, null, e.at(), sequence, message, replay);
      case PaymentExpired e -> status(e, PaymentStatus.EXPIRED, null, null, e.at(), sequence, message, replay);
    }
  }

  private void status(PaymentEvent e, PaymentStatus status, String remoteId, java.time.LocalDate paidOn, Instant at,
                      long sequence, EventMessage<?> message, ReplayStatus replay) {
    jdbc.update(STATUS, status.code(), remoteId, paidOn, at, sequence, e.orderId(), sequence);
    if (replay.isReplay()) return;
    String[] payer = jdbc.queryOne("SELECT account_id, premises_id FROM payment_view WHERE order_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, e.orderId());
    if (payer == null) return;
    push.publish(Audience.account(e.cooperativeId(), payer[0]), "payment.status-changed",
        Map.of("orderId", e.orderId(), "premisesId", payer[1], "status", status.code()), message.getIdentifier());
  }

  @EventHandler
  void on(GatewayEvent.GatewayConfigured e, @SequenceNumber long sequence) {
    jdbc.update(SETTINGS, e.cooperativeId(), e.serviceId(), e.gatewayUrl(), e.keyId(), e.keyFingerprint(),
        e.maxAmount().amount(), e.at(), sequence);
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM payment_view");
    jdbc.update("DELETE FROM payment_settings");
  }
}
