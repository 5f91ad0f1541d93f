package iok.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The production hashing is Argon2id with the parameters SECURITY.md and the README state. */
class PasswordsTest {

  @Test
  void production_hashes_are_argon2id_19_mib_2_passes_1_lane_salted_and_checkable() {
    Passwords passwords = new Passwords();
    String hash = passwords.hash("Gotowy2026");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(passwords.hash("Gotowy2026")).as("a fresh salt each time").isNotEqualTo(hash);
    assertThat(passwords.matches("Gotowy2026", hash)).isTrue();
    assertThat(passwords.matches("Gotowy2027", hash)).isFalse();
  }

  @Test
  void initial_passwords_are_ten_characters_with_upper_lower_and_digit_and_differ() {
    Passwords passwords = new Passwords(1024, 1);
    String one = passwords.initialPassword();
    assertThat(one).hasSize(10).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[2-9]");
    assertThat(passwords.initialPassword()).isNotEqualTo(one);
  }
}
