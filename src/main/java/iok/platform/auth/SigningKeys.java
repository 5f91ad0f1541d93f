package iok.platform.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The ES256 keys of session tokens: one signs, every one verifies, each named by a key id ({@code kid},
 * from its public key) that new tokens carry in their header.
 *
 * <p>Without {@code IOK_JWT_KEY_FILE} the installation makes one pair at its first start and keeps it in
 * the database, so sessions survive restarts and every node accepts every other node's tokens. With the
 * file, the keys come from it instead: its one {@code PRIVATE KEY} signs (its {@code PUBLIC KEY} must be in
 * the file too) and every {@code PUBLIC KEY} in it verifies. Rotating is then a matter of adding the new
 * public key everywhere, moving signing to the new private key, and dropping the old public key once the
 * old sessions have expired — nobody is signed out (README, "Rotating the session key").
 */
public final class SigningKeys {

  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private SigningKeys() {}

  public record Pem(String privateKey, String publicKey) {}

  /** The key that signs new tokens, and every public key a token may be signed with (the signing one included). */
  public record Ring(Pem signing, String signingId, List<Verifier> verifiers) {}

  public record Verifier(String id, String publicKey) {}

  public static Ring load(DataSource dataSource, Optional<Path> keyFile) {
    return keyFile.isPresent() ? fromFile(keyFile.get()) : ring(stored(dataSource), List.of());
  }

  /** A fresh pair in PEM, private key first: what {@code java -jar iok.jar --new-session-key} prints. */
  public static String newPairPem() {
    KeyPair pair = newPair();
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  static Ring fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("IOK_JWT_KEY_FILE cannot be read: " + file + " (" + e.getMessage() + ")");
    }
    List<byte[]> privates = new ArrayList<>();
    List<byte[]> publics = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      (m.group(1).equals("PRIVATE KEY") ? privates : publics).add(der);
    }
    if (privates.size() != 1) {
      throw new IllegalArgumentException("IOK_JWT_KEY_FILE must hold exactly one PRIVATE KEY (the signing key), holds "
          + privates.size());
    }
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      PrivateKey signing = ec.generatePrivate(new PKCS8EncodedKeySpec(privates.getFirst()));
      byte[] signingPublic = null;
      List<String> others = new ArrayList<>();
      for (byte[] der : publics) {
        PublicKey candidate = ec.generatePublic(new X509EncodedKeySpec(der));
        if (signingPublic == null && pairs(signing, candidate)) signingPublic = der;
        else others.add(pem("PUBLIC KEY", der));
      }
      if (signingPublic == null) {
        throw new IllegalArgumentException("IOK_JWT_KEY_FILE holds no PUBLIC KEY matching its PRIVATE KEY; "
            + "append it with: openssl pkey -in <private.pem> -pubout");
      }
      return ring(new Pem(pem("PRIVATE KEY", privates.getFirst()), pem("PUBLIC KEY", signingPublic)), others);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("IOK_JWT_KEY_FILE holds a key that is not a P-256 (ES256) key: " + e.getMessage());
    }
  }

  private static Ring ring(Pem signing, List<String> otherPublicKeys) {
    List<Verifier> verifiers = new ArrayList<>();
    verifiers.add(new Verifier(keyId(signing.publicKey()), signing.publicKey()));
    for (String other : otherPublicKeys) verifiers.add(new Verifier(keyId(other), other));
    return new Ring(signing, keyId(signing.publicKey()), List.copyOf(verifiers));
  }

  /** The first 16 characters of the base64url SHA-256 of the public key: the same on every node. */
  static String keyId(String publicPem) {
    try {
      Matcher m = PEM.matcher(publicPem);
      if (!m.find()) throw new IllegalArgumentException("not a PEM public key");
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getMimeDecoder().decode(m.group(2)));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean pairs(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
    byte[] probe = "iok-key-pair-check".getBytes(StandardCharsets.US_ASCII);
    Signature sign = Signature.getInstance("SHA256withECDSA");
    sign.initSign(privateKey);
    sign.update(probe);
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance("SHA256withECDSA");
    try {
      verify.initVerify(publicKey);
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Pem stored(DataSource dataSource) {
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
