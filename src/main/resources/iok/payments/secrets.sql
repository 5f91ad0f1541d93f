-- Cooperatives' gateway keys, sealed with AES-GCM under the payments master key (KeyVault). Written by
-- the settings route before its command, named by the GatewayConfigured event's keyId; never rebuilt,
-- so not a read model. The key in clear is nowhere: not here, not in an event.
CREATE TABLE IF NOT EXISTS payment_secret (
  key_id          TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  sealed          TEXT NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
