package iok.meters.write.windows;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.meters.ReadingSchedule;
import iok.meters.ReadingWindow;
import iok.meters.read.meterbook.MeterProjection;
import iok.meters.read.meterbook.MeterRoutes;
import iok.meters.write.MeterFields;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** {@code PUT /api/admin/settings/readings}: the administrator sets the cooperative's whole list of reading windows. */
public final class ReadingWindowsRoute {

  static final int MAX_WINDOWS = 100;

  record WindowBody(String opensOn, String closesOn, Boolean mandatory) {
    WindowBody {
      LocalDate opens = MeterFields.date(opensOn, "opensOn");
      LocalDate closes = MeterFields.date(closesOn, "closesOn");
      if (closes.isBefore(opens)) throw Fields.invalid("closesOn", "is before opensOn");
      opensOn = opens.toString();
      closesOn = closes.toString();
      if (mandatory == null) throw Fields.invalid("mandatory", "is true or false");
    }

    ReadingWindow window() {
      return new ReadingWindow(LocalDate.parse(opensOn), LocalDate.parse(closesOn), mandatory);
    }
  }

  record Body(List<WindowBody> windows) {
    Body {
      if (windows == null) throw Fields.invalid("windows", "is required (an empty list removes every window)");
      if (windows.size() > MAX_WINDOWS) throw Fields.invalid("windows", "holds at most " + MAX_WINDOWS + " windows");
      if (windows.contains(null)) throw Fields.invalid("windows", "holds windows, not null");
    }
  }

  private ReadingWindowsRoute() {}


  public static void mount(Api api, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.PUT, "/api/admin/settings/readings", Access.ADMIN, ctx -> {
      Body b = Bodies.read(ctx, Body.class);
      String cooperativeId = Api.session(ctx).cooperativeId();
      List<ReadingWindow> windows = b.windows().stream().map(WindowBody::window).toList();
      commands.<Long>send(ctx, new ReadingSchedule.SetReadingWindows(ReadingSchedule.id(cooperativeId), cooperativeId,
              windows))
          .compose(sequence -> reads.await(MeterProjection.WINDOWS_VERSION_QUERY, cooperativeId, sequence))
          .onSuccess(v -> Api.json(ctx, 200, new JsonObject().put("windows", new JsonArray(windows.stream()
              .sorted(Comparator.comparing(ReadingWindow::opensOn)).map(MeterRoutes::window).toList()))))
          .onFailure(ctx::fail);
    });
  }
}
