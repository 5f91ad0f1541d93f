-- Logins claimed by registrations, written in the same transaction as the account's first event, so a
-- login is never given twice. This is the write side's uniqueness set, not a projection.
CREATE TABLE IF NOT EXISTS account_login (
  cooperative_id TEXT NOT NULL,
  login          TEXT NOT NULL,
  account_id     TEXT NOT NULL UNIQUE,
  PRIMARY KEY (cooperative_id, login)
);

-- Wrong attempts on logins that name nobody, counted like a real account's consecutive failures and shared by
-- every node, so that "remaining attempts" counts down the same way whichever node answers and after restarts.
CREATE TABLE IF NOT EXISTS account_unknown_login (
  cooperative_id TEXT NOT NULL,
  login          TEXT NOT NULL,
  failures       INTEGER NOT NULL,
  last_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (cooperative_id, login)
);
