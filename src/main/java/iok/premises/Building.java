package iok.premises;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.premises.BuildingEvent.BuildingChanged;
import iok.premises.BuildingEvent.BuildingRegistered;
import iok.premises.BuildingEvent.Details;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A building as the books describe it: the same row twice records nothing, a changed one the change. */
public class Building {

  @AggregateIdentifier
  private String buildingId;
  private Details details;

  /** A building the books have not described yet; the first event gives it its id. */
  public Building() {}

  public static String id(String cooperativeId, String booksId) {
    return cooperativeId + ":building:" + booksId;
  }

  public boolean describe(String id, String cooperativeId, String booksId, Details described) {
    if (buildingId == null) {
      apply(new BuildingRegistered(id, cooperativeId, booksId, described));
      return true;
    }
    if (details.equals(described)) return false;
    apply(new BuildingChanged(buildingId, described));
    return true;
  }

  @EventSourcingHandler
  void on(BuildingEvent event) {
    switch (event) {
      case BuildingRegistered e -> {
        buildingId = e.buildingId();
        details = e.details();
      }
      case BuildingChanged e -> details = e.details();
    }
  }
}
