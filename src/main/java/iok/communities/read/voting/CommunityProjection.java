package iok.communities.read.voting;

import iok.communities.DocumentEvent;
import iok.communities.DocumentEvent.DocumentPublished;
import iok.communities.ResolutionEvent;
import iok.communities.ResolutionEvent.ResolutionClosed;
import iok.communities.ResolutionEvent.ResolutionDrafted;
import iok.communities.ResolutionEvent.ResolutionOpened;
import iok.communities.ResolutionEvent.VoteCast;
import iok.platform.axon.Metadata;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Housing communities' documents, resolutions and their votes. Pushes: {@code community-document.published}
 * and {@code resolution.opened} / {@code resolution.closed} to the community's owners; every vote
 * ({@code resolution.tally-changed}) to the cooperative's administrators, and to the owners too when the
 * community lets them follow the tally live.
 */
@ProcessingGroup(CommunityProjection.PROCESSOR)
public final class CommunityProjection {

  public static final String PROCESSOR = "communities";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 2, "/iok/communities/schema.sql",
      List.of("resolution_vote", "resolution_view", "community_document"));
  public static final String VERSION_QUERY = "SELECT version FROM resolution_view WHERE resolution_id = $1";
  public static final String DOCUMENT_QUERY = "SELECT 0::bigint FROM community_document WHERE document_id = $1";

  /** Owners of premises in a community today: holders of a title of ownership (tenants and cooperative rights are not). */
  public static final String OWNERS = """
      SELECT DISTINCT t.account_id FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = ? AND p.community = ? AND t.kind = 'ownership'
        AND t.valid_from <= (now() AT TIME ZONE 'Europe/Warsaw')::date
        AND (t.valid_until IS NULL OR t.valid_until >= (now() AT TIME ZONE 'Europe/Warsaw')::date)""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public CommunityProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(DocumentEvent event, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case DocumentPublished e -> {
        jdbc.update("""
            INSERT INTO community_document (document_id, cooperative_id, community, kind, title, file_name, content_id,
                                            size, sha256, published_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document_id) DO NOTHING""",
            e.documentId(), e.cooperativeId(), e.community(), code(e.kind()), e.title(), e.fileName(), e.contentId(),
            e.size(), e.sha256(), e.at());
        if (!replay.isReplay()) {
          tellOwners(e.cooperativeId(), e.community(), "community-document.published", Map.of("documentId", e.documentId(),
              "title", e.title(), "community", e.community()), message.getIdentifier());
        }
      }
    }
  }

  @EventHandler
  void on(ResolutionEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case ResolutionDrafted e -> jdbc.update("""
          INSERT INTO resolution_view (resolution_id, cooperative_id, community, number, title, body, rule, opens_at,
                                       closes_at, owners_live, owners_see_names, attachments, status, drafted_at, version)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) ON CONFLICT (resolution_id) DO NOTHING""",
          e.resolutionId(), e.cooperativeId(), e.community(), e.number(), e.title(), e.text(), code(e.rule()),
          e.opensAt(), e.closesAt(), e.ownersSeeLiveTally(), e.ownersSeeNames(),
          new io.vertx.core.json.JsonArray(e.attachments()).encode(), e.at(), sequence);
      case ResolutionOpened e -> {
        jdbc.update("""
            UPDATE resolution_view SET status = 'open', opened_at = ?, total_weight = ?, roll = ?, version = ?
            WHERE resolution_id = ? AND version < ?""", e.at(), e.totalWeight(),
            new io.vertx.core.json.JsonArray(e.roll()).encode(), sequence, e.resolutionId(), sequence);
        if (!replay.isReplay()) tellAbout(e.resolutionId(), "resolution.opened", true, Map.of(), message.getIdentifier());
      }
      case VoteCast e -> {
        for (String key : e.withdrawn()) {
          jdbc.update("DELETE FROM resolution_vote WHERE resolution_id = ? AND vote_key = ?", e.resolutionId(), key);
        }
        for (ResolutionEvent.Reduced r : e.reduced()) {
          jdbc.update("UPDATE resolution_vote SET weight = ? WHERE resolution_id = ? AND vote_key = ? AND sequence < ?",
              r.weight(), e.resolutionId(), r.key(), sequence);
        }
        jdbc.update("""
            INSERT INTO resolution_vote (resolution_id, vote_key, premises_id, premises_number, voter_id, choice, weight,
                                         source, entered_by, cast_at, sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (resolution_id, vote_key) DO UPDATE SET voter_id = EXCLUDED.voter_id, choice = EXCLUDED.choice,
              weight = EXCLUDED.weight, source = EXCLUDED.source, entered_by = EXCLUDED.entered_by,
              cast_at = EXCLUDED.cast_at, sequence = EXCLUDED.sequence
            WHERE resolution_vote.sequence < EXCLUDED.sequence""",
            e.resolutionId(), e.key(), e.premisesId(), e.premisesNumber(), e.voterId(), code(e.choice()), e.weight(),
            code(e.source()), (String) message.getMetaData().get(Metadata.ACTOR_ID), e.at(), sequence);
        jdbc.update("UPDATE resolution_view SET version = ? WHERE resolution_id = ? AND version < ?", sequence,
            e.resolutionId(), sequence);
        if (!replay.isReplay()) {
          tellAbout(e.resolutionId(), "resolution.tally-changed", false, Map.of(), message.getIdentifier());
        }
      }
      case ResolutionClosed e -> {
        jdbc.update("""
            UPDATE resolution_view SET status = 'closed', closed_at = ?, for_weight = ?, against_weight = ?,
              abstain_weight = ?, total_weight = ?, adopted = ?, version = ?
            WHERE resolution_id = ? AND version < ?""", e.at(), e.tally().forWeight(), e.tally().againstWeight(),
            e.tally().abstainWeight(), e.tally().totalWeight(), e.adopted(), sequence, e.resolutionId(), sequence);
        if (!replay.isReplay()) {
          tellAbout(e.resolutionId(), "resolution.closed", true, Map.of("adopted", e.adopted()), message.getIdentifier());
        }
      }
    }
  }

  /** The administrators always; the owners when {@code owners} or when the community lets them follow live. */
  private void tellAbout(String resolutionId, String type, boolean owners, Map<String, Object> extra, String eventId) {
    jdbc.queryOne("SELECT cooperative_id, community, owners_live, number FROM resolution_view WHERE resolution_id = ?", rs -> {
      Map<String, Object> data = new java.util.HashMap<>(extra);
      data.put("resolutionId", resolutionId);
      data.put("number", rs.getString(4));
      push.publish(Audience.role(rs.getString(1), "admin"), type, data, eventId);
      if (owners || rs.getBoolean(3)) tellOwners(rs.getString(1), rs.getString(2), type, data, eventId);
      return null;
    }, resolutionId);
  }

  private void tellOwners(String cooperativeId, String community, String type, Map<String, Object> data, String eventId) {
    List<String> owners = new ArrayList<>();
    jdbc.queryOne(OWNERS, rs -> {
      do owners.add(rs.getString(1)); while (rs.next());
      return null;
    }, cooperativeId, community);
    for (String account : owners) push.publish(Audience.account(cooperativeId, account), type, data, eventId);
  }

  public static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM resolution_vote");
    jdbc.update("DELETE FROM resolution_view");
    jdbc.update("DELETE FROM community_document");
  }
}
