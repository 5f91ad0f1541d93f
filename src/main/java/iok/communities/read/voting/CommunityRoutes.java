package iok.communities.read.voting;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.communities.Count;
import iok.communities.Count.Counted;
import iok.communities.ResolutionEvent.Choice;
import iok.communities.ResolutionEvent.Tally;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.premises.Share;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What owners, administrators and auditors read of housing communities: the communities, their documents,
 * resolutions with the tally, and the list of votes that anyone entitled can add up. An owner sees only their
 * own communities (a title of ownership today); drafts are seen by staff only (administrators and auditors);
 * the tally is shown to owners after closing, or live when the community chose so. Owners see the votes by premises number, and the
 * voters' names only when the community decided so ({@code ownersSeeNames}, set when drafting); staff see who
 * voted (login and name). Anything else answers 404.
 */
public final class CommunityRoutes {

  private static final String DOCUMENTS = """
      SELECT * FROM community_document WHERE cooperative_id = $1 AND community = ANY($2) ORDER BY published_at DESC""";
  private static final String FILE = """
      SELECT d.community, d.file_name, c.bytes FROM community_document d
      JOIN community_document_content c ON c.cooperative_id = d.cooperative_id AND c.content_id = d.content_id
      WHERE d.document_id = $1 AND d.cooperative_id = $2""";
  private static final String RESOLUTIONS = """
      SELECT * FROM resolution_view WHERE cooperative_id = $1 AND community = ANY($2) AND (status <> 'draft' OR $3)
      ORDER BY drafted_at DESC""";
  private static final String RESOLUTION = "SELECT * FROM resolution_view WHERE resolution_id = $1 AND cooperative_id = $2";
  private static final String VOTES = """
      SELECT v.*, a.login, n.first_name || ' ' || n.last_name AS name FROM resolution_vote v
      LEFT JOIN account_login a ON a.account_id = v.voter_id
      LEFT JOIN account n ON n.account_id = v.voter_id
      WHERE v.resolution_id = $1 ORDER BY length(v.premises_number), v.premises_number, v.cast_at""";
  private static final String DOCUMENT_TITLES = "SELECT document_id, title FROM community_document WHERE document_id = ANY($1)";

  private CommunityRoutes() {}

  public static void mount(Api api, Pool pool, Clock clock) {
    api.route(HttpMethod.GET, "/api/communities", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      LocalDate today = LocalDate.now(clock);
      Roll.communities(pool, s, today).compose(names -> {
        List<Future<JsonObject>> each = names.stream().map(name -> Roll.premises(pool, s.cooperativeId(), name, today)
            .map(premises -> community(name, premises, s))).toList();
        return Future.all(each).map(all -> new JsonArray(each.stream().map(Future::result).toList()));
      }).onSuccess(list -> Api.json(ctx, 200, new JsonObject().put("communities", list))).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/communities/documents", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      Roll.communities(pool, s, LocalDate.now(clock))
          .compose(names -> pool.preparedQuery(DOCUMENTS).execute(Tuple.of(s.cooperativeId(), (Object) names.toArray(String[]::new))))
          .onSuccess(rows -> {
            JsonArray list = new JsonArray();
            for (Row r : rows) list.add(document(r));
            Api.json(ctx, 200, new JsonObject().put("documents", list));
          }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/communities/documents/:id/file", Access.SIGNED_IN, ctx -> download(ctx, pool, clock));
    api.route(HttpMethod.GET, "/api/communities/resolutions", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      Roll.communities(pool, s, LocalDate.now(clock))
          .compose(names -> pool.preparedQuery(RESOLUTIONS).execute(Tuple.of(s.cooperativeId(),
              names.toArray(String[]::new), !"resident".equals(s.role()))))
          .onSuccess(rows -> {
            JsonArray list = new JsonArray();
            for (Row r : rows) list.add(summary(r));
            Api.json(ctx, 200, new JsonObject().put("resolutions", list));
          }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/communities/resolutions/:id", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      String id = Api.pathId(ctx, "id", "Resolution");
      resolution(pool, s, id, clock).compose(r -> pool.preparedQuery(VOTES).execute(Tuple.of(id)).compose(votes -> {
        JsonObject body = summary(r).put("text", r.getString("body"));
        boolean seesTally = seesTally(s, r);
        if (seesTally) body.put("tally", tally(r, votes));
        JsonArray mine = new JsonArray();
        for (Row v : votes) {
          if (s.accountId().equals(v.getString("voter_id"))) {
            mine.add(new JsonObject().put("premisesNumber", v.getString("premises_number"))
                .put("choice", v.getString("choice")).put("weight", v.getString("weight"))
                .put("castAt", v.getOffsetDateTime("cast_at").toString()));
          }
        }
        body.put("myVotes", mine);
        JsonArray attachmentIds = new JsonArray(r.getString("attachments"));
        return pool.preparedQuery(DOCUMENT_TITLES).execute(Tuple.of((Object) attachmentIds.stream()
            .map(Object::toString).toArray(String[]::new))).map(docs -> {
              JsonArray list = new JsonArray();
              for (Row d : docs) {
                list.add(new JsonObject().put("documentId", d.getString("document_id")).put("title", d.getString("title"))
                    .put("href", "/api/communities/documents/" + d.getString("document_id") + "/file"));
              }
              return body.put("attachments", list);
            });
      })).onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/communities/resolutions/:id/votes", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      String id = Api.pathId(ctx, "id", "Resolution");
      resolution(pool, s, id, clock).compose(r -> {
        if (!seesTally(s, r)) {
          return Future.<JsonObject>failedFuture(new ApiError(409, "tally_not_public",
              "Owners see the votes once voting has closed", new JsonObject().put("closesAt", time(r, "closes_at"))));
        }
        boolean staff = !"resident".equals(s.role());
        boolean names = staff || r.getBoolean("owners_see_names");
        return pool.preparedQuery(VOTES).execute(Tuple.of(id)).map(votes -> {
          JsonArray list = new JsonArray();
          for (Row v : votes) {
            JsonObject vote = new JsonObject().put("premisesNumber", v.getString("premises_number"))
                .put("choice", v.getString("choice")).put("weight", v.getString("weight"))
                .put("source", v.getString("source")).put("castAt", v.getOffsetDateTime("cast_at").toString())
                .put("sequence", v.getLong("sequence"));
            if (staff) vote.put("voter", v.getString("voter_id") == null ? null : v.getString("login"));
            if (names) vote.put("name", v.getString("voter_id") == null ? null : v.getString("name"));
            list.add(vote);
          }
          JsonObject tally = tally(r, votes);
          return new JsonObject().put("resolutionId", id).put("status", r.getString("status")).put("votes", list)
              .put("tally", tally);
        });
      }).onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
    });
  }

  /** A resolution the person may see: in their own community, not a draft unless they are staff. */
  public static Future<Row> resolution(Pool pool, Session s, String id, Clock clock) {
    return pool.preparedQuery(RESOLUTION).execute(Tuple.of(id, s.cooperativeId())).compose(rows -> {
      Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (r == null || ("resident".equals(s.role()) && "draft".equals(r.getString("status")))) {
        return Future.failedFuture(new ApiError(404, "not_found", "Resolution not found"));
      }
      if (!"resident".equals(s.role())) return Future.succeededFuture(r);
      return Roll.communities(pool, s, LocalDate.now(clock)).compose(names -> names.contains(r.getString("community"))
          ? Future.succeededFuture(r) : Future.failedFuture(new ApiError(404, "not_found", "Resolution not found")));
    });
  }

  private static boolean seesTally(Session s, Row r) {
    return !"resident".equals(s.role()) || "closed".equals(r.getString("status")) || r.getBoolean("owners_live");
  }

  /**
   * The tally as the votes listed add up, exactly; once closed, also the outcome recorded at closing and whether
   * the listed votes sum to it ({@code matches}), which is what an auditor or owner checks.
   */
  static JsonObject tally(Row r, Iterable<Row> votes) {
    List<Counted> counted = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Row v : votes) {
      counted.add(new Counted(Choice.valueOf(v.getString("choice").toUpperCase(Locale.ROOT)), Share.of(v.getString("weight"))));
      keys.add(v.getString("vote_key"));
    }
    Share total = Share.ZERO;
    if (r.getString("total_weight") != null) total = Share.of(r.getString("total_weight"));
    if ("owners".equals(r.getString("rule")) && r.getString("roll") != null && !"closed".equals(r.getString("status"))) {
      new JsonArray(r.getString("roll")).forEach(k -> keys.add(k.toString()));
      total = Share.whole(keys.size());
    }
    Tally sums = Count.tally(counted, total);
    JsonObject tally = weights(sums).put("adopted", Count.adopted(sums)).put("votes", sums.votes());
    if ("closed".equals(r.getString("status"))) {
      Tally recorded = new Tally(r.getString("for_weight"), r.getString("against_weight"), r.getString("abstain_weight"),
          r.getString("total_weight"), sums.votes());
      tally.put("recorded", weights(recorded).put("adopted", r.getBoolean("adopted")))
          .put("matches", recorded.equals(sums));
    }
    return tally;
  }

  private static JsonObject weights(Tally t) {
    return new JsonObject().put("for", t.forWeight()).put("against", t.againstWeight()).put("abstain", t.abstainWeight())
        .put("total", t.totalWeight())
        .put("forPercent", percent(t.forWeight(), t.totalWeight()))
        .put("againstPercent", percent(t.againstWeight(), t.totalWeight()))
        .put("abstainPercent", percent(t.abstainWeight(), t.totalWeight()));
  }

  /** For display only: the share of the total, rounded to hundredths of a per cent. */
  private static String percent(String part, String total) {
    Share whole = Share.of(total);
    if (whole.isZero()) return "0.00";
    Share p = Share.of(part);
    return new Share(p.numerator().multiply(java.math.BigInteger.valueOf(100)).multiply(whole.denominator()),
        p.denominator().multiply(whole.numerator())).decimal(2);
  }

  static JsonObject summary(Row r) {
    return new JsonObject()
        .put("resolutionId", r.getString("resolution_id"))
        .put("community", r.getString("community"))
        .put("number", r.getString("number"))
        .put("title", r.getString("title"))
        .put("rule", r.getString("rule"))
        .put("status", r.getString("status"))
        .put("opensAt", time(r, "opens_at"))
        .put("closesAt", time(r, "closes_at"))
        .put("ownersSeeLiveTally", r.getBoolean("owners_live"))
        .put("ownersSeeNames", r.getBoolean("owners_see_names"))
        .put("openedAt", time(r, "opened_at"))
        .put("closedAt", time(r, "closed_at"))
        .put("adopted", r.getBoolean("adopted"));
  }

  private static String time(Row r, String column) {
    OffsetDateTime at = r.getOffsetDateTime(column);
    return at == null ? null : at.toString();
  }

  private static JsonObject community(String name, List<Roll.Premises> premises, Session s) {
    JsonArray list = new JsonArray();
    for (Roll.Premises p : premises) {
      if ("resident".equals(s.role()) && !p.owners().containsKey(s.accountId())) continue;
      JsonObject one = new JsonObject().put("premisesId", p.premisesId()).put("number", p.number()).put("share", p.share());
      if ("resident".equals(s.role())) one.put("ownerShare", p.owners().get(s.accountId()));
      else one.put("owners", p.owners().size());
      list.add(one);
    }
    return new JsonObject().put("name", name).put("premises", list);
  }

  private static JsonObject document(Row r) {
    return new JsonObject()
        .put("documentId", r.getString("document_id"))
        .put("community", r.getString("community"))
        .put("kind", r.getString("kind"))
        .put("title", r.getString("title"))
        .put("fileName", r.getString("file_name"))
        .put("size", r.getLong("size"))
        .put("sha256", r.getString("sha256"))
        .put("publishedAt", r.getOffsetDateTime("published_at").toString())
        .put("href", "/api/communities/documents/" + r.getString("document_id") + "/file");
  }

  private static void download(RoutingContext ctx, Pool pool, Clock clock) {
    Session s = Api.session(ctx);
    String id = Api.pathId(ctx, "id", "Document");
    pool.preparedQuery(FILE).execute(Tuple.of(id, s.cooperativeId())).compose(rows -> {
      Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (r == null) return Future.<Row>failedFuture(new ApiError(404, "not_found", "Document not found"));
      return Roll.communities(pool, s, LocalDate.now(clock)).compose(names -> names.contains(r.getString("community"))
          ? Future.succeededFuture(r) : Future.failedFuture(new ApiError(404, "not_found", "Document not found")));
    }).onSuccess(r -> {
      String name = r.getString("file_name");
      ctx.response().setStatusCode(200)
          .putHeader("Content-Type", "application/pdf")
          .putHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^ -~]|[\"\\\\]", "_")
              + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
          .putHeader("Cache-Control", "private, no-store")
          .end(r.getBuffer("bytes"));
    }).onFailure(ctx::fail);
  }
}
