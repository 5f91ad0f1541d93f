-- What notifications went out (issue 5): one row per event, person and channel, never the address.
-- Not a read model: it is the memory that keeps a retried delivery from being sent twice.
CREATE TABLE IF NOT EXISTS notification_delivery (
  event_id    TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  channel     TEXT NOT NULL,          -- email | sms
  kind        TEXT NOT NULL,          -- reading-dates | missing-payment | fault-status | new-announcement
  outcome     TEXT NOT NULL,          -- sent | refused | no-provider
  at          TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (event_id, account_id, channel)
);
CREATE INDEX IF NOT EXISTS notification_delivery_by_account ON notification_delivery (account_id, at);
