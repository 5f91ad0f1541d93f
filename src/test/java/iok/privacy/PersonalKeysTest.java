package iok.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iok.platform.config.Config.DbUrl;
import iok.platform.secrets.KeyVault;
import iok.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The people's personal-data keys are kept sealed under the master key: a copy of the database without
 * {@code IOK_MASTER_KEY} opens no one's data, keys kept plain by earlier versions are sealed at start, and
 * the master key can be changed without losing anyone's data.
 */
class PersonalKeysTest {

  static final String THIS_NODE = "this-node";
  static final java.time.Duration LIVE = java.time.Duration.ofSeconds(15);
  static PGSimpleDataSource db;

  /** A master key made of one repeated byte: tests need several that differ, not secret ones. */
  static KeyVault vault(int seed) {
    return KeyVault.of(master(seed));
  }

  static byte[] master(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return key;
  }

  /** A fresh database holding only the table of personal keys. */
  static PGSimpleDataSource keysDatabase() throws Exception {
    DbUrl url = TestDatabase.fresh();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl("jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database());
    source.setUser(url.user());
    source.setPassword(url.password());
    try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
      for (String schema : new String[] {PersonalKeys.SCHEMA, "/iok/platform/schema.sql"}) {
        s.execute(new String(PersonalKeysTest.class.getResourceAsStream(schema).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return source;
  }

  @BeforeAll
  static void database() throws Exception {
    db = keysDatabase();
  }

  /** Each case starts with no keys: a start-up pass must meet only the keys the case made. */
  @org.junit.jupiter.api.BeforeEach
  void noKeys() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM personal_key");
    }
  }

  static PersonalKeys keys(KeyVault vault) {
    return new PersonalKeys(db, db::getConnection, vault);
  }

  static byte[] stored(String subject) throws Exception {
    try (Connection c = db.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT data_key FROM personal_key WHERE subject_id = ?")) {
      s.setString(1, subject);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  static byte[] both(PersonalKeys.Key key) {
    byte[] all = Arrays.copyOf(key.aes(), 64);
    System.arraycopy(key.mac(), 0, all, 32, 32);
    return all;
  }

  @Test
  void a_key_is_stored_sealed_and_opens_only_under_its_master_key() throws Exception {
    PersonalKeys.Key key = keys(vault(1)).forSealing("person-1").orElseThrow();
    byte[] stored = stored("person-1");
    assertThat(stored).hasSize(12 + 64 + 16).isNotEqualTo(both(key));
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(new String(key.aes(), StandardCharsets.ISO_8859_1));

    assertThat(keys(vault(1)).find("person-1")).hasValueSatisfying(k -> assertThat(both(k)).isEqualTo(both(key)));
    assertThatThrownBy(() -> keys(vault(2)).find("person-1")).hasMessageContaining("does not open");
    assertThatThrownBy(() -> keys(vault(2)).sealUnderMasterKey(THIS_NODE, LIVE)).hasMessageContaining("IOK_MASTER_KEY");
    assertThat(stored("person-1")).as("a wrong master key changes nothing").isEqualTo(stored);
  }

  @Test
  void keys_kept_plain_by_an_earlier_version_are_sealed_at_start_and_open_the_same() throws Exception {
    byte[] plain = new byte[64];
    new java.security.SecureRandom().nextBytes(plain);
    insertPlain("person-old", plain);
    assertThat(keys(vault(3)).find("person-old")).hasValueSatisfying(k -> assertThat(both(k)).isEqualTo(plain));

    assertThat(keys(vault(3)).sealUnderMasterKey(THIS_NODE, LIVE)).isEqualTo(1);
    assertThat(stored("person-old")).hasSize(92).isNotEqualTo(plain);
    assertThat(keys(vault(3)).find("person-old")).hasValueSatisfying(k -> assertThat(both(k)).isEqualTo(plain));
    assertThat(keys(vault(3)).sealUnderMasterKey(THIS_NODE, LIVE)).as("once sealed, left alone").isZero();
  }

  static void insertPlain(String subject, byte[] plain) throws Exception {
    try (Connection c = db.getConnection();
         PreparedStatement s = c.prepareStatement("INSERT INTO personal_key (subject_id, data_key) VALUES (?, ?)")) {
      s.setString(1, subject);
      s.setBytes(2, plain);
      s.executeUpdate();
    }
  }

  @Test
  void a_wrong_master_key_seals_nothing_not_even_the_plain_keys_beside_the_sealed_ones() throws Exception {
    byte[] plain = new byte[64];
    Arrays.fill(plain, (byte) 9);
    insertPlain("person-a-plain", plain);
    keys(vault(6)).forSealing("person-b-sealed").orElseThrow();

    assertThatThrownBy(() -> keys(vault(7)).sealUnderMasterKey(THIS_NODE, LIVE)).hasMessageContaining("IOK_MASTER_KEY");
    assertThat(stored("person-a-plain")).as("left for the right key to seal").isEqualTo(plain);
    assertThat(keys(vault(6)).sealUnderMasterKey(THIS_NODE, LIVE)).isEqualTo(1);
    assertThat(keys(vault(6)).find("person-a-plain")).hasValueSatisfying(k -> assertThat(both(k)).isEqualTo(plain));
  }

  @Test
  void plain_keys_are_not_sealed_while_a_node_of_the_version_before_may_be_running() throws Exception {
    byte[] plain = new byte[64];
    Arrays.fill(plain, (byte) 3);
    insertPlain("person-c-plain", plain);
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO iok_node (node_id, seen_at) VALUES ('old-node', now())");
    }
    try {
      assertThatThrownBy(() -> keys(vault(8)).sealUnderMasterKey(THIS_NODE, LIVE)).hasMessageContaining("old-node");
      assertThat(stored("person-c-plain")).isEqualTo(plain);
    } finally {
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.execute("DELETE FROM iok_node");
      }
    }
    assertThat(keys(vault(8)).sealUnderMasterKey(THIS_NODE, LIVE)).isEqualTo(1);
  }

  @Test
  void the_master_key_changes_with_the_previous_one_given_once_and_nobody_loses_their_data() throws Exception {
    PersonalKeys.Key key = keys(vault(4)).forSealing("person-2").orElseThrow();
    keys(vault(4)).destroy("person-erased");

    assertThat(keys(KeyVault.rotating(master(5), master(4))).sealUnderMasterKey(THIS_NODE, LIVE)).isEqualTo(1);
    assertThat(keys(vault(5)).find("person-2")).hasValueSatisfying(k -> assertThat(both(k)).isEqualTo(both(key)));
    assertThatThrownBy(() -> keys(vault(4)).find("person-2")).hasMessageContaining("does not open");
    assertThat(keys(vault(5)).erased("person-erased")).as("a tombstone stays a tombstone").isTrue();
  }
}
