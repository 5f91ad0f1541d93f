package iok.cooperative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** R4: three wrong logins in a row lock the account (P III.4). */
class LockoutPolicyTest {

  private final LockoutPolicy threeInARow = new LockoutPolicy(3);

  @Test
  void the_first_two_wrong_passwords_do_not_lock() {
    assertThat(threeInARow.locksAfter(1)).isFalse();
    assertThat(threeInARow.locksAfter(2)).isFalse();
  }

  @Test
  void the_third_wrong_password_in_a_row_locks() {
    assertThat(threeInARow.locksAfter(3)).isTrue();
  }

  @Test
  void more_failures_than_the_threshold_still_lock() {
    assertThat(threeInARow.locksAfter(4)).isTrue();
  }

  @Test
  void the_attempts_left_count_down_to_zero_and_no_further() {
    assertThat(threeInARow.remainingAfter(0)).isEqualTo(3);
    assertThat(threeInARow.remainingAfter(1)).isEqualTo(2);
    assertThat(threeInARow.remainingAfter(2)).isEqualTo(1);
    assertThat(threeInARow.remainingAfter(3)).isZero();
    assertThat(threeInARow.remainingAfter(7)).isZero();
  }

  @Test
  void a_threshold_of_one_locks_at_the_first_wrong_password() {
    LockoutPolicy strict = new LockoutPolicy(1);
    assertThat(strict.locksAfter(1)).isTrue();
    assertThat(strict.remainingAfter(1)).isZero();
  }

  @Test
  void a_threshold_below_one_cannot_be_made() {
    assertThatThrownBy(() -> new LockoutPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockoutPolicy(-3)).isInstanceOf(IllegalArgumentException.class);
  }
}
