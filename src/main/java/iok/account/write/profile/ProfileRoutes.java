package iok.account.write.profile;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.account.AccountCommands.ChangeContact;
import iok.account.AccountCommands.ChooseNotifications;
import iok.account.AccountCommands.DeleteContact;
import iok.account.NotificationPolicy;
import iok.account.read.accounts.AccountProjection;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profile (R15): voluntary contact data, editable and deletable for good at any time (P IV.1-3),
 * and what to be told of on which channel (P III.6h).
 */
public final class ProfileRoutes {

  private static final String PROFILE = "SELECT email, phone, notifications::text FROM account WHERE account_id = $1";

  record ContactBody(String email, String phone) {
    ContactBody {
      email = Fields.optionalEmail(email, "email");
      phone = Fields.optionalPhone(phone, "phone");
    }
  }

  record NotificationsBody(Map<String, List<String>> choices) {
    NotificationsBody {
      if (choices == null) {
        throw iok.platform.http.ApiError.badRequest("missing_field", "Field 'choices' is required", Map.of("field", "choices"));
      }
      if (choices.size() > 20 || choices.values().stream().anyMatch(c -> c == null || c.size() > 5)) {
        throw Fields.invalid("choices", "has too many entries");
      }
      choices = new TreeMap<>(choices);
    }
  }

  private ProfileRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.GET, "/api/profile/contact", Access.SIGNED_IN, ctx -> profile(ctx, pool, row ->
        new JsonObject().put("email", row.getString(0)).put("phone", row.getString(1))));
    api.route(HttpMethod.PUT, "/api/profile/contact", Access.SIGNED_IN, ctx -> {
      ContactBody b = Bodies.read(ctx, ContactBody.class);
      Session s = Api.session(ctx);
      send(ctx, commands, reads, s, new ChangeContact(s.accountId(), b.email(), b.phone()));
    });
    api.route(HttpMethod.DELETE, "/api/profile/contact", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      send(ctx, commands, reads, s, new DeleteContact(s.accountId()));
    });
    api.route(HttpMethod.GET, "/api/profile/notifications", Access.SIGNED_IN, ctx -> profile(ctx, pool, row ->
        new JsonObject().put("choices", new JsonObject(row.getString(2)))
            .put("kinds", new JsonArray(NotificationPolicy.KINDS.stream().sorted().toList()))
            .put("channels", new JsonArray(List.of("portal", "email", "sms")))));
    api.route(HttpMethod.PUT, "/api/profile/notifications", Access.SIGNED_IN, ctx -> {
      NotificationsBody b = Bodies.read(ctx, NotificationsBody.class);
      Session s = Api.session(ctx);
      send(ctx, commands, reads, s, new ChooseNotifications(s.accountId(), b.choices()));
    });
  }

  private static void profile(RoutingContext ctx, Pool pool, java.util.function.Function<Row, JsonObject> answer) {
    pool.preparedQuery(PROFILE).execute(Tuple.of(Api.session(ctx).accountId()))
        .onSuccess(rows -> Api.json(ctx, 200, answer.apply(rows.iterator().next())))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, Commands commands, ReadYourWrites reads, Session s, Object command) {
    commands.<Long>send(ctx, command)
        .compose(sequence -> reads.await(AccountProjection.VERSION_QUERY, s.accountId(), sequence))
        .onSuccess(v -> Api.noContent(ctx)).onFailure(ctx::fail);
  }
}
