package iok.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.Response;
import iok.support.Eventually;
import iok.support.SmsApiDouble;
import iok.support.TestDatabase;
import iok.support.TestIok;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Residents told by e-mail and SMS as they chose: a real SMTP server (GreenMail) and an SMS provider
 * played over HTTP by its protocol. SM Prudnik's demo residents: Anna (e-mail and phone), Jan (neither).
 */
class NotificationsTest {

  static final String ANNA_MAIL = "anna.kowalska@example.org";
  static TestIok node;
  static ApiClient api;
  static GreenMail smtp;
  static int smtpPort;
  static SmsApiDouble sms;
  static String admin;
  static String anna;
  static String jan;

  @BeforeAll
  static void start() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      smtpPort = free.getLocalPort();
    }
    smtp = startSmtp();
    sms = SmsApiDouble.start();
    node = TestIok.start(TestDatabase.fresh(), Map.of(
        "IOK_SMTP_HOST", "127.0.0.1", "IOK_SMTP_PORT", String.valueOf(smtpPort), "IOK_SMTP_TLS", "disabled",
        "IOK_SMTP_FROM", "SM Prudnik <iok@sm-prudnik.example>",
        "IOK_SMS_URL", sms.url(), "IOK_SMS_TOKEN", SmsApiDouble.TOKEN, "IOK_SMS_FROM", "SMPrudnik",
        "IOK_DELIVERY_RETRY_SECONDS", "1", "IOK_REMINDER_CHECK_SECONDS", "1"));
    api = node.client();
    DemoCooperative prudnik = DemoCooperative.prudnik(node, api);
    admin = prudnik.admin();
    anna = prudnik.resident(0);
    jan = prudnik.resident(1);
  }

  static GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @AfterEach
  void smtpBackUp() throws Exception {
    if (!smtp.isRunning()) smtp = startSmtp();
    sms.down(false);
    smtp.purgeEmailFromAllMailboxes();
  }

  @AfterAll
  static void stop() {
    node.close();
    smtp.stop();
    sms.close();
  }

  static void choose(String token, String choicesJson) {
    Response r = api.put("/api/profile/notifications", token, "{\"choices\":" + choicesJson + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  static void contact(String token, String email, String phone) {
    Response r = api.put("/api/profile/contact", token,
        new io.vertx.core.json.JsonObject().put("email", email).put("phone", phone).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  static String reportFault(String token, String title) {
    Response r = api.post("/api/faults", token, Map.of("place", "Klatka schodowa", "title", title, "description", "Opis: " + title));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("faultId");
  }

  static void move(String faultId, String status, String comment) {
    Response r = api.post("/api/admin/faults/" + faultId + "/status", admin, Map.of("status", status, "comment", comment));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  static List<MimeMessage> mailTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(RecipientType.TO)).anyMatch(r -> r.toString().contains(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static List<MimeMessage> awaitMail(String address, int count) {
    return Eventually.await(() -> mailTo(address), l -> l.size() >= count, Duration.ofSeconds(10));
  }

  /** Deliveries waiting for a provider, as an operator sees them in {@code /health}. */
  static long parked() {
    return api.get("/health", null).json().getJsonObject("parked").getLong("notifications", 0L);
  }

  @Test
  void a_fault_status_change_reaches_its_reporter_by_email_in_polish_and_nobody_else() throws Exception {
    choose(anna, "{\"fault-status\":[\"portal\",\"email\"]}");
    contact(jan, "jan.nowak@example.org", null);
    choose(jan, "{\"fault-status\":[\"portal\",\"email\"],\"new-announcement\":[\"email\"]}");
    String fault = reportFault(anna, "Nie domyka się drzwi wejściowe");
    move(fault, "accepted", "Ślusarz przyjdzie w czwartek");

    List<MimeMessage> mail = awaitMail(ANNA_MAIL, 1);
    assertThat(mail).hasSize(1);
    MimeMessage m = mail.getFirst();
    assertThat(m.getSubject()).isEqualTo("Usterka „Nie domyka się drzwi wejściowe”: przyjęta do realizacji");
    assertThat(m.getFrom()[0].toString()).contains("iok@sm-prudnik.example");
    String text = m.getContent().toString();
    assertThat(text).contains("ma nowy status: przyjęta do realizacji").contains("Ślusarz przyjdzie w czwartek")
        .contains("Spółdzielnia Mieszkaniowa w Prudniku");
    Thread.sleep(500);
    assertThat(mailTo("jan.nowak@example.org")).as("Jan reported nothing").isEmpty();
    assertThat(mailTo(ANNA_MAIL)).as("told once").hasSize(1);
  }

  @Test
  void no_notice_goes_out_about_a_suspended_zone_and_they_resume_when_it_is_enabled_again() throws Exception {
    choose(anna, "{\"fault-status\":[\"email\"]}");
    String fault = reportFault(anna, "Cieknie kaloryfer");
    List<Object> zones = api.get("/api/cooperative", admin).json().getJsonArray("zones").getList();
    List<Object> withoutFaults = zones.stream().filter(z -> !"faults".equals(z)).toList();
    assertThat(api.put("/api/admin/settings/zones", admin, Map.of("zones", withoutFaults)).status()).isEqualTo(204);
    try {
      move(fault, "accepted", "Hydraulik jutro");
      // the notifier decides by the zones when it handles the change: let it pass the change before reopening
      node.awaitProcessed(iok.notifications.automation.tellresidents.Notifier.PROCESSOR, node.lastEventPosition(),
          Duration.ofSeconds(10));
    } finally {
      assertThat(api.put("/api/admin/settings/zones", admin, Map.of("zones", zones)).status()).isEqualTo(204);
    }
    move(fault, "in-progress", "Hydraulik na miejscu");

    // the same fault's changes are told in order: the second one's mail means the first was passed over
    awaitMail(ANNA_MAIL, 1);
    Thread.sleep(500);
    assertThat(mailTo(ANNA_MAIL)).extracting(MimeMessage::getSubject)
        .containsExactly("Usterka „Cieknie kaloryfer”: w trakcie naprawy");
  }

  @Test
  void a_resident_who_chose_only_the_portal_gets_no_mail() throws Exception {
    choose(anna, "{\"fault-status\":[\"portal\"]}");
    String fault = reportFault(anna, "Skrzypiące schody");
    move(fault, "rejected", "To nie usterka");
    move(reportFault(anna, "Znak kontrolny"), "accepted", "");
    choose(anna, "{\"fault-status\":[\"email\"]}");
    move(reportFault(anna, "Po zmianie wyboru"), "accepted", "");
    List<MimeMessage> mail = awaitMail(ANNA_MAIL, 1);
    Thread.sleep(500);
    assertThat(mailTo(ANNA_MAIL)).extracting(MimeMessage::getSubject)
        .containsExactly("Usterka „Po zmianie wyboru”: przyjęta do realizacji");
    assertThat(mail).isNotEmpty();
  }

  @Test
  void an_smtp_outage_delays_the_mail_and_loses_or_repeats_nothing() throws Exception {
    choose(anna, "{\"fault-status\":[\"email\"]}");
    String fault = reportFault(anna, "Winda stoi");
    smtp.stop();
    move(fault, "accepted", "Serwis powiadomiony");
    move(fault, "in-progress", "Serwis na miejscu");
    assertThat(Eventually.await(NotificationsTest::parked, n -> n > 0, Duration.ofSeconds(10)))
        .as("parked while the server is down").isPositive();

    smtp = startSmtp();
    List<MimeMessage> mail = awaitMail(ANNA_MAIL, 2);
    assertThat(Eventually.await(NotificationsTest::parked, n -> n == 0, Duration.ofSeconds(10))).isZero();
    Thread.sleep(2_500); // two more retry rounds: nothing is sent again
    assertThat(mailTo(ANNA_MAIL)).extracting(MimeMessage::getSubject).containsExactly(
        "Usterka „Winda stoi”: przyjęta do realizacji", "Usterka „Winda stoi”: w trakcie naprawy");
    assertThat(mail).hasSize(2);
  }

  @Test
  void deleted_contact_data_are_never_used_again_not_even_for_mail_waiting_in_the_queue() throws Exception {
    String token = residentWithContact("Zofia", "Lis", "zofia.lis@example.org", "+48 601 222 333");
    choose(token, "{\"fault-status\":[\"email\",\"sms\"]}");
    String fault = reportFault(token, "Zapchany zsyp");
    smtp.stop();
    sms.down(true);
    move(fault, "accepted", "Przyjęto");
    assertThat(Eventually.await(NotificationsTest::parked, n -> n > 0, Duration.ofSeconds(10))).isPositive();

    Response deleted = api.send(api.builder("/api/profile/contact", token).DELETE().build());
    assertThat(deleted.status()).isEqualTo(204);
    smtp = startSmtp();
    sms.down(false);
    assertThat(Eventually.await(NotificationsTest::parked, n -> n == 0, Duration.ofSeconds(10))).isZero();
    move(fault, "resolved", "Udrożniono");
    Thread.sleep(2_500);
    assertThat(mailTo("zofia.lis@example.org")).isEmpty();
    assertThat(sms.sent()).extracting(SmsApiDouble.Sms::to).doesNotContain("48601222333");
  }

  @Test
  void an_announcement_goes_by_sms_once_even_when_the_provider_was_down_for_a_while() throws Exception {
    choose(anna, "{\"new-announcement\":[\"portal\",\"sms\"]}");
    sms.down(true);
    Response r = api.post("/api/admin/announcements", admin,
        Map.of("title", "Przegląd gazowy 2 grudnia", "body", "Prosimy o udostępnienie mieszkań.", "scope", "cooperative"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(Eventually.await(NotificationsTest::parked, n -> n > 0, Duration.ofSeconds(10))).isPositive();
    sms.down(false);
    List<SmsApiDouble.Sms> sent = Eventually.await(() -> sms.sent().stream()
        .filter(s -> s.message().contains("Przegląd gazowy")).toList(), l -> !l.isEmpty(), Duration.ofSeconds(10));
    Thread.sleep(2_500);
    assertThat(sms.sent().stream().filter(s -> s.message().contains("Przegląd gazowy")))
        .as("only Anna chose SMS, and she gets it once").hasSize(1);
    assertThat(sent.getFirst().to()).isEqualTo("48600100200");
    assertThat(sent.getFirst().message()).isEqualTo("Nowe ogłoszenie: Przegląd gazowy 2 grudnia");
    assertThat(sent.getFirst().from()).isEqualTo("SMPrudnik");
  }

  @Test
  void a_payment_still_missing_two_weeks_after_its_due_date_is_reminded_of_once() throws Exception {
    String token = residentWithContact("Ewa", "Kos", "ewa.kos@example.org", null);
    choose(token, "{\"missing-payment\":[\"email\"]}");
    String login = api.get("/api/me", token).json().getString("login");
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Warsaw"));
    importRows("premises", Map.of("id", "P-KOS", "building", "B-3", "address", "ul. Kościuszki 7", "number", "21",
        "kind", "flat", "area", "48.00"));
    importRows("titles", Map.of("id", "T-KOS", "premises", "P-KOS", "login", login, "kind", "tenancy", "from", "2020-01-01"));
    importRows("charges", Map.of("id", "C-KOS-1", "title", "T-KOS", "component", "eksploatacja",
        "month", java.time.YearMonth.from(today.minusDays(30)).toString(), "dueDate", today.minusDays(30).toString(),
        "amount", "250.00"));
    importRows("payments", Map.of("id", "W-KOS-1", "title", "T-KOS", "date", today.minusDays(20).toString(), "amount", "50.00"));

    List<MimeMessage> mail = awaitMail("ewa.kos@example.org", 1);
    assertThat(mail).hasSize(1);
    assertThat(mail.getFirst().getSubject()).isEqualTo("Przypomnienie o zaległej opłacie: 200,00 zł");
    assertThat(mail.getFirst().getContent().toString()).contains("ul. Kościuszki 7 lok. 21");
    Thread.sleep(2_500); // two more passes of the scheduler: still one reminder
    assertThat(mailTo("ewa.kos@example.org")).hasSize(1);
    assertThat(node.events(null, "PaymentReminderIssued")).isPositive();
  }

  @Test
  void residents_are_reminded_once_of_a_reading_window_about_to_open() throws Exception {
    String token = residentWithContact("Olga", "Woda", "olga.woda@example.org", null);
    choose(token, "{\"reading-dates\":[\"email\"]}");
    String login = api.get("/api/me", token).json().getString("login");
    importRows("premises", Map.of("id", "P-WODA", "building", "B-3", "address", "ul. Kościuszki 7", "number", "22",
        "kind", "flat", "area", "40.00"));
    importRows("titles", Map.of("id", "T-WODA", "premises", "P-WODA", "login", login, "kind", "tenancy", "from", "2020-01-01"));
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Warsaw"));
    java.time.LocalDate opens = today.plusDays(2);
    java.time.LocalDate closes = today.plusDays(9);
    Response set = api.put("/api/admin/settings/readings", admin, new io.vertx.core.json.JsonObject().put("windows",
        new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject().put("opensOn", opens.toString())
            .put("closesOn", closes.toString()).put("mandatory", false))).encode());
    assertThat(set.status()).as(set.body()).isEqualTo(200);

    List<MimeMessage> mail = awaitMail("olga.woda@example.org", 1);
    java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("d.MM.yyyy");
    assertThat(mail).extracting(MimeMessage::getSubject)
        .containsExactly("Odczyt wodomierzy: od " + opens.format(day) + " do " + closes.format(day));
    Thread.sleep(2_500);
    assertThat(mailTo("olga.woda@example.org")).as("once, however many passes run").hasSize(1);
  }

  @Test
  void the_administrator_sets_when_reminders_go_out_within_sensible_bounds() {
    assertThat(api.get("/api/admin/settings/reminders", admin).json().getInteger("paymentGraceDays")).isEqualTo(14);
    Response tooSoon = api.put("/api/admin/settings/reminders", admin, "{\"readingNoticeDays\":3,\"paymentGraceDays\":1}");
    assertThat(tooSoon.status()).isEqualTo(422);
    assertThat(tooSoon.error()).isEqualTo("payment_grace_days");
    assertThat(api.put("/api/admin/settings/reminders", admin, "{\"readingNoticeDays\":\"three\",\"paymentGraceDays\":14}")
        .status()).isEqualTo(400);
    assertThat(api.put("/api/admin/settings/reminders", anna, "{\"readingNoticeDays\":3,\"paymentGraceDays\":20}").status())
        .isEqualTo(403);
    assertThat(api.put("/api/admin/settings/reminders", admin, "{\"readingNoticeDays\":5,\"paymentGraceDays\":14}").status())
        .isEqualTo(204);
    io.vertx.core.json.JsonObject now = api.get("/api/admin/settings/reminders", admin).json();
    assertThat(now.getInteger("readingNoticeDays")).isEqualTo(5);
    assertThat(now.getInteger("paymentGraceDays")).isEqualTo(14);
  }

  static void importRows(String kind, Map<String, String> row) {
    Response r = api.importRows(kind, admin, List.of(row));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** A resident of her own, so deleting her contact data does not change the other tests' Anna. */
  static String residentWithContact(String first, String last, String email, String phone) {
    io.vertx.core.json.JsonObject registered = api.register(admin, first, last);
    String token = api.readyResident("sm-prudnik", registered.getString("login"), registered.getString("initialPassword"),
        first + "2026X");
    contact(token, email, phone);
    return token;
  }
}
