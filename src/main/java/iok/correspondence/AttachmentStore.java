package iok.correspondence;

/**
 * Where the bytes of a letter's attachments live, apart from the events. Kept in the sending command's
 * own transaction, so a letter that is refused or fails to be recorded leaves no orphaned file behind.
 */
public interface AttachmentStore {

  void keep(String cooperativeId, String contentId, byte[] bytes);
}
