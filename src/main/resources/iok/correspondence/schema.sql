-- Read model of correspondence threads, projected from CorrespondenceEvent by 'correspondence'.
CREATE TABLE IF NOT EXISTS letter_thread (
  thread_id              TEXT PRIMARY KEY,
  cooperative_id         TEXT NOT NULL,
  resident_id            TEXT NOT NULL,
  kind                   TEXT NOT NULL,            -- letter (from the cooperative) | message (from the resident)
  subject                TEXT NOT NULL,
  about_zone             TEXT,                     -- set: a "this information is wrong" report (R17)
  about_ref              TEXT,
  started_at             TIMESTAMPTZ NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL,
  last_by                TEXT NOT NULL,            -- admin | resident: who wrote last
  opened_at              TIMESTAMPTZ,              -- when the resident first opened the cooperative's letter
  resident_read_through  BIGINT NOT NULL,          -- the resident has seen every entry up to this sequence
  last_admin_entry       BIGINT NOT NULL,          -- the sequence of the cooperative's latest entry, -1 if none
  version                BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS letter_thread_by_resident ON letter_thread (cooperative_id, resident_id, updated_at DESC);
CREATE INDEX IF NOT EXISTS letter_thread_by_cooperative ON letter_thread (cooperative_id, updated_at DESC);
CREATE TABLE IF NOT EXISTS letter_entry (
  thread_id    TEXT NOT NULL,
  sequence     BIGINT NOT NULL,
  author_role  TEXT NOT NULL,
  body         TEXT NOT NULL,
  at           TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (thread_id, sequence)
);
CREATE TABLE IF NOT EXISTS letter_file (
  thread_id   TEXT NOT NULL,
  n           INT NOT NULL,
  content_id  TEXT NOT NULL,
  name        TEXT NOT NULL,
  size        BIGINT NOT NULL,
  sha256      TEXT NOT NULL,
  PRIMARY KEY (thread_id, n)
);
