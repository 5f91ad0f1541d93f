package iok.faults;

import io.vertx.sqlclient.Pool;
import iok.faults.read.tracker.FaultProjection;
import iok.faults.read.tracker.FaultRoutes;
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

  private FaultsModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Fault.class));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(FaultProjection.PROCESSOR)
        .registerEventHandler(c -> new FaultProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    FaultRoutes.mount(api, pool);
    FaultCommandRoutes.mount(api, pool, commands, reads);
  }
}
