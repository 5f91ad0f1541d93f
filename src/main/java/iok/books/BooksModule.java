package iok.books;

import io.vertx.sqlclient.Pool;
import iok.cooperative.read.zones.ZoneGate;
import iok.books.write.importbatch.BooksImporter;
import iok.books.write.importbatch.ImportRoute;
import iok.cooperative.Cooperative;
import iok.finance.Ledger;
import iok.loans.Loan;
import iok.membership.Member;
import iok.membership.read.files.MembershipProjection;
import iok.membership.read.files.MembershipRoutes;
import iok.finance.read.ledger.FinanceRoutes;
import iok.finance.read.ledger.LedgerProjection;
import iok.platform.db.Jdbc;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import iok.premises.Building;
import iok.premises.Premises;
import iok.premises.read.holdings.PremisesProjection;
import iok.premises.read.holdings.PremisesRoutes;
import java.time.Clock;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/**
 * What the cooperative's books feed: premises and titles, ledgers, and the import that brings them.
 * The premises and finance zones' whole wiring.
 */
public final class BooksModule {

  public static final String SCHEMA = "/iok/books/registry.sql";

  private BooksModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push, Clock clock) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Premises.class));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Member.class));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Building.class));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Loan.class));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Ledger.class)
        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 200)));
    axon.registerCommandHandler(c -> new BooksImporter(c.repository(Premises.class), c.repository(Ledger.class),
        c.repository(Cooperative.class), c.repository(Member.class), c.repository(Loan.class),
        c.repository(Building.class), jdbc, clock,
        c.deadlineManager()));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(PremisesProjection.PROCESSOR)
        .registerEventHandler(c -> new PremisesProjection(jdbc))
        .registerPooledStreamingEventProcessor(LedgerProjection.PROCESSOR, org.axonframework.config.Configuration::eventStore,
            (c, b) -> b.batchSize(100))
        .registerEventHandler(c -> new LedgerProjection(jdbc, push))
        .registerPooledStreamingEventProcessor(MembershipProjection.PROCESSOR)
        .registerEventHandler(c -> new MembershipProjection(jdbc));
  }

  public static void mount(Api api, Pool pool, Commands commands, ZoneGate zones, Clock clock) {
    ImportRoute.mount(api, pool, commands);
    PremisesRoutes.mount(api, pool, clock);
    FinanceRoutes.mount(api, pool, zones, clock);
    MembershipRoutes.mount(api, pool, zones);
  }
}
