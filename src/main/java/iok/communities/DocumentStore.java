package iok.communities;

/** Where a community document's bytes live, apart from the events; kept in the publishing command's transaction. */
public interface DocumentStore {

  void keep(String cooperativeId, String contentId, byte[] bytes);
}
