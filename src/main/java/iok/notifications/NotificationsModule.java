package iok.notifications;

import io.vertx.core.Vertx;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import iok.notifications.automation.remind.ReminderRun;
import iok.notifications.automation.tellresidents.Notifier;
import iok.notifications.delivery.Channel;
import iok.notifications.delivery.DeadLetterRetry;
import iok.notifications.delivery.Deliverer;
import iok.notifications.delivery.DeliveryLog;
import iok.notifications.delivery.Mailer;
import iok.notifications.delivery.SmsApi;
import iok.platform.axon.JdbcTransactions;
import iok.platform.config.Config;
import iok.platform.db.Jdbc;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Telling residents by e-mail and SMS (P III.6h, R15): the feature's whole wiring. Sending is an event
 * processor of its own, so a slow or absent provider never holds back a read model; a failed delivery
 * parks its event in Axon's JDBC dead-letter queue, from where it is retried until it goes out.
 */
public final class NotificationsModule {

  public static final String SCHEMA = "/iok/notifications/schema.sql";

  private NotificationsModule() {}

  public static void configure(Configurer axon, Jdbc jdbc, JdbcTransactions transactions, DataSource dataSource,
                               Vertx vertx, Config config, Clock clock) {
    Optional<Channel> email = config.smtp().map(smtp -> new Mailer(vertx, smtp));
    Optional<Channel> sms = config.sms().map(SmsApi::new);
    Deliverer deliverer = new Deliverer(jdbc, new DeliveryLog(dataSource), email, sms, clock);
    axon.configureAggregate(AggregateConfigurer.defaultConfiguration(Reminder.class));
    axon.eventProcessing()
        // told of what happens from now on: switching notifications on must not mail out the store's history
        .registerPooledStreamingEventProcessor(Notifier.PROCESSOR, Configuration::eventStore,
            (c, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken))
        .registerEventHandler(c -> new Notifier(jdbc, deliverer))
        .registerDeadLetterQueue(Notifier.PROCESSOR, c -> JdbcSequencedDeadLetterQueue.builder()
            .processingGroup(Notifier.PROCESSOR)
            .connectionProvider(transactions)
            .transactionManager(transactions)
            .schema(DeadLetterSchema.defaultSchema())
            .genericSerializer(c.serializer())
            .eventSerializer(c.eventSerializer())
            .build());
  }

  /**
   * The reminder pass as a persistent recurring task: every {@code IOK_REMINDER_CHECK_SECONDS}, on one node,
   * surviving restarts. {@code axon} is asked only when the task runs, after the node has started.
   */
  public static RecurringTask<Void> reminders(DataSource dataSource, Supplier<Configuration> axon, Config config,
                                              Clock residentsClock) {
    ReminderRun run = new ReminderRun(dataSource, () -> axon.get().commandGateway(), residentsClock);
    return Tasks.recurring("iok-reminders", Schedules.fixedDelay(config.reminderCheck()))
        .execute((instance, context) -> run.run());
  }

  /** Starts retrying parked deliveries; close it on shutdown. */
  public static AutoCloseable start(Configuration axon, Config config) {
    return DeadLetterRetry.start(axon, Notifier.PROCESSOR, config.deliveryRetry());
  }
}
