package iok.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.TestIok;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browser application in real headless Chromium, as residents and staff use it. */
class WebAppTest {

  static TestIok node;
  static ApiClient api;
  static Browser browser;
  static String adminToken;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    browser = Browser.launch();
    adminToken = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    browser.close();
    node.close();
  }

  @BeforeEach
  void open() {
    context = browser.context(api.base(), 390, 844);
    page = context.newPage();
  }

  @AfterEach
  void close() {
    context.close();
  }

  private JsonObject registerResident(String first, String last) {
    return api.post("/api/admin/accounts", adminToken, Map.of("firstName", first, "lastName", last)).json();
  }

  /** A new Prudnik resident, past the forced steps, signed in on the page; answers their API token. */
  private String signedInResident(String first, String last, String password) {
    JsonObject r = registerResident(first, last);
    String token = api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), password);
    signIn(page, "sm-prudnik", r.getString("login"), password);
    return token;
  }

  /**
   * A new Prudnik resident holding flat {@code premisesId} with a cold-water meter installed 30 days ago,
   * signed in on the page and looking at the meters zone; answers the meter's id.
   */
  private String residentWithMeter(String first, String last, String premisesId, String number, String initialValue,
                                   String password) {
    JsonObject r = registerResident(first, last);
    importRows("premises", new JsonObject().put("id", premisesId).put("building", "B-3").put("address", "ul. Wodna 2")
        .put("number", premisesId.substring(premisesId.indexOf('-') + 1)).put("kind", "flat").put("area", "40.00").encode());
    importRows("titles", new JsonObject().put("id", "T-" + premisesId).put("premises", premisesId)
        .put("login", r.getString("login")).put("kind", "cooperative-right").put("from", "2020-01-01").encode());
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Warsaw"));
    var registered = iok.support.Eventually.await(() -> api.post("/api/admin/meters", adminToken, Map.of("premisesId",
        premisesId, "kind", "cold", "number", number, "place", "łazienka", "legalisedUntil", today.plusYears(4).toString(),
        "installedOn", today.minusDays(30).toString(), "initialValue", initialValue)), m -> m.status() == 201,
        java.time.Duration.ofSeconds(5));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), password);
    signIn(page, "sm-prudnik", r.getString("login"), password);
    page.locator("[data-zone=meters]").click();
    String meterId = registered.json().getString("meterId");
    assertThat(page.locator(".meter[data-meter='" + meterId + "'] h2")).containsText(number);
    return meterId;
  }

  private void signIn(Page page, String cooperative, String login, String password) {
    page.navigate("/" + cooperative + "/");
    page.locator("#login").fill(login);
    page.locator("#password").fill(password);
    page.locator("form button[type=submit]").click();
  }

  @Test
  void a_resident_signing_in_for_the_first_time_is_led_through_a_new_password_and_the_regulations() {
    DemoSeed.Credential anna = node.resident("sm-prudnik", 0);
    page.navigate("/sm-prudnik/");
    assertThat(page.locator("#cooperative")).hasValue("sm-prudnik");
    page.locator("#login").fill(anna.login());
    page.locator("#password").fill(anna.password());
    page.locator("form button[type=submit]").click();

    assertThat(page.locator("#password-title")).hasText("Ustaw nowe hasło");
    page.locator("#new-password").fill("słabe");
    assertThat(page.locator("[data-rule=digit_required]")).hasClass("unmet");
    assertThat(page.locator("[data-rule=letters_and_digits_only]")).hasClass("unmet");
    page.locator("#new-password").fill("Nowe1Haslo");
    assertThat(page.locator(".rules li.unmet")).hasCount(0);
    page.locator("#current-password").fill(anna.password());
    page.locator("#repeat-password").fill("Nowe1Haslo");
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-new-password")).setFullPage(true));
    page.locator("form button[type=submit]").click();

    assertThat(page.locator("#regulations-title")).isVisible();
    String current = api.get("/api/regulations/current", adminToken).json().getString("text");
    assertThat(page.locator(".regulations-text")).containsText(current.substring(0, Math.min(40, current.length())));
    page.locator("form button[type=submit]").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("Zaznacz akceptację");
    page.locator("#accept").check();
    page.locator("form button[type=submit]").click();

    assertThat(page.locator("#home-title")).isVisible();
    assertThat(page.locator("[data-zone=finance]")).isVisible();
    assertThat(page.locator("[data-zone=payments]")).isVisible();
    assertThat(page.locator(".main-nav")).isVisible();
  }

  @Test
  void wrong_passwords_show_the_tries_left_and_then_the_lock_with_whom_to_contact() {
    JsonObject r = registerResident("Lena", "Zamkowa");
    signIn(page, "sm-prudnik", r.getString("login"), "zle-haslo-1");
    assertThat(page.locator("#signin-problem")).containsText("Pozostały 2 próby");
    page.locator("#password").fill("zle-haslo-2");
    page.locator("form button[type=submit]").click();
    assertThat(page.locator("#signin-problem")).containsText("Pozostała 1 próba");
    page.locator("#password").fill("zle-haslo-3");
    page.locator("form button[type=submit]").click();
    assertThat(page.locator("#signin-problem")).containsText("zablokuje konto");
    page.locator("#password").fill(r.getString("initialPassword"));
    page.locator("form button[type=submit]").click();
    assertThat(page.locator("#signin-problem")).containsText("Konto zostało zablokowane po trzech");
    assertThat(page.locator("#signin-problem")).containsText("Kontakt: Spółdzielnia Mieszkaniowa w Prudniku");
  }

  @Test
  void an_administrator_registers_a_resident_who_then_signs_in_with_the_letter() {
    signIn(page, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    page.locator(".main-nav a[href='#/admin']").click();
    page.locator("#first-name").fill("Teresa");
    page.locator("#last-name").fill("Listowna");
    page.locator("#register-title + p + form button[type=submit]").click();
    assertThat(page.locator("#letter-title")).isVisible();
    assertThat(page.locator(".letter")).containsText("Teresa Listowna");
    assertThat(page.locator(".letter-address")).containsText("/sm-prudnik/");
    String login = page.locator(".letter-login").textContent().trim();
    String password = page.locator(".letter-password").textContent().trim();
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-first-login-letter")).setFullPage(true));

    BrowserContext residentContext = browser.context(api.base(), 390, 844);
    try {
      Page resident = residentContext.newPage();
      signIn(resident, "sm-prudnik", login, password);
      assertThat(resident.locator("#password-title")).isVisible();
    } finally {
      residentContext.close();
    }

    // the new account is found, and can be blocked with a reason and unblocked again
    page.locator(".letter a[href='#/admin']").click();
    page.locator("#account-query").fill("Listowna");
    page.locator("form[role=search] button").click();
    assertThat(page.locator("tr[data-login='" + login + "']")).containsText("aktywne");
    page.locator("tr[data-login='" + login + "'] button", new Page.LocatorOptions().setHasText("Zablokuj")).click();
    page.locator("#block-reason").fill("utrata tytułu prawnego");
    page.locator(".block-row button.danger").click();
    assertThat(page.locator("tr[data-login='" + login + "']")).containsText("zablokowane przez administratora");
    page.locator("tr[data-login='" + login + "'] button", new Page.LocatorOptions().setHasText("Odblokuj dostęp")).click();
    assertThat(page.locator("tr[data-login='" + login + "']")).containsText("aktywne");
  }

  @Test
  void a_live_message_appears_on_an_open_page_and_survives_the_network_dropping() {
    DemoSeed.Credential jan = node.resident("sm-prudnik", 1);
    api.readyResident("sm-prudnik", jan.login(), jan.password(), "Jan1Haslo");
    signIn(page, "sm-prudnik", jan.login(), "Jan1Haslo");
    assertThat(page.locator("#home-title")).isVisible();
    assertThat(page.locator(".live-state")).containsText("włączone");

    assertThat(api.post("/api/admin/regulations", adminToken, Map.of("version", "web-live-1", "text", "Nowy regulamin 1"))
        .status()).isEqualTo(201);
    assertThat(page.locator(".live-list li[data-event='regulations.published']")).containsText("web-live-1");
    // a new version must be accepted before anything else
    assertThat(page.locator("#regulations-title")).isVisible();

    context.setOffline(true);
    assertThat(api.post("/api/admin/regulations", adminToken, Map.of("version", "web-live-2", "text", "Nowy regulamin 2"))
        .status()).isEqualTo(201);
    page.waitForTimeout(3_000);
    context.setOffline(false);
    assertThat(page.locator(".live-list li[data-event='regulations.published']").first())
        .containsText("web-live-2", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
  }

  @Test
  void an_auditor_reads_an_accounts_history_as_a_timeline() {
    JsonObject r = registerResident("Olgierd", "Audytowany");
    api.post("/api/auth/login", null, Map.of("cooperative", "sm-prudnik", "login", r.getString("login"), "password", "zle"));
    signIn(page, "sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    page.locator(".main-nav a[href='#/audit']").click();
    page.locator("#audit-query").fill("Audytowany");
    page.locator("form[role=search] button").click();
    page.locator("a[data-login='" + r.getString("login") + "']").click();
    assertThat(page.locator(".timeline li[data-type=AccountRegistered]")).containsText("admin");
    assertThat(page.locator(".timeline li[data-type=LoginFailed]")).containsText("osoba logująca się");
  }

  @Test
  void an_auditor_filters_and_pages_the_timeline_exports_it_compares_a_blocked_moment_with_today_and_sees_it_verified()
      throws Exception {
    JsonObject r = registerResident("Teodor", "Sprawdzany");
    String accountId = r.getString("accountId");
    String token = api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), "Audyt1Haslo");
    for (int i = 0; i < 27; i++) {
      assertThat(api.put("/api/profile/contact", token, Map.of("phone", "+48 600 700 " + (100 + i))).status()).isEqualTo(204);
    }
    assertThat(api.post("/api/admin/accounts/" + accountId + "/block", adminToken, Map.of("reason", "Kontrola")).status())
        .isEqualTo(204);
    assertThat(api.post("/api/admin/accounts/" + accountId + "/unblock", adminToken, Map.of()).status()).isEqualTo(204);

    page.setViewportSize(360, 800);
    signIn(page, "sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    page.locator(".main-nav a[href='#/audit']").click();
    page.locator("#audit-query").fill("Sprawdzany");
    page.locator("form[role=search] button").click();
    page.locator("a[data-login='" + r.getString("login") + "']").click();
    assertThat(page.locator(".verify-cooperative .verified")).isVisible();
    assertThat(page.locator(".verify-account .verified")).containsText("zweryfikowano");

    page.locator("#audit-types").selectOption(new String[] {"ContactChanged"});
    page.locator(".audit-filters button[type=submit]").click();
    var shown = page.locator(".timeline li");
    assertThat(shown).hasCount(25);
    assertThat(page.locator(".timeline li:not([data-type=ContactChanged])")).hasCount(0);
    page.locator(".pager button.more").click();
    assertThat(shown).hasCount(27);
    assertThat(page.locator(".pager button.more")).hasCount(0);
    assertThat(page.locator(".timeline li").last()).containsText("+48 600 700 126");

    var download = page.waitForDownload(page.locator(".exports a[data-format=jsonl]")::click);
    List<String> lines = java.nio.file.Files.readAllLines(download.path());
    assertThat(lines).hasSize(27);
    assertThat(lines).allSatisfy(line -> assertThat(new JsonObject(line).getString("type")).isEqualTo("ContactChanged"));
    assertThat(page.locator(".exports a[data-format=csv]").getAttribute("href")).contains("types=ContactChanged").contains("format=csv");

    page.locator("#audit-types").selectOption(new String[] {"AccountBlocked", "AccountUnblocked"});
    page.locator(".audit-filters button[type=submit]").click();
    assertThat(shown).hasCount(2);
    page.locator(".timeline li[data-type=AccountBlocked] button.as-of-event").click();
    var status = page.locator(".as-of-table tr[data-row=status]");
    assertThat(status.locator("td.then")).hasText("zablokowane przez administratora");
    assertThat(status.locator("td.now")).hasText("aktywne");
    assertThat(status).hasClass("changed");
    assertThat(page.locator(".as-of-table tr[data-row=regulations]")).not().hasClass("changed");
    assertThat(page.locator("#audit-as-of")).isFocused();
    page.locator("#audit-as-of-at").fill("2020-01-01T00:00");
    page.locator(".as-of form button[type=submit]").click();
    assertThat(status.locator("td.then")).hasText("jeszcze nie założone");
    assertThat(status.locator("td.now")).hasText("aktywne");

    Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue()).as("horizontal overflow of the auditor's screen at 360 px").isLessThanOrEqualTo(0);
    List<String> problems = new ArrayList<>();
    scan("auditor's screen on a phone", problems);
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-audit")).setFullPage(true));
    page.setViewportSize(1280, 800);
    scan("auditor's screen on a desktop", problems);
    assertThat(problems).as("serious or critical accessibility violations").isEmpty();
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("desktop-audit")).setFullPage(true));

    changeStoredBlockReason(accountId, "\"reason\":\"pd:v1:", "\"reason\":\"pd:v2:"); // the reason is sealed: change a byte of it
    try {
      page.locator(".verification button").click();
      assertThat(page.locator(".verify-account .not-verified")).isVisible();
      assertThat(page.locator(".verify-account .first-broken")).containsText("Zablokowanie konta");
      assertThat(page.locator(".verify-cooperative .first-broken")).containsText(accountId);
      scan("auditor's screen with a broken chain", problems);
      assertThat(problems).as("serious or critical accessibility violations").isEmpty();
    } finally {
      changeStoredBlockReason(accountId, "\"reason\":\"pd:v2:", "\"reason\":\"pd:v1:");
    }
    page.locator(".verification button").click();
    assertThat(page.locator(".verify-account .verified")).isVisible();
  }

  /** Changes a stored payload behind the application's back, as someone with database access might. */
  private static void changeStoredBlockReason(String accountId, String from, String to) throws java.sql.SQLException {
    try (var c = node.iok().database().dataSource().getConnection();
         var s = c.prepareStatement("UPDATE domainevententry SET payload = replace(payload, ?, ?)"
             + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%AccountBlocked'")) {
      s.setString(1, from);
      s.setString(2, to);
      s.setString(3, accountId);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void the_finance_screen_shows_the_same_figures_as_the_api() {
    JsonObject r = registerResident("Felicja", "Saldowa");
    String token = api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), "Saldo1Haslo");
    java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Warsaw"));
    importRows("premises", "{\"id\":\"W-1\",\"building\":\"B-3\",\"address\":\"ul. Rynek 1\",\"number\":\"5\","
        + "\"kind\":\"flat\",\"area\":\"48.00\"}");
    importRows("titles", "{\"id\":\"WT-1\",\"premises\":\"W-1\",\"login\":\"" + r.getString("login")
        + "\",\"kind\":\"cooperative-right\",\"from\":\"2020-01-01\"}");
    importRows("charges",
        "{\"id\":\"WC-1\",\"title\":\"WT-1\",\"component\":\"eksploatacja\",\"month\":\"" + month.minusMonths(1)
            + "\",\"dueDate\":\"" + month.minusMonths(1).atDay(10) + "\",\"amount\":\"512.34\"}",
        "{\"id\":\"WC-2\",\"title\":\"WT-1\",\"component\":\"woda zimna\",\"month\":\"" + month
            + "\",\"dueDate\":\"" + month.atEndOfMonth().plusDays(10) + "\",\"amount\":\"87.66\"}");
    importRows("payments", "{\"id\":\"WP-1\",\"title\":\"WT-1\",\"date\":\"" + month.minusMonths(1).atDay(11)
        + "\",\"amount\":\"500.00\"}");
    var premises = iok.support.Eventually.await(() -> api.get("/api/finance", token).json().getJsonArray("premises"),
        p -> !p.isEmpty() && p.getJsonObject(0).getString("balance").equals("100.00"), java.time.Duration.ofSeconds(5));
    JsonObject fromApi = premises.isEmpty() ? null : premises.getJsonObject(0);
    assertThat(fromApi).as("the API shows the imported ledger").isNotNull();
    assertThat(fromApi.getString("balance")).isEqualTo("100.00");

    signIn(page, "sm-prudnik", r.getString("login"), "Saldo1Haslo");
    page.locator("[data-zone=finance]").click();
    var card = page.locator(".balance[data-premises='W-1']");
    assertThat(card.locator(".due-now")).isVisible();
    assertThat(amount(card.locator(".due-now").textContent())).isEqualTo(fromApi.getString("dueNow"));
    assertThat(amount(card.locator(".not-yet-due").textContent())).isEqualTo(fromApi.getString("notYetDue"));
    assertThat(amount(card.locator(".balance-total").textContent())).isEqualTo(fromApi.getString("balance"));
    assertThat(page.locator(".books-loaded")).containsText("wczytano");
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-finance")).setFullPage(true));
    card.locator("a").click();
    assertThat(page.locator("tr[data-entry]")).hasCount(3);
    assertThat(page.locator("tr[data-entry='WC-2']")).containsText("woda zimna");
  }

  @Test
  void a_resident_reads_membership_and_loans_from_the_demo_books() {
    DemoSeed.Credential piotr = node.resident("sm-opole", 1);
    api.readyResident("sm-opole", piotr.login(), piotr.password(), "piotr2026");
    signIn(page, "sm-opole", piotr.login(), "piotr2026");
    page.locator("[data-zone=membership]").click();
    assertThat(page.locator(".membership h2")).containsText("Członek nr");
    assertThat(page.locator(".contributions-total")).containsText("13");
    page.navigate("/#/zone/loans");
    assertThat(page.locator(".loan h2")).containsText("termomodernizację");
    assertThat(page.locator(".loan tbody tr")).hasCount(12);
    page.navigate("/#/zone/community-finance");
    assertThat(page.locator(".balance h2")).containsText("Ogrodowa");
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-community-finance")).setFullPage(true));
  }

  @Test
  void script_bearing_text_stored_in_an_announcement_and_a_fault_is_shown_literally_and_never_runs() {
    String title = "<script>window.iokXss='title'</script><img src=x onerror=\"window.iokXss='img'\"> Przegląd";
    String body = "<img src=x onerror=\"window.iokXss='body'\"><script>window.iokXss='body'</script>"
        + "<a href=\"javascript:window.iokXss='link'\">kliknij</a> Od wtorku.";
    assertThat(api.post("/api/admin/announcements", adminToken,
        Map.of("title", title, "body", body, "scope", "cooperative")).status()).isEqualTo(201);
    String token = signedInResident("Skrypt", "Niewinny", "Skrypt1Haslo");
    String premises = api.get("/api/premises", token).json().getJsonArray("premises").isEmpty() ? null
        : api.get("/api/premises", token).json().getJsonArray("premises").getJsonObject(0).getString("premisesId");
    JsonObject fault = new JsonObject().put("title", title).put("description", body);
    if (premises == null) fault.put("place", "<b>klatka</b> <svg onload=\"window.iokXss='svg'\">");
    else fault.put("premisesId", premises);
    assertThat(api.post("/api/faults", token, fault.encode()).status()).isEqualTo(201);
    // read afresh from the server, not from a live push: the path a stored text takes on every visit
    page.reload();
    page.locator("[data-zone=announcements]").click();
    var announcement = page.locator(".announcement").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("Przegląd")).first();
    assertThat(announcement.locator("h2")).hasText(title);
    assertThat(announcement.locator(".announcement-body")).hasText(body);
    assertThat(page.locator(".announcement img, .announcement script, .announcement a[href^=javascript]")).hasCount(0);
    page.navigate("/sm-prudnik/#/zone/faults");
    assertThat(page.getByText(title).first()).isVisible();
    assertThat(page.locator("main img[src=x], main svg[onload]")).hasCount(0);
    assertThat(page.evaluate("() => window.iokXss === undefined")).as("a stored script ran").isEqualTo(true);
  }

  @Test
  void an_announcement_appears_on_an_open_page_without_a_reload_and_stored_markup_stays_text() {
    signedInResident("Ogłosz", "Czytelnik", "Czyta1Haslo");
    page.locator("[data-zone=announcements]").click();
    assertThat(page.locator("#announcements-title")).isVisible();
    // a resident of another cooperative, with the same screen open, must receive nothing
    String opoleAdmin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
    JsonObject opole = api.post("/api/admin/accounts", opoleAdmin, Map.of("firstName", "Inna", "lastName", "Spółdzielnia")).json();
    api.readyResident("sm-opole", opole.getString("login"), opole.getString("initialPassword"), "Opole2026x");
    BrowserContext otherContext = browser.context(api.base(), 390, 844);
    Page other = otherContext.newPage();
    signIn(other, "sm-opole", opole.getString("login"), "Opole2026x");
    other.locator("[data-zone=announcements]").click();
    assertThat(other.locator("#announcements-title")).isVisible();
    String hostile = "<img src=x onerror=\"window.pwned=1\"> Wymiana wodomierzy";
    var published = api.post("/api/admin/announcements", adminToken,
        Map.of("title", hostile, "body", "<script>window.pwned=2</script>Od poniedziałku.", "scope", "cooperative"));
    assertThat(published.status()).isEqualTo(201);
    assertThat(page.locator(".announcement h2").first()).hasText(hostile);
    assertThat(page.locator(".live-list li[data-event='announcement.published']")).isVisible();
    assertThat(page.locator(".announcement img")).hasCount(0);
    assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    other.waitForTimeout(500);
    assertThat(other.locator(".live-list li[data-event='announcement.published']")).hasCount(0);
    assertThat(other.locator(".announcement h2").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("Wymiana wodomierzy"))).hasCount(0);
    otherContext.close();
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-announcements")).setFullPage(true));
  }

  @Test
  void a_resident_reports_a_fault_and_sees_its_status_change_without_a_reload() {
    signedInResident("Usterka", "Zgłaszająca", "Awaria1Haslo");
    page.locator("[data-zone=faults]").click();
    page.locator("#fault-where").selectOption("");
    page.locator("#fault-place").fill("Piwnica, korytarz");
    page.locator("#fault-title").fill("Nie działa oświetlenie");
    page.locator("#fault-description").fill("Od dwóch dni ciemno");
    page.locator("#faults-title ~ .card form button[type=submit]").click();
    var card = page.locator(".fault").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Nie działa oświetlenie"));
    assertThat(card.locator(".badge")).hasText("zgłoszona");
    String faultId = card.getAttribute("data-fault");
    // another resident of the same cooperative, on the same screen, must not hear of someone else's fault
    BrowserContext otherContext = browser.context(api.base(), 390, 844);
    Page other = otherContext.newPage();
    JsonObject neighbour = registerResident("Sąsiad", "Obok");
    api.readyResident("sm-prudnik", neighbour.getString("login"), neighbour.getString("initialPassword"), "Sasiad1Haslo");
    signIn(other, "sm-prudnik", neighbour.getString("login"), "Sasiad1Haslo");
    other.locator("[data-zone=faults]").click();
    assertThat(other.locator("#faults-title")).isVisible();
    assertThat(api.post("/api/admin/faults/" + faultId + "/status", adminToken,
        Map.of("status", "accepted", "comment", "Elektryk jutro")).status()).isEqualTo(204);
    assertThat(card.locator(".badge")).hasText("przyjęta");
    assertThat(card.locator(".fault-timeline")).containsText("Elektryk jutro");
    assertThat(page.locator(".live-list li[data-event='fault.status-changed']")).isVisible();
    other.waitForTimeout(500);
    assertThat(other.locator(".live-list li[data-event='fault.status-changed']")).hasCount(0);
    assertThat(other.locator(".fault")).hasCount(0);
    otherContext.close();
  }

  @Test
  void a_resident_reports_a_fault_with_a_photo_sees_its_thumbnail_and_a_planned_repair_arrives_live() throws Exception {
    signedInResident("Fotka", "Zgłaszająca", "Zdjecie1Haslo");
    page.locator("[data-zone=faults]").click();
    assertThat(page.locator("#repairs-title")).isVisible();
    page.locator("#fault-where").selectOption("");
    page.locator("#fault-place").fill("Klatka II, drugie piętro");
    page.locator("#fault-title").fill("Pęknięta szyba");
    page.locator("#fault-description").fill("Szyba w oknie na półpiętrze");
    var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    page.locator("#fault-photos").setInputFiles(new com.microsoft.playwright.options.FilePayload("szyba.png", "image/png",
        out.toByteArray()));
    page.locator("#faults-title ~ .card form button[type=submit]").click();
    var card = page.locator(".fault").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Pęknięta szyba"));
    var thumbnail = card.locator("img.thumbnail");
    assertThat(thumbnail).hasCount(1);
    assertThat(thumbnail).hasAttribute("alt", "Zdjęcie 1 do zgłoszenia „Pęknięta szyba”");
    page.waitForCondition(() -> Boolean.TRUE.equals(thumbnail.evaluate("img => img.complete && img.naturalWidth === 64")));

    var planned = api.post("/api/admin/repairs", adminToken, Map.of("scope", "cooperative", "title", "Przegląd instalacji gazowej",
        "description", "Prosimy o dostęp do mieszkań", "startsOn", java.time.LocalDate.now().plusDays(2).toString(),
        "endsOn", java.time.LocalDate.now().plusDays(3).toString()));
    assertThat(planned.status()).isEqualTo(201);
    assertThat(page.locator(".live-list li[data-event='repair.planned']")).isVisible();
    assertThat(page.locator(".repair").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("Przegląd instalacji gazowej"))).isVisible();
    List<String> problems = new ArrayList<>();
    scan("faults with a photo and planned repairs", problems);
    assertThat(problems).as("serious or critical accessibility violations").isEmpty();
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-fault-photo")).setFullPage(true));
  }

  @Test
  void a_resident_opens_a_letter_that_arrived_and_reports_wrong_data_from_the_finance_screen() {
    String token = signedInResident("Listowa", "Adresatka", "Listy1Haslo");
    String accountId = api.get("/api/me", token).json().getString("accountId");
    page.locator("[data-zone=correspondence]").click();
    assertThat(page.locator("#correspondence-title")).isVisible();
    byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    var sent = api.postForm("/api/admin/correspondence", adminToken, Map.of("letter", new JsonObject()
            .put("accountId", accountId).put("subject", "Wezwanie do odczytu").put("body", "Prosimy o odczyt wodomierzy.")
            .encode()), List.of(new ApiClient.FilePart("attachment", "wezwanie.pdf", "application/pdf", pdf)));
    assertThat(sent.status()).isEqualTo(201);
    String threadId = sent.json().getString("threadId");
    var letter = page.locator(".thread").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Wezwanie do odczytu"));
    assertThat(letter.locator(".badge.unread")).isVisible();
    assertThat(page.locator(".live-list li[data-event='correspondence.received']")).isVisible();
    letter.locator("button").click();
    assertThat(page.locator(".opened-thread")).containsText("Prosimy o odczyt wodomierzy.");
    var link = page.locator(".attachments a");
    assertThat(link).hasAttribute("href", "/api/correspondence/" + threadId + "/attachments/1");
    var download = page.waitForDownload(link::click);
    assertThat(download.suggestedFilename()).isEqualTo("wezwanie.pdf");
    assertThat(api.get("/api/admin/correspondence", adminToken).json().getJsonArray("threads").stream()
        .map(JsonObject.class::cast).filter(t -> t.getString("threadId").equals(threadId)).findFirst().orElseThrow()
        .getString("openedAt")).as("the administrator sees when it was first opened").isNotNull();
    List<String> problems = new ArrayList<>();
    scan("correspondence", problems);

    page.navigate("/#/zone/finance");
    page.locator(".report-wrong").first().click();
    assertThat(page.locator(".about-note")).containsText("Finanse");
    page.locator("#message-body").fill("Saldo nie zgadza się z moimi wpłatami.");
    page.locator("#message-title ~ form button[type=submit]").click();
    assertThat(page.locator(".flash.ok")).containsText("Zgłoszenie błędnych danych");
    JsonObject report = api.get("/api/admin/correspondence?filter=wrong-data", adminToken).json().getJsonArray("threads")
        .stream().map(JsonObject.class::cast).filter(t -> accountId.equals(t.getJsonObject("resident").getString("accountId")))
        .findFirst().orElseThrow();
    assertThat(report.getJsonObject("about").getString("zone")).isEqualTo("finance");
    scan("correspondence with a report", problems);
    assertThat(problems).as("serious or critical accessibility violations").isEmpty();
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-correspondence")).setFullPage(true));
  }

  @Test
  void a_reading_whose_answer_the_network_lost_is_sent_again_by_the_app_and_recorded_once() {
    String meterId = residentWithMeter("Roman", "Sieciowy", "WM-2", "ZW-778", "20", "Siec1Haslo");
    var card = page.locator(".meter[data-meter='" + meterId + "']");

    // the first try reaches the server, which records it, but its answer is lost on the way back
    List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> replayed = new java.util.concurrent.CopyOnWriteArrayList<>();
    page.route("**/api/meters/*/readings", route -> {
      keys.add(String.valueOf(route.request().headerValue("idempotency-key")));
      var answer = route.fetch();
      if (keys.size() == 1) {
        route.abort("connectionreset");
      } else {
        replayed.add(String.valueOf(answer.headers().get("idempotent-replayed")));
        route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(answer));
      }
    });
    card.locator("input[name=value]").fill("23,456");
    card.locator("button[type=submit]").click();

    assertThat(page.locator(".flash.ok")).containsText("Odczyt przyjęto");
    assertThat(keys).hasSize(2).doesNotContain("null");
    assertThat(keys.get(1)).as("the same change, named the same").isEqualTo(keys.get(0));
    assertThat(replayed).containsExactly("true");
    assertThat(node.events(meterId, "ReadingSubmitted")).as("recorded once").isEqualTo(1);
    assertThat(card.locator("tr.reading-submitted")).hasCount(1);
  }

  @Test
  void a_resident_submits_a_meter_reading_sees_it_in_the_history_and_hears_of_its_review() {
    String meterId = residentWithMeter("Wanda", "Licznikowa", "WM-1", "ZW-777", "10", "Woda1Haslo");
    var card = page.locator(".meter[data-meter='" + meterId + "']");
    List<String> problems = new ArrayList<>();

    card.locator("input[name=value]").fill("9,5");
    card.locator("button[type=submit]").click();
    assertThat(card.locator(".reading-problem")).containsText("Licznik nie może cofnąć się");
    assertThat(card.locator(".reading-problem")).containsText("10,000 m³");
    scan("meters with a refused reading", problems);

    card.locator("input[name=value]").fill("12,345");
    card.locator("button[type=submit]").click();
    assertThat(page.locator(".flash.ok")).containsText("Odczyt przyjęto");
    var row = card.locator("tr.reading-submitted");
    assertThat(row.locator(".reading-value")).containsText("12,345");
    assertThat(row).containsText("2,345");
    assertThat(row.locator(".reading-status")).hasText("czeka na sprawdzenie");
    scan("meters", problems);
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-meters")).setFullPage(true));

    String readingId = row.getAttribute("data-reading");
    assertThat(api.post("/api/admin/readings/" + readingId + "/acceptance", adminToken, null).status()).isEqualTo(204);
    assertThat(card.locator("tr[data-reading='" + readingId + "'] .reading-status")).hasText("zatwierdzony");
    assertThat(page.locator(".live-list li[data-event='reading.reviewed']")).isVisible();

    BrowserContext staff = browser.context(api.base(), 1280, 800);
    try {
      page = staff.newPage();
      signIn(page, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      page.locator("#home-title").waitFor();
      page.navigate("/#/admin");
      page.locator("#readings-admin-title").waitFor();
      page.locator("#windows-title").waitFor();
      scan("meters administration", problems);
      page.locator("#readings-admin-title").scrollIntoViewIfNeeded();
      page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("desktop-meters-admin")));
    } finally {
      staff.close();
    }
    assertThat(problems).as("serious or critical accessibility violations").isEmpty();
  }

  @Test
  void a_resident_gives_contact_data_chooses_notifications_and_deletes_the_data_for_good() {
    String token = signedInResident("Danuta", "Kontaktowa", "Kontakt1Haslo");
    page.locator(".main-nav a[href='#/profile']").click();
    page.locator("#contact-email").fill("danuta@example.org");
    page.locator("#contact-title ~ form button.primary").click();
    assertThat(page.locator(".flash.ok")).containsText("Zapisano dane kontaktowe");
    page.locator("#n-fault-status-email").check();
    page.locator("#notify-title ~ form button.primary").click();
    assertThat(page.locator(".flash.ok")).containsText("Zapisano wybór powiadomień");
    assertThat(api.get("/api/profile/notifications", token).json().getJsonObject("choices")
        .getJsonArray("fault-status").getList()).contains("email");
    page.locator("#contact-title ~ form button.danger").click();
    assertThat(page.locator(".flash.ok")).containsText("usunięto trwale");
    assertThat(page.locator("#contact-email")).hasValue("");
    assertThat(page.locator("#n-fault-status-email")).not().isChecked();
  }

  @Test
  void the_import_screen_reports_every_bad_row() {
    signIn(page, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    page.locator(".main-nav a[href='#/admin']").click();
    page.locator("#import-kind").selectOption("payments");
    String csv = "id,title,date,amount\nX-1,NO-SUCH-TITLE,2026-01-05,10.00\nX-2,NO-SUCH-TITLE,2026-01-05,ten\n";
    page.locator("#import-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("wplaty.csv", "text/csv",
        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    page.locator("#import-title ~ form button[type=submit]").click();
    assertThat(page.locator("#import-outcome")).containsText("nie wczytano");
    assertThat(page.locator(".import-problems tbody tr")).hasCount(3);
    assertThat(page.locator(".import-problems tbody")).containsText("amount");
  }

  private void importRows(String kind, String... rows) {
    var r = api.post("/api/admin/import/" + kind, adminToken, "{\"rows\":[" + String.join(",", rows) + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** "1 234,56 zł" as the page shows it, back to the API's "1234.56". */
  private static String amount(String shown) {
    String plain = shown.replaceAll("[^0-9,\\-−]", "").replace('−', '-').replace(',', '.');
    return new java.math.BigDecimal(plain).setScale(2).toPlainString();
  }

  @Test
  void english_can_be_chosen_and_is_remembered() {
    page.navigate("/");
    page.locator(".language select").selectOption("en");
    assertThat(page.locator("#signin-title")).hasText("Sign in");
    page.reload();
    assertThat(page.locator("#signin-title")).hasText("Sign in");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
  }

  @Test
  void the_layout_fits_a_phone_and_a_desktop() {
    signIn(page, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(page.locator("#home-title")).isVisible();
    for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
      page.setViewportSize(size[0], size[1]);
      for (String screen : List.of("#/", "#/admin")) {
        page.navigate("/#" + screen.substring(1));
        assertThat(page.locator("main h1").first()).isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow on %s at %dx%d", screen, size[0], size[1])
            .isLessThanOrEqualTo(0);
        String name = (size[0] < 600 ? "phone-" : "desktop-") + (screen.equals("#/") ? "home" : "admin");
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot(name)).setFullPage(true));
      }
    }
    page.locator(".top button.link").click();
    page.locator("#login").waitFor();
    page.navigate("/sm-opole/");
    assertThat(page.locator("#cooperative")).hasValue("sm-opole");
    page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("desktop-sign-in")));
  }

  @Test
  void every_screen_passes_an_automated_wcag_2_1_aa_scan() {
    List<String> problems = new ArrayList<>();
    page.navigate("/sm-prudnik/");
    page.locator("#login").waitFor();
    scan("sign-in", problems);
    signIn(page, "sm-prudnik", "wrong-login", "wrong");
    page.locator("#signin-problem").waitFor();
    scan("sign-in with an error", problems);

    DemoSeed.Credential maria = node.resident("sm-opole", 0);
    signIn(page, "sm-opole", maria.login(), maria.password());
    page.locator("#password-title").waitFor();
    page.locator("#new-password").fill("x");
    scan("new password", problems);
    page.locator("#current-password").fill(maria.password());
    page.locator("#new-password").fill("maria2026");
    page.locator("#repeat-password").fill("maria2026");
    page.locator("form button[type=submit]").click();
    page.locator("#regulations-title").waitFor();
    scan("regulations", problems);
    page.locator("#accept").check();
    page.locator("form button[type=submit]").click();
    page.locator("#home-title").waitFor();
    scan("home", problems);
    page.navigate("/#/profile");
    page.locator("#profile-title").waitFor();
    scan("profile", problems);
    page.navigate("/#/zone/finance");
    page.locator(".balance").first().waitFor();
    scan("finance", problems);
    page.locator(".balance a").first().click();
    page.locator("table.ledger").waitFor();
    scan("ledger", problems);
    page.navigate("/#/zone/membership");
    page.locator(".membership").waitFor();
    scan("membership", problems);
    page.navigate("/#/zone/loans");
    page.locator(".loan").waitFor();
    scan("loans", problems);
    page.navigate("/#/zone/announcements");
    page.locator("#announcements-title").waitFor();
    scan("announcements", problems);

    BrowserContext staff = browser.context(api.base(), 1280, 800);
    try {
      Page admin = staff.newPage();
      page = admin;
      signIn(admin, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      admin.locator("#home-title").waitFor();
      admin.navigate("/#/admin");
      admin.getByRole(com.microsoft.playwright.options.AriaRole.TABLE, new Page.GetByRoleOptions().setName("Konta")).waitFor();
      scan("administration", problems);
      admin.locator("#first-name").fill("Ala");
      admin.locator("#last-name").fill("Skan");
      admin.locator("#register-title + p + form button[type=submit]").click();
      admin.locator("#letter-title").waitFor();
      scan("first-login letter", problems);
      admin.locator(".top button.link").click();
      admin.locator("#login").waitFor();
      signIn(admin, "sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
      admin.locator("#home-title").waitFor();
      admin.navigate("/#/audit");
      admin.locator(".account-list a").first().click();
      admin.locator(".timeline").waitFor();
      scan("audit timeline", problems);
    } finally {
      staff.close();
    }
    assertThat(problems).as("serious or critical accessibility violations").isEmpty();
  }

  private void scan(String screen, List<String> problems) {
    var results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
    for (Rule violation : results.getViolations()) {
      if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
        problems.add(screen + ": " + violation.getId() + " — " + violation.getHelp() + " at "
            + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
      }
    }
  }
}
