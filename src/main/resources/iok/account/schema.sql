-- Read model of accounts, projected from AccountEvent by the 'accounts' processor.
CREATE TABLE IF NOT EXISTS account (
  account_id                    TEXT PRIMARY KEY,
  cooperative_id                TEXT NOT NULL,
  login                         TEXT NOT NULL,
  role                          TEXT NOT NULL,
  first_name                    TEXT NOT NULL,
  last_name                     TEXT NOT NULL,
  email                         TEXT,
  phone                         TEXT,
  notifications                 JSONB NOT NULL DEFAULT '{}',     -- kind -> channels (P III.6h)
  locked                        BOOLEAN NOT NULL DEFAULT false,  -- by wrong passwords (R4)
  blocked                       BOOLEAN NOT NULL DEFAULT false,  -- by an administrator (R6)
  blocked_reason                TEXT,
  erased                        BOOLEAN NOT NULL DEFAULT false,  -- names read '[usunięto]' (R18)
  consecutive_failures          INT NOT NULL DEFAULT 0,
  must_change_password          BOOLEAN NOT NULL,
  accepted_regulations_version  TEXT,
  session_epoch                 BIGINT NOT NULL DEFAULT 0,
  kept_session_id               TEXT,               -- the session that changed the password goes on
  registered_at                 TIMESTAMPTZ NOT NULL,
  last_login_at                 TIMESTAMPTZ,
  version                       BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_by_cooperative ON account (cooperative_id, last_name, first_name);

-- Sessions ended by signing out.
CREATE TABLE IF NOT EXISTS account_ended_session (
  session_id  TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  ended_at    TIMESTAMPTZ NOT NULL
);
