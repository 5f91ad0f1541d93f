-- Read model of ledgers: every booked entry, projected from LedgerEvent by 'finance'. Balances are
-- computed from it as of the day asked (this month's charges count before they fall due).
CREATE TABLE IF NOT EXISTS ledger_entry (
  cooperative_id TEXT NOT NULL,
  title_id       TEXT NOT NULL,
  entry_id       TEXT NOT NULL,
  kind           TEXT NOT NULL,           -- charge | payment | correction | interest
  component      TEXT,
  month          TEXT,                    -- YYYY-MM, charges only
  entry_date     DATE NOT NULL,           -- due date of a charge, else the day it happened
  amount         NUMERIC(14, 2) NOT NULL, -- as booked: a payment is positive here
  debt           NUMERIC(14, 2) NOT NULL, -- its effect on what is owed: a payment is negative
  description    TEXT,
  source         TEXT,
  PRIMARY KEY (cooperative_id, title_id, entry_id)
);
CREATE INDEX IF NOT EXISTS ledger_entry_newest ON ledger_entry (cooperative_id, title_id, entry_date DESC, entry_id DESC);
