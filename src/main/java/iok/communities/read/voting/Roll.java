package iok.communities.read.voting;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.communities.Resolution.Ballot;
import iok.communities.ResolutionEvent.Rule;
import iok.platform.auth.Session;
import iok.platform.http.ApiError;
import iok.premises.Share;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A community's owners as the books say on a given day: who may see it, and with what weight each votes.
 * Only a title of ownership makes an owner: a tenant, or the holder of a cooperative right, is not one.
 */
public final class Roll {

  /** One premises of the community and its owners today (account id → their part, "1" for a sole owner). */
  public record Premises(String premisesId, String number, String share, Map<String, String> owners) {}

  private static final String COMMUNITY = """
      SELECT p.premises_id, p.number, p.share, t.account_id, t.share AS title_share
      FROM premises_view p
      LEFT JOIN title_view t ON t.cooperative_id = p.cooperative_id AND t.premises_id = p.premises_id
        AND t.kind = 'ownership' AND t.valid_from <= $3 AND (t.valid_until IS NULL OR t.valid_until >= $3)
      WHERE p.cooperative_id = $1 AND p.community = $2
      ORDER BY length(p.number), p.number, t.account_id""";
  private static final String MINE = """
      SELECT DISTINCT p.community FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = $1 AND t.account_id = $2 AND p.community IS NOT NULL AND t.kind = 'ownership'
        AND t.valid_from <= $3 AND (t.valid_until IS NULL OR t.valid_until >= $3)
      ORDER BY p.community""";
  private static final String ALL = """
      SELECT DISTINCT community FROM premises_view
      WHERE cooperative_id = $1 AND community IS NOT NULL AND $2::text IS NOT NULL AND $3::date IS NOT NULL
      ORDER BY community""";

  private Roll() {}

  /** The communities a person may see: an owner their own; the cooperative's staff every one. */
  public static Future<List<String>> communities(Pool pool, Session s, LocalDate today) {
    String sql = "resident".equals(s.role()) ? MINE : ALL;
    return pool.preparedQuery(sql).execute(Tuple.of(s.cooperativeId(), s.accountId(), today)).map(rows -> {
      List<String> names = new ArrayList<>();
      for (Row r : rows) names.add(r.getString(0));
      return names;
    });
  }

  public static Future<List<Premises>> premises(Pool pool, String cooperativeId, String community, LocalDate today) {
    return pool.preparedQuery(COMMUNITY).execute(Tuple.of(cooperativeId, community, today)).map(rows -> {
      Map<String, Premises> byId = new LinkedHashMap<>();
      for (Row r : rows) {
        Premises p = byId.computeIfAbsent(r.getString("premises_id"), id -> new Premises(id, r.getString("number"),
            r.getString("share"), new LinkedHashMap<>()));
        if (r.getString("account_id") != null) {
          p.owners().put(r.getString("account_id"), r.getString("title_share") == null ? "1" : r.getString("title_share"));
        }
      }
      return List.copyOf(byId.values());
    });
  }

  /** The total weight of all owners: the sum of every premises' share, or (one owner one vote) the roll's size. */
  public static Share total(Rule rule, List<Premises> premises) {
    if (rule == Rule.OWNERS) return Share.whole(ownersRoll(premises).size());
    Share total = Share.ZERO;
    for (Premises p : premises) if (p.share() != null) total = total.plus(Share.of(p.share()));
    return total;
  }

  /** One owner one vote: every owner in IOK once, and each premises whose owners are outside IOK as one owner. */
  public static List<String> ownersRoll(List<Premises> premises) {
    Set<String> keys = new java.util.LinkedHashSet<>();
    for (Premises p : premises) {
      if (p.owners().isEmpty()) keys.add(outsideKey(Rule.OWNERS, p.premisesId()));
      p.owners().keySet().forEach(a -> keys.add(ownerKey(Rule.OWNERS, p.premisesId(), a)));
    }
    return List.copyOf(keys);
  }

  public static List<String> unknownShares(List<Premises> premises) {
    return premises.stream().filter(p -> p.share() == null).map(Premises::number).toList();
  }

  /**
   * What the account's vote counts for today: by shares, one ballot per premises it owns (its share times the
   * owner's part), or only {@code premisesId} when named; one owner one vote, a single ballot of weight 1.
   * Not an owner (or not of that premises): not found, as for anyone the resolution does not concern.
   */
  public static List<Ballot> ballots(Rule rule, List<Premises> premises, String accountId, String premisesId) {
    List<Premises> owned = premises.stream().filter(p -> p.owners().containsKey(accountId))
        .filter(p -> premisesId == null || rule == Rule.OWNERS || p.premisesId().equals(premisesId)).toList();
    if (owned.isEmpty()) throw new ApiError(404, "not_found", "Resolution not found");
    if (rule == Rule.OWNERS) {
      String numbers = String.join(", ", owned.stream().map(Premises::number).toList());
      return List.of(new Ballot(ownerKey(rule, null, accountId), owned.getFirst().premisesId(), numbers, "1", Map.of()));
    }
    List<Ballot> ballots = new ArrayList<>();
    for (Premises p : owned) {
      if (p.share() == null) {
        throw new ApiError(422, "shares_missing", "The books give no share in the common property for this premises",
            Map.of("premises", List.of(p.number())));
      }
      Map<String, String> weights = new LinkedHashMap<>();
      p.owners().forEach((owner, part) -> weights.put(owner, Share.of(p.share()).times(Share.of(part)).toString()));
      ballots.add(new Ballot(ownerKey(rule, p.premisesId(), accountId), p.premisesId(), p.number(), weights.get(accountId),
          weights));
    }
    return ballots;
  }

  /** A paper vote for a premises whose owners are outside IOK: the whole premises, or one owner's vote. */
  public static Ballot outside(Rule rule, Premises p) {
    if (!p.owners().isEmpty()) {
      throw new ApiError(422, "owner_in_iok", "This premises has owners in IOK: name the owner who voted",
          Map.of("owners", List.copyOf(p.owners().keySet())));
    }
    if (rule == Rule.SHARES && p.share() == null) {
      throw new ApiError(422, "shares_missing", "The books give no share in the common property for this premises",
          Map.of("premises", List.of(p.number())));
    }
    return new Ballot(outsideKey(rule, p.premisesId()), p.premisesId(), p.number(), rule == Rule.OWNERS ? "1" : p.share(),
        Map.of());
  }

  static String ownerKey(Rule rule, String premisesId, String accountId) {
    return rule == Rule.OWNERS ? "owner/" + accountId : premisesId + "/" + accountId;
  }

  static String outsideKey(Rule rule, String premisesId) {
    return rule == Rule.OWNERS ? "outside/" + premisesId : premisesId + "/-";
  }
}
