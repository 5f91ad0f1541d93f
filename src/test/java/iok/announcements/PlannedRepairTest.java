package iok.announcements;

import iok.announcements.AnnouncementEvent.AnnouncementEdited;
import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import iok.announcements.AnnouncementEvent.Audience;
import iok.announcements.AnnouncementEvent.RepairDays;
import iok.announcements.AnnouncementEvent.Scope;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A planned repair is an announcement with repair days, given / when / then. */
class PlannedRepairTest {

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  static final Audience B3 = new Audience(Scope.BUILDING, "B-3");
  static final RepairDays DAYS = new RepairDays(TODAY.plusDays(5), TODAY.plusDays(7));
  static final AnnouncementPublished PLANNED = new AnnouncementPublished("r-1", "sm-opole", B3, "Wymiana pionów",
      "Woda zakręcona 8–14", DAYS.endsOn(), DAYS, NOW);

  AggregateTestFixture<Announcement> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Announcement.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void the_administrator_announces_a_planned_repair_of_a_building_which_stands_until_its_last_day() {
    fixture.givenNoPriorActivity()
        .when(new Announcement.PlanRepair("r-1", "sm-opole", B3, "Wymiana pionów", "Woda zakręcona 8–14", DAYS))
        .expectEvents(PLANNED);
  }

  @Test
  void a_repair_that_ends_before_it_starts_or_is_already_over_is_refused() {
    fixture.givenNoPriorActivity()
        .when(new Announcement.PlanRepair("r-1", "sm-opole", B3, "x", "y", new RepairDays(TODAY.plusDays(3), TODAY.plusDays(2))))
        .expectException(Refusal.class).expectExceptionMessage("A repair cannot end before it starts");
    fixture.givenNoPriorActivity()
        .when(new Announcement.PlanRepair("r-1", "sm-opole", B3, "x", "y", new RepairDays(TODAY.minusDays(3), TODAY.minusDays(1))))
        .expectException(Refusal.class).expectExceptionMessage("A repair that is over is not announced");
  }

  @Test
  void the_administrator_moves_a_repairs_days_and_a_plain_edit_keeps_them() {
    RepairDays later = new RepairDays(TODAY.plusDays(10), TODAY.plusDays(12));
    fixture.given(PLANNED)
        .when(new Announcement.ChangeRepair("r-1", "sm-opole", "Wymiana pionów", "Przesunięte", later))
        .expectEvents(new AnnouncementEdited("r-1", "Wymiana pionów", "Przesunięte", later.endsOn(), later, NOW));
    fixture.given(PLANNED)
        .when(new Announcement.Edit("r-1", "sm-opole", "Wymiana pionów", "Nowy opis", null))
        .expectEvents(new AnnouncementEdited("r-1", "Wymiana pionów", "Nowy opis", DAYS.endsOn(), DAYS, NOW));
  }

  @Test
  void a_cancelled_repair_is_not_changed() {
    fixture.given(PLANNED)
        .when(new Announcement.CancelRepair("r-1", "sm-opole"))
        .expectEvents(new AnnouncementWithdrawn("r-1", NOW));
    fixture.given(PLANNED, new AnnouncementWithdrawn("r-1", NOW))
        .when(new Announcement.ChangeRepair("r-1", "sm-opole", "x", "y", DAYS))
        .expectException(Refusal.class).expectNoEvents();
  }

  @Test
  void a_plain_announcement_or_another_cooperatives_repair_is_no_repair_to_change_or_cancel() {
    fixture.given(new AnnouncementPublished("r-1", "sm-opole", B3, "Zebranie", "Wtorek", null, null, NOW))
        .when(new Announcement.CancelRepair("r-1", "sm-opole"))
        .expectException(Refusal.class).expectExceptionMessage("Planned repair not found");
    fixture.given(PLANNED)
        .when(new Announcement.ChangeRepair("r-1", "sm-prudnik", "x", "y", DAYS))
        .expectException(Refusal.class).expectExceptionMessage("Planned repair not found");
  }
}
