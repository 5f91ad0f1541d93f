package iok.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The profile (R15): voluntary contact data, deletable for good, and notification choices by channel. */
class ProfileTest {

  static TestIok node;
  static ApiClient api;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String resident(String last) {
    JsonObject r = api.register(admin, "Profil", last);
    return api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), "Profil1Haslo");
  }

  @Test
  void contact_data_are_voluntary_editable_and_deleted_for_good_with_the_channels_that_used_them() throws Exception {
    String token = resident("Kontaktowa");
    assertThat(api.get("/api/profile/contact", token).json().getString("email")).isNull();
    assertThat(api.put("/api/profile/contact", token, "{\"email\":\"ala@example.org\",\"phone\":\"+48 600 700 800\"}").status())
        .isEqualTo(204);
    assertThat(api.get("/api/profile/contact", token).json().getString("email")).isEqualTo("ala@example.org");
    assertThat(api.put("/api/profile/notifications", token,
        "{\"choices\":{\"fault-status\":[\"portal\",\"email\",\"sms\"],\"missing-payment\":[\"email\"]}}").status())
        .isEqualTo(204);

    String accountId = api.get("/api/me", token).json().getString("accountId");
    assertThat(api.delete("/api/profile/contact", token).status()).isEqualTo(204);
    JsonObject contact = api.get("/api/profile/contact", token).json();
    assertThat(contact.getString("email")).isNull();
    assertThat(contact.getString("phone")).isNull();
    JsonObject choices = api.get("/api/profile/notifications", token).json().getJsonObject("choices");
    assertThat(choices.getJsonArray("fault-status").getList()).containsExactly("portal");
    assertThat(choices.getJsonArray("missing-payment").getList()).isEmpty();
    try (Connection c = node.iok().database().dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("SELECT email, phone, notifications::text FROM account WHERE account_id = ?")) {
      s.setString(1, accountId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).isNull();
        assertThat(rs.getString(2)).isNull();
        assertThat(rs.getString(3)).doesNotContain("email", "sms");
      }
    }
  }

  @Test
  void a_channel_needs_its_contact_data_and_only_known_kinds_and_channels_are_chosen() {
    String token = resident("Kanałowa");
    Response noEmail = api.put("/api/profile/notifications", token, "{\"choices\":{\"new-announcement\":[\"email\"]}}");
    assertThat(noEmail.status()).isEqualTo(422);
    assertThat(noEmail.json().getJsonObject("details").getJsonArray("violations").getList())
        .containsExactly("new-announcement:email:no_email");
    assertThat(api.put("/api/profile/notifications", token, "{\"choices\":{\"horoscope\":[\"portal\"]}}").status()).isEqualTo(422);
    assertThat(api.put("/api/profile/notifications", token, "{\"choices\":{\"fault-status\":\"portal\"}}").status())
        .isEqualTo(400);
    assertThat(api.put("/api/profile/contact", token, "{\"email\":\"not-an-address\"}").status()).isEqualTo(400);
    assertThat(api.put("/api/profile/notifications", token, "{\"choices\":{\"new-announcement\":[\"portal\"]}}").status())
        .isEqualTo(204);
    assertThat(api.get("/api/profile/notifications", token).json().getJsonObject("choices")
        .getJsonArray("new-announcement").getList()).isEqualTo(List.of("portal"));
  }
}
