package iok.platform.axon;

import iok.privacy.PersonalDataSerializer;
import iok.privacy.PersonalFields;
import iok.platform.config.Config;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;

/**
 * Axon 4 without Spring or Axon Server: a JDBC event store on PostgreSQL with JSON payloads, a JDBC
 * token store, pooled streaming processors, and commands handled on virtual threads so that Axon's
 * blocking work never runs on a Vert.x event loop.
 */
public final class EventSourcing {

  /** Metadata keys copied from a command to every event it causes. */
  public static final List<String> CORRELATED_METADATA = List.of(Metadata.ACTOR_ID, Metadata.ACTOR_ROLE,
      Metadata.ACTOR_LOGIN, Metadata.COOPERATIVE, Metadata.REQUEST_ID);

  static final long FETCH_DELAY_MILLIS = 20;
  static final int BATCH_SIZE = 100;
  /** One per JVM: it only pokes processors, and two nodes in one test JVM may share it. */
  private static final StreamWakeup WAKEUP = new StreamWakeup();

  private EventSourcing() {}

  /**
   * {@code personal}: how personal data are sealed in what Axon stores, events and snapshots alike;
   * {@code cluster} names this node's segment claims and sets how fast segments move between nodes;
   * {@code share} is how many segments of a processor this node may hold (see {@link Nodes}).
   */
  public static Configurer configurer(DataSource dataSource, JdbcTransactions transactions, Clock clock,
                                      Deadlines deadlines, PersonalFields personal, Config.Cluster cluster,
                                      MaxSegmentProvider share) {
    Serializer events = new PersonalDataSerializer(
        JacksonSerializer.builder().objectMapper(Json.events()).lenientDeserialization().build(), personal);
    Serializer snapshots = new PersonalDataSerializer(
        JacksonSerializer.builder().objectMapper(Json.snapshots()).lenientDeserialization().build(), personal);
    ExecutorService commandThreads = Executors.newVirtualThreadPerTaskExecutor();
    ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("iok-command-retry").factory());

    Configurer configurer = DefaultConfigurer.defaultConfiguration()
        .configureSerializer(c -> events)
        .configureEventSerializer(c -> events)
        .configureMessageSerializer(c -> events)
        .configureTransactionManager(c -> transactions)
        .registerComponent(Clock.class, c -> clock)
        .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
            new SimpleCorrelationDataProvider(CORRELATED_METADATA.toArray(String[]::new))))
        .configureEventStore(c -> {
          EmbeddedEventStore store = EmbeddedEventStore.builder()
              .storageEngine(JdbcEventStorageEngine.builder()
                  .connectionProvider(transactions)
                  .transactionManager(transactions)
                  .eventSerializer(events)
                  .snapshotSerializer(snapshots)
                  .dataType(String.class)
                  .appendEvents(new ChainedAppend(events))
                  .persistenceExceptionResolver(new SQLStateResolver("23505"))
                  .upcasterChain(c.upcasterChain())
                  .build())
              .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore"))
              .spanFactory(c.getComponent(org.axonframework.eventhandling.EventBusSpanFactory.class))
              // how soon the processors see events this node did not append itself (other nodes'), and
              // the upper bound of their wait otherwise: the store is read again after at most this long
              .fetchDelay(FETCH_DELAY_MILLIS)
              .build();
          // once what a unit of work appended is committed, the processors are told to look (see StreamWakeup)
          store.registerDispatchInterceptor(messages -> {
            WAKEUP.afterCommitOfCurrentUnitOfWork();
            return (i, m) -> m;
          });
          c.onShutdown(store::shutDown);
          return store;
        })
        .configureCommandBus(c -> {
          CommandBus bus = AsynchronousCommandBus.builder()
              .executor(commandThreads)
              .transactionManager(transactions)
              .messageMonitor(c.messageMonitor(AsynchronousCommandBus.class, "commandBus"))
              .build();
          bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
          return bus;
        })
        .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
            .commandBus(c.commandBus())
            // two nodes deciding on one aggregate at once: the loser retries on fresh state
            // only a lost race is worth another try: a refusal or an unreachable database answers at once
            .retryScheduler(IntervalRetryScheduler.builder().retryExecutor(retries).retryInterval(20).maxRetryCount(5)
                .nonTransientFailurePredicate(failure -> !(failure instanceof ConcurrencyException))
                .build())
            .build());
    deadlines.configure(configurer, events, transactions);
    configurer.eventProcessing()
        // the default node id is the JVM's pid@host: two nodes in one JVM would each take the other's claims for their own
        .registerTokenStore(c -> JdbcTokenStore.builder()
            .connectionProvider(transactions)
            .serializer(events)
            .nodeId(cluster.nodeId())
            .claimTimeout(cluster.claimTimeout())
            .build())
        .usingPooledStreamingEventProcessors()
        // every pooled processor (each module's own settings come after these): its share of segments, how
        // often it looks for unclaimed ones, and how often it renews its claims, well within their timeout
        .registerPooledStreamingEventProcessorConfiguration((c, builder) -> builder
            .messageSource(WAKEUP.around(c.eventStore()))
            // up to this many waiting events per transaction: one commit (one fsync) per event capped a
            // projection at a few hundred events a second; a batch takes only what is there, so a lone event
            // still goes at once
            .batchSize(BATCH_SIZE)
            .maxSegmentProvider(share)
            .tokenClaimInterval(cluster.claimInterval().toMillis())
            .claimExtensionThreshold(Math.min(5_000, cluster.claimTimeout().toMillis() / 3)))
        // a projection that fails must stop and retry, never skip the event and commit its token
        .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    return configurer;
  }
}
