-- Read model of premises and who holds title to them, projected from PremisesEvent by 'premises'.
CREATE TABLE IF NOT EXISTS premises_view (
  cooperative_id TEXT NOT NULL,
  premises_id    TEXT NOT NULL,     -- the books' id
  building       TEXT NOT NULL,
  address        TEXT NOT NULL,
  number         TEXT NOT NULL,
  kind           TEXT NOT NULL,
  area           NUMERIC(10, 2) NOT NULL,
  community      TEXT,              -- null: the cooperative's own stock
  share          TEXT,              -- share in the community's common property, an exact fraction "4523/100000"
  PRIMARY KEY (cooperative_id, premises_id)
);
CREATE TABLE IF NOT EXISTS title_view (
  cooperative_id TEXT NOT NULL,
  title_id       TEXT NOT NULL,
  premises_id    TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  kind           TEXT NOT NULL,
  valid_from     DATE NOT NULL,
  valid_until    DATE,
  share          TEXT,              -- a co-owner's part of the premises ("1/2"); null: the whole
  PRIMARY KEY (cooperative_id, title_id)
);
CREATE INDEX IF NOT EXISTS title_view_by_account ON title_view (account_id);
CREATE TABLE IF NOT EXISTS building_view (
  cooperative_id TEXT NOT NULL,
  building_id    TEXT NOT NULL,
  address        TEXT NOT NULL,
  community      TEXT,
  PRIMARY KEY (cooperative_id, building_id)
);
