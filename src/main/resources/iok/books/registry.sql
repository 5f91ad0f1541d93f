-- The books' keys IOK knows, written in the same transaction as the events an import records, so the
-- next batch can refer to them at once (titles to premises, ledger entries to titles). Write side, like
-- the login set: never dropped with a read model.
CREATE TABLE IF NOT EXISTS books_premises (
  cooperative_id TEXT NOT NULL,
  premises_id    TEXT NOT NULL,
  PRIMARY KEY (cooperative_id, premises_id)
);
CREATE TABLE IF NOT EXISTS books_title (
  cooperative_id TEXT NOT NULL,
  title_id       TEXT NOT NULL,
  premises_id    TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  PRIMARY KEY (cooperative_id, title_id)
);
-- a title's period, for the rule that losing the last one blocks the account 30 days later
ALTER TABLE books_title ADD COLUMN IF NOT EXISTS valid_from DATE;
ALTER TABLE books_title ADD COLUMN IF NOT EXISTS valid_until DATE;
CREATE TABLE IF NOT EXISTS books_member (
  cooperative_id TEXT NOT NULL,
  books_id       TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  PRIMARY KEY (cooperative_id, books_id)
);
CREATE TABLE IF NOT EXISTS books_loan (
  cooperative_id TEXT NOT NULL,
  books_id       TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  PRIMARY KEY (cooperative_id, books_id)
);
CREATE TABLE IF NOT EXISTS books_building (
  cooperative_id TEXT NOT NULL,
  books_id       TEXT NOT NULL,
  PRIMARY KEY (cooperative_id, books_id)
);
