package iok.cooperative.write.publishregulations;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator publishes a version of the regulations; every resident must accept it again (R5, P VI.6). */
public record PublishRegulations(@TargetAggregateIdentifier String cooperativeId, String version, String text) {}
