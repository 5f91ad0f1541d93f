-- The bytes of housing communities' published documents (PDF), kept in the publishing command's transaction;
-- the events hold only each file's name, size, SHA-256 and content id. Write side: never dropped with a read model.
CREATE TABLE IF NOT EXISTS community_document_content (
  cooperative_id  TEXT NOT NULL,
  content_id      TEXT NOT NULL,
  bytes           BYTEA NOT NULL,
  stored_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, content_id)
);
