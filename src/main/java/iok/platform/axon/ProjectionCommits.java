package iok.platform.axon;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Tells whoever waits for a read model that one of this node's event processors has just committed a
 * batch, and whose events it held (their aggregates' ids), so a request waiting to see its own change
 * looks at once instead of at its next poll.
 */
public final class ProjectionCommits {

  private static final String AGGREGATES = ProjectionCommits.class.getName();

  private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

  public void onCommit(Consumer<Set<String>> listener) {
    listeners.add(listener);
  }

  /** For every processor: once its unit of work commits, the listeners hear which aggregates' events it applied. */
  public MessageHandlerInterceptor<EventMessage<?>> interceptor() {
    return (unitOfWork, chain) -> {
      var root = unitOfWork.root();
      @SuppressWarnings("unchecked")
      Set<String> aggregates = (Set<String>) root.resources().computeIfAbsent(AGGREGATES, key -> {
        Set<String> ids = new HashSet<>();
        root.afterCommit(u -> listeners.forEach(l -> l.accept(ids)));
        return ids;
      });
      if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) aggregates.add(event.getAggregateIdentifier());
      return chain.proceed();
    };
  }
}
