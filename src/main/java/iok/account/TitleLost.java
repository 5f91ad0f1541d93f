package iok.account;

import java.time.LocalDate;

/**
 * The deadline that blocks an account 30 days after its holder lost the last title to premises in
 * the cooperative (R6, P III.11). A new title before then cancels it.
 */
public record TitleLost(LocalDate lostOn) {

  public static final String DEADLINE = "block-after-last-title-lost";
  public static final int GRACE_DAYS = 30;
}
