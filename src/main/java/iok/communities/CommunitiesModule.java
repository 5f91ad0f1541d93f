package iok.communities;

import io.vertx.sqlclient.Pool;
import iok.communities.read.voting.CommunityProjection;
import iok.communities.read.voting.CommunityRoutes;
import iok.communities.write.documents.DocumentRoutes;
import iok.communities.write.documents.JdbcDocumentStore;
import iok.communities.write.voting.VotingRoutes;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import java.time.Clock;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Housing communities (O I.1b): their documents, and resolutions voted by the owners' shares. The whole wiring. */
public final class CommunitiesModule {

  /** Where documents' bytes are kept: write side, applied on every start, never rebuilt. */
  public static final String SCHEMA = "/iok/communities/documents.sql";

  private CommunitiesModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push) {
    axon.registerComponent(DocumentStore.class, c -> new JdbcDocumentStore(jdbc));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Resolution.class));
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(CommunityDocument.class));
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(CommunityProjection.PROCESSOR)
        .registerEventHandler(c -> new CommunityProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, Clock clock) {
    CommunityRoutes.mount(api, pool, clock);
    VotingRoutes.mount(api, pool, commands, reads, clock);
    DocumentRoutes.mount(api, pool, commands, reads, clock);
  }
}
