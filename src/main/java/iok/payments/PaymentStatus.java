package iok.payments;

import java.util.Locale;

/** Where a payment stands. Only {@link #PAID} books money; the others close or wait. */
public enum PaymentStatus {
  STARTED, PENDING, PAID, FAILED, EXPIRED;

  /** Still waiting for the gateway's word: it may expire or fail. */
  public boolean open() {
    return this == STARTED || this == PENDING;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
