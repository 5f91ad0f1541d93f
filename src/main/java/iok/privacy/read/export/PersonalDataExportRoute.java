package iok.privacy.read.export;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/profile/export}: the right of access (R18, GDPR art. 15) — everything IOK holds about the
 * signed-in person, one section per place it is kept, as JSON. Password hashes and secrets are never in it;
 * files (photos, letters' PDFs) are listed with their names and checksums and downloadable where they are.
 */
public final class PersonalDataExportRoute {

  /** Section name → a query answering one JSON array ($1 = account, $2 = cooperative). */
  private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("account", """
        SELECT coalesce(json_agg(json_build_object('accountId', account_id, 'login', login, 'role', role,
          'firstName', first_name, 'lastName', last_name, 'email', email, 'phone', phone,
          'notifications', notifications, 'locked', locked, 'blocked', blocked, 'blockedReason', blocked_reason,
          'acceptedRegulationsVersion', accepted_regulations_version, 'registeredAt', registered_at,
          'lastLoginAt', last_login_at)), '[]')
        FROM account WHERE account_id = $1 AND cooperative_id = $2""");
    SECTIONS.put("titles", """
        SELECT coalesce(json_agg(json_build_object('titleId', t.title_id, 'premisesId', t.premises_id, 'kind', t.kind,
          'from', t.valid_from, 'until', t.valid_until, 'address', p.address, 'number', p.number, 'area', p.area)
          ORDER BY t.valid_from), '[]')
        FROM title_view t LEFT JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
        WHERE t.account_id = $1 AND t.cooperative_id = $2""");
    SECTIONS.put("ledger", """
        SELECT coalesce(json_agg(json_build_object('titleId', e.title_id, 'entryId', e.entry_id, 'kind', e.kind,
          'component', e.component, 'month', e.month, 'date', e.entry_date, 'amount', e.amount::text,
          'description', e.description, 'source', e.source) ORDER BY e.entry_date, e.entry_id), '[]')
        FROM ledger_entry e JOIN title_view t ON t.cooperative_id = e.cooperative_id AND t.title_id = e.title_id
        WHERE t.account_id = $1 AND t.cooperative_id = $2""");
    SECTIONS.put("membership", """
        SELECT coalesce(json_agg(to_jsonb(m) - 'cooperative_id'), '[]') FROM membership_view m
        WHERE m.account_id = $1 AND m.cooperative_id = $2""");
    SECTIONS.put("contributions", """
        SELECT coalesce(json_agg(to_jsonb(c) - 'cooperative_id'), '[]') FROM contribution_view c
        JOIN membership_view m ON m.cooperative_id = c.cooperative_id AND m.member_id = c.member_id
        WHERE m.account_id = $1 AND m.cooperative_id = $2""");
    SECTIONS.put("loans", """
        SELECT coalesce(json_agg(to_jsonb(l) - 'cooperative_id'), '[]') FROM loan_view l
        WHERE l.account_id = $1 AND l.cooperative_id = $2""");
    SECTIONS.put("readings", """
        SELECT coalesce(json_agg(to_jsonb(r) - 'cooperative_id' ORDER BY r.submitted_at), '[]') FROM meter_reading r
        WHERE r.submitted_by = $1 AND r.cooperative_id = $2""");
    SECTIONS.put("faults", """
        SELECT coalesce(json_agg(to_jsonb(f) - 'cooperative_id' || jsonb_build_object('timeline',
          (SELECT coalesce(jsonb_agg(to_jsonb(e) - 'fault_id' ORDER BY e.sequence), '[]') FROM fault_entry e
           WHERE e.fault_id = f.fault_id),
          'photos', (SELECT coalesce(jsonb_agg(to_jsonb(p) - 'fault_id' - 'content_id' ORDER BY p.number), '[]')
           FROM fault_photo p WHERE p.fault_id = f.fault_id)) ORDER BY f.reported_at), '[]')
        FROM fault_view f WHERE f.reporter_id = $1 AND f.cooperative_id = $2""");
    SECTIONS.put("correspondence", """
        SELECT coalesce(json_agg(to_jsonb(t) - 'cooperative_id' || jsonb_build_object('entries',
          (SELECT coalesce(jsonb_agg(to_jsonb(e) - 'thread_id' ORDER BY e.sequence), '[]') FROM letter_entry e
           WHERE e.thread_id = t.thread_id),
          'files', (SELECT coalesce(jsonb_agg(to_jsonb(f) - 'thread_id' - 'content_id' ORDER BY f.n), '[]')
           FROM letter_file f WHERE f.thread_id = t.thread_id)) ORDER BY t.started_at), '[]')
        FROM letter_thread t WHERE t.resident_id = $1 AND t.cooperative_id = $2""");
    SECTIONS.put("notificationsSent", """
        SELECT coalesce(json_agg(to_jsonb(d) - 'account_id' ORDER BY d.at), '[]') FROM notification_delivery d
        WHERE d.account_id = $1 AND $2::text IS NOT NULL""");
  }

  private PersonalDataExportRoute() {}

  public static void mount(Api api, Pool pool) {
    api.route(HttpMethod.GET, "/api/profile/export", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      List<Future<Object>> parts = new ArrayList<>();
      for (String sql : SECTIONS.values()) {
        parts.add(pool.preparedQuery(sql).execute(Tuple.of(s.accountId(), s.cooperativeId()))
            .map(rows -> (Object) rows.iterator().next().getValue(0)));
      }
      Future.all(parts).onSuccess(all -> {
        JsonObject body = new JsonObject().put("exportedAt", java.time.Instant.now().toString())
            .put("cooperative", s.cooperativeId());
        int i = 0;
        for (String section : SECTIONS.keySet()) {
          Object value = all.resultAt(i++);
          body.put(section, value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value)));
        }
        ctx.response().putHeader("Content-Disposition", "attachment; filename=\"iok-moje-dane.json\"");
        Api.json(ctx, 200, body);
      }).onFailure(ctx::fail);
    });
  }
}
