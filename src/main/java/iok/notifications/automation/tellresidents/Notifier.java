package iok.notifications.automation.tellresidents;

import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.Scope;
import iok.announcements.read.board.AnnouncementProjection;
import iok.communities.read.voting.CommunityProjection;
import iok.faults.FaultEvent.FaultStatusChanged;
import iok.notifications.Notice;
import iok.notifications.Notices;
import iok.notifications.ReminderEvent.PaymentReminderIssued;
import iok.notifications.ReminderEvent.ReadingReminderIssued;
import iok.notifications.delivery.Deliverer;
import iok.platform.db.Jdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * When something a resident may be told of happens, tell the people it concerns by e-mail or SMS as they
 * chose (the portal already shows it live). It reads who is concerned from the read models; an event
 * whose fault or cooperative is not projected yet fails here and is simply retried from the dead-letter
 * queue a little later.
 */
@DisallowReplay // replaying would tell or book again what was already told or booked
@ProcessingGroup(Notifier.PROCESSOR)
public final class Notifier {

  public static final String PROCESSOR = "notifications";

  private static final String FAULT = "SELECT reporter_id, title, cooperative_id FROM fault_view WHERE fault_id = ?";
  private static final String COOPERATIVE = "SELECT name FROM cooperative WHERE cooperative_id = ?";
  private static final String ZONE_OPEN = "SELECT zones @> jsonb_build_array(?::text) FROM cooperative WHERE cooperative_id = ?";
  private static final String PREMISES = """
      SELECT address, 'lok. ' || number FROM premises_view WHERE cooperative_id = ? AND premises_id = ?""";
  private static final String HOLDERS_TODAY = """
      SELECT DISTINCT account_id FROM title_view
      WHERE cooperative_id = ? AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?)""";
  private static final String RESOLUTION = """
      SELECT cooperative_id, community, number, title, closes_at FROM resolution_view WHERE resolution_id = ?""";
  private static final String RESIDENTS = "SELECT account_id FROM account WHERE cooperative_id = ? AND role = 'resident'";

  private final Jdbc jdbc;
  private final Deliverer deliverer;

  public Notifier(Jdbc jdbc, Deliverer deliverer) {
    this.jdbc = jdbc;
    this.deliverer = deliverer;
  }

  @EventHandler
  void on(FaultStatusChanged e, EventMessage<?> message) {
    Fault fault = jdbc.queryOne(FAULT, rs -> new Fault(rs.getString(1), rs.getString(2), rs.getString(3)), e.faultId());
    if (fault == null) throw new IllegalStateException("fault " + e.faultId() + " is not projected yet");
    if (!zoneOpen(fault.cooperativeId(), "faults")) return;
    Notice notice = Notices.faultStatusChanged(cooperativeName(fault.cooperativeId()), fault.title(), e.to(), e.comment());
    deliverer.tell(message.getIdentifier(), List.of(fault.reporterId()), notice);
  }

  @EventHandler
  void on(AnnouncementPublished e, EventMessage<?> message) {
    // a planned repair belongs to "Awarie i remonty" (P III.6e), as its board does
    String zone = e.repair() != null ? "faults"
        : e.audience().scope() == Scope.COMMUNITY ? "community-announcements" : "announcements";
    if (!zoneOpen(e.cooperativeId(), zone)) return;
    Notice notice = Notices.announcementPublished(cooperativeName(e.cooperativeId()), e);
    List<String> concerned = e.audience().scope() == Scope.COOPERATIVE
        ? accounts(RESIDENTS, e.cooperativeId())
        : accounts(AnnouncementProjection.HOLDERS, e.cooperativeId(),
            e.audience().scope().name().toLowerCase(Locale.ROOT), e.audience().target());
    deliverer.tell(message.getIdentifier(), concerned, notice);
  }

  @EventHandler
  void on(iok.communities.DocumentEvent.DocumentPublished e, EventMessage<?> message) {
    Notice notice = Notices.communityDocument(cooperativeName(e.cooperativeId()), e.community(), e.title());
    deliverer.tell(message.getIdentifier(), accounts(CommunityProjection.OWNERS, e.cooperativeId(), e.community()), notice);
  }

  @EventHandler
  void on(iok.communities.ResolutionEvent.ResolutionOpened e, EventMessage<?> message) {
    Resolution r = resolution(e.resolutionId());
    Notice notice = Notices.resolutionOpened(cooperativeName(r.cooperativeId()), r.community(), r.number(), r.title(),
        r.closesAt());
    deliverer.tell(message.getIdentifier(), accounts(CommunityProjection.OWNERS, r.cooperativeId(), r.community()), notice);
  }

  /** Every owner is told of the outcome (art. 23 ust. 3), on the channels they chose for the community's news. */
  @EventHandler
  void on(iok.communities.ResolutionEvent.ResolutionClosed e, EventMessage<?> message) {
    Resolution r = resolution(e.resolutionId());
    Notice notice = Notices.resolutionClosed(cooperativeName(r.cooperativeId()), r.community(), r.number(), r.title(),
        e.tally(), e.adopted());
    deliverer.tell(message.getIdentifier(), accounts(CommunityProjection.OWNERS, r.cooperativeId(), r.community()), notice);
  }

  private Resolution resolution(String id) {
    Resolution r = jdbc.queryOne(RESOLUTION, rs -> new Resolution(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getTimestamp(5).toInstant()), id);
    if (r == null) throw new IllegalStateException("resolution " + id + " is not projected yet");
    return r;
  }

  @EventHandler
  void on(PaymentReminderIssued e, EventMessage<?> message) {
    String premises = jdbc.queryOne(PREMISES, rs -> rs.getString(1) + " " + rs.getString(2), e.cooperativeId(), e.premisesId());
    if (premises == null) throw new IllegalStateException("premises " + e.premisesId() + " is not projected yet");
    Notice notice = Notices.missingPayment(cooperativeName(e.cooperativeId()), premises, e.dueNow());
    deliverer.tell(message.getIdentifier(), List.of(e.accountId()), notice);
  }

  @EventHandler
  void on(ReadingReminderIssued e, EventMessage<?> message) {
    Notice notice = Notices.readingWindow(cooperativeName(e.cooperativeId()), e.opensOn(), e.closesOn());
    deliverer.tell(message.getIdentifier(), accounts(HOLDERS_TODAY, e.cooperativeId(), e.asOf(), e.asOf()), notice);
  }

  /**
   * Whether residents can open the zone a notice would send them to: none is sent for a zone the
   * cooperative has not enabled or has suspended (P III.8), since the resident could not see what it is about.
   */
  private boolean zoneOpen(String cooperativeId, String zone) {
    Boolean open = jdbc.queryOne(ZONE_OPEN, rs -> rs.getBoolean(1), zone, cooperativeId);
    if (open == null) throw new IllegalStateException("cooperative " + cooperativeId + " is not projected yet");
    return open;
  }

  private String cooperativeName(String cooperativeId) {
    String name = jdbc.queryOne(COOPERATIVE, rs -> rs.getString(1), cooperativeId);
    if (name == null) throw new IllegalStateException("cooperative " + cooperativeId + " is not projected yet");
    return name;
  }

  private List<String> accounts(String sql, Object... params) {
    List<String> accounts = new ArrayList<>();
    jdbc.queryOne(sql, rs -> {
      do accounts.add(rs.getString(1)); while (rs.next());
      return null;
    }, params);
    return accounts;
  }

  private record Resolution(String cooperativeId, String community, String number, String title,
                            java.time.Instant closesAt) {}

  private record Fault(String reporterId, String title, String cooperativeId) {}
}
