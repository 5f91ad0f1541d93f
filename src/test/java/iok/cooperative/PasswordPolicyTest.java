package iok.cooperative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R3: each cooperative's own rule for residents' passwords (P II.5, O II.7). */
class PasswordPolicyTest {

  private static final PasswordPolicy PRUDNIK = PasswordPolicy.PRUDNIK;
  private static final PasswordPolicy OPOLE = PasswordPolicy.OPOLE;

  // Prudnik: 6–20 ASCII letters and digits, at least one digit and one upper-case letter

  @ParameterizedTest
  @ValueSource(strings = {"Haslo123", "Abcde1", "Abcdefghij123456789X", "1A2B3C"})
  void prudnik_accepts_six_to_twenty_ascii_letters_and_digits_with_a_digit_and_an_upper_case_letter(String candidate) {
    assertThat(PRUDNIK.violations(candidate)).isEmpty();
  }

  @Test
  void prudnik_refuses_five_characters_as_too_short() {
    assertThat(PRUDNIK.violations("Abcd1")).containsExactly("too_short");
  }

  @Test
  void prudnik_refuses_twenty_one_characters_as_too_long() {
    assertThat(PRUDNIK.violations("Abcdefghij1234567890K")).containsExactly("too_long");
  }

  @Test
  void prudnik_refuses_a_password_without_a_digit() {
    assertThat(PRUDNIK.violations("Abcdefgh")).containsExactly("digit_required");
  }

  @Test
  void prudnik_refuses_a_password_without_an_upper_case_letter() {
    assertThat(PRUDNIK.violations("haslo123")).containsExactly("upper_case_required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Haslo_123", "Haslo-123", "Haslo 123", "Haslo123!", "Ha$lo123"})
  void prudnik_refuses_special_characters(String candidate) {
    assertThat(PRUDNIK.violations(candidate)).containsExactly("letters_and_digits_only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zażółć1A", "Hasło123", "ŻÓŁW1234"})
  void prudnik_refuses_polish_letters(String candidate) {
    assertThat(PRUDNIK.violations(candidate)).containsExactly("letters_and_digits_only");
  }

  @Test
  void prudnik_names_every_rule_a_password_breaks() {
    assertThat(PRUDNIK.violations("ab-"))
        .containsExactly("too_short", "digit_required", "upper_case_required", "letters_and_digits_only");
  }

  // Opole: at least 6 characters with at least one digit

  @ParameterizedTest
  @ValueSource(strings = {"haslo123", "Haslo123", "hasło-123!", "123456", "zażółć gęślą jaźń 1"})
  void opole_accepts_six_or_more_characters_with_a_digit(String candidate) {
    assertThat(OPOLE.violations(candidate)).isEmpty();
  }

  @Test
  void opole_accepts_what_prudnik_refuses() {
    assertThat(PRUDNIK.violations("haslo123")).isNotEmpty();
    assertThat(OPOLE.violations("haslo123")).isEmpty();
  }

  @Test
  void opole_refuses_five_characters_as_too_short() {
    assertThat(OPOLE.violations("hasl1")).containsExactly("too_short");
  }

  @Test
  void opole_refuses_a_password_without_a_digit() {
    assertThat(OPOLE.violations("hasloHaslo")).containsExactly("digit_required");
  }

  @Test
  void opole_still_bounds_the_length_so_a_hash_costs_bounded_work() {
    assertThat(OPOLE.violations("1" + "a".repeat(128))).containsExactly("too_long");
  }

  // both

  @Test
  void length_counts_characters_not_utf16_units() {
    // four code points, seven UTF-16 units
    assertThat(OPOLE.violations("😀😀😀1")).containsExactly("too_short");
  }

  @Test
  void control_characters_are_refused_even_where_special_characters_are_allowed() {
    assertThat(OPOLE.violations("haslo\t123")).containsExactly("control_characters");
    assertThat(PRUDNIK.violations("Haslo\t123")).containsExactly("letters_and_digits_only", "control_characters");
  }

  @Test
  void a_policy_with_lengths_out_of_order_cannot_be_made() {
    assertThatThrownBy(() -> new PasswordPolicy(8, 6, true, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PasswordPolicy(0, 6, true, false, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
