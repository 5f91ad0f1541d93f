package iok.platform.push;

/** Who in a cooperative a live message is for. */
public record Audience(String cooperativeId, String key) {

  public static Audience account(String cooperativeId, String accountId) {
    return new Audience(cooperativeId, "account:" + accountId);
  }

  public static Audience role(String cooperativeId, String role) {
    return new Audience(cooperativeId, "role:" + role);
  }

  public static Audience everyone(String cooperativeId) {
    return new Audience(cooperativeId, "all");
  }

  /** Whether a person with this account and role in this cooperative is meant. */
  public boolean includes(String cooperative, String accountId, String role) {
    if (!cooperativeId.equals(cooperative)) return false;
    return key.equals("all") || key.equals("account:" + accountId) || key.equals("role:" + role);
  }
}
