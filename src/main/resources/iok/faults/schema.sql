-- Read model of faults and their timelines, projected from FaultEvent by 'faults'.
CREATE TABLE IF NOT EXISTS fault_view (
  fault_id       TEXT PRIMARY KEY,
  cooperative_id TEXT NOT NULL,
  reporter_id    TEXT NOT NULL,
  premises_id    TEXT,
  place          TEXT,
  title          TEXT NOT NULL,
  description    TEXT NOT NULL,
  status         TEXT NOT NULL,
  reported_at    TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL,
  version        BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS fault_by_reporter ON fault_view (cooperative_id, reporter_id, reported_at DESC);
CREATE TABLE IF NOT EXISTS fault_entry (
  fault_id    TEXT NOT NULL,
  sequence    BIGINT NOT NULL,
  kind        TEXT NOT NULL,      -- reported | status | comment | reopened
  author_role TEXT,
  status      TEXT,
  text        TEXT,
  at          TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (fault_id, sequence)
);
CREATE TABLE IF NOT EXISTS fault_photo (
  fault_id   TEXT NOT NULL,
  number     INT NOT NULL,        -- 1..5, in the order they were attached
  content_id TEXT NOT NULL,       -- fault_photo_content, which holds the bytes
  media_type TEXT NOT NULL,
  size       BIGINT NOT NULL,
  sha256     TEXT NOT NULL,
  at         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (fault_id, number)
);
