package iok.payments;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.finance.Ledger;
import iok.payments.automation.bookpayment.BookPaidOrders;
import iok.payments.read.payments.PaymentProjection;
import iok.payments.read.payments.PaymentRoutes;
import iok.payments.write.notification.NotificationRoutes;
import iok.payments.write.paying.StartRoute;
import iok.payments.write.settings.GatewaySettings;
import iok.payments.write.settings.SettingsRoutes;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import java.time.Duration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/** Online payments through the Blue Media (Autopay) gateway (R16, P III.7): the feature's whole wiring. */
public final class PaymentsModule {

  /** Where sealed gateway keys are kept: written once per change, never rebuilt, so not a read model. */
  public static final String SCHEMA = "/iok/payments/secrets.sql";

  private PaymentsModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    // anyone may post a notification: a flood of forged ones must not make an order slow to load
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Payment.class)
        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 100)));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(PaymentGateway.class)
        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 100)));
    axon.registerCommandHandler(c -> new BookPaidOrders.Bookkeeper(c.repository(Ledger.class)));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(PaymentProjection.PROCESSOR)
        .registerEventHandler(c -> new PaymentProjection(jdbc, push))
        .registerPooledStreamingEventProcessor(BookPaidOrders.PROCESSOR)
        .registerEventHandler(c -> new BookPaidOrders(c.commandGateway()));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones,
                           GatewaySettings gateways, Duration validity) {
    SettingsRoutes.mount(api, pool, gateways);
    StartRoute.mount(api, pool, commands, reads, gateways, validity, zones);
    // the gateway's notifications and returns are never gated: money paid while a zone was open still books
    NotificationRoutes.mount(api, pool, commands, gateways);
    PaymentRoutes.mount(api, pool, zones);
  }
}
