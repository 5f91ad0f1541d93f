package iok.meters;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.meters.ReadingScheduleEvent.ReadingWindowsSet;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** When a cooperative wants its water meters read: a list of windows the administrator keeps. */
public class ReadingSchedule {

  public record SetReadingWindows(@TargetAggregateIdentifier String scheduleId, String cooperativeId,
                                  List<ReadingWindow> windows) {}

  @AggregateIdentifier
  private String scheduleId;
  private long sequence = -1;

  protected ReadingSchedule() {}

  /** One schedule per cooperative; it comes to be the first time windows are set. */
  public static String id(String cooperativeId) {
    return cooperativeId + ":reading-windows";
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public long handle(SetReadingWindows command, Clock clock) {
    List<ReadingWindow> sorted = command.windows().stream()
        .sorted(Comparator.comparing(ReadingWindow::opensOn).thenComparing(ReadingWindow::closesOn)).toList();
    apply(new ReadingWindowsSet(command.scheduleId(), command.cooperativeId(), sorted, clock.instant()));
    return sequence;
  }

  @EventSourcingHandler
  void on(ReadingScheduleEvent event) {
    sequence++;
    switch (event) {
      case ReadingWindowsSet e -> scheduleId = e.scheduleId();
    }
  }
}
