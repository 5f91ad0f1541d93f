package iok.payments.write.settings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Seals the cooperatives' gateway keys with AES-256-GCM under a master key: {@code IOK_MASTER_KEY}
 * (32 bytes, base64) when the operator gives one, so a copy of the database alone opens nothing; else
 * one made once and kept in {@code iok_secret}, shared by every node like the session-signing key.
 * The cooperative's id is bound to each sealed key, so one cooperative's key cannot be moved to another.
 */
public final class KeyVault {

  private static final String NAME = "payments-master-key";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey master;
  private final SecureRandom random = new SecureRandom();

  KeyVault(SecretKey master) {
    this.master = master;
  }

  public static KeyVault load(DataSource dataSource, Optional<String> fromEnvironment) {
    if (fromEnvironment.isPresent()) return new KeyVault(decode(fromEnvironment.get()));
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO iok_secret (name, private_pem, public_pem) VALUES (?, ?, '') ON CONFLICT (name) DO NOTHING")) {
        insert.setString(1, NAME);
        insert.setString(2, Base64.getEncoder().encodeToString(fresh().getEncoded()));
        insert.executeUpdate();
      }
      try (PreparedStatement select = c.prepareStatement("SELECT private_pem FROM iok_secret WHERE name = ?")) {
        select.setString(1, NAME);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) throw new SQLException("the payments master key vanished");
          return new KeyVault(decode(rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the payments master key: " + e.getMessage(), e);
    }
  }

  private static SecretKey decode(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("IOK_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
    }
    return new SecretKeySpec(raw, "AES");
  }

  private static SecretKey fresh() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make AES keys", e);
    }
  }

  public String seal(String secret, String cooperativeId) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(cooperativeId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a key", e);
    }
  }

  /** The key, or empty when it was sealed under another master key or for another cooperative. */
  public Optional<String> open(String sealed, String cooperativeId) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(cooperativeId.getBytes(StandardCharsets.UTF_8));
      return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Enough to tell two keys apart in the history, far too little to find the key by. */
  public static String fingerprint(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("iok-gateway-key|" + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
