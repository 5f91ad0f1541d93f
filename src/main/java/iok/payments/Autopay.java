package iok.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Blue Media (Autopay) gateway's signatures, as its documentation and official SDKs define them: the
 * lowercase hex SHA-256 of the message's values in the protocol's order, each followed by {@code |}, then
 * the shared key. Absent and empty values take no part. Nothing here knows about IOK's payments.
 */
public final class Autopay {

  public static final String CONFIRMED = "CONFIRMED";
  public static final String NOT_CONFIRMED = "NOTCONFIRMED";

  /** The start form's fields in the order the hash takes them; the others the form may carry come between. */
  private static final List<String> START_ORDER = List.of("ServiceID", "OrderID", "Amount", "Description", "GatewayID",
      "Currency", "CustomerEmail", "CustomerNRB", "TaxCountry", "CustomerIP", "Title", "ValidityTime",
      "LinkValidityTime");

  private Autopay() {}

  /** {@code sha256(v1|v2|...|key)} over the non-empty values. */
  public static String hash(List<String> values, String sharedKey) {
    StringBuilder text = new StringBuilder();
    for (String v : values) {
      if (v != null && !v.isEmpty()) text.append(v).append('|');
    }
    text.append(sharedKey);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /** Compares in constant time, so a forger learns nothing from how long a refusal takes. */
  public static boolean sameHash(String expected, String given) {
    if (given == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The start form: {@code fields} by the gateway's names, in any order; answers them in the protocol's order
   * with {@code Hash} added last.
   */
  public static Map<String, String> signedStart(Map<String, String> fields, String sharedKey) {
    for (String name : fields.keySet()) {
      if (!START_ORDER.contains(name)) throw new IllegalArgumentException("not a start field IOK sends: " + name);
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : START_ORDER) {
      String value = fields.get(name);
      if (value != null && !value.isEmpty()) ordered.put(name, value);
    }
    ordered.put("Hash", hash(new ArrayList<>(ordered.values()), sharedKey));
    return ordered;
  }

  /** Whether a start form (as a gateway receives it) carries the hash of its own fields. */
  public static boolean startIsSigned(Map<String, String> form, String sharedKey) {
    List<String> values = new ArrayList<>();
    for (String name : START_ORDER) values.add(form.get(name));
    return sameHash(hash(values, sharedKey), form.get("Hash"));
  }

  /** The hash the gateway sends a person back with: {@code sha256(ServiceID|OrderID|key)}. */
  public static String returnHash(String serviceId, String orderId, String sharedKey) {
    return hash(List.of(serviceId, orderId), sharedKey);
  }

  /** The answer to a notification, one order in it, hashed as {@code sha256(serviceID|orderID|confirmation|key)}. */
  public static String confirmation(String serviceId, String orderId, boolean confirmed, String sharedKey) {
    String answer = confirmed ? CONFIRMED : NOT_CONFIRMED;
    String hash = sharedKey == null ? "" : hash(List.of(serviceId, orderId, answer), sharedKey);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<confirmationList>\n"
        + "  <serviceID>" + xml(serviceId) + "</serviceID>\n"
        + "  <transactionsConfirmations>\n    <transactionConfirmed>\n"
        + "      <orderID>" + xml(orderId) + "</orderID>\n"
        + "      <confirmation>" + answer + "</confirmation>\n"
        + "    </transactionConfirmed>\n  </transactionsConfirmations>\n"
        + "  <hash>" + hash + "</hash>\n</confirmationList>\n";
  }

  /** Text made safe inside XML or HTML. */
  public static String xml(String text) {
    if (text == null) return "";
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
