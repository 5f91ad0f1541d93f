package iok.correspondence.write.sending;

import iok.correspondence.AttachmentStore;
import iok.platform.db.Jdbc;

/** Keeps an attachment's bytes in the sending command's own transaction. */
public final class JdbcAttachmentStore implements AttachmentStore {

  private final Jdbc jdbc;

  public JdbcAttachmentStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void keep(String cooperativeId, String contentId, byte[] bytes) {
    jdbc.update("INSERT INTO letter_content (cooperative_id, content_id, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        cooperativeId, contentId, bytes);
  }
}
