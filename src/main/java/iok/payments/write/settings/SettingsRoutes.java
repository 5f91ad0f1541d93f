package iok.payments.write.settings;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.finance.Money;
import iok.payments.PaymentLimit;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.net.URI;
import java.util.Locale;

/**
 * {@code GET|PUT /api/admin/settings/payments}: the cooperative's account at the gateway. The shared
 * key goes in and never comes out: the answer says only whether one is set, and its fingerprint.
 */
public final class SettingsRoutes {

  static final String PATH = "/api/admin/settings/payments";
  private static final String CURRENT = """
      SELECT service_id, gateway_url, key_fingerprint, max_amount::text, changed_at FROM payment_settings
      WHERE cooperative_id = $1""";

  record Body(String serviceId, String sharedKey, String gatewayUrl, String maxAmount) {
    Body {
      serviceId = Fields.text(serviceId, "serviceId", 10);
      if (!serviceId.matches("[0-9]{1,10}")) throw Fields.invalid("serviceId", "is the gateway's number, 1-10 digits");
      sharedKey = Fields.secret(sharedKey, "sharedKey");
      if (!sharedKey.matches("[\\x21-\\x7E]{16,128}")) {
        throw Fields.invalid("sharedKey", "is 16-128 printable characters without spaces, as the gateway gave it");
      }
      gatewayUrl = checkedGatewayUrl(Fields.text(gatewayUrl, "gatewayUrl", 200));
      if (maxAmount != null && !Money.isValid(maxAmount)) throw Fields.invalid("maxAmount", "is an amount like 10000.00");
      if (maxAmount != null && (!Money.parse(maxAmount).isPositive()
          || Money.parse(maxAmount).compareTo(PaymentLimit.CEILING) > 0)) {
        throw Fields.invalid("maxAmount", "is more than 0.00 and at most " + PaymentLimit.CEILING);
      }
    }
  }

  /**
   * The gateway's address without {@code /payment}: Autopay's (https://pay.autopay.eu, the test
   * https://testpay.autopay.eu, the older *.bm.pl), or this machine for the local gateway double. The
   * browser posts the payment form there, and the Content-Security-Policy's form-action allows only these.
   */
  static String checkedGatewayUrl(String raw) {
    String url = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    try {
      URI uri = new URI(url);
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
      boolean local = host.equals("localhost") || host.equals("127.0.0.1");
      boolean autopay = host.equals("autopay.eu") || host.endsWith(".autopay.eu") || host.endsWith(".bm.pl");
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
          || !((scheme.equals("https") && (autopay || local)) || (scheme.equals("http") && local))) {
        throw Fields.invalid("gatewayUrl", "is an https address like https://pay.autopay.eu");
      }
      return url;
    } catch (java.net.URISyntaxException e) {
      throw Fields.invalid("gatewayUrl", "is an https address like https://pay.autopay.eu");
    }
  }

  private SettingsRoutes() {}

  public static void mount(Api api, Pool pool, GatewaySettings settings) {
    api.route(HttpMethod.GET, PATH, Access.ADMIN, ctx ->
        pool.preparedQuery(CURRENT).execute(Tuple.of(Api.session(ctx).cooperativeId())).onSuccess(rows -> {
          JsonObject body = new JsonObject().put("keySet", false).put("maxAmount", PaymentLimit.DEFAULT.toString());
          if (rows.iterator().hasNext()) {
            Row r = rows.iterator().next();
            body.put("serviceId", r.getString(0)).put("gatewayUrl", r.getString(1)).put("keySet", true)
                .put("keyFingerprint", r.getString(2)).put("maxAmount", r.getString(3))
                .put("changedAt", r.getOffsetDateTime(4).toString());
          }
          Api.json(ctx, 200, body);
        }).onFailure(ctx::fail));
    api.route(HttpMethod.PUT, PATH, Access.ADMIN, ctx -> {
      Body b = Bodies.read(ctx, Body.class);
      Money max = b.maxAmount() == null ? PaymentLimit.DEFAULT : Money.parse(b.maxAmount());
      settings.change(Commands.metaData(ctx), Api.session(ctx).cooperativeId(), b.serviceId(), b.sharedKey(),
              b.gatewayUrl(), max)
          .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
    });
  }
}
