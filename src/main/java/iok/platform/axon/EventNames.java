package iok.platform.axon;

/** How people read a stored event's type: its record's own name, without package or enclosing interface. */
public final class EventNames {

  private EventNames() {}

  /** {@code iok.account.AccountEvent$AccountBlocked} → {@code AccountBlocked}. */
  public static String shortName(String payloadType) {
    return payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
  }
}
