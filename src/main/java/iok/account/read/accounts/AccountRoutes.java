package iok.account.read.accounts;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Fields;

/** {@code GET /api/me}, and finding accounts for the cooperative's administrators and auditors. */
public final class AccountRoutes {

  private static final String FIND = """
      SELECT account_id, login, role, first_name, last_name, registered_at, last_login_at,
             CASE WHEN erased THEN 'erased' WHEN blocked THEN 'blocked' WHEN locked THEN 'locked' ELSE 'active' END AS status
      FROM account WHERE cooperative_id = $1
        AND ($2 = '' OR login ILIKE '%' || $2 || '%' OR last_name ILIKE '%' || $2 || '%' OR first_name ILIKE '%' || $2 || '%')
      ORDER BY last_name, first_name, login LIMIT 100""";

  private AccountRoutes() {}

  public static void mount(Api api, Pool pool) {
    api.route(HttpMethod.GET, "/api/me", Access.FORCED_STEPS, ctx -> {
      Session s = Api.session(ctx);
      Api.json(ctx, 200, new JsonObject()
          .put("accountId", s.accountId())
          .put("cooperative", s.cooperativeId())
          .put("login", s.login())
          .put("roles", new JsonArray().add(s.role()))
          .put("mustChangePassword", s.mustChangePassword())
          .put("mustAcceptRegulations", s.mustAcceptRegulations()));
    });
    api.route(HttpMethod.GET, "/api/admin/accounts", Access.ADMIN, ctx -> find(ctx, pool));
    api.route(HttpMethod.GET, "/api/audit/accounts", Access.AUDITOR, ctx -> find(ctx, pool));
  }

  private static void find(RoutingContext ctx, Pool pool) {
    String q = ctx.request().getParam("q");
    String query = q == null || q.isBlank() ? "" : Fields.text(q, "q", 100);
    String pattern = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    pool.preparedQuery(FIND).execute(Tuple.of(Api.session(ctx).cooperativeId(), pattern)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray accounts = new JsonArray();
      for (Row row : ar.result()) {
        accounts.add(new JsonObject()
            .put("accountId", row.getString("account_id"))
            .put("login", row.getString("login"))
            .put("role", row.getString("role"))
            .put("firstName", row.getString("first_name"))
            .put("lastName", row.getString("last_name"))
            .put("status", row.getString("status"))
            .put("registeredAt", row.getOffsetDateTime("registered_at").toString())
            .put("lastLoginAt", row.getOffsetDateTime("last_login_at") == null ? null
                : row.getOffsetDateTime("last_login_at").toString()));
      }
      Api.json(ctx, 200, new JsonObject().put("accounts", accounts));
    });
  }
}
