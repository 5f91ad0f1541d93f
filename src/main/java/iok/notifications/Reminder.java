package iok.notifications;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.finance.Money;
import iok.notifications.ReminderEvent.PaymentReminderIssued;
import iok.notifications.ReminderEvent.ReadingReminderIssued;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One reminder, named by what it is about (a title and a month, a cooperative and a window): the first
 * request issues it, every later one is answered "already issued" and changes nothing.
 */
public class Reminder {

  @AggregateIdentifier
  private String reminderId;

  public Reminder() {}

  public static String payment(String cooperativeId, String titleId, LocalDate asOf) {
    return cooperativeId + ":reminder:payment:" + titleId + ":" + asOf.getYear() + "-" + String.format("%02d", asOf.getMonthValue());
  }

  public static String reading(String cooperativeId, LocalDate opensOn) {
    return cooperativeId + ":reminder:reading:" + opensOn;
  }

  public record RemindOfMissingPayment(@TargetAggregateIdentifier String reminderId, String cooperativeId, String titleId,
                                       String premisesId, String accountId, Money dueNow, LocalDate asOf) {}

  public record RemindOfReadingWindow(@TargetAggregateIdentifier String reminderId, String cooperativeId,
                                      LocalDate opensOn, LocalDate closesOn, LocalDate asOf) {}

  /** Answers whether the reminder was issued now. */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public boolean handle(RemindOfMissingPayment c) {
    if (reminderId != null) return false;
    apply(new PaymentReminderIssued(c.reminderId(), c.cooperativeId(), c.titleId(), c.premisesId(), c.accountId(),
        c.dueNow(), c.asOf()));
    return true;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public boolean handle(RemindOfReadingWindow c) {
    if (reminderId != null) return false;
    apply(new ReadingReminderIssued(c.reminderId(), c.cooperativeId(), c.opensOn(), c.closesOn(), c.asOf()));
    return true;
  }

  @EventSourcingHandler
  void on(ReminderEvent event) {
    reminderId = event.reminderId();
  }
}
