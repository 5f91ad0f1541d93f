package iok.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paying online in real headless Chromium against the local gateway double, as the demo runs it: from the
 * finance screen's "Zapłać" through the gateway's pay page and back to a receipt, ending with the new balance.
 */
class PaymentsWebTest {

  static TestIok node;
  static ApiClient api;
  static Browser browser;

  @BeforeAll
  static void start() {
    node = TestIok.start(TestDatabase.fresh(), Map.of("IOK_GATEWAY_DOUBLE", "true"));
    api = node.client();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    node.close();
  }

  @Test
  void a_resident_pays_through_the_gateway_double_and_sees_the_receipt_and_the_new_balance() {
    DemoSeed.Credential anna = node.resident("sm-prudnik", 0);
    api.readyResident("sm-prudnik", anna.login(), anna.password(), "Anna2026x");
    BrowserContext context = browser.context(api.base(), 390, 844);
    try {
      Page page = context.newPage();
      page.navigate("/sm-prudnik/");
      page.locator("#login").fill(anna.login());
      page.locator("#password").fill("Anna2026x");
      page.locator("form button[type=submit]").click();
      page.locator("[data-zone=finance]").click();
      var card = page.locator(".balance[data-premises='L-101']");
      assertThat(card.locator(".balance-total")).isVisible();
      BigDecimal before = amount(card.locator(".balance-total").textContent());
      card.getByLabel("Kwota do zapłaty (zł)").fill("100,00");
      card.locator(".pay-button").click();

      assertThat(page.locator("h1")).hasText("Płatność");
      assertThat(page.locator(".amount")).containsText("100.00 PLN");
      page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-gateway-double")).setFullPage(true));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zapłać")).click();

      assertThat(page.locator(".receipt")).isVisible();
      assertThat(page.locator(".receipt .status-paid")).isVisible();
      assertThat(page.locator(".receipt-amount")).containsText("100,00");
      page.screenshot(new Page.ScreenshotOptions().setPath(Browser.screenshot("phone-payment-receipt")).setFullPage(true));

      page.locator(".receipt a[href='#/zone/finance']").click();
      assertThat(card.locator(".balance-total")).isVisible();
      iok.support.Eventually.await(() -> amount(card.locator(".balance-total").textContent()),
          now -> before.subtract(now).compareTo(new BigDecimal("100.00")) == 0, java.time.Duration.ofSeconds(10));
      assertThat(before.subtract(amount(card.locator(".balance-total").textContent()))).isEqualByComparingTo("100.00");
    } finally {
      context.close();
    }
  }

  /** "1 234,56 zł" as the page shows it. */
  private static BigDecimal amount(String shown) {
    String plain = shown.replaceAll("[^0-9,\\-−]", "").replace('−', '-').replace(',', '.');
    return new BigDecimal(plain).setScale(2);
  }
}
