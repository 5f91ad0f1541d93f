package iok.cooperative;

import iok.platform.domain.Refusal;

/**
 * When a cooperative's reminders go out (P III.6h): how many days before a reading window opens
 * residents are reminded of it, and how many days after a due date a payment still missing is reminded
 * of — a transfer takes days to reach the books, and nobody who paid on time should be told they did not.
 */
public record ReminderTimes(int readingNoticeDays, int paymentGraceDays) {

  public static final ReminderTimes DEFAULT = new ReminderTimes(3, 14);

  public ReminderTimes {
    if (readingNoticeDays < 0 || readingNoticeDays > 30) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "reading_notice_days", "Reminders of a reading window go out 0 to 30 days before it");
    }
    if (paymentGraceDays < 3 || paymentGraceDays > 90) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "payment_grace_days",
          "A missing payment is reminded of 3 to 90 days after its due date");
    }
  }
}
