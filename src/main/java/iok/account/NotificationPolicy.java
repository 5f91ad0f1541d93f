package iok.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a resident may be told of and where (P III.6h): reading dates, missing payments, fault status
 * changes and new announcements, in the portal, by e-mail or by SMS. A channel needs its contact data.
 */
public final class NotificationPolicy {

  public static final Set<String> KINDS = Set.of("reading-dates", "missing-payment", "fault-status", "new-announcement");
  public static final Set<String> CHANNELS = Set.of("portal", "email", "sms");

  private NotificationPolicy() {}

  /** Every problem with the choices, as "kind:channel:reason"; empty when they hold. */
  public static List<String> violations(Map<String, List<String>> choices, boolean hasEmail, boolean hasPhone) {
    List<String> violations = new ArrayList<>();
    choices.forEach((kind, channels) -> {
      if (!KINDS.contains(kind)) violations.add(kind + "::unknown_kind");
      for (String channel : channels) {
        if (!CHANNELS.contains(channel)) violations.add(kind + ":" + channel + ":unknown_channel");
        else if (channel.equals("email") && !hasEmail) violations.add(kind + ":email:no_email");
        else if (channel.equals("sms") && !hasPhone) violations.add(kind + ":sms:no_phone");
      }
    });
    return violations;
  }
}
