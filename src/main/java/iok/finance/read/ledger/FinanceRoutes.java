package iok.finance.read.ledger;

import iok.cooperative.Zone;
import iok.cooperative.read.zones.ZoneGate;
import java.util.EnumSet;
import java.util.Set;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.finance.BalancePolicy;
import iok.finance.BalancePolicy.Entry;
import iok.finance.Money;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/finance}: the balance of each premises the person holds today, split as O III.4
 * asks; {@code GET /api/finance/{premisesId}/ledger}: the entries of their own periods, newest first.
 */
public final class FinanceRoutes {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
  private static final String CURRENT = """
      SELECT t.title_id, p.premises_id, p.address, p.number, p.community, e.kind, e.month, e.entry_date, e.debt::text
      FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      LEFT JOIN ledger_entry e ON e.cooperative_id = t.cooperative_id AND e.title_id = t.title_id
      WHERE t.cooperative_id = $1 AND t.account_id = $2 AND t.valid_from <= $3
        AND (t.valid_until IS NULL OR t.valid_until >= $3)
      ORDER BY p.address, p.number, t.title_id""";
  private static final String LOADED = "SELECT books_loaded_at FROM cooperative WHERE cooperative_id = $1";
  private static final String OWN_TITLES = """
      SELECT t.title_id, p.community FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = $1 AND t.account_id = $2 AND t.premises_id = $3""";
  private static final Set<Zone> EITHER = EnumSet.of(Zone.FINANCE, Zone.COMMUNITY_FINANCE);
  private static final String ENTRIES = """
      SELECT entry_id, kind, component, month, entry_date, amount::text, description, source, count(*) OVER () AS total
      FROM ledger_entry WHERE cooperative_id = $1 AND title_id = ANY($2)
      ORDER BY entry_date DESC, entry_id DESC LIMIT $3 OFFSET $4""";

  private FinanceRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones, Clock clock) {
    api.route(HttpMethod.GET, "/api/finance", Access.SIGNED_IN, zones.onlyAny(EITHER, ctx -> balances(ctx, pool, clock)));
    api.route(HttpMethod.GET, "/api/finance/:premisesId/ledger", Access.SIGNED_IN, zones.onlyAny(EITHER, ctx -> ledger(ctx, pool)));
  }

  private record Card(String premisesId, String address, String number, String community, List<Entry> entries) {}

  /** Cooperative premises and community premises are separate zones (O III.2). */
  private static Zone zone(String community) {
    return community == null ? Zone.FINANCE : Zone.COMMUNITY_FINANCE;
  }

  private static void balances(RoutingContext ctx, Pool pool, Clock clock) {
    Session s = Api.session(ctx);
    Set<Zone> open = ZoneGate.enabled(ctx);
    LocalDate today = LocalDate.now(clock);
    pool.preparedQuery(CURRENT).execute(Tuple.of(s.cooperativeId(), s.accountId(), today)).compose(rows -> {
      Map<String, Card> cards = new LinkedHashMap<>();
      for (Row r : rows) {
        if (!open.contains(zone(r.getString("community")))) continue;
        Card card = cards.computeIfAbsent(r.getString("title_id"), t -> new Card(r.getString("premises_id"),
            r.getString("address"), r.getString("number"), r.getString("community"), new ArrayList<>()));
        if (r.getString("kind") != null) card.entries().add(entry(r));
      }
      return pool.preparedQuery(LOADED).execute(Tuple.of(s.cooperativeId())).map(loaded -> {
        JsonArray premises = new JsonArray();
        cards.forEach((titleId, card) -> {
          BalancePolicy.Balance b = BalancePolicy.asOf(today, card.entries());
          premises.add(new JsonObject()
              .put("premisesId", card.premisesId())
              .put("titleId", titleId)
              .put("address", card.address())
              .put("number", card.number())
              .put("zone", zone(card.community()).code())
              .put("dueNow", b.dueNow().toString())
              .put("notYetDue", b.notYetDue().toString())
              .put("overpayment", b.overpayment().toString())
              .put("balance", b.balance().toString()));
        });
        Row row = loaded.iterator().hasNext() ? loaded.iterator().next() : null;
        return new JsonObject().put("asOf", today.toString())
            .put("booksLoadedAt", row == null || row.getOffsetDateTime(0) == null ? null : row.getOffsetDateTime(0).toString())
            .put("premises", premises);
      });
    }).onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private static Entry entry(Row r) {
    Entry.Kind kind = Entry.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT));
    LocalDate date = r.getLocalDate("entry_date");
    YearMonth month = r.getString("month") == null ? YearMonth.from(date) : YearMonth.parse(r.getString("month"));
    return new Entry(kind, month, date, Money.parse(r.getString("debt")));
  }

  private static void ledger(RoutingContext ctx, Pool pool) {
    Session s = Api.session(ctx);
    String premisesId = ctx.pathParam("premisesId");
    if (!ID.matcher(premisesId).matches()) throw new ApiError(404, "not_found", "Premises not found");
    int page = number(ctx, "page", 1, 1, 100_000);
    int size = number(ctx, "size", 50, 1, 200);
    pool.preparedQuery(OWN_TITLES).execute(Tuple.of(s.cooperativeId(), s.accountId(), premisesId)).compose(titles -> {
      List<String> ids = new ArrayList<>();
      Zone zone = null;
      for (Row r : titles) {
        ids.add(r.getString(0));
        zone = zone(r.getString(1));
      }
      if (ids.isEmpty()) throw new ApiError(404, "not_found", "Premises not found");
      if (!ZoneGate.enabled(ctx).contains(zone)) throw ZoneGate.notEnabled(EnumSet.of(zone));
      return pool.preparedQuery(ENTRIES).execute(Tuple.of(s.cooperativeId(), ids.toArray(String[]::new), size,
          (page - 1) * size));
    }).onSuccess(rows -> {
      JsonArray entries = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        entries.add(new JsonObject()
            .put("entryId", r.getString("entry_id"))
            .put("kind", r.getString("kind"))
            .put("component", r.getString("component"))
            .put("month", r.getString("month"))
            .put("date", r.getLocalDate("entry_date").toString())
            .put("amount", r.getString("amount"))
            .put("description", r.getString("description"))
            .put("source", r.getString("source")));
      }
      Api.json(ctx, 200, new JsonObject().put("premisesId", premisesId).put("page", page).put("size", size)
          .put("total", total).put("entries", entries));
    }).onFailure(ctx::fail);
  }

  private static int number(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) return fallback;
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", name + " must be a whole number from " + min + " to " + max,
          Map.of("parameter", name));
    }
  }
}
