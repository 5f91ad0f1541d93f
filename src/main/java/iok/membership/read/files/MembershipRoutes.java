package iok.membership.read.files;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/membership} and {@code GET /api/loans}: one's own member's file and loans, nobody else's. */
public final class MembershipRoutes {

  private static final String MEMBERSHIPS = """
      SELECT m.member_id, m.number, m.joined, m.left_on, m.shares, m.share_value::text AS share_value,
             c.entry_id, c.kind, c.premises, c.paid_on, c.amount::text AS amount
      FROM membership_view m LEFT JOIN contribution_view c
        ON c.cooperative_id = m.cooperative_id AND c.member_id = m.member_id
      WHERE m.cooperative_id = $1 AND m.account_id = $2 ORDER BY m.joined, c.paid_on""";
  private static final String LOANS = """
      SELECT l.loan_id, l.name, l.principal::text AS principal, l.balance::text AS balance, l.as_of, l.rate,
             i.entry_id, i.due_date, i.amount::text AS amount, i.paid_on
      FROM loan_view l LEFT JOIN installment_view i ON i.cooperative_id = l.cooperative_id AND i.loan_id = l.loan_id
      WHERE l.cooperative_id = $1 AND l.account_id = $2 ORDER BY l.name, i.due_date""";

  private MembershipRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones) {
    api.route(HttpMethod.GET, "/api/membership", Access.SIGNED_IN, zones.only(Zone.MEMBERSHIP, ctx -> {
      Session s = Api.session(ctx);
      query(pool, MEMBERSHIPS, s).map(MembershipRoutes::memberships)
          .onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
    }));
    api.route(HttpMethod.GET, "/api/loans", Access.SIGNED_IN, zones.only(Zone.LOANS, ctx -> {
      Session s = Api.session(ctx);
      query(pool, LOANS, s).map(MembershipRoutes::loans).onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
    }));
  }

  private static Future<RowSet<Row>> query(Pool pool, String sql, Session s) {
    return pool.preparedQuery(sql).execute(Tuple.of(s.cooperativeId(), s.accountId()));
  }

  private static JsonObject memberships(RowSet<Row> rows) {
    Map<String, JsonObject> files = new LinkedHashMap<>();
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (Row r : rows) {
      String id = r.getString("member_id");
      JsonObject file = files.computeIfAbsent(id, k -> new JsonObject()
          .put("memberId", id)
          .put("number", r.getString("number"))
          .put("joined", r.getLocalDate("joined").toString())
          .put("left", r.getLocalDate("left_on") == null ? null : r.getLocalDate("left_on").toString())
          .put("shares", r.getInteger("shares"))
          .put("shareValue", r.getString("share_value"))
          .put("contributions", new JsonArray()));
      if (r.getString("entry_id") != null) {
        file.getJsonArray("contributions").add(new JsonObject()
            .put("entryId", r.getString("entry_id"))
            .put("kind", r.getString("kind"))
            .put("premises", r.getString("premises"))
            .put("date", r.getLocalDate("paid_on").toString())
            .put("amount", r.getString("amount")));
        totals.merge(id, new BigDecimal(r.getString("amount")), BigDecimal::add);
      }
    }
    files.forEach((id, file) -> file.put("contributionsTotal",
        totals.getOrDefault(id, BigDecimal.ZERO).setScale(2).toPlainString()));
    return new JsonObject().put("memberships", new JsonArray(new java.util.ArrayList<>(files.values())));
  }

  private static JsonObject loans(RowSet<Row> rows) {
    Map<String, JsonObject> loans = new LinkedHashMap<>();
    for (Row r : rows) {
      String id = r.getString("loan_id");
      JsonObject loan = loans.computeIfAbsent(id, k -> new JsonObject()
          .put("loanId", id)
          .put("name", r.getString("name"))
          .put("principal", r.getString("principal"))
          .put("balance", r.getString("balance"))
          .put("asOf", r.getLocalDate("as_of").toString())
          .put("rate", r.getString("rate"))
          .put("schedule", new JsonArray()));
      if (r.getString("entry_id") != null) {
        loan.getJsonArray("schedule").add(new JsonObject()
            .put("entryId", r.getString("entry_id"))
            .put("dueDate", r.getLocalDate("due_date").toString())
            .put("amount", r.getString("amount"))
            .put("paidOn", r.getLocalDate("paid_on") == null ? null : r.getLocalDate("paid_on").toString()));
      }
    }
    return new JsonObject().put("loans", new JsonArray(new java.util.ArrayList<>(loans.values())));
  }
}
