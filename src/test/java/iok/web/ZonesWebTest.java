package iok.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.TestIok;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The administrator suspends a zone on a desktop page while a resident has the portal open on a phone:
 * the zone leaves the resident's menu without a reload, its address leads home, and it comes back when
 * the administrator enables it again, where the resident was left.
 */
class ZonesWebTest {

  static TestIok node;
  static ApiClient api;
  static Browser browser;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    node.close();
  }

  @Test
  void a_zone_the_administrator_suspends_leaves_the_residents_open_screen_live_and_returns() {
    DemoSeed.Credential anna = node.resident("sm-prudnik", 0);
    api.readyResident("sm-prudnik", anna.login(), anna.password(), "Anna2026x");
    BrowserContext desk = browser.context(api.base(), 1280, 800);
    BrowserContext phone = browser.context(api.base(), 390, 844);
    try {
      Page resident = phone.newPage();
      Browser.signIn(resident, "sm-prudnik", anna.login(), "Anna2026x");
      assertThat(resident.locator(".live-state")).containsText("włączone");
      assertThat(resident.locator("a.zone[data-zone=meters]")).isVisible();

      Page office = desk.newPage();
      Browser.signIn(office, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      office.locator("a[href='#/admin']").first().click();
      assertThat(office.locator("#zone-meters")).isChecked();
      office.getByLabel("Liczniki", new Page.GetByLabelOptions().setExact(true)).uncheck();
      office.locator("section[aria-labelledby=zones-title]").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
          .setPath(Browser.screenshot("desktop-zone-switches")));
      office.locator("#zones-title + p + form button[type=submit]").click();
      assertThat(office.getByRole(com.microsoft.playwright.options.AriaRole.STATUS).filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Zapisano strefy"))).isVisible();

      assertThat(resident.locator("a.zone[data-zone=meters]")).hasCount(0);
      assertThat(resident.locator("a.zone[data-zone=finance]")).isVisible();
      assertThat(resident.getByText("Spółdzielnia zmieniła dostępne strefy IOK.")).isVisible();
      resident.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-zone-suspended")).setFullPage(true));
      resident.navigate("/sm-prudnik/#/zone/meters");
      assertThat(resident.locator("#home-title")).isVisible();

      office.locator("#zone-meters").check();
      office.locator("#zones-title + p + form button[type=submit]").click();
      // the address the resident was left on is the zone's again
      assertThat(resident.locator(".meter").first()).isVisible();
      resident.locator("a[href='#/']").first().click();
      assertThat(resident.locator("a.zone[data-zone=meters]")).isVisible();
    } finally {
      desk.close();
      phone.close();
    }
  }
  @Test
  void when_the_switches_cannot_be_read_there_is_nothing_to_save_until_they_can() {
    BrowserContext desk = browser.context(api.base(), 1280, 800);
    try {
      Page office = desk.newPage();
      office.route("**/api/admin/settings/zones", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
          .setStatus(503).setContentType("application/json")
          .setBody("{\"error\":\"unavailable\",\"message\":\"The database is not answering\"}")));
      Browser.signIn(office, "sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      office.locator("a[href='#/admin']").first().click();
      var card = office.locator("section[aria-labelledby=zones-title]");
      assertThat(card.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).isVisible();
      assertThat(card.locator("input[type=checkbox]")).hasCount(0);
      assertThat(card.getByText("Zapisz strefy")).hasCount(0);

      office.unrouteAll();
      card.getByText("Wczytaj strefy ponownie").click();
      assertThat(card.locator("#zone-meters")).isChecked();
      assertThat(card.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).hasCount(0);
    } finally {
      desk.close();
    }
  }
  @Test
  void a_resident_is_not_told_live_of_news_in_a_suspended_zone() {
    DemoSeed.Credential jan = node.resident("sm-prudnik", 1);
    api.readyResident("sm-prudnik", jan.login(), jan.password(), "Jan2026xy");
    String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    java.util.List<Object> zones = api.get("/api/cooperative", admin).json().getJsonArray("zones").getList();
    BrowserContext phone = browser.context(api.base(), 390, 844);
    try {
      Page resident = phone.newPage();
      Browser.signIn(resident, "sm-prudnik", jan.login(), "Jan2026xy");
      assertThat(resident.locator(".live-state")).containsText("włączone");
      org.assertj.core.api.Assertions.assertThat(api.put("/api/admin/settings/zones", admin, java.util.Map.of("zones",
          zones.stream().filter(z -> !"announcements".equals(z)).toList())).status()).isEqualTo(204);
      assertThat(resident.locator("a.zone[data-zone=announcements]")).hasCount(0);
      org.assertj.core.api.Assertions.assertThat(api.post("/api/admin/announcements", admin, java.util.Map.of("title", "Przegląd kominów",
          "body", "W czwartek", "scope", "cooperative")).status()).isEqualTo(201);

      org.assertj.core.api.Assertions.assertThat(api.put("/api/admin/settings/zones", admin, java.util.Map.of("zones", zones)).status()).isEqualTo(204);
      org.assertj.core.api.Assertions.assertThat(api.post("/api/admin/announcements", admin, java.util.Map.of("title", "Wymiana wodomierzy",
          "body", "W piątek", "scope", "cooperative")).status()).isEqualTo(201);
      // the second one's notice shows; the first one's, sent while the zone was suspended, never did
      assertThat(resident.getByText("Nowe ogłoszenie: Wymiana wodomierzy.")).isVisible();
      assertThat(resident.getByText("Nowe ogłoszenie: Przegląd kominów.")).hasCount(0);
    } finally {
      phone.close();
    }
  }
}
