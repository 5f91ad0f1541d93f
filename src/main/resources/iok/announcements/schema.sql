-- Read model of announcements, projected from AnnouncementEvent by 'announcements'.
CREATE TABLE IF NOT EXISTS announcement_view (
  announcement_id TEXT PRIMARY KEY,
  cooperative_id  TEXT NOT NULL,
  scope           TEXT NOT NULL,      -- cooperative | community | building
  target          TEXT,               -- the community's name or the building's books id
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  expires_on      DATE,               -- for a planned repair, its last day
  starts_on       DATE,               -- a planned repair's first day; null for a plain announcement
  published_at    TIMESTAMPTZ NOT NULL,
  edited_at       TIMESTAMPTZ,
  withdrawn_at    TIMESTAMPTZ,
  version         BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS announcement_by_cooperative ON announcement_view (cooperative_id, published_at DESC);
