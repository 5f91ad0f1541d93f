package iok.faults;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.faults.read.photos.PhotoRoutes;
import iok.faults.read.tracker.FaultProjection;
import iok.faults.read.tracker.FaultRoutes;
import iok.faults.write.photos.PhotoUploads;
import iok.faults.write.reporting.FaultCommandRoutes;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Faults and repairs (R12): the feature's whole wiring. */
public final class FaultsModule {

  /** Where photos' bytes are kept: written once, never rebuilt, so not a read model. */
  public static final String SCHEMA = "/iok/faults/photos.sql";

  private FaultsModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Fault.class));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(FaultProjection.PROCESSOR)
        .registerEventHandler(c -> new FaultProjection(jdbc, push));
  }

  public static void mount(Api api, Vertx vertx, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones) {
    FaultRoutes.mount(api, pool, zones);
    PhotoRoutes.mount(api, pool, zones);
    FaultCommandRoutes.mount(api, pool, commands, reads, new PhotoUploads(vertx, pool), zones);
  }
}
