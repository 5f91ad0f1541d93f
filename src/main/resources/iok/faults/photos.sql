-- The bytes of faults' photos. Not a read model: the events carry only what describes a photo
-- (FaultPhotoAttached: content id, type, size, sha256), so these rows are kept, never rebuilt.
CREATE TABLE IF NOT EXISTS fault_photo_content (
  content_id     TEXT PRIMARY KEY,
  cooperative_id TEXT NOT NULL,
  fault_id       TEXT NOT NULL,
  media_type     TEXT NOT NULL,
  bytes          BYTEA NOT NULL,
  stored_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
