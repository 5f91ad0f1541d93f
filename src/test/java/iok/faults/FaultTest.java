package iok.faults;

import iok.faults.FaultEvent.FaultCommented;
import iok.faults.FaultEvent.FaultPhotoAttached;
import iok.faults.FaultEvent.FaultReopened;
import iok.faults.FaultEvent.FaultReported;
import iok.faults.FaultEvent.FaultStatusChanged;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A fault's lifecycle, given / when / then. */
class FaultTest {

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final FaultReported REPORTED = new FaultReported("f-1", "sm-opole", "anna", "L-101", null, "Cieknie kran",
      "W łazience", NOW);

  AggregateTestFixture<Fault> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Fault.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static FaultStatusChanged moved(FaultStatus from, FaultStatus to) {
    return new FaultStatusChanged("f-1", from, to, null, NOW, "anna");
  }

  @Test
  void a_resident_reports_a_fault() {
    fixture.givenNoPriorActivity()
        .when(new Fault.Report("f-1", "sm-opole", "anna", "L-101", null, "Cieknie kran", "W łazience", List.of()))
        .expectEvents(REPORTED);
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(FaultStatus.REPORTED, FaultStatus.ACCEPTED), Arguments.of(FaultStatus.REPORTED, FaultStatus.REJECTED),
        Arguments.of(FaultStatus.ACCEPTED, FaultStatus.IN_PROGRESS), Arguments.of(FaultStatus.ACCEPTED, FaultStatus.RESOLVED),
        Arguments.of(FaultStatus.ACCEPTED, FaultStatus.REJECTED), Arguments.of(FaultStatus.IN_PROGRESS, FaultStatus.RESOLVED),
        Arguments.of(FaultStatus.IN_PROGRESS, FaultStatus.REJECTED));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(FaultStatus.REPORTED, FaultStatus.IN_PROGRESS), Arguments.of(FaultStatus.REPORTED, FaultStatus.RESOLVED),
        Arguments.of(FaultStatus.REPORTED, FaultStatus.REPORTED), Arguments.of(FaultStatus.IN_PROGRESS, FaultStatus.ACCEPTED),
        Arguments.of(FaultStatus.RESOLVED, FaultStatus.IN_PROGRESS), Arguments.of(FaultStatus.REJECTED, FaultStatus.ACCEPTED));
  }

  /** Events that bring a fault from reported to {@code status}. */
  static Object[] history(FaultStatus status) {
    return switch (status) {
      case REPORTED -> new Object[] {REPORTED};
      case ACCEPTED -> new Object[] {REPORTED, moved(FaultStatus.REPORTED, FaultStatus.ACCEPTED)};
      case IN_PROGRESS -> new Object[] {REPORTED, moved(FaultStatus.REPORTED, FaultStatus.ACCEPTED),
          moved(FaultStatus.ACCEPTED, FaultStatus.IN_PROGRESS)};
      case RESOLVED -> new Object[] {REPORTED, moved(FaultStatus.REPORTED, FaultStatus.ACCEPTED),
          moved(FaultStatus.ACCEPTED, FaultStatus.RESOLVED)};
      case REJECTED -> new Object[] {REPORTED, moved(FaultStatus.REPORTED, FaultStatus.REJECTED)};
    };
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allowed")
  void the_administrator_moves_a_fault_along_its_lifecycle(FaultStatus from, FaultStatus to) {
    fixture.given(history(from))
        .when(new Fault.ChangeStatus("f-1", "sm-opole", to, "ok"))
        .expectEvents(new FaultStatusChanged("f-1", from, to, "ok", NOW, "anna"));
  }

  @ParameterizedTest(name = "{0} -/-> {1}")
  @MethodSource("refused")
  void a_move_the_lifecycle_does_not_allow_is_refused(FaultStatus from, FaultStatus to) {
    fixture.given(history(from))
        .when(new Fault.ChangeStatus("f-1", "sm-opole", to, null))
        .expectException(Refusal.class)
        .expectNoEvents();
  }

  @Test
  void the_reporter_reopens_a_resolved_fault() {
    fixture.given(history(FaultStatus.RESOLVED))
        .when(new Fault.Comment("f-1", "sm-opole", "anna", "resident", "Znowu cieknie", true))
        .expectEvents(new FaultReopened("f-1", "Znowu cieknie", NOW, "anna"));
  }

  @Test
  void a_fault_that_is_not_resolved_is_not_reopened() {
    fixture.given(history(FaultStatus.IN_PROGRESS))
        .when(new Fault.Comment("f-1", "sm-opole", "anna", "resident", "?", true))
        .expectException(Refusal.class);
  }

  @Test
  void the_reporter_and_staff_comment_and_nobody_else_sees_the_fault() {
    fixture.given(REPORTED)
        .when(new Fault.Comment("f-1", "sm-opole", "admin-1", "admin", "Hydraulik jutro", false))
        .expectEvents(new FaultCommented("f-1", "admin-1", "admin", "Hydraulik jutro", NOW, "anna"));
    fixture.given(REPORTED)
        .when(new Fault.Comment("f-1", "sm-opole", "jan", "resident", "Ja też", false))
        .expectException(Refusal.class);
    fixture.given(REPORTED)
        .when(new Fault.ChangeStatus("f-1", "sm-prudnik", FaultStatus.ACCEPTED, null))
        .expectException(Refusal.class);
  }

  static Fault.Photo photo(String contentId) {
    return new Fault.Photo(contentId, "image/jpeg", 1234, "ab".repeat(32));
  }

  static FaultPhotoAttached attached(int number, String contentId) {
    return new FaultPhotoAttached("f-1", number, contentId, "image/jpeg", 1234, "ab".repeat(32), NOW);
  }

  @Test
  void a_resident_reports_a_fault_with_photos_and_each_is_numbered() {
    fixture.givenNoPriorActivity()
        .when(new Fault.Report("f-1", "sm-opole", "anna", "L-101", null, "Cieknie kran", "W łazience",
            List.of(photo("c-1"), photo("c-2"))))
        .expectEvents(REPORTED, attached(1, "c-1"), attached(2, "c-2"));
  }

  @Test
  void the_reporter_adds_photos_later_up_to_five_in_all() {
    fixture.given(REPORTED, attached(1, "c-1"))
        .when(new Fault.AttachPhotos("f-1", "sm-opole", "anna", "resident", List.of(photo("c-2"))))
        .expectEvents(attached(2, "c-2"));
    fixture.given(REPORTED, attached(1, "c-1"), attached(2, "c-2"), attached(3, "c-3"))
        .when(new Fault.AttachPhotos("f-1", "sm-opole", "anna", "resident", List.of(photo("c-4"), photo("c-5"), photo("c-6"))))
        .expectException(Refusal.class).expectExceptionMessage("A fault has at most 5 photos").expectNoEvents();
  }

  @Test
  void six_photos_in_one_report_are_refused() {
    fixture.givenNoPriorActivity()
        .when(new Fault.Report("f-1", "sm-opole", "anna", null, "Klatka", "x", "y",
            List.of(photo("1"), photo("2"), photo("3"), photo("4"), photo("5"), photo("6"))))
        .expectException(Refusal.class).expectNoEvents();
  }

  @Test
  void only_the_reporter_adds_photos_and_another_resident_does_not_find_the_fault() {
    fixture.given(REPORTED)
        .when(new Fault.AttachPhotos("f-1", "sm-opole", "jan", "resident", List.of(photo("c-1"))))
        .expectException(Refusal.class).expectExceptionMessage("Fault not found");
    fixture.given(REPORTED)
        .when(new Fault.AttachPhotos("f-1", "sm-opole", "admin-1", "admin", List.of(photo("c-1"))))
        .expectException(Refusal.class).expectExceptionMessage("Only the person who reported a fault adds photos to it");
  }
}
