package iok.meters.write.registration;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.meters.Meter;
import iok.meters.MeterKind;
import iok.meters.Volume;
import iok.meters.read.meterbook.MeterProjection;
import iok.meters.write.MeterFields;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.time.LocalDate;
import java.util.UUID;

/** The administrator registers the meters of a premises, and replaces one when it is due or broken. */
public final class MeterRegistrationRoutes {

  private static final String PREMISES = "SELECT 1 FROM premises_view WHERE cooperative_id = $1 AND premises_id = $2";

  /** Values are checked here and kept as normalised text; {@link #command} turns them into the command. */
  record RegisterBody(String premisesId, String kind, String number, String place, String legalisedUntil,
                      String installedOn, String initialValue) {
    RegisterBody {
      premisesId = Fields.text(premisesId, "premisesId", 64);
      kind = MeterFields.kind(kind, "kind").code();
      number = Fields.text(number, "number", 40);
      place = Fields.text(place, "place", 100);
      legalisedUntil = MeterFields.date(legalisedUntil, "legalisedUntil").toString();
      installedOn = MeterFields.date(installedOn, "installedOn").toString();
      initialValue = MeterFields.optionalVolume(initialValue, "initialValue", Volume.ZERO).toString();
    }

    Meter.Register command(String meterId, String cooperativeId) {
      return new Meter.Register(meterId, cooperativeId, premisesId, MeterKind.of(kind), number, place,
          LocalDate.parse(legalisedUntil), LocalDate.parse(installedOn), UUID.randomUUID().toString(),
          Volume.parse(initialValue));
    }
  }

  record ReplaceBody(String number, String legalisedUntil, String installedOn, String finalValue, String initialValue) {
    ReplaceBody {
      number = Fields.text(number, "number", 40);
      legalisedUntil = MeterFields.date(legalisedUntil, "legalisedUntil").toString();
      installedOn = MeterFields.date(installedOn, "installedOn").toString();
      Volume last = MeterFields.optionalVolume(finalValue, "finalValue", null);
      finalValue = last == null ? null : last.toString();
      initialValue = MeterFields.optionalVolume(initialValue, "initialValue", Volume.ZERO).toString();
    }

    Meter.Replace command(String meterId, String cooperativeId, String newMeterId) {
      return new Meter.Replace(meterId, cooperativeId, newMeterId, number, LocalDate.parse(legalisedUntil),
          LocalDate.parse(installedOn), UUID.randomUUID().toString(), finalValue == null ? null : Volume.parse(finalValue),
          UUID.randomUUID().toString(), Volume.parse(initialValue));
    }
  }

  private MeterRegistrationRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/meters", Access.ADMIN, ctx -> {
      RegisterBody b = Bodies.read(ctx, RegisterBody.class);
      String cooperativeId = Api.session(ctx).cooperativeId();
      String id = UUID.randomUUID().toString();
      pool.preparedQuery(PREMISES).execute(Tuple.of(cooperativeId, b.premisesId())).map(rows -> {
            if (!rows.iterator().hasNext()) throw Fields.invalid("premisesId", "is not premises of the cooperative");
            return null;
          })
          .compose(v -> commands.send(ctx, b.command(id, cooperativeId)))
          .compose(v -> reads.await(MeterProjection.VERSION_QUERY, id, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("meterId", id)))
          .onFailure(ctx::fail);
    });
    api.route(HttpMethod.POST, "/api/admin/meters/:meterId/replacement", Access.ADMIN, ctx -> {
      ReplaceBody b = Bodies.read(ctx, ReplaceBody.class);
      String id = Api.pathId(ctx, "meterId", "Meter");
      String newId = UUID.randomUUID().toString();
      commands.<Meter.Replaced>send(ctx, b.command(id, Api.session(ctx).cooperativeId(), newId))
          .compose(replaced -> reads.await(MeterProjection.VERSION_QUERY, id, replaced.sequence()))
          .compose(v -> reads.await(MeterProjection.VERSION_QUERY, newId, 0))
          .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("meterId", newId).put("replaces", id)))
          .onFailure(ctx::fail);
    });
  }
}
