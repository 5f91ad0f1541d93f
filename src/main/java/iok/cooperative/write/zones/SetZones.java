package iok.cooperative.write.zones;

import iok.cooperative.Zone;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets which zones the cooperative's residents can use: all of them, in one list. */
public record SetZones(@TargetAggregateIdentifier String cooperativeId, List<Zone> zones) {

  public SetZones {
    zones = List.copyOf(zones);
  }
}
