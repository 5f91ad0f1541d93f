-- Platform tables: not event-sourced state, but what the running application needs beside the event store.

-- Secrets the installation makes for itself (the session-signing key), shared by every node.
CREATE TABLE IF NOT EXISTS iok_secret (
  name        TEXT PRIMARY KEY,
  private_pem TEXT NOT NULL,
  public_pem  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The persisted push feed: every live message, so a reconnecting browser gets what it missed.
-- Positions are taken under a per-cooperative advisory lock held to commit, so within a cooperative
-- they become visible in order and a client's Last-Event-ID never skips a later-committing message.
-- Audience: one account ('account:<id>'), a role in the cooperative ('role:<role>') or everyone ('all').
CREATE TABLE IF NOT EXISTS push_feed (
  position     BIGSERIAL PRIMARY KEY,
  cooperative  TEXT NOT NULL,
  audience     TEXT NOT NULL,
  type         TEXT NOT NULL,
  data         JSONB NOT NULL,
  event_id     TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (event_id, audience, type)
);
CREATE INDEX IF NOT EXISTS push_feed_by_cooperative ON push_feed (cooperative, position);

-- The nodes sharing this database, each saying every few seconds that it is alive. A processor's segments
-- are shared out among the live ones; a node that stops removes its row, one that dies stops beating.
CREATE TABLE IF NOT EXISTS iok_node (
  node_id  TEXT PRIMARY KEY,
  seen_at  TIMESTAMPTZ NOT NULL
);
-- when this life of the node began: claims it made before a restart under the same id are not its own any more
ALTER TABLE iok_node ADD COLUMN IF NOT EXISTS started_at TIMESTAMPTZ;

-- Idempotency-Key: the first request with a key claims this row before it runs, so a copy sent at the
-- same time finds it taken; its answer is kept here and given again to retries for 24 hours.
-- status is NULL while the first request is being served. events_after is the event store's highest
-- index at the claim: the request's own events (by their requestId) come after it.
CREATE TABLE IF NOT EXISTS idempotency_key (
  account_id   TEXT NOT NULL,
  key          TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  request_id   TEXT NOT NULL,
  events_after BIGINT NOT NULL,
  claimed_at   TIMESTAMPTZ NOT NULL,
  status       INT,
  content_type TEXT,
  body         TEXT,
  PRIMARY KEY (account_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_key_by_age ON idempotency_key (claimed_at);
-- the node serving the first request: its claim is taken over only once that node stops saying it is alive
ALTER TABLE idempotency_key ADD COLUMN IF NOT EXISTS node_id TEXT;

-- How often a client address and a login tried a password in the current window (sign-in, password change),
-- shared by every node so that the caps hold for the installation, not per node. Old windows are swept.
CREATE TABLE IF NOT EXISTS iok_rate_limit (
  key          TEXT PRIMARY KEY,
  window_start TIMESTAMPTZ NOT NULL,
  hits         INTEGER NOT NULL
);
