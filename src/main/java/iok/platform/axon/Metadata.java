package iok.platform.axon;

/** The metadata every command carries and every event inherits: who did it, for which cooperative, in which request. */
public final class Metadata {

  public static final String ACTOR_ID = "actorId";
  public static final String ACTOR_ROLE = "actorRole";
  public static final String ACTOR_LOGIN = "actorLogin";
  public static final String COOPERATIVE = "cooperative";
  public static final String REQUEST_ID = "requestId";

  private Metadata() {}
}
