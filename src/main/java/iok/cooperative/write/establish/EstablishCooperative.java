package iok.cooperative.write.establish;

import iok.cooperative.PasswordPolicy;
import iok.cooperative.Zone;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens IOK to a cooperative, with its own rules. Done by the operator (the demo seed), not over HTTP. */
public record EstablishCooperative(@TargetAggregateIdentifier String cooperativeId, String name,
                                   PasswordPolicy passwordPolicy, int lockoutThreshold, List<Zone> zones,
                                   String office) {}
