package iok.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;

/**
 * Persistent deadlines: Axon's deadline manager on db-scheduler, whose tasks live in the
 * {@code scheduled_tasks} table of the event store's schema. A deadline survives restarts and fires
 * on whichever node polls first; the scheduler is started explicitly once the node is up.
 */
public final class Deadlines {

  private final AtomicReference<DbSchedulerDeadlineManager> manager = new AtomicReference<>();
  private final Scheduler scheduler;

  /** {@code recurring}: the features' own periodic jobs, run by the same scheduler, once per period across all nodes. */
  public Deadlines(DataSource dataSource, Duration pollingInterval, List<RecurringTask<?>> recurring) {
    this.scheduler = Scheduler.create(dataSource, DbSchedulerDeadlineManager.humanReadableTask(manager::get))
        .startTasks(recurring)
        .pollingInterval(pollingInterval)
        .threads(2)
        .build();
  }

  public void configure(Configurer configurer, Serializer serializer, JdbcTransactions transactions) {
    configurer.registerComponent(DeadlineManager.class, c -> {
      DbSchedulerDeadlineManager built = DbSchedulerDeadlineManager.builder()
          .scheduler(scheduler)
          .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
          .serializer(serializer)
          .transactionManager(transactions)
          .useBinaryPojo(false)
          .startScheduler(false)
          .stopScheduler(false)
          .build();
      manager.set(built);
      return built;
    });
  }

  /** After Axon started: deadlines may fire from now on. */
  public void start(DeadlineManager initialised) {
    if (manager.get() != initialised) throw new IllegalStateException("deadline manager not configured");
    scheduler.start();
  }

  public void stop() {
    scheduler.stop();
  }
}
