-- Read model of water meters, their readings and the cooperatives' reading windows, projected by 'meters'.
CREATE TABLE IF NOT EXISTS meter_view (
  meter_id        TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  premises_id     TEXT NOT NULL,     -- the books' id
  kind            TEXT NOT NULL,     -- cold | hot
  number          TEXT NOT NULL,
  place           TEXT NOT NULL,
  legalised_until DATE NOT NULL,
  installed_on    DATE NOT NULL,
  removed_on      DATE,
  replaces        TEXT,
  replaced_by     TEXT,
  version         BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS meter_by_premises ON meter_view (cooperative_id, premises_id);
CREATE TABLE IF NOT EXISTS meter_reading (
  reading_id      TEXT PRIMARY KEY,
  meter_id        TEXT NOT NULL,
  cooperative_id  TEXT NOT NULL,
  position        BIGINT NOT NULL,   -- the meter's event sequence that took the reading in: the series' order
  read_at         DATE NOT NULL,
  value           NUMERIC(12, 3) NOT NULL,
  submitted_value NUMERIC(12, 3) NOT NULL,
  source          TEXT NOT NULL,     -- resident | installation | removal
  status          TEXT NOT NULL,     -- submitted | flagged | accepted | corrected
  submitted_by    TEXT,
  submitted_at    TIMESTAMPTZ NOT NULL,
  per_day         NUMERIC(12, 3),    -- for a flagged reading: m3 a day since the reading before
  usual_per_day   NUMERIC(12, 3),    -- and as usual
  reviewed_at     TIMESTAMPTZ,
  comment         TEXT
);
CREATE INDEX IF NOT EXISTS meter_reading_by_meter ON meter_reading (meter_id, position);
CREATE INDEX IF NOT EXISTS meter_reading_by_status ON meter_reading (cooperative_id, status, submitted_at);
-- Read by others too (the reminders before a window opens): keep the name and these columns.
CREATE TABLE IF NOT EXISTS meters_reading_window (
  cooperative_id TEXT NOT NULL,
  opens_on       DATE NOT NULL,
  closes_on      DATE NOT NULL,
  mandatory      BOOLEAN NOT NULL
);
CREATE INDEX IF NOT EXISTS meters_reading_window_by_cooperative ON meters_reading_window (cooperative_id, opens_on);
CREATE TABLE IF NOT EXISTS meters_reading_schedule (
  cooperative_id TEXT PRIMARY KEY,
  version        BIGINT NOT NULL
);
