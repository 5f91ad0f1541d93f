package iok;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import iok.account.AccountModule;
import iok.account.read.accounts.AccountSessionCheck;
import iok.account.write.administration.Registration;
import iok.audit.read.asof.AsOfRoute;
import iok.audit.read.asof.AsOfState;
import iok.privacy.PersonalFields;
import iok.privacy.PersonalKeys;
import iok.privacy.write.erasure.JdbcErasure;
import iok.audit.read.export.AccountExportRoute;
import iok.privacy.read.export.PersonalDataExportRoute;
import iok.audit.read.history.AccountHistoryRoute;
import iok.audit.verify.ChainVerifier;
import iok.audit.verify.VerifyRoute;
import iok.cooperative.CooperativeModule;
import iok.platform.auth.AttemptLimits;
import iok.platform.auth.Passwords;
import iok.platform.auth.Sessions;
import iok.platform.auth.SigningKeys;
import iok.platform.axon.Deadlines;
import iok.platform.axon.EventSourcing;
import iok.platform.axon.JdbcTransactions;
import iok.platform.axon.Nodes;
import iok.platform.axon.ProjectionCommits;
import iok.platform.config.Config;
import iok.platform.db.Database;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.db.ReadModel;
import iok.books.BooksModule;
import iok.faults.FaultsModule;
import iok.payments.PaymentsModule;
import iok.payments.gatewaydouble.GatewayDouble;
import iok.cooperative.read.zones.ZoneGate;
import iok.payments.read.payments.PaymentProjection;
import iok.payments.write.settings.GatewaySettings;
import iok.platform.secrets.KeyVault;
import iok.notifications.NotificationsModule;
import iok.faults.read.tracker.FaultProjection;
import iok.correspondence.CorrespondenceModule;
import iok.correspondence.read.threads.ThreadProjection;
import iok.meters.MetersModule;
import iok.meters.read.meterbook.MeterProjection;
import iok.announcements.AnnouncementsModule;
import iok.announcements.read.board.AnnouncementProjection;
import iok.membership.read.files.MembershipProjection;
import iok.finance.read.ledger.LedgerProjection;
import iok.premises.read.holdings.PremisesProjection;
import iok.platform.db.Schema;
import iok.account.read.accounts.AccountProjection;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.platform.http.Api;
import iok.platform.http.ClientAddress;
import iok.platform.http.Commands;
import iok.platform.http.Health;
import iok.platform.metrics.Metrics;
import iok.platform.http.ProjectionRoutes;
import iok.platform.axon.Replays;
import iok.platform.http.HttpVerticle;
import iok.platform.push.EventStreams;
import iok.platform.push.PushFeed;
import iok.platform.push.PushHub;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;

/**
 * One running IOK node: the database, Axon with every feature's aggregates and projections, and the
 * Vert.x HTTP front. {@link Main} starts one; tests start their own on a database of their own.
 */
public final class Iok implements AutoCloseable {

  private static final List<String> SCHEMAS = List.of(Schema.EVENT_STORE, "/iok/platform/schema.sql",
      AccountModule.SCHEMA, BooksModule.SCHEMA, FaultsModule.SCHEMA, CorrespondenceModule.SCHEMA,
      NotificationsModule.SCHEMA, PaymentsModule.SCHEMA, PersonalKeys.SCHEMA, iok.communities.CommunitiesModule.SCHEMA);
  private static final List<ReadModel> READ_MODELS = List.of(CooperativeProjection.READ_MODEL,
      AccountProjection.READ_MODEL, PremisesProjection.READ_MODEL, LedgerProjection.READ_MODEL,
      MembershipProjection.READ_MODEL, AnnouncementProjection.READ_MODEL, FaultProjection.READ_MODEL,
      ThreadProjection.READ_MODEL, MeterProjection.READ_MODEL, PaymentProjection.READ_MODEL,
      iok.communities.read.voting.CommunityProjection.READ_MODEL);
  /** Residents' days (what is due today) are Polish days. */
  private static final Clock WARSAW = Clock.system(java.time.ZoneId.of("Europe/Warsaw"));

  private final Database database;
  private final Configuration axon;
  private final Vertx vertx;
  private final Commands commands;
  private final Registration registration;
  private final ReadYourWrites reads;
  private final int port;
  private final List<Api.Described> routes;
  private final List<AutoCloseable> closers;
  private final GatewaySettings gateways;

  private Iok(Database database, Configuration axon, Vertx vertx, Commands commands, Registration registration,
              ReadYourWrites reads, int port, List<Api.Described> routes, List<AutoCloseable> closers,
              GatewaySettings gateways) {
    this.closers = List.copyOf(closers);
    this.gateways = gateways;
    this.reads = reads;
    this.database = database;
    this.axon = axon;
    this.vertx = vertx;
    this.commands = commands;
    this.registration = registration;
    this.port = port;
    this.routes = routes;
  }

  public static Iok start(Config config) {
    return start(config, new Passwords());
  }

  /** Tests pass cheaper password hashing; everything else is as in production. */
  public static Iok start(Config config, Passwords passwords) {
    Database database = Database.start(config);
    List<AutoCloseable> started = new ArrayList<>(List.of(database));
    try {
      Schema.apply(database.dataSource(), SCHEMAS, READ_MODELS);
      JdbcTransactions transactions = new JdbcTransactions(database.dataSource());
      Jdbc jdbc = new Jdbc(transactions);
      PushFeed push = new PushFeed(transactions);

      Metrics metrics = new Metrics(config.cluster().nodeId(), config.metricsToken());
      database.observe(metrics.registry());
      Vertx vertx = metrics.vertx();
      started.add(() -> vertx.close().await());
      AtomicReference<Configuration> built = new AtomicReference<>();
      Deadlines deadlines = new Deadlines(database.dataSource(), config.schedulerPolling(),
          List.of(NotificationsModule.reminders(database.dataSource(), built::get, config, WARSAW)));
      KeyVault vault = KeyVault.load(database.dataSource(), config.masterKey().current(), config.masterKey().previous());
      PersonalKeys personalKeys = new PersonalKeys(database.dataSource(), transactions, vault);
      personalKeys.sealUnderMasterKey(config.cluster().nodeId(), config.cluster().heartbeat().multipliedBy(3));
      GatewaySettings.sealUnderMasterKey(database.dataSource(), vault);
      PersonalFields personal = new PersonalFields(personalKeys);
      // before the processors start, so that each claims only its share when others are up already
      Nodes nodes = new Nodes(database.dataSource(), config.cluster());
      nodes.start();
      started.add(nodes);
      Configurer configurer = EventSourcing.configurer(database.dataSource(), transactions, Clock.systemUTC(), deadlines,
          personal, config.cluster(), nodes);
      ProjectionCommits projectionCommits = new ProjectionCommits();
      configurer.eventProcessing().registerDefaultHandlerInterceptor((c, name) -> projectionCommits.interceptor());
      configurer.configureMessageMonitor(org.axonframework.commandhandling.AsynchronousCommandBus.class,
          c -> metrics.commands());
      CooperativeModule.configure(configurer, jdbc, push);
      AccountModule.configure(configurer, jdbc, push, passwords, new JdbcErasure(jdbc, personalKeys));
      BooksModule.configure(configurer, jdbc, push, WARSAW);
      AnnouncementsModule.configure(configurer, jdbc, push);
      FaultsModule.configure(configurer, jdbc, push);
      PaymentsModule.configure(configurer, jdbc, push);
      NotificationsModule.configure(configurer, jdbc, transactions, database.dataSource(), vertx, config, Clock.systemUTC());
      CorrespondenceModule.configure(configurer, jdbc, push);
      MetersModule.configure(configurer, jdbc, push);
      iok.communities.CommunitiesModule.configure(configurer, jdbc, push);
      Configuration axon = configurer.buildConfiguration();
      built.set(axon);
      axon.start();
      started.add(axon::shutdown);
      deadlines.start(axon.deadlineManager());
      started.add(deadlines::stop);
      started.add(NotificationsModule.start(axon, config));

      PgConnectOptions connect = new PgConnectOptions()
          .setHost(database.url().host()).setPort(database.url().port()).setDatabase(database.url().database())
          .setUser(database.url().user()).setPassword(database.url().password())
          .setCachePreparedStatements(true).setReconnectAttempts(0);
      Pool pool = PgBuilder.pool().with(new PoolOptions().setName("iok-pg").setMaxSize(8).setMaxWaitQueueSize(2_000))
          // a database that does not answer at all (a cut network) fails a request in 2 s, not the default 60
          .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(2_000))
          .connectingTo(connect).using(vertx).build();
      PushHub hub = new PushHub(vertx, pool, connect, config.heartbeat());
      hub.start().await();
      push.onCommitted(hub::seen);
      metrics.observe(axon, database.dataSource(), hub, config.cluster().claimTimeout());

      Commands commands = new Commands(vertx, axon.commandGateway());
      ReadYourWrites reads = new ReadYourWrites(vertx, pool);
      projectionCommits.onCommit(reads::projectionsCommitted);
      AccountSessionCheck sessionCheck = new AccountSessionCheck(pool);
      Sessions sessions = new Sessions(vertx, SigningKeys.load(database.dataSource(), config.jwtKeyFile()), config.sessionLifetime(),
          config.secureCookies(), sessionCheck);
      Registration registration = new Registration(commands, passwords, reads);
      GatewaySettings gateways = new GatewaySettings(pool, vault,
          commands, reads);
      java.util.concurrent.atomic.AtomicInteger listening = new java.util.concurrent.atomic.AtomicInteger();

      AtomicReference<List<Api.Described>> routes = new AtomicReference<>(List.of());
      // shared by every HTTP instance: one sweep of old idempotency keys, one view of client addresses, limits and zones,
      // one gateway double (a payment started on one event loop is decided on another)
      iok.platform.http.Idempotency idempotency = new iok.platform.http.Idempotency(vertx, pool,
          config.cluster().nodeId(), config.cluster().heartbeat().multipliedBy(3));
      ClientAddress addresses = new ClientAddress(config.trustedProxies());
      AttemptLimits limits = new AttemptLimits(pool, config.authLimits());
      ZoneGate zones = new ZoneGate(pool);
      GatewayDouble gatewayDouble = config.gatewayDouble() ? new GatewayDouble(vertx, gateways, listening::get) : null;
      java.util.function.Consumer<io.vertx.ext.web.Router> mountAll = router -> {
        Replays replays = new Replays(axon);
        ProjectionRoutes.markRebuilding(router, replays);
        Api api = new Api(router, sessions, idempotency, addresses, limits);
        Health.mount(api, pool, axon, hub, replays);
        metrics.mount(api);
        ProjectionRoutes.mount(api, axon, replays, commands);
        EventStreams.mount(api, hub);
        CooperativeModule.mount(api, pool, commands, reads, zones);
        AccountModule.mount(api, pool, commands, sessionCheck, passwords, reads, registration);
        AccountHistoryRoute.mount(api, pool, personal);
        AccountExportRoute.mount(api, pool, personal);
        PersonalDataExportRoute.mount(api, pool);
        AsOfRoute.mount(api, pool, commands, new AsOfState(database.dataSource()), Clock.systemUTC());
        VerifyRoute.mount(api, pool, commands, new ChainVerifier(database.dataSource()));
        BooksModule.mount(api, pool, commands, zones, WARSAW);
        AnnouncementsModule.mount(api, pool, commands, reads, zones, WARSAW);
        FaultsModule.mount(api, vertx, pool, commands, reads, zones);
        PaymentsModule.mount(api, pool, commands, reads, zones, gateways, config.paymentValidity());
        if (gatewayDouble != null) gatewayDouble.mount(router);
        CorrespondenceModule.mount(api, pool, commands, reads, zones);
        MetersModule.mount(api, pool, commands, reads, zones, WARSAW);
        iok.communities.CommunitiesModule.mount(api, pool, commands, reads, WARSAW);
        routes.set(api.routes());
      };
      // every instance mounts the same routes on a router of its own, on its own event loop
      List<HttpVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
      vertx.deployVerticle(() -> {
        HttpVerticle instance = new HttpVerticle(config.httpPort(), config.bodyLimitBytes(), mountAll);
        instances.add(instance);
        return instance;
      }, new io.vertx.core.DeploymentOptions().setInstances(Math.max(1, config.httpInstances()))).await();
      HttpVerticle http = instances.getFirst();
      listening.set(http.actualPort());
      return new Iok(database, axon, vertx, commands, registration, reads, http.actualPort(), routes.get(), started,
          gateways);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** Every route this node serves, with who may call it; the OpenAPI test compares them with the document. */
  public List<Api.Described> routes() {
    return routes;
  }

  public int port() {
    return port;
  }

  public Configuration axon() {
    return axon;
  }

  public Commands commands() {
    return commands;
  }

  public ReadYourWrites reads() {
    return reads;
  }

  /** The cooperatives' gateway settings: how the demo points its cooperatives at the gateway double. */
  public GatewaySettings gateways() {
    return gateways;
  }

  public Registration registration() {
    return registration;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    closeAll(closers);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception ignored) {
        // closing the rest matters more
      }
    }
  }
}
