package iok.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The commands an account takes. Administrative ones name the administrator's cooperative: an account
 * of another cooperative answers as if it did not exist.
 */
public final class AccountCommands {

  private AccountCommands() {}

  public record RegisterAccount(@TargetAggregateIdentifier String accountId, String cooperativeId, String login,
                                Role role, String firstName, String lastName, String email, String phone,
                                String passwordHash, boolean mustChangePassword) {}

  public record AttemptLogin(@TargetAggregateIdentifier String accountId, String password, String sessionId) {}

  public record SignOut(@TargetAggregateIdentifier String accountId, String sessionId) {}

  public record ChangePassword(@TargetAggregateIdentifier String accountId, String currentPassword,
                               String newPassword, String sessionId) {}

  public record AcceptRegulations(@TargetAggregateIdentifier String accountId, String version) {}

  public record UnlockAccount(@TargetAggregateIdentifier String accountId, String cooperativeId) {}

  public record IssueInitialPassword(@TargetAggregateIdentifier String accountId, String cooperativeId,
                                     String passwordHash) {}

  public record BlockAccount(@TargetAggregateIdentifier String accountId, String cooperativeId, String reason) {}

  public record UnblockAccount(@TargetAggregateIdentifier String accountId, String cooperativeId) {}

  /** An administrator erases a person whose account is closed: blocked, and holding no title today. */
  public record EraseAccount(@TargetAggregateIdentifier String accountId, String cooperativeId) {}

  public record ChangeContact(@TargetAggregateIdentifier String accountId, String email, String phone) {}

  public record DeleteContact(@TargetAggregateIdentifier String accountId) {}

  public record ChooseNotifications(@TargetAggregateIdentifier String accountId,
                                    java.util.Map<String, java.util.List<String>> choices) {}
}
