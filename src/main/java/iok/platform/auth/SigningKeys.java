package iok.platform.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;

/**
 * The ES256 key pair that signs session tokens: made once and kept in the database, so sessions survive
 * restarts and every node of one installation accepts every other node's tokens. The first node to
 * start writes it; the others read what it wrote.
 */
public final class SigningKeys {

  private SigningKeys() {}

  public record Pem(String privateKey, String publicKey) {}

  public static Pem load(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      KeyPair fresh = newPair();
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO iok_secret (name, private_pem, public_pem) VALUES ('session-signing-key', ?, ?) "
              + "ON CONFLICT (name) DO NOTHING")) {
        insert.setString(1, pem("PRIVATE KEY", fresh.getPrivate().getEncoded()));
        insert.setString(2, pem("PUBLIC KEY", fresh.getPublic().getEncoded()));
        insert.executeUpdate();
      }
      try (PreparedStatement select = c.prepareStatement(
          "SELECT private_pem, public_pem FROM iok_secret WHERE name = 'session-signing-key'");
           ResultSet rs = select.executeQuery()) {
        if (!rs.next()) throw new SQLException("the signing key vanished");
        return new Pem(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the session signing key: " + e.getMessage(), e);
    }
  }

  private static KeyPair newPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make P-256 keys", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
