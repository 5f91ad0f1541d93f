package iok.premises;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What happens to a premises as the cooperative's books tell it: its details and who holds title to it. */
public sealed interface PremisesEvent {

  String premisesId();

  enum Kind { FLAT, COMMERCIAL, GARAGE, PARKING_SPACE, LAND }

  enum TitleKind { COOPERATIVE_RIGHT, TENANCY, OWNERSHIP }

  /**
   * {@code community} names the housing community the premises belongs to; null for the cooperative's own stock.
   * {@code share} is the premises' share in the community's common property as the books write it, an exact
   * fraction like "4523/100000" (see {@link Share}); null when the books give none.
   */
  record Details(String building, String address, String number, Kind kind, BigDecimal area, String community,
                 String share) {}

  record PremisesRegistered(String premisesId, String cooperativeId, String booksId, Details details)
      implements PremisesEvent {}

  record PremisesDetailsChanged(String premisesId, Details details) implements PremisesEvent {}

  /**
   * {@code share} is a co-owner's part of the premises as the books write it ("1/2"); null for a sole holder,
   * who holds the whole of it.
   */
  record Title(String booksId, String accountId, TitleKind kind, LocalDate from, LocalDate until, String share) {}

  record TitleGranted(String premisesId, Title title) implements PremisesEvent {}

  /** The books changed a title: most often it gained its end date. */
  record TitleChanged(String premisesId, Title title) implements PremisesEvent {}
}
