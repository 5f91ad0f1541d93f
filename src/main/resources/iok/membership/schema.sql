-- Read model of members' files and loans, projected from MembershipEvent and LoanEvent by 'membership'.
CREATE TABLE IF NOT EXISTS membership_view (
  cooperative_id TEXT NOT NULL,
  member_id      TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  number         TEXT NOT NULL,
  joined         DATE NOT NULL,
  left_on        DATE,
  shares         INT NOT NULL,
  share_value    NUMERIC(14, 2) NOT NULL,
  PRIMARY KEY (cooperative_id, member_id)
);
CREATE TABLE IF NOT EXISTS contribution_view (
  cooperative_id TEXT NOT NULL,
  member_id      TEXT NOT NULL,
  entry_id       TEXT NOT NULL,
  kind           TEXT NOT NULL,
  premises       TEXT,
  paid_on        DATE NOT NULL,
  amount         NUMERIC(14, 2) NOT NULL,
  PRIMARY KEY (cooperative_id, member_id, entry_id)
);
CREATE TABLE IF NOT EXISTS loan_view (
  cooperative_id TEXT NOT NULL,
  loan_id        TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  name           TEXT NOT NULL,
  principal      NUMERIC(14, 2) NOT NULL,
  balance        NUMERIC(14, 2) NOT NULL,
  as_of          DATE NOT NULL,
  rate           TEXT,
  PRIMARY KEY (cooperative_id, loan_id)
);
CREATE TABLE IF NOT EXISTS installment_view (
  cooperative_id TEXT NOT NULL,
  loan_id        TEXT NOT NULL,
  entry_id       TEXT NOT NULL,
  due_date       DATE NOT NULL,
  amount         NUMERIC(14, 2) NOT NULL,
  paid_on        DATE,
  PRIMARY KEY (cooperative_id, loan_id, entry_id)
);
