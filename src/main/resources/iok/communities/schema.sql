-- Read model of housing communities' documents and resolutions, projected by 'communities'.
CREATE TABLE IF NOT EXISTS community_document (
  document_id     TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  community       TEXT NOT NULL,
  kind            TEXT NOT NULL,      -- financial-plan | annual-report | minutes | resolution | other
  title           TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  content_id      TEXT NOT NULL,
  size            BIGINT NOT NULL,
  sha256          TEXT NOT NULL,
  published_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS community_document_by_community ON community_document (cooperative_id, community);
CREATE TABLE IF NOT EXISTS resolution_view (
  resolution_id   TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  community       TEXT NOT NULL,
  number          TEXT NOT NULL,
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  rule            TEXT NOT NULL,      -- shares | owners
  opens_at        TIMESTAMPTZ NOT NULL,
  closes_at       TIMESTAMPTZ NOT NULL,
  owners_live     BOOLEAN NOT NULL,   -- owners see the tally while voting runs
  owners_see_names BOOLEAN NOT NULL,  -- owners see who cast each vote, not only the premises number
  attachments     TEXT NOT NULL,      -- JSON array of document ids
  status          TEXT NOT NULL,      -- draft | open | closed
  drafted_at      TIMESTAMPTZ NOT NULL,
  opened_at       TIMESTAMPTZ,
  closed_at       TIMESTAMPTZ,
  total_weight    TEXT,               -- exact fraction; set when opened
  roll            TEXT,               -- one owner one vote: JSON array of the owners' keys at opening
  for_weight      TEXT,               -- the outcome, when closed
  against_weight  TEXT,
  abstain_weight  TEXT,
  adopted         BOOLEAN,
  version         BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS resolution_by_community ON resolution_view (cooperative_id, community);
CREATE TABLE IF NOT EXISTS resolution_vote (
  resolution_id   TEXT NOT NULL,
  vote_key        TEXT NOT NULL,
  premises_id     TEXT NOT NULL,
  premises_number TEXT NOT NULL,
  voter_id        TEXT,               -- null: an owner outside IOK, entered from paper
  choice          TEXT NOT NULL,      -- for | against | abstain
  weight          TEXT NOT NULL,      -- exact fraction
  source          TEXT NOT NULL,      -- online | paper | meeting
  entered_by      TEXT,               -- who recorded it (the voter, or the administrator)
  cast_at         TIMESTAMPTZ NOT NULL,
  sequence        BIGINT NOT NULL,    -- the event's sequence in the resolution's stream
  PRIMARY KEY (resolution_id, vote_key)
);
CREATE INDEX IF NOT EXISTS resolution_vote_by_voter ON resolution_vote (voter_id);
