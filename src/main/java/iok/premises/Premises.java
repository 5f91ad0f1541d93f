package iok.premises;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.premises.PremisesEvent.Details;
import iok.premises.PremisesEvent.PremisesDetailsChanged;
import iok.premises.PremisesEvent.PremisesRegistered;
import iok.premises.PremisesEvent.Title;
import iok.premises.PremisesEvent.TitleChanged;
import iok.premises.PremisesEvent.TitleGranted;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A premises as the books describe it. The books are the source of truth, so the decisions here are
 * only "is this news": the same row twice records nothing, a changed one records the change.
 */
public class Premises {

  @AggregateIdentifier
  private String premisesId;
  private Details details;
  private final Map<String, Title> titles = new HashMap<>();

  /** A premises the books have not described yet; the first event gives it its id. */
  public Premises() {}

  public static String id(String cooperativeId, String booksId) {
    return cooperativeId + ":premises:" + booksId;
  }

  /** Answers whether anything was recorded. */
  public boolean describe(String id, String cooperativeId, String booksId, Details described) {
    if (premisesId == null) {
      apply(new PremisesRegistered(id, cooperativeId, booksId, described));
      return true;
    }
    if (details.equals(described)) return false;
    apply(new PremisesDetailsChanged(premisesId, described));
    return true;
  }

  public boolean hold(Title title) {
    Title known = titles.get(title.booksId());
    if (title.equals(known)) return false;
    apply(known == null ? new TitleGranted(premisesId, title) : new TitleChanged(premisesId, title));
    return true;
  }

  public boolean registered() {
    return premisesId != null;
  }

  @EventSourcingHandler
  void on(PremisesEvent event) {
    switch (event) {
      case PremisesRegistered e -> {
        premisesId = e.premisesId();
        details = e.details();
      }
      case PremisesDetailsChanged e -> details = e.details();
      case TitleGranted e -> titles.put(e.title().booksId(), e.title());
      case TitleChanged e -> titles.put(e.title().booksId(), e.title());
    }
  }
}
