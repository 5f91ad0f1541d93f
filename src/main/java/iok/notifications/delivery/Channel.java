package iok.notifications.delivery;

import iok.notifications.Notice;

/** A way out of IOK to a person: e-mail or SMS. Sending either succeeds or throws; it never half-succeeds silently. */
public interface Channel {

  /** {@code email} or {@code sms}: the channel names of {@link iok.account.NotificationPolicy}. */
  String name();

  /**
   * Sends {@code notice} to {@code address}. {@code key} is the same on every retry of one delivery, so a
   * provider that understands idempotency keys (SMSAPI's {@code idx}, a mail's Message-ID) can drop a repeat.
   */
  void send(String address, Notice notice, String key);

  /** A provider that did not take the message; the delivery will be tried again. */
  final class NotSent extends RuntimeException {
    public NotSent(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A provider that will never take it (an address that does not exist): trying again would not help. */
  final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }
}
