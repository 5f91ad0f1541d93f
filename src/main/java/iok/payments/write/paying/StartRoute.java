package iok.payments.write.paying;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.finance.Money;
import iok.payments.Autopay;
import iok.payments.Payment;
import iok.payments.read.payments.PaymentProjection;
import iok.payments.write.settings.GatewaySettings;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.domain.Refusal;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/payments}: the holder of a premises pays towards its ledger. The answer is the
 * signed form the browser posts to the gateway; from then on only the gateway's notification counts.
 */
public final class StartRoute {

  private static final String HOLDER = """
      SELECT t.title_id, a.email FROM title_view t LEFT JOIN account a ON a.account_id = t.account_id
      WHERE t.cooperative_id = $1 AND t.account_id = $2 AND t.premises_id = $3
        AND t.valid_from <= current_date AND (t.valid_until IS NULL OR t.valid_until >= current_date)
      ORDER BY t.valid_from DESC LIMIT 1""";
  private static final DateTimeFormatter VALIDITY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  record Body(String premisesId, String amount) {
    Body {
      premisesId = Fields.text(premisesId, "premisesId", 64);
      Fields.required(amount, "amount");
      if (!Money.isValid(amount)) throw Fields.invalid("amount", "is an amount with two decimals, like 123.45");
    }
  }

  private StartRoute() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, GatewaySettings gateways,
                           Duration validity, ZoneGate zones) {
    api.route(HttpMethod.POST, "/api/payments", Access.SIGNED_IN, zones.only(Zone.PAYMENTS, ctx -> {
      Body b = Bodies.read(ctx, Body.class);
      Session s = Api.session(ctx);
      Money amount = Money.parse(b.amount());
      String orderId = UUID.randomUUID().toString().replace("-", "");
      pool.preparedQuery(HOLDER).execute(Tuple.of(s.cooperativeId(), s.accountId(), b.premisesId()))
          .compose(rows -> {
            if (!rows.iterator().hasNext()) throw new ApiError(404, "not_found", "Premises not found");
            Row holder = rows.iterator().next();
            return gateways.ofCooperative(s.cooperativeId()).compose(found -> {
              GatewaySettings.Settings g = found.orElseThrow(() -> new Refusal(Refusal.Kind.RULE_VIOLATED,
                  "payments_not_configured", "The cooperative takes no online payments yet"));
              return commands.send(ctx, new Payment.Start(orderId, s.cooperativeId(), s.accountId(), b.premisesId(),
                      holder.getString(0), amount, g.maxAmount(), g.serviceId(), validity))
                  .compose(v -> reads.await(PaymentProjection.VERSION_QUERY, orderId, 0))
                  .map(v -> answer(orderId, b.premisesId(), amount, holder.getString(1), g, validity));
            });
          })
          .onSuccess(body -> Api.json(ctx, 201, body)).onFailure(ctx::fail);
    }));
  }

  private static JsonObject answer(String orderId, String premisesId, Money amount, String email,
                                   GatewaySettings.Settings g, Duration validity) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("ServiceID", g.serviceId());
    fields.put("OrderID", orderId);
    fields.put("Amount", amount.toString());
    fields.put("Description", description(premisesId));
    fields.put("Currency", "PLN");
    if (email != null) fields.put("CustomerEmail", email);
    fields.put("ValidityTime", ZonedDateTime.now(ZoneId.of("Europe/Warsaw")).plus(validity).format(VALIDITY));
    return new JsonObject().put("orderId", orderId).put("status", "started").put("amount", amount.toString())
        .put("gatewayUrl", g.gatewayUrl() + "/payment")
        .put("fields", new JsonObject(new LinkedHashMap<>(Autopay.signedStart(fields, g.sharedKey()))));
  }

  /** What the payer's bank statement shows: the gateway takes letters, digits and a little punctuation, 79 at most. */
  static String description(String premisesId) {
    String text = ("Oplaty za lokal " + premisesId).replaceAll("[^A-Za-z0-9 ./-]", "-");
    return text.length() > 79 ? text.substring(0, 79) : text;
  }
}
