package iok.audit.read.history;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import iok.platform.axon.EventNames;
import iok.platform.axon.Metadata;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.privacy.PersonalFields;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.axonframework.common.DateTimeUtils;

/**
 * {@code GET /api/audit/accounts/{id}/events}: an account's whole history, read from the event store
 * itself (never from a snapshot or a read model), with who caused each event. It spans everything tied
 * to the account — the account itself, its premises' ledgers, its faults, its letters — and every event
 * the person caused anywhere (readings submitted, payments started). Filters: {@code from}/{@code to}
 * (ISO instants), {@code types} (comma-separated names), {@code actorRole}, {@code actorId}; paging by
 * {@code after} (the last {@code globalIndex} seen) and {@code limit}. Password hashes are never shown.
 */
public final class AccountHistoryRoute {

  private static final Set<String> HIDDEN = Set.of("passwordHash");
  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_LIMIT = 5_000;
  private static final String OWNED = "SELECT 1 FROM account_login WHERE account_id = $1 AND cooperative_id = $2";
  /** Aggregates tied to an account besides itself: its ledgers (every title it held), faults, letters, payments,
   * the meters it read (so their reviews show too), and the resolutions it voted on (the resolution's whole
   * stream, so the auditor sees each vote in its place among the others and the outcome). */
  public static final String TIED = """
      SELECT $2 || ':ledger:' || title_id FROM title_view WHERE cooperative_id = $2 AND account_id = $1
      UNION SELECT fault_id FROM fault_view WHERE cooperative_id = $2 AND reporter_id = $1
      UNION SELECT thread_id FROM letter_thread WHERE cooperative_id = $2 AND resident_id = $1
      UNION SELECT order_id FROM payment_view WHERE cooperative_id = $2 AND account_id = $1
      UNION SELECT DISTINCT meter_id FROM meter_reading WHERE cooperative_id = $2 AND submitted_by = $1
      UNION SELECT DISTINCT v.resolution_id FROM resolution_vote v JOIN resolution_view r USING (resolution_id)
        WHERE r.cooperative_id = $2 AND v.voter_id = $1""";
  private static final String HISTORY = """
      SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp, payload, metadata
      FROM domainevententry
      WHERE (aggregateidentifier = ANY($1) OR metadata::jsonb ->> 'actorId' = $2)
        AND globalindex > $3
        AND ($4::text IS NULL OR timestamp >= $4) AND ($5::text IS NULL OR timestamp < $5)
        AND ($6::text[] IS NULL OR substring(payloadtype from '[^.$]+$') = ANY($6))
        AND ($7::text IS NULL OR coalesce(metadata::jsonb ->> 'actorRole', 'system') = $7)
        AND ($8::text IS NULL OR metadata::jsonb ->> 'actorId' = $8)
      ORDER BY globalindex LIMIT $9""";

  private AccountHistoryRoute() {}

  public static void mount(Api api, Pool pool, PersonalFields personal) {
    api.route(HttpMethod.GET, "/api/audit/accounts/:id/events", Access.AUDITOR, ctx -> history(ctx, pool, personal));
  }

  /** The filters and page of a history request, checked. */
  public record Query(String from, String to, String[] types, String actorRole, String actorId, long after, int limit) {

    public static Query of(RoutingContext ctx, int defaultLimit, int maxLimit) {
      String types = ctx.request().getParam("types");
      String role = ctx.request().getParam("actorRole");
      if (role != null && !Set.of("resident", "admin", "auditor", "system", "anonymous").contains(role)) {
        throw invalid("actorRole", "must be resident, admin, auditor, system or anonymous");
      }
      String actorId = ctx.request().getParam("actorId");
      if (actorId != null && !actorId.matches("[A-Za-z0-9._:-]{1,64}")) throw invalid("actorId", "is not an account id");
      String[] typeList = types == null || types.isBlank() ? null : Arrays.stream(types.split(",")).map(String::trim)
          .peek(t -> {
            if (!t.matches("[A-Za-z]{1,80}")) throw invalid("types", "must be event names separated by commas");
          }).toArray(String[]::new);
      return new Query(instant(ctx, "from"), instant(ctx, "to"), typeList, role, actorId,
          number(ctx, "after", 0, Long.MAX_VALUE, 0), (int) number(ctx, "limit", 1, maxLimit, defaultLimit));
    }

    private static String instant(RoutingContext ctx, String name) {
      String raw = ctx.request().getParam(name);
      if (raw == null) return null;
      try {
        return DateTimeUtils.formatInstant(Instant.parse(raw)); // the store's own format, so text order is time order
      } catch (DateTimeParseException e) {
        throw invalid(name, "must be an ISO instant such as 2026-11-01T00:00:00Z");
      }
    }

    private static long number(RoutingContext ctx, String name, long min, long max, long fallback) {
      String raw = ctx.request().getParam(name);
      if (raw == null) return fallback;
      try {
        long value = Long.parseLong(raw);
        if (value < min || value > max) throw invalid(name, "must be between " + min + " and " + max);
        return value;
      } catch (NumberFormatException e) {
        throw invalid(name, "must be a whole number");
      }
    }

    private static ApiError invalid(String field, String problem) {
      return ApiError.badRequest("invalid_field", "Query parameter '" + field + "' " + problem, java.util.Map.of("field", field));
    }
  }

  private static void history(RoutingContext ctx, Pool pool, PersonalFields personal) {
    String id = Api.pathId(ctx, "id", "Account");
    Query q = Query.of(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    String cooperative = Api.session(ctx).cooperativeId();
    events(pool, id, cooperative, q)
        .compose(rows -> ctx.vertx().executeBlocking(() -> {
          // opening sealed personal data may read a key from the database: not on the event loop
          JsonArray events = new JsonArray();
          long last = -1;
          for (Row row : rows) {
            events.add(event(row, personal));
            last = row.getLong("globalindex");
          }
          JsonObject body = new JsonObject().put("accountId", id).put("events", events);
          if (events.size() == q.limit()) body.put("next", last);
          return body;
        }, false))
        .onSuccess(body -> Api.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** Succeeds when the account is one of the cooperative's; fails with 404 otherwise (another's is no one's). */
  public static io.vertx.core.Future<Void> ownAccount(Pool pool, String accountId, String cooperative) {
    return pool.preparedQuery(OWNED).execute(Tuple.of(accountId, cooperative)).map(owned -> {
      if (!owned.iterator().hasNext()) throw new ApiError(404, "not_found", "Account not found");
      return null;
    });
  }

  /** The account's events under the query, oldest first; 404 for an account of another cooperative. */
  public static io.vertx.core.Future<RowSet<Row>> events(Pool pool, String accountId, String cooperative, Query q) {
    return ownAccount(pool, accountId, cooperative)
        .compose(owned -> pool.preparedQuery(TIED).execute(Tuple.of(accountId, cooperative)))
        .compose(tied -> {
          List<String> aggregates = new ArrayList<>(List.of(accountId));
          for (Row r : tied) aggregates.add(r.getString(0));
          return pool.preparedQuery(HISTORY).execute(Tuple.from(new Object[] {aggregates.toArray(String[]::new), accountId,
              q.after(), q.from(), q.to(), q.types(), q.actorRole(), q.actorId(), q.limit()}));
        });
  }

  /** One stored event as auditors read it; other histories (payments, which hold no personal data) the same way. */
  public static JsonObject event(Row row) {
    return event(row, null);
  }

  /**
   * With {@code personal}, sealed personal data are opened, or read as erased once the person's key is
   * gone; blocking (it may read a key), so called off the event loop.
   */
  public static JsonObject event(Row row, PersonalFields personal) {
    String stored = row.getString("payload");
    JsonObject payload = new JsonObject(personal == null ? stored : personal.reveal(row.getString("payloadtype"), stored));
    HIDDEN.forEach(payload::remove);
    JsonObject meta = new JsonObject(row.getString("metadata"));
    String type = row.getString("payloadtype");
    JsonObject actor = meta.getString(Metadata.ACTOR_ID) == null
        ? new JsonObject().put("role", meta.getString(Metadata.ACTOR_ROLE, "system"))
        : new JsonObject().put("accountId", meta.getString(Metadata.ACTOR_ID))
            .put("role", meta.getString(Metadata.ACTOR_ROLE))
            .put("login", meta.getString(Metadata.ACTOR_LOGIN));
    return new JsonObject()
        .put("globalIndex", row.getLong("globalindex"))
        .put("aggregateId", row.getString("aggregateidentifier"))
        .put("sequence", row.getLong("sequencenumber"))
        .put("type", EventNames.shortName(type))
        .put("occurredAt", row.getString("timestamp"))
        .put("actor", actor)
        .put("requestId", meta.getString(Metadata.REQUEST_ID))
        .put("payload", payload);
  }
}
