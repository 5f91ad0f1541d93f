package iok.correspondence;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.correspondence.read.threads.ThreadProjection;
import iok.correspondence.read.threads.ThreadRoutes;
import iok.correspondence.write.messaging.MessagingRoutes;
import iok.correspondence.write.sending.JdbcAttachmentStore;
import iok.correspondence.write.sending.SendingRoute;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Correspondence (R13) and reports of wrong data (R17): the feature's whole wiring. */
public final class CorrespondenceModule {

  /** Where attachments' bytes are kept: write side, applied on every start, never rebuilt. */
  public static final String SCHEMA = "/iok/correspondence/attachments.sql";

  private CorrespondenceModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.registerComponent(AttachmentStore.class, c -> new JdbcAttachmentStore(jdbc));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Letter.class));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(ThreadProjection.PROCESSOR)
        .registerEventHandler(c -> new ThreadProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones) {
    ThreadRoutes.mount(api, pool, commands, reads, zones);
    SendingRoute.mount(api, pool, commands, reads);
    MessagingRoutes.mount(api, commands, reads, zones);
  }
}
