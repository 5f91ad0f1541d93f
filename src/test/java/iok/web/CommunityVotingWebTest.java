package iok.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.TestIok;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An owner votes on a phone-sized page while the administrator watches the open tally on a desktop page: the
 * bar for "for" moves without a reload. The demo's Piotr owns flat 7 of Wspólnota Mieszkaniowa Ogrodowa 12,
 * share 11210/100000 (1121/10000 reduced).
 */
class CommunityVotingWebTest {

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
  void an_owner_votes_on_a_phone_and_the_administrators_open_tally_changes_live() {
    DemoSeed.Credential piotr = node.resident("sm-opole", 1);
    api.readyResident("sm-opole", piotr.login(), piotr.password(), "Piotr2026");
    String admin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
    OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Warsaw"));
    String id = api.post("/api/admin/communities/resolutions", admin, new JsonObject()
        .put("community", "Wspólnota Mieszkaniowa Ogrodowa 12").put("number", "3/2026")
        .put("title", "Wymiana domofonów").put("text", "Wspólnota wymienia domofony w klatce A.").put("rule", "shares")
        .put("opensAt", now.minusMinutes(1).toString()).put("closesAt", now.plusDays(3).toString()).encode())
        .json().getString("resolutionId");
    api.post("/api/admin/communities/resolutions/" + id + "/open", admin, "{}");

    BrowserContext desk = browser.context(api.base(), 1280, 800);
    BrowserContext phone = browser.context(api.base(), 390, 844);
    try {
      Page office = desk.newPage();
      Browser.signIn(office, "sm-opole", "admin", TestIok.ADMIN_PASSWORD);
      office.locator("a[href='#/admin']").first().click();
      office.locator("a[href='#/community']").first().click();
      office.locator(".resolution[data-resolution='" + id + "'] a").click();
      assertThat(office.locator(".tally-for")).hasText("0");
      assertThat(office.locator(".live-state")).containsText("włączone");

      Page owner = phone.newPage();
      Browser.signIn(owner, "sm-opole", piotr.login(), "Piotr2026");
      owner.locator("[data-zone=community]").click();
      owner.locator(".resolution[data-resolution='" + id + "'] a").click();
      assertThat(owner.locator("#resolution-title")).containsText("Wymiana domofonów");
      owner.locator("button[data-choice=for]").click();
      assertThat(owner.locator(".my-votes")).containsText("1121/10000");
      owner.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-community-vote")).setFullPage(true));

      assertThat(office.locator(".tally-for")).hasText("1121/10000");
      // the office can check the count: the vote it adds up from, with its premises and exact weight
      assertThat(office.locator("table.votes tbody tr")).hasCount(1);
      assertThat(office.locator("table.votes tbody tr")).containsText("1121/10000");
      assertThat(office.locator("table.votes tbody tr")).containsText("przez internet");
      office.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("desktop-community-tally")).setFullPage(true));
    } finally {
      phone.close();
      desk.close();
    }
  }
}
