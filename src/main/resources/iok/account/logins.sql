-- Logins claimed by registrations, written in the same transaction as the account's first event, so a
-- login is never given twice. This is the write side's uniqueness set, not a projection.
CREATE TABLE IF NOT EXISTS account_login (
  cooperative_id TEXT NOT NULL,
  login          TEXT NOT NULL,
  account_id     TEXT NOT NULL UNIQUE,
  PRIMARY KEY (cooperative_id, login)
);
