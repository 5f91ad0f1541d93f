package iok.account;

import io.vertx.sqlclient.Pool;
import iok.account.read.accounts.AccountProjection;
import iok.account.read.accounts.AccountRoutes;
import iok.account.write.administration.AdministrationRoutes;
import iok.account.write.administration.JdbcLoginRegistry;
import iok.account.write.administration.Registration;
import iok.account.write.profile.ProfileRoutes;
import iok.account.write.session.SessionRoutes;
import iok.platform.auth.Passwords;
import iok.platform.auth.SessionCheck;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Commands;
import iok.platform.push.PushFeed;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;

/** Accounts and access: the feature's whole wiring. */
public final class AccountModule {

  /** The write side's own table (the login set); the read model's tables come with its projection. */
  public static final String SCHEMA = "/iok/account/logins.sql";
  private static final int SNAPSHOT_EVERY = 100;

  private AccountModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, PushFeed push, Passwords passwords, Erasure erasure) {
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Account.class)
        // logins add an event each; a snapshot keeps loading an old account cheap
        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), SNAPSHOT_EVERY)));
    axon.registerComponent(LoginRegistry.class, c -> new JdbcLoginRegistry(jdbc));
    axon.registerComponent(Passwords.class, c -> passwords);
    axon.registerComponent(Erasure.class, c -> erasure);
    axon.eventProcessing()
        .registerPooledStreamingEventProcessor(AccountProjection.PROCESSOR)
        .registerEventHandler(c -> new AccountProjection(jdbc, push));
  }

  public static void mount(Api api, Pool pool, Commands commands, SessionCheck check, Passwords passwords,
                           ReadYourWrites reads, Registration registration) {
    AccountRoutes.mount(api, pool);
    new SessionRoutes(pool, commands, api.sessions(), check, passwords, reads).mount(api);
    new AdministrationRoutes(commands, passwords, reads, registration).mount(api);
    ProfileRoutes.mount(api, pool, commands, reads);
  }
}
