package iok.account;

import java.time.LocalDate;

/**
 * What erasing a person needs beyond the account's own events: whether the books still give them title to
 * premises, and, once decided, destroying their key and what IOK keeps of them beside the events.
 */
public interface Erasure {

  /** Whether the person holds title to some premises on the day (a title valid that day). */
  boolean holdsTitle(String cooperativeId, String accountId, LocalDate day);

  /** Runs in the erasing command's transaction: it commits with the {@code AccountErased} event, or not at all. */
  void erase(String cooperativeId, String accountId);
}
