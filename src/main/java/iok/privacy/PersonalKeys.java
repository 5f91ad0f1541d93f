package iok.privacy;

import iok.platform.secrets.KeyVault;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * One random data key per person (per account id), in {@code personal_key}. Erasure destroys the key and
 * leaves a tombstone, so nothing about an erased person can ever be sealed again, and every value sealed
 * under the key is unreadable for good — in the event store, its snapshots, its dead letters and backups.
 *
 * <p>A key is made the first time something of the person is sealed, on a connection of its own that
 * commits at once: a command that rolls back may leave an unused key, never two keys for one person.
 * Keys read are cached for a minute; an erasure on this node forgets them at once, on another node
 * within that minute.
 *
 * <p>Keys are stored sealed under the master key ({@link KeyVault}, bound to the person's id), so a copy
 * of the database without {@code IOK_MASTER_KEY} opens no one's personal data. Keys stored plain by
 * earlier versions, and keys sealed under the previous master key while it is being changed, are sealed
 * under the current one at start ({@link #sealUnderMasterKey}).
 */
public final class PersonalKeys {

  public static final String SCHEMA = "/iok/privacy/keys.sql";

  /** A person's key material: 32 bytes of AES-256 key, 32 bytes of HMAC key for synthetic IVs. */
  public record Key(byte[] aes, byte[] mac) {}

  private static final int KEY_BYTES = 64;
  private static final String OWNER = "personal-key|";
  private static final long CACHE_NANOS = 60_000_000_000L;

  private record Cached(Optional<Key> key, long at) {}

  private final DataSource dataSource;
  private final ConnectionProvider connections;
  private final KeyVault vault;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  /** {@code connections}: the transaction's connection when there is one, so erasure commits with its event. */
  public PersonalKeys(DataSource dataSource, ConnectionProvider connections, KeyVault vault) {
    this.dataSource = dataSource;
    this.connections = connections;
    this.vault = vault;
  }

  /**
   * Seals under the current master key every key stored plain (by a version before keys were sealed) or
   * under the previous master key; answers how many it sealed. It first checks that every sealed key opens
   * and writes nothing otherwise, so the node does not start with a wrong {@code IOK_MASTER_KEY}, which
   * would make every person's data unreadable. Plain keys are sealed only while no other node is alive
   * ({@code iok_node}, within {@code live}): a node of the version before would read a sealed key as a plain
   * one and seal new data under garbage. The keys are sealed in one transaction.
   */
  public int sealUnderMasterKey(String thisNode, java.time.Duration live) {
    java.util.Map<String, byte[]> stored = new java.util.LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement all = c.prepareStatement("SELECT subject_id, data_key FROM personal_key WHERE data_key IS NOT NULL");
           ResultSet rs = all.executeQuery()) {
        while (rs.next()) stored.put(rs.getString(1), rs.getBytes(2));
      }
      java.util.Map<String, byte[]> toSeal = new java.util.LinkedHashMap<>();
      boolean plain = false;
      for (var e : stored.entrySet()) {
        String owner = OWNER + e.getKey();
        byte[] key = e.getValue();
        if (key.length == KEY_BYTES) {
          toSeal.put(e.getKey(), key);
          plain = true;
        } else if (!vault.sealedUnderCurrent(key, owner)) {
          toSeal.put(e.getKey(), vault.open(key, owner).orElseThrow(() -> new IllegalStateException(
              "The personal-data key of " + e.getKey() + " opens under neither IOK_MASTER_KEY nor IOK_MASTER_KEY_PREVIOUS:"
                  + " start with the master key these keys were sealed under")));
        }
      }
      if (toSeal.isEmpty()) return 0;
      if (plain) refuseBesideOtherNodes(c, thisNode, live);
      int sealed = 0;
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE personal_key SET data_key = ? WHERE subject_id = ? AND data_key = ?")) {
        for (var e : toSeal.entrySet()) {
          update.setBytes(1, vault.seal(e.getValue(), OWNER + e.getKey()));
          update.setString(2, e.getKey());
          update.setBytes(3, stored.get(e.getKey()));
          sealed += update.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return sealed;
    } catch (SQLException e) {
      throw new IllegalStateException("could not seal the personal keys: " + e.getMessage(), e);
    }
  }

  private static void refuseBesideOtherNodes(Connection c, String thisNode, java.time.Duration live) throws SQLException {
    try (PreparedStatement others = c.prepareStatement(
        "SELECT node_id FROM iok_node WHERE node_id <> ? AND seen_at > now() - make_interval(secs => ?) LIMIT 1")) {
      others.setString(1, thisNode);
      others.setDouble(2, live.toMillis() / 1000.0);
      try (ResultSet rs = others.executeQuery()) {
        if (rs.next()) {
          throw new IllegalStateException("Personal-data keys are still stored plain and node " + rs.getString(1)
              + " is running: stop every node of the version before, then start this one, which seals them");
        }
      }
    }
  }

  /** The person's key to read with; empty once erased (or if nothing of them was ever sealed). */
  public Optional<Key> find(String subjectId) {
    Cached cached = cache.get(subjectId);
    if (cached != null && System.nanoTime() - cached.at() < CACHE_NANOS) return cached.key();
    Optional<Optional<Key>> stored = load(subjectId);
    Optional<Key> key = stored.orElse(Optional.empty());
    if (stored.isPresent()) cache.put(subjectId, new Cached(key, System.nanoTime()));
    return key;
  }

  /** The person's key to seal with, made if they have none yet; empty when the person was erased. */
  public Optional<Key> forSealing(String subjectId) {
    Optional<Key> key = find(subjectId);
    if (key.isPresent() || erased(subjectId)) return key;
    create(subjectId);
    return find(subjectId);
  }

  public boolean erased(String subjectId) {
    Cached cached = cache.get(subjectId);
    if (cached != null && cached.key().isEmpty()) return true;
    return load(subjectId).map(Optional::isEmpty).orElse(false);
  }

  /**
   * Destroys the person's key in the current transaction (with the event that says so), leaving a
   * tombstone; the cache forgets it when that transaction commits.
   */
  public void destroy(String subjectId) {
    try (Connection c = connections.getConnection();
         PreparedStatement s = c.prepareStatement("""
             INSERT INTO personal_key (subject_id, data_key, erased_at) VALUES (?, NULL, now())
             ON CONFLICT (subject_id) DO UPDATE SET data_key = NULL, erased_at = coalesce(personal_key.erased_at, now())""")) {
      s.setString(1, subjectId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not destroy a personal key: " + e.getMessage(), e);
    }
    Runnable forget = () -> cache.put(subjectId, new Cached(Optional.empty(), System.nanoTime()));
    if (CurrentUnitOfWork.isStarted()) CurrentUnitOfWork.get().afterCommit(u -> forget.run());
    else forget.run();
  }

  /** Present when the person has a row: the key, or empty for a tombstone. */
  private Optional<Optional<Key>> load(String subjectId) {
    try (Connection c = connections.getConnection();
         PreparedStatement s = c.prepareStatement("SELECT data_key FROM personal_key WHERE subject_id = ?")) {
      s.setString(1, subjectId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        byte[] stored = rs.getBytes(1);
        if (stored == null) return Optional.of(Optional.empty());
        byte[] raw = stored.length == KEY_BYTES ? stored : vault.open(stored, OWNER + subjectId).orElseThrow(() ->
            new IllegalStateException("the personal-data key of " + subjectId + " does not open under the master key"));
        return Optional.of(Optional.of(new Key(Arrays.copyOfRange(raw, 0, 32), Arrays.copyOfRange(raw, 32, KEY_BYTES))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read a personal key: " + e.getMessage(), e);
    }
  }

  private void create(String subjectId) {
    byte[] raw = new byte[KEY_BYTES];
    random.nextBytes(raw);
    try (Connection c = dataSource.getConnection();
         PreparedStatement s = c.prepareStatement(
             "INSERT INTO personal_key (subject_id, data_key) VALUES (?, ?) ON CONFLICT (subject_id) DO NOTHING")) {
      c.setAutoCommit(true);
      s.setString(1, subjectId);
      s.setBytes(2, vault.seal(raw, OWNER + subjectId));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not make a personal key: " + e.getMessage(), e);
    }
  }
}
