package iok.cooperative;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.cooperative.read.regulations.JdbcCooperativeRules;
import iok.cooperative.read.regulations.RegulationsRoutes;
import iok.cooperative.write.publishregulations.PublishRegulationsRoute;
import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.write.remindertimes.ReminderTimesRoutes;
import iok.cooperative.write.zones.ZonesRoutes;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Cooperatives as tenants: their rules and regulations. The feature's whole wiring. */
public final class CooperativeModule {


  private CooperativeModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Cooperative.class));
    axon.registerComponent(CooperativeRules.class, c -> new JdbcCooperativeRules(jdbc));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(CooperativeProjection.PROCESSOR)
        .registerEventHandler(c -> new CooperativeProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones) {
    RegulationsRoutes.mount(api, pool);
    PublishRegulationsRoute.mount(api, commands, reads);
    ReminderTimesRoutes.mount(api, pool, commands, reads);
    ZonesRoutes.mount(api, pool, commands, reads, zones);
  }
}
