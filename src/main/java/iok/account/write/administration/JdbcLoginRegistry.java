package iok.account.write.administration;

import iok.account.LoginRegistry;
import iok.platform.db.Jdbc;

/** Claims a login in the registering command's own transaction: a rolled-back registration frees it again. */
public final class JdbcLoginRegistry implements LoginRegistry {

  private final Jdbc jdbc;

  public JdbcLoginRegistry(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean claim(String cooperativeId, String login, String accountId) {
    return jdbc.update("INSERT INTO account_login (cooperative_id, login, account_id) VALUES (?, ?, ?) "
        + "ON CONFLICT DO NOTHING", cooperativeId, login, accountId) == 1;
  }
}
