package iok.payments;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An Instant Transaction Notification as the gateway sends it: the form field {@code transactions}, a
 * base64 {@code transactionList} with {@code serviceID}, one {@code transaction} and {@code hash}. The
 * hash covers every value in document order but the hash itself; nested elements (customerData) count
 * by their own values. No DTD, no external entity: the XML is the gateway's only if its hash says so.
 *
 * @param transaction the transaction's values by element name (orderID, remoteID, amount, currency,
 *                    gatewayID, paymentDate, paymentStatus, paymentStatusDetails, ...)
 * @param signedValues what the hash covers, in document order
 */
public record Itn(String serviceId, Map<String, String> transaction, List<String> signedValues, String hash) {

  /** Most an ITN may be: a few hundred bytes in practice; customer data keep it far below this. */
  private static final int MAX_CHARS = 32 * 1024;

  public static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  public String orderId() {
    return transaction.get("orderID");
  }

  public String value(String name) {
    return transaction.get(name);
  }

  public boolean signedWith(String sharedKey) {
    return Autopay.sameHash(Autopay.hash(signedValues, sharedKey), hash);
  }

  /** Reads the form field's value; anything that is not such a message is {@link Malformed}. */
  public static Itn parse(String base64) throws Malformed {
    if (base64 == null || base64.isBlank()) throw new Malformed("the form field 'transactions' is missing");
    if (base64.length() > MAX_CHARS) throw new Malformed("the notification is too long");
    byte[] xml;
    try {
      xml = Base64.getMimeDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new Malformed("'transactions' is not base64");
    }
    Element root = read(xml).getDocumentElement();
    if (!"transactionList".equals(root.getTagName())) throw new Malformed("the root element is not transactionList");
    String serviceId = null;
    String hash = null;
    Element transaction = null;
    List<String> signed = new ArrayList<>();
    for (Element child : children(root)) {
      switch (child.getTagName()) {
        case "serviceID" -> {
          serviceId = text(child);
          signed.add(serviceId);
        }
        case "hash" -> hash = text(child);
        case "transactions" -> {
          List<Element> all = children(child);
          if (all.size() != 1 || !"transaction".equals(all.get(0).getTagName())) {
            throw new Malformed("a notification carries exactly one transaction");
          }
          transaction = all.get(0);
          collect(transaction, signed);
        }
        default -> collect(child, signed);
      }
    }
    if (serviceId == null || serviceId.isEmpty() || transaction == null || hash == null) {
      throw new Malformed("serviceID, transactions and hash are required");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Element e : children(transaction)) {
      if (children(e).isEmpty()) values.put(e.getTagName(), text(e));
    }
    if (values.get("orderID") == null || values.get("orderID").isEmpty()) throw new Malformed("orderID is required");
    return new Itn(serviceId, Map.copyOf(values), List.copyOf(signed), hash);
  }

  /** An ITN as the gateway would write it, signed; base64 as it travels. For the local gateway double. */
  public static String write(String serviceId, Map<String, String> transaction, String sharedKey) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<transactionList>\n");
    xml.append("  <serviceID>").append(Autopay.xml(serviceId)).append("</serviceID>\n  <transactions>\n    <transaction>\n");
    List<String> signed = new ArrayList<>(List.of(serviceId));
    transaction.forEach((name, value) -> {
      xml.append("      <").append(name).append('>').append(Autopay.xml(value)).append("</").append(name).append(">\n");
      signed.add(value);
    });
    xml.append("    </transaction>\n  </transactions>\n  <hash>").append(Autopay.hash(signed, sharedKey))
        .append("</hash>\n</transactionList>\n");
    return Base64.getEncoder().encodeToString(xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void collect(Element element, List<String> into) {
    List<Element> kids = children(element);
    if (kids.isEmpty()) {
      into.add(text(element));
      return;
    }
    for (Element kid : kids) collect(kid, into);
  }

  private static List<Element> children(Element parent) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) list.add(e);
    }
    return list;
  }

  private static String text(Element e) {
    return e.getTextContent().strip();
  }

  private static Document read(byte[] xml) throws Malformed {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException("this JDK cannot parse XML safely", e);
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw new Malformed("the notification is not well-formed XML without a DTD");
    }
  }
}
