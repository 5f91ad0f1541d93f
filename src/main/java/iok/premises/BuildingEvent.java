package iok.premises;

/** A building of the cooperative's stock, or of a housing community it manages, as the books describe it. */
public sealed interface BuildingEvent {

  String buildingId();

  /** {@code community} names the housing community that owns the building; null for the cooperative's own. */
  record Details(String address, String community) {}

  record BuildingRegistered(String buildingId, String cooperativeId, String booksId, Details details)
      implements BuildingEvent {}

  record BuildingChanged(String buildingId, Details details) implements BuildingEvent {}
}
