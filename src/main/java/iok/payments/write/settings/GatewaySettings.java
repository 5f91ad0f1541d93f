package iok.payments.write.settings;

import iok.platform.secrets.KeyVault;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.finance.Money;
import iok.payments.PaymentGateway;
import iok.payments.read.payments.PaymentProjection;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.MetaData;

/**
 * The cooperatives' gateway settings with their keys opened, for whoever must sign or check a message;
 * and the one way to change them: the key sealed and kept first, then the event that names it.
 */
public final class GatewaySettings {

  /** A cooperative's settings with the shared key in clear: held in memory only as long as a request. */
  public record Settings(String cooperativeId, String serviceId, String gatewayUrl, String sharedKey, Money maxAmount) {}

  private static final String SELECT = """
      SELECT s.cooperative_id, s.service_id, s.gateway_url, s.max_amount::text, k.sealed
      FROM payment_settings s JOIN payment_secret k ON k.key_id = s.key_id""";
  private static final String BY_COOPERATIVE = SELECT + " WHERE s.cooperative_id = $1";
  private static final String BY_SERVICE = SELECT + " WHERE s.service_id = $1";
  private static final String KEEP = "INSERT INTO payment_secret (key_id, cooperative_id, sealed) VALUES ($1, $2, $3)";

  private final Pool pool;
  private final KeyVault vault;
  private final Commands commands;
  private final ReadYourWrites reads;

  public GatewaySettings(Pool pool, KeyVault vault, Commands commands, ReadYourWrites reads) {
    this.pool = pool;
    this.vault = vault;
    this.commands = commands;
    this.reads = reads;
  }

  public Future<Optional<Settings>> ofCooperative(String cooperativeId) {
    return pool.preparedQuery(BY_COOPERATIVE).execute(Tuple.of(cooperativeId)).map(rows -> {
      List<Settings> all = open(rows);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    });
  }

  /** The settings under a service id; a notification naming it is checked with their key. */
  public Future<List<Settings>> ofService(String serviceId) {
    return pool.preparedQuery(BY_SERVICE).execute(Tuple.of(serviceId)).map(this::open);
  }

  private List<Settings> open(Iterable<Row> rows) {
    List<Settings> all = new ArrayList<>();
    for (Row r : rows) {
      String coop = r.getString(0);
      vault.open(r.getString(4), coop).ifPresent(key -> all.add(new Settings(coop, r.getString(1), r.getString(2), key,
          Money.parse(r.getString(3)))));
    }
    return all;
  }

  /**
   * At start, while the master key is being changed: every gateway key that opens only under the previous
   * master key is sealed again under the new one, so the previous one can then be dropped. A key that opens
   * under neither is left as it is (the administrator sets it again); answers how many were sealed again.
   */
  public static int sealUnderMasterKey(javax.sql.DataSource dataSource, KeyVault vault) {
    int sealed = 0;
    try (java.sql.Connection c = dataSource.getConnection();
         java.sql.PreparedStatement all = c.prepareStatement("SELECT key_id, cooperative_id, sealed FROM payment_secret");
         java.sql.PreparedStatement update = c.prepareStatement(
             "UPDATE payment_secret SET sealed = ? WHERE key_id = ? AND sealed = ?")) {
      try (java.sql.ResultSet rs = all.executeQuery()) {
        while (rs.next()) {
          String cooperativeId = rs.getString(2);
          String stored = rs.getString(3);
          byte[] raw;
          try {
            raw = java.util.Base64.getDecoder().decode(stored);
          } catch (IllegalArgumentException e) {
            continue;
          }
          if (vault.sealedUnderCurrent(raw, cooperativeId)) continue;
          Optional<String> key = vault.open(stored, cooperativeId);
          if (key.isEmpty()) continue;
          update.setString(1, vault.seal(key.get(), cooperativeId));
          update.setString(2, rs.getString(1));
          update.setString(3, stored);
          sealed += update.executeUpdate();
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not seal the gateway keys again: " + e.getMessage(), e);
    }
    return sealed;
  }

  /** Seals and keeps the key, then records the change; answers once the settings read model shows it. */
  public Future<Void> change(MetaData who, String cooperativeId, String serviceId, String sharedKey, String gatewayUrl,
                             Money maxAmount) {
    String keyId = UUID.randomUUID().toString();
    return pool.preparedQuery(KEEP).execute(Tuple.of(keyId, cooperativeId, vault.seal(sharedKey, cooperativeId)))
        .compose(kept -> commands.<Long>send(who, new PaymentGateway.Configure(PaymentGateway.id(cooperativeId),
            cooperativeId, serviceId, gatewayUrl, keyId, KeyVault.fingerprint(sharedKey), maxAmount)))
        .compose(sequence -> reads.await(PaymentProjection.SETTINGS_VERSION, cooperativeId, sequence));
  }
}
