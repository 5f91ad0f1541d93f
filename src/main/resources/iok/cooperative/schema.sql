-- Read model of cooperatives: their rules and current regulations, projected from CooperativeEvent.
CREATE TABLE IF NOT EXISTS cooperative (
  cooperative_id            TEXT PRIMARY KEY,
  name                      TEXT NOT NULL,
  password_policy           JSONB NOT NULL,
  lockout_threshold         INT NOT NULL,
  zones                     JSONB NOT NULL DEFAULT '[]',
  office                    TEXT,
  regulations_version       TEXT,
  regulations_text          TEXT,
  regulations_published_at  TIMESTAMPTZ,
  books_loaded_at           TIMESTAMPTZ,
  reading_notice_days       INT NOT NULL DEFAULT 3,    -- ReminderTimes.DEFAULT
  payment_grace_days        INT NOT NULL DEFAULT 14,
  version                   BIGINT NOT NULL
);
