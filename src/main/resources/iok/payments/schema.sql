-- Read model of online payments and the cooperatives' gateway settings, projected by 'payments'.
CREATE TABLE IF NOT EXISTS payment_view (
  order_id        TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  premises_id     TEXT NOT NULL,
  title_id        TEXT NOT NULL,
  amount          NUMERIC(14, 2) NOT NULL,
  currency        TEXT NOT NULL,
  status          TEXT NOT NULL,            -- started | pending | paid | failed | expired
  remote_id       TEXT,
  paid_on         DATE,
  valid_until     TIMESTAMPTZ NOT NULL,
  started_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  version         BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_view_by_account ON payment_view (cooperative_id, account_id, started_at DESC);

CREATE TABLE IF NOT EXISTS payment_settings (
  cooperative_id   TEXT PRIMARY KEY,
  service_id       TEXT NOT NULL,
  gateway_url      TEXT NOT NULL,
  key_id           TEXT NOT NULL,
  key_fingerprint  TEXT NOT NULL,
  max_amount       NUMERIC(14, 2) NOT NULL,
  changed_at       TIMESTAMPTZ NOT NULL,
  version          BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_settings_by_service ON payment_settings (service_id);
