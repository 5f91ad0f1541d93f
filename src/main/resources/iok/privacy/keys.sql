-- One data key per person (account id): names, contact data and free text in events are sealed with it
-- (iok.privacy.PersonalKeys). Erasure sets data_key to NULL and erased_at: a tombstone, so nothing of the
-- person is sealed again and what was sealed stays unreadable. Write side: never dropped, never rebuilt.
CREATE TABLE IF NOT EXISTS personal_key (
  subject_id  TEXT PRIMARY KEY,
  data_key    BYTEA,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  erased_at   TIMESTAMPTZ
);
