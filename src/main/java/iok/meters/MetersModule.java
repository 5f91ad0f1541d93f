package iok.meters;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.meters.read.meterbook.JdbcReadingCalendar;
import iok.meters.read.meterbook.MeterAdminRoutes;
import iok.meters.read.meterbook.MeterProjection;
import iok.meters.read.meterbook.MeterRoutes;
import iok.meters.write.registration.MeterRegistrationRoutes;
import iok.meters.write.review.ReadingReviewRoutes;
import iok.meters.write.submitting.SubmitReadingRoute;
import iok.meters.write.windows.ReadingWindowsRoute;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import java.time.Clock;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/** Meters and readings (R10): the feature's whole wiring. */
public final class MetersModule {

  private MetersModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Meter.class)
        // every reading is an event: a snapshot keeps a meter with years of readings cheap to load
        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 100)));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(ReadingSchedule.class));
    axon.registerComponent(ReadingCalendar.class, c -> new JdbcReadingCalendar(jdbc));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(MeterProjection.PROCESSOR)
        .registerEventHandler(c -> new MeterProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones, Clock clock) {
    MeterRoutes.mount(api, pool, zones, clock);
    MeterAdminRoutes.mount(api, pool, clock);
    SubmitReadingRoute.mount(api, pool, commands, reads, zones, clock);
    ReadingReviewRoutes.mount(api, pool, commands, reads);
    MeterRegistrationRoutes.mount(api, pool, commands, reads);
    ReadingWindowsRoute.mount(api, commands, reads);
  }
}
