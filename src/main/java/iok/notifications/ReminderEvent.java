package iok.notifications;

import iok.finance.Money;
import java.time.LocalDate;

/**
 * Reminders IOK decided to send on its own (P III.6h): of a reading window about to open, and of a
 * payment still missing after its due date. Recorded as events, once each, so an auditor sees what a
 * resident was reminded of and when, and no scheduler run or second node can remind twice.
 */
public sealed interface ReminderEvent {

  String reminderId();

  record PaymentReminderIssued(String reminderId, String cooperativeId, String titleId, String premisesId,
                               String accountId, Money dueNow, LocalDate asOf) implements ReminderEvent {}

  record ReadingReminderIssued(String reminderId, String cooperativeId, LocalDate opensOn, LocalDate closesOn,
                               LocalDate asOf) implements ReminderEvent {}
}
