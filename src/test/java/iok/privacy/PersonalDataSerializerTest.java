package iok.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import iok.account.AccountEvent.AccountRegistered;
import iok.account.AccountEvent.LoginFailed;
import iok.account.AccountEvent.FailureReason;
import iok.account.Role;
import iok.correspondence.CorrespondenceEvent.AttachedFile;
import iok.correspondence.CorrespondenceEvent.LetterSent;
import iok.platform.axon.Json;
import iok.platform.config.Config.DbUrl;
import iok.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Personal data are stored sealed with the person's key from the start, read back whole while the key
 * exists, and read as erased — never as the original — once it is destroyed.
 */
class PersonalDataSerializerTest {

  static PGSimpleDataSource db;
  static PersonalKeys keys;
  static PersonalDataSerializer serializer;
  static final JacksonSerializer PLAIN = JacksonSerializer.builder().objectMapper(Json.events()).build();

  @BeforeAll
  static void database() throws Exception {
    db = PersonalKeysTest.keysDatabase();
    keys = new PersonalKeys(db, db::getConnection, PersonalKeysTest.vault(1));
    serializer = new PersonalDataSerializer(
        JacksonSerializer.builder().objectMapper(Json.events()).lenientDeserialization().build(), new PersonalFields(keys));
  }

  static AccountRegistered registered(String accountId) {
    return new AccountRegistered(accountId, "sm-prudnik", "10000001", Role.RESIDENT, "Zofia", "Brzęczyszczykiewicz",
        "zofia@example.org", "+48 601 202 303", "hash", true);
  }

  @Test
  void names_and_contacts_are_stored_sealed_and_read_back_whole() {
    AccountRegistered event = registered("acc-1");
    String stored = serializer.serialize(event, String.class).getData();
    assertThat(stored).doesNotContain("Zofia", "Brzęczyszczykiewicz", "zofia@example.org", "601")
        .contains("pd:v1:", "\"login\":\"10000001\"", "\"accountId\":\"acc-1\"");
    AccountRegistered read = serializer.deserialize(serializer.serialize(event, String.class));
    assertThat(read).isEqualTo(event);
  }

  @Test
  void the_same_event_is_stored_the_same_every_time_so_its_hash_link_matches_what_is_stored() {
    AccountRegistered event = registered("acc-2");
    assertThat(serializer.serialize(event, String.class).getData())
        .isEqualTo(serializer.serialize(event, String.class).getData());
  }

  @Test
  void once_the_key_is_destroyed_the_values_read_as_erased_and_contacts_as_null() {
    AccountRegistered event = registered("acc-3");
    SerializedObject<String> stored = serializer.serialize(event, String.class);
    keys.destroy("acc-3");
    AccountRegistered read = serializer.deserialize(stored);
    assertThat(read.firstName()).isEqualTo(PersonalData.ERASED);
    assertThat(read.lastName()).isEqualTo(PersonalData.ERASED);
    assertThat(read.email()).isNull();
    assertThat(read.phone()).isNull();
    assertThat(read.login()).isEqualTo("10000001");
    assertThat(read.accountId()).isEqualTo("acc-3");

    String later = serializer.serialize(event, String.class).getData();
    assertThat(later).as("nothing of an erased person is sealed again, let alone written in clear")
        .doesNotContain("Zofia", "zofia@example.org", "pd:v1:").contains(PersonalData.ERASED);
  }

  @Test
  void records_nested_in_an_event_are_sealed_under_the_same_person() {
    LetterSent letter = new LetterSent("t-1", "sm-prudnik", "acc-4", "Wezwanie dla Zofii", "Szanowna Pani Zofio",
        List.of(new AttachedFile(1, "c-1", "zofia-wezwanie.pdf", 1234, "ab".repeat(32))), Instant.parse("2026-01-02T10:00:00Z"));
    String stored = serializer.serialize(letter, String.class).getData();
    assertThat(stored).doesNotContain("Zofi", "zofia").contains("\"size\":1234");
    assertThat((LetterSent) serializer.deserialize(serializer.serialize(letter, String.class))).isEqualTo(letter);
    keys.destroy("acc-4");
    LetterSent read = serializer.deserialize(serializer.serialize(letter, String.class));
    assertThat(read.subject()).isEqualTo(PersonalData.ERASED);
    assertThat(read.attachments().get(0).name()).isEqualTo(PersonalData.ERASED);
    assertThat(read.attachments().get(0).sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void an_accounts_snapshot_keeps_its_contact_data_sealed_and_empty_once_erased() throws Exception {
    PersonalDataSerializer snapshots = new PersonalDataSerializer(
        JacksonSerializer.builder().objectMapper(Json.snapshots()).lenientDeserialization().build(), new PersonalFields(keys));
    var constructor = iok.account.Account.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    iok.account.Account account = constructor.newInstance();
    for (String[] field : new String[][] {{"accountId", "acc-6"}, {"email", "zofia@example.org"}, {"phone", "+48 601 202 303"}}) {
      var f = iok.account.Account.class.getDeclaredField(field[0]);
      f.setAccessible(true);
      f.set(account, field[1]);
    }
    SerializedObject<String> stored = snapshots.serialize(account, String.class);
    assertThat(stored.getData()).doesNotContain("zofia", "601").contains("pd:v1:", "acc-6");
    var email = iok.account.Account.class.getDeclaredField("email");
    email.setAccessible(true);
    assertThat(email.get(snapshots.deserialize(stored))).isEqualTo("zofia@example.org");
    keys.destroy("acc-6");
    assertThat(email.get(snapshots.deserialize(stored))).isNull();
  }

  @Test
  void events_without_personal_data_are_stored_exactly_as_before() {
    LoginFailed event = new LoginFailed("acc-5", FailureReason.WRONG_PASSWORD, 2);
    assertThat(serializer.serialize(event, String.class).getData()).isEqualTo(PLAIN.serialize(event, String.class).getData());
  }
}
