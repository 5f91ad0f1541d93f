package iok.payments;

import iok.finance.Money;
import java.time.Instant;

/** A cooperative's account at the gateway: its settings, and notifications that name no order of it. */
public sealed interface GatewayEvent {

  String cooperativeId();

  /**
   * The administrator's settings. The shared key is never here: only the id under which it is kept
   * encrypted, and a short fingerprint so an auditor sees whether the key changed.
   */
  record GatewayConfigured(String cooperativeId, String serviceId, String gatewayUrl, String keyId,
                           String keyFingerprint, Money maxAmount, Instant at) implements GatewayEvent {}

  /** A notification under this cooperative's service id for an order it does not have (or another's). */
  record StrayNotificationReceived(String cooperativeId, String orderId, String serviceId, String remoteId,
                                   String status, String amount, String currency, boolean signed, String refusal,
                                   Instant at) implements GatewayEvent {}
}
