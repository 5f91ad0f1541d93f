package iok.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
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
 * Seals IOK's own keys — the cooperatives' gateway keys, the people's personal-data keys — with AES-256-GCM
 * under a master key: {@code IOK_MASTER_KEY} (32 bytes, base64) when the operator gives one, so a copy of
 * the database alone opens nothing; else one made once and kept in {@code iok_secret}, shared by every
 * node like the session-signing key. Each sealed key is bound to what it belongs to (a cooperative, a
 * person), so it cannot be moved to another.
 *
 * <p>To change the master key, start with the new one in {@code IOK_MASTER_KEY} and the old one in
 * {@code IOK_MASTER_KEY_PREVIOUS}: what the old one sealed still opens, and whoever keeps sealed keys may
 * seal them again under the new one ({@link #sealedUnderCurrent}).
 */
public final class KeyVault {

  private static final String NAME = "payments-master-key";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey master;
  private final Optional<SecretKey> previous;
  private final SecureRandom random = new SecureRandom();

  KeyVault(SecretKey master, Optional<SecretKey> previous) {
    this.master = master;
    this.previous = previous;
  }

  public static KeyVault load(DataSource dataSource, Optional<String> fromEnvironment) {
    return load(dataSource, fromEnvironment, Optional.empty());
  }

  public static KeyVault load(DataSource dataSource, Optional<String> fromEnvironment, Optional<String> previous) {
    Optional<SecretKey> old = previous.map(p -> decode(p, "IOK_MASTER_KEY_PREVIOUS"));
    if (fromEnvironment.isPresent()) return new KeyVault(decode(fromEnvironment.get(), "IOK_MASTER_KEY"), old);
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
          if (!rs.next()) throw new SQLException("the master key vanished");
          return new KeyVault(decode(rs.getString(1), "the stored master key"), old);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the master key: " + e.getMessage(), e);
    }
  }

  /** A vault for tests and tools: the master key as given, no previous one. */
  public static KeyVault of(byte[] master) {
    return new KeyVault(new SecretKeySpec(master.clone(), "AES"), Optional.empty());
  }

  /** A vault that seals under {@code master} and still opens what {@code previous} sealed. */
  public static KeyVault rotating(byte[] master, byte[] previous) {
    return new KeyVault(new SecretKeySpec(master.clone(), "AES"), Optional.of(new SecretKeySpec(previous.clone(), "AES")));
  }

  private static SecretKey decode(String base64, String what) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes in base64 (openssl rand -base64 32)");
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

  /** Seals bytes for their owner: a fresh IV, then the ciphertext with its tag. */
  public byte[] seal(byte[] secret, String owner) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a key", e);
    }
  }

  /** The bytes, or empty when they were sealed under neither master key or for another owner. */
  public Optional<byte[]> open(byte[] sealed, String owner) {
    Optional<byte[]> opened = open(master, sealed, owner);
    return opened.isPresent() || previous.isEmpty() ? opened : open(previous.get(), sealed, owner);
  }

  /** Whether these bytes were sealed under the current master key (else they should be sealed again). */
  public boolean sealedUnderCurrent(byte[] sealed, String owner) {
    return open(master, sealed, owner).isPresent();
  }

  private static Optional<byte[]> open(SecretKey key, byte[] sealed, String owner) {
    if (sealed.length <= IV_BYTES) return Optional.empty();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, IV_BYTES)));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** A text secret sealed for a cooperative, in base64, as the gateway settings keep it. */
  public String seal(String secret, String cooperativeId) {
    return Base64.getEncoder().encodeToString(seal(secret.getBytes(StandardCharsets.UTF_8), cooperativeId));
  }

  /** The text secret, or empty when it was sealed under another master key or for another cooperative. */
  public Optional<String> open(String sealed, String cooperativeId) {
    try {
      return open(Base64.getDecoder().decode(sealed), cooperativeId).map(b -> new String(b, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
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
