package iok.communities.write.documents;

import iok.communities.DocumentStore;
import iok.platform.db.Jdbc;

/** Keeps a community document's bytes in the publishing command's own transaction. */
public final class JdbcDocumentStore implements DocumentStore {

  private final Jdbc jdbc;

  public JdbcDocumentStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void keep(String cooperativeId, String contentId, byte[] bytes) {
    jdbc.update("INSERT INTO community_document_content (cooperative_id, content_id, bytes) VALUES (?, ?, ?) "
        + "ON CONFLICT DO NOTHING", cooperativeId, contentId, bytes);
  }
}
