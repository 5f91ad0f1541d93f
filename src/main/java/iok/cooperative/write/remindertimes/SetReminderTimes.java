package iok.cooperative.write.remindertimes;

import iok.cooperative.ReminderTimes;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets when the cooperative's reminders go out. */
public record SetReminderTimes(@TargetAggregateIdentifier String cooperativeId, ReminderTimes times) {}
