package iok.announcements;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.announcements.read.board.AnnouncementProjection;
import iok.announcements.read.board.AnnouncementRoutes;
import iok.announcements.write.publishing.PublishingRoutes;
import iok.announcements.write.repairs.RepairRoutes;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import java.time.Clock;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Announcements (R11) and planned repairs (R12, announced the same way): the feature's whole wiring. */
public final class AnnouncementsModule {

  private AnnouncementsModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Announcement.class));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(AnnouncementProjection.PROCESSOR)
        .registerEventHandler(c -> new AnnouncementProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones, Clock clock) {
    AnnouncementRoutes.mount(api, pool, zones, clock);
    PublishingRoutes.mount(api, commands, reads);
    RepairRoutes.mount(api, commands, reads);
  }
}
