package iok.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's signatures against the official SDK's own test vectors (bluepayment-plugin/bm-sdk, tests/). */
class AutopayHashTest {

  static final String KEY = "QCBm3N0oFjzQAWsTIVN8mPLK12TW6HU6InSfjvnF";

  /** tests/Fixtures/Itn/ItnInRequest.xml of the SDK. */
  static final String SDK_ITN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <transactionList>
          <serviceID>123456</serviceID>
          <transactions>
              <transaction>
                  <orderID>123</orderID>
                  <remoteID>102686</remoteID>
                  <amount>500.00</amount>
                  <currency>PLN</currency>
                  <gatewayID>106</gatewayID>
                  <paymentDate>20200621171238</paymentDate>
                  <paymentStatus>SUCCESS</paymentStatus>
                  <paymentStatusDetails>ACCEPTED</paymentStatusDetails>
              </transaction>
          </transactions>
          <hash>422fbd7c1bbac1eb745b647980dd63c2e8ccf261ea196739ab8043eff8dd4e17</hash>
      </transactionList>
      """;

  static String base64(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_sdks_notification_is_read_and_its_hash_is_the_one_the_sdk_shows() throws Exception {
    Itn itn = Itn.parse(base64(SDK_ITN));
    assertThat(itn.serviceId()).isEqualTo("123456");
    assertThat(itn.orderId()).isEqualTo("123");
    assertThat(itn.value("remoteID")).isEqualTo("102686");
    assertThat(itn.value("paymentStatus")).isEqualTo("SUCCESS");
    assertThat(itn.signedValues()).containsExactly("123456", "123", "102686", "500.00", "PLN", "106", "20200621171238",
        "SUCCESS", "ACCEPTED");
    assertThat(Autopay.hash(itn.signedValues(), KEY))
        .isEqualTo("422fbd7c1bbac1eb745b647980dd63c2e8ccf261ea196739ab8043eff8dd4e17");
    assertThat(itn.signedWith(KEY)).isTrue();
  }

  @Test
  void the_sdks_wrong_hash_fixture_and_any_changed_value_or_key_are_not_the_gateways() throws Exception {
    assertThat(Itn.parse(base64(SDK_ITN.replace("422fbd7c1bbac1eb745b647980dd63c2e8ccf261ea196739ab8043eff8dd4e17",
        "w4ongha6s"))).signedWith(KEY)).isFalse();
    assertThat(Itn.parse(base64(SDK_ITN.replace("500.00", "5.00"))).signedWith(KEY)).isFalse();
    assertThat(Itn.parse(base64(SDK_ITN)).signedWith(KEY + "x")).isFalse();
  }

  @Test
  void the_answer_to_the_sdks_notification_carries_the_sdks_confirmation_hash() {
    // tests/Fixtures/Itn/ItnResponse.xml of the SDK
    assertThat(Autopay.confirmation("123456", "123", true, KEY))
        .contains("<serviceID>123456</serviceID>", "<orderID>123</orderID>", "<confirmation>CONFIRMED</confirmation>",
            "<hash>7194a50431ce359cc4c201a0f154400f89f49f765b8eeb60299fc6fee1a01228</hash>");
    assertThat(Autopay.confirmation("123456", "123", false, KEY)).contains("<confirmation>NOTCONFIRMED</confirmation>")
        .doesNotContain("7194a50431ce359cc4c201a0f154400f89f49f765b8eeb60299fc6fee1a01228");
  }

  @Test
  void the_return_hash_is_the_sdks_confirmation_check_vector() {
    // ClientTest::checkConfirmationProvider: ServiceID 123456, OrderID 123
    assertThat(Autopay.returnHash("123456", "123", KEY))
        .isEqualTo("df5f737f48bcef93361f590b460cc633b28f91710a60415527221f9cb90da52a");
  }

  @Test
  void values_are_joined_in_order_nested_ones_flattened_and_empty_ones_left_out() {
    // ClientTest::checkHashProvider hashes the gateway URL and the transaction's values, in that order
    assertThat(Autopay.hash(List.of("https://pay-accept.bm.pl", "186-1590996507", "22.94", "Transakcja testowa", "1500",
        "PLN", "test@test.test", "", "127.0.0.1", "Test"), KEY))
        .isEqualTo("56507c9294e43e649e8726d271174297a165aedb858edb0414aadbc9632f17e7");
  }

  @Test
  void a_start_form_is_signed_in_the_protocols_order_whatever_order_it_was_given_in() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("CustomerEmail", "test@hostname.domain");
    fields.put("Currency", "PLN");
    fields.put("Description", "Transakcja 123-123");
    fields.put("Amount", "1.20");
    fields.put("OrderID", "123");
    fields.put("ServiceID", "123456");
    Map<String, String> signed = Autopay.signedStart(fields, KEY);
    assertThat(signed.keySet()).containsExactly("ServiceID", "OrderID", "Amount", "Description", "Currency",
        "CustomerEmail", "Hash");
    assertThat(signed.get("Hash")).isEqualTo(Autopay.hash(List.of("123456", "123", "1.20", "Transakcja 123-123", "PLN",
        "test@hostname.domain"), KEY));
    assertThat(Autopay.startIsSigned(signed, KEY)).isTrue();
    Map<String, String> tampered = new LinkedHashMap<>(signed);
    tampered.put("Amount", "0.01");
    assertThat(Autopay.startIsSigned(tampered, KEY)).isFalse();
  }

  @Test
  void customer_data_count_by_their_own_values_in_document_order() throws Exception {
    String xml = SDK_ITN.replace("</paymentStatusDetails>", "</paymentStatusDetails>\n<customerData><fName>Jan</fName>"
        + "<lName>Kowalski</lName><nrb></nrb></customerData>");
    Itn itn = Itn.parse(base64(xml));
    assertThat(itn.signedValues()).endsWith("ACCEPTED", "Jan", "Kowalski", "");
    assertThat(itn.signedWith(KEY)).isFalse();
    String hash = Autopay.hash(List.of("123456", "123", "102686", "500.00", "PLN", "106", "20200621171238", "SUCCESS",
        "ACCEPTED", "Jan", "Kowalski"), KEY);
    assertThat(Itn.parse(base64(xml.replaceAll("<hash>[^<]*</hash>", "<hash>" + hash + "</hash>"))).signedWith(KEY)).isTrue();
  }

  @Test
  void what_the_double_writes_the_parser_reads_as_signed() throws Exception {
    Map<String, String> tx = new LinkedHashMap<>();
    tx.put("orderID", "abc");
    tx.put("amount", "12.30");
    tx.put("paymentStatus", "SUCCESS");
    Itn itn = Itn.parse(Itn.write("1", tx, "k"));
    assertThat(itn.signedWith("k")).isTrue();
    assertThat(itn.value("amount")).isEqualTo("12.30");
  }

  @Test
  void anything_but_such_a_message_is_malformed_and_no_entity_is_ever_resolved() {
    assertThatThrownBy(() -> Itn.parse(null)).isInstanceOf(Itn.Malformed.class);
    assertThatThrownBy(() -> Itn.parse("to nie jest base64!")).isInstanceOf(Itn.Malformed.class);
    assertThatThrownBy(() -> Itn.parse(base64("<transactionList><serviceID>1</serviceID>"))).isInstanceOf(Itn.Malformed.class);
    assertThatThrownBy(() -> Itn.parse(base64("<other/>"))).isInstanceOf(Itn.Malformed.class);
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + SDK_ITN.substring(SDK_ITN.indexOf("<transactionList>")).replace("<orderID>123", "<orderID>&x;123");
    assertThatThrownBy(() -> Itn.parse(base64(xxe))).isInstanceOf(Itn.Malformed.class);
    String two = SDK_ITN.replace("</transactions>", "<transaction><orderID>9</orderID></transaction></transactions>");
    assertThatThrownBy(() -> Itn.parse(base64(two))).isInstanceOf(Itn.Malformed.class);
  }
}
