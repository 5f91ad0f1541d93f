package iok.account;

import iok.account.AccountCommands.ChangeContact;
import iok.account.AccountCommands.ChooseNotifications;
import iok.account.AccountCommands.DeleteContact;
import iok.account.AccountEvent.AccountRegistered;
import iok.account.AccountEvent.ContactChanged;
import iok.account.AccountEvent.ContactDeleted;
import iok.account.AccountEvent.NotificationsChosen;
import iok.platform.domain.Refusal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's profile commands, given / when / then. */
class AccountProfileTest {

  static final AccountRegistered REGISTERED = new AccountRegistered("a-1", "sm-prudnik", "12345678", Role.RESIDENT, "Ala",
      "Kot", "ala@example.org", null, "hash", true);

  AggregateTestFixture<Account> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Account.class);
  }

  static Map<String, List<String>> choices(Object... kindAndChannels) {
    Map<String, List<String>> map = new TreeMap<>();
    for (int i = 0; i < kindAndChannels.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> channels = (List<String>) kindAndChannels[i + 1];
      map.put((String) kindAndChannels[i], channels);
    }
    return map;
  }

  @Test
  void a_resident_changes_their_contact_data() {
    fixture.given(REGISTERED)
        .when(new ChangeContact("a-1", "ala@example.org", "+48 600 100 200"))
        .expectEvents(new ContactChanged("a-1", "ala@example.org", "+48 600 100 200"));
  }

  @Test
  void the_same_contact_data_again_change_nothing() {
    fixture.given(REGISTERED)
        .when(new ChangeContact("a-1", "ala@example.org", null))
        .expectNoEvents();
  }

  @Test
  void deleting_contact_data_also_drops_the_channels_that_used_them() {
    fixture.given(REGISTERED, new NotificationsChosen("a-1", choices("fault-status", List.of("portal", "email"))))
        .when(new DeleteContact("a-1"))
        .expectEvents(new ContactDeleted("a-1"),
            new NotificationsChosen("a-1", choices("fault-status", List.of("portal"))));
  }

  @Test
  void a_channel_without_its_contact_data_is_refused() {
    fixture.given(REGISTERED)
        .when(new ChooseNotifications("a-1", choices("missing-payment", List.of("sms"))))
        .expectException(Refusal.class)
        .expectNoEvents();
  }

  @Test
  void a_resident_chooses_what_to_be_told_of_and_where() {
    fixture.given(REGISTERED)
        .when(new ChooseNotifications("a-1", choices("new-announcement", List.of("portal", "email"))))
        .expectEvents(new NotificationsChosen("a-1", choices("new-announcement", List.of("portal", "email"))));
  }
}
