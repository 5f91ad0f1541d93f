package iok.communities.write.voting;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.communities.Resolution;
import iok.communities.Resolution.Ballot;
import iok.communities.ResolutionEvent.Choice;
import iok.communities.ResolutionEvent.Rule;
import iok.communities.ResolutionEvent.Source;
import iok.communities.read.voting.CommunityProjection;
import iok.communities.read.voting.CommunityRoutes;
import iok.communities.read.voting.Roll;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Resolutions: the administrator drafts, opens, closes and enters paper or meeting votes; an owner votes
 * online. Who votes with what weight is read from the books at the moment of voting ({@link Roll}); the
 * resolution decides whether the vote may be cast ({@link Resolution}).
 */
public final class VotingRoutes {

  private static final String DOCUMENTS = """
      SELECT count(*) FROM community_document WHERE cooperative_id = $1 AND community = $2 AND document_id = ANY($3)""";
  private static final String ACCOUNT = "SELECT account_id FROM account_login WHERE cooperative_id = $1 AND account_id = $2";

  record DraftBody(String community, String number, String title, String text, String rule, String opensAt,
                   String closesAt, Boolean ownersSeeLiveTally, List<String> attachments, Boolean ownersSeeNames) {
    DraftBody {
      community = Fields.text(community, "community", 100);
      number = Fields.text(number, "number", 40);
      title = Fields.text(title, "title", 200);
      text = Fields.text(text, "text", 50_000);
      rule = VotingRoutes.rule(rule).name();
      opensAt = instant(opensAt, "opensAt").toString();
      closesAt = instant(closesAt, "closesAt").toString();
      ownersSeeLiveTally = ownersSeeLiveTally != null && ownersSeeLiveTally;
      ownersSeeNames = ownersSeeNames != null && ownersSeeNames;
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
      if (attachments.size() > 10) throw Fields.invalid("attachments", "names at most 10 documents");
      for (String a : attachments) Fields.text(a, "attachments", 64);
    }
  }

  record VoteBody(String choice, String premisesId) {
    VoteBody {
      choice = VotingRoutes.choice(choice).name();
      premisesId = Fields.optionalText(premisesId, "premisesId", 64);
    }
  }

  record PaperVoteBody(String premisesId, String accountId, String choice, String source) {
    PaperVoteBody {
      premisesId = Fields.text(premisesId, "premisesId", 64);
      accountId = Fields.optionalText(accountId, "accountId", 64);
      choice = VotingRoutes.choice(choice).name();
      String s = Fields.text(source, "source", 20).toLowerCase(Locale.ROOT);
      if (!s.equals("paper") && !s.equals("meeting")) throw Fields.invalid("source", "is paper or meeting");
      source = s;
    }
  }

  private VotingRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, Clock clock) {
    api.route(HttpMethod.POST, "/api/admin/communities/resolutions", Access.ADMIN, ctx -> {
      DraftBody b = Bodies.read(ctx, DraftBody.class);
      Session s = Api.session(ctx);
      String id = UUID.randomUUID().toString();
      Roll.communities(pool, s, LocalDate.now(clock)).compose(names -> {
        if (!names.contains(b.community())) {
          throw new ApiError(422, "unknown_community", "The books name no such housing community",
              Map.of("field", "community"));
        }
        return pool.preparedQuery(DOCUMENTS).execute(Tuple.of(s.cooperativeId(), b.community(),
            (Object) b.attachments().toArray(String[]::new)));
      }).compose(rows -> {
        if (rows.iterator().next().getLong(0) != b.attachments().stream().distinct().count()) {
          throw new ApiError(422, "unknown_attachment", "Attachments are documents published to the same community",
              Map.of("field", "attachments"));
        }
        return commands.send(ctx, new Resolution.Draft(id, s.cooperativeId(), b.community(), b.number(), b.title(),
            b.text(), Rule.valueOf(b.rule()), Instant.parse(b.opensAt()), Instant.parse(b.closesAt()),
            b.ownersSeeLiveTally(), b.attachments(), b.ownersSeeNames()));
      }).compose(v -> reads.await(CommunityProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("resolutionId", id))).onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/admin/communities/resolutions/:id/open", Access.ADMIN, ctx -> {
      Session s = Api.session(ctx);
      String id = Api.pathId(ctx, "id", "Resolution");
      CommunityRoutes.resolution(pool, s, id, clock).compose(r -> {
        Rule rule = Rule.valueOf(r.getString("rule").toUpperCase(Locale.ROOT));
        return Roll.premises(pool, s.cooperativeId(), r.getString("community"), LocalDate.now(clock))
            .compose(premises -> commands.<Long>send(ctx, new Resolution.Open(id, s.cooperativeId(),
                Roll.total(rule, premises).toString(), rule == Rule.OWNERS ? Roll.ownersRoll(premises) : List.of(),
                Roll.unknownShares(premises))));
      }).compose(sequence -> reads.await(CommunityProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/admin/communities/resolutions/:id/close", Access.ADMIN, ctx -> {
      String id = Api.pathId(ctx, "id", "Resolution");
      CommunityRoutes.resolution(pool, Api.session(ctx), id, clock)
          .compose(r -> commands.<Long>send(ctx, new Resolution.Close(id, Api.session(ctx).cooperativeId())))
          .compose(sequence -> reads.await(CommunityProjection.VERSION_QUERY, id, sequence))
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/communities/resolutions/:id/votes", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      if (!"resident".equals(s.role())) {
        throw new ApiError(403, "forbidden", "Owners vote themselves; administrators enter paper votes");
      }
      VoteBody b = Bodies.read(ctx, VoteBody.class);
      String id = Api.pathId(ctx, "id", "Resolution");
      vote(ctx, pool, commands, reads, clock, id, (rule, premises) -> Roll.ballots(rule, premises, s.accountId(),
          b.premisesId()), s.accountId(), Choice.valueOf(b.choice()), Source.ONLINE);
    });
    api.route(HttpMethod.POST, "/api/admin/communities/resolutions/:id/votes", Access.ADMIN, ctx -> {
      PaperVoteBody b = Bodies.read(ctx, PaperVoteBody.class);
      String id = Api.pathId(ctx, "id", "Resolution");
      vote(ctx, pool, commands, reads, clock, id, (rule, premises) -> {
        Roll.Premises p = premises.stream().filter(x -> x.premisesId().equals(b.premisesId())).findFirst()
            .orElseThrow(() -> new ApiError(422, "unknown_premises", "No such premises in this community",
                Map.of("field", "premisesId")));
        if (b.accountId() == null) return List.of(Roll.outside(rule, p));
        if (!p.owners().containsKey(b.accountId())) {
          throw new ApiError(422, "not_an_owner", "That person does not own this premises today",
              Map.of("field", "accountId"));
        }
        return Roll.ballots(rule, premises, b.accountId(), b.premisesId());
      }, b.accountId(), Choice.valueOf(b.choice()), Source.valueOf(b.source().toUpperCase(Locale.ROOT)));
    });
    api.route(HttpMethod.GET, "/api/admin/communities/resolutions/:id/roll", Access.ADMIN, ctx -> {
      Session s = Api.session(ctx);
      String id = Api.pathId(ctx, "id", "Resolution");
      CommunityRoutes.resolution(pool, s, id, clock)
          .compose(r -> Roll.premises(pool, s.cooperativeId(), r.getString("community"), LocalDate.now(clock)))
          .compose(premises -> pool.preparedQuery("SELECT account_id, login FROM account_login WHERE cooperative_id = $1")
              .execute(Tuple.of(s.cooperativeId())).map(logins -> {
                Map<String, String> byId = new java.util.HashMap<>();
                for (Row l : logins) byId.put(l.getString("account_id"), l.getString("login"));
                JsonArray list = new JsonArray();
                for (Roll.Premises p : premises) {
                  JsonArray owners = new JsonArray();
                  p.owners().forEach((account, part) -> owners.add(new JsonObject().put("accountId", account)
                      .put("login", byId.get(account)).put("part", part)));
                  list.add(new JsonObject().put("premisesId", p.premisesId()).put("number", p.number())
                      .put("share", p.share()).put("owners", owners));
                }
                return new JsonObject().put("premises", list);
              }))
          .onSuccess(body -> Api.json(ctx, 200, body)).onFailure(ctx::fail);
    });
  }

  interface BallotsOf {
    List<Ballot> of(Rule rule, List<Roll.Premises> premises);
  }

  private static void vote(RoutingContext ctx, Pool pool, Commands commands, ReadYourWrites reads, Clock clock, String id,
                           BallotsOf ballots, String voterId, Choice choice, Source source) {
    Session s = Api.session(ctx);
    CommunityRoutes.resolution(pool, s, id, clock).compose(r -> {
      Rule rule = Rule.valueOf(r.getString("rule").toUpperCase(Locale.ROOT));
      return Roll.premises(pool, s.cooperativeId(), r.getString("community"), LocalDate.now(clock))
          .compose(premises -> commands.<Long>send(ctx, new Resolution.Vote(id, s.cooperativeId(), voterId, choice,
              source, ballots.of(rule, premises))));
    }).compose(sequence -> reads.await(CommunityProjection.VERSION_QUERY, id, sequence))
        .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
  }

  static Rule rule(String raw) {
    String code = Fields.text(raw, "rule", 40).toLowerCase(Locale.ROOT);
    return switch (code) {
      case "shares" -> Rule.SHARES;
      case "owners" -> Rule.OWNERS;
      default -> throw Fields.invalid("rule", "is shares or owners");
    };
  }

  static Choice choice(String raw) {
    String code = Fields.text(raw, "choice", 20).toLowerCase(Locale.ROOT);
    return switch (code) {
      case "for" -> Choice.FOR;
      case "against" -> Choice.AGAINST;
      case "abstain" -> Choice.ABSTAIN;
      default -> throw Fields.invalid("choice", "is for, against or abstain");
    };
  }

  /** Voting times within this millennium: the read model's timestamps and the deadline store hold them. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

  static Instant instant(String raw, String field) {
    Instant at;
    try {
      at = OffsetDateTime.parse(Fields.required(raw, field)).toInstant();
    } catch (DateTimeParseException e) {
      throw Fields.invalid(field, "is a time with its offset, like 2026-12-01T08:00:00+01:00");
    }
    if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) throw Fields.invalid(field, "is a time between 2000 and 2999");
    return at;
  }
}
