package iok.account;

import java.util.Locale;

/** Who a person is to IOK: a resident (Użytkownik), cooperative staff, or an auditor who only reads. */
public enum Role {
  RESIDENT, ADMIN, AUDITOR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
