-- schema.sql — the knowledge base of liaison (SQLite), as numbered migrations.
--
-- Embedded into the library at build time (cmake/embed_text.cmake) and applied
-- by store.c when a database is opened: `PRAGMA user_version` holds the number
-- of the last migration applied; each block below whose number is higher runs
-- in its own transaction, in order, and sets user_version to its number.  A
-- database with a user_version above the last block here was written by a
-- newer liaison and is refused.  Never edit a block once released: add one.
--
-- A block starts with a line `-- @migration N` (N = 1, 2, 3, ... without gaps).
--
-- Two kinds of rows:
--   * per-document facts, written by `ingest` from each document's record
--     (documents, person_mentions, mention_surfaces, event_mentions,
--     event_mention_people, event_mention_parties, figures, figure_parties,
--     relations, document_fields, doc_fts).  Their ids are `DOC#pN`,
--     `DOC#eN`, `DOC#fN`, `DOC#rN` (DOC the document id, N the position in
--     the record), so they do not depend on the order documents came in.
--     Deleting a document deletes its facts (ON DELETE CASCADE).
--   * resolved rows, rebuilt from the per-document facts by resolution
--     (resolve.c) after every ingest: people, person_aliases, person_roles,
--     places, events, event_participants, event_parties, event_sources, and
--     the columns person_id, event_id, dup_of of the per-document tables.
--
-- Provenance: every fact row names its document; event mentions and person
-- mentions carry the byte offsets of their evidence sentence in
-- documents.text (evidence_start, evidence_end: substr over the UTF-8 bytes)
-- and event mentions also in the input text as `extract --offsets` gives
-- them (source_start, source_end).  Dates are text: YYYY, YYYY-MM or
-- YYYY-MM-DD.  Places are canonical ids of data/places.tsv.

-- @migration 1

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- One row per input document.  docno is also the rowid of doc_fts.
CREATE TABLE documents (
  docno        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,      -- the record's `doc`
  path         TEXT,                      -- where it was read from
  url          TEXT,                      -- from a FILE.url file beside it, if any
  content_hash TEXT NOT NULL,             -- SHA-256 (hex) of the input bytes
  bytes        INTEGER NOT NULL,          -- size of the input
  lang         TEXT,
  published    TEXT,
  text         TEXT NOT NULL,             -- cleaned text: the kept lines joined by \n
  simhash      INTEGER NOT NULL,          -- 64-bit SimHash of the folded text (0: too short)
  dup_of       TEXT REFERENCES documents(id) ON DELETE SET NULL -- earlier near-duplicate
);
CREATE INDEX documents_dup_of ON documents(dup_of);

-- Full text: a folded copy of documents.text (lowercase, no diacritics, đ -> d,
-- traditional Chinese as simplified, a space around every Han character), so
-- that "da nang" finds Đà Nẵng and the phrase "上 海" finds 上海.
CREATE VIRTUAL TABLE doc_fts USING fts5(
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  detail = full
);

-- The persons of a record (plus people only named as event participants).
CREATE TABLE person_mentions (
  id             TEXT PRIMARY KEY,        -- DOC#pN
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        INTEGER NOT NULL,
  name           TEXT NOT NULL,           -- canonical name as the record gives it
  name_key       TEXT NOT NULL,           -- folded: case, diacritics, hyphens
  role           TEXT,
  org            TEXT,
  country        TEXT,
  listed         INTEGER NOT NULL,        -- 1 in the record's persons, 0 participant only
  seen           TEXT,                    -- date the role was seen (event date, else published)
  evidence_start INTEGER,                 -- sentence of the first mention, in documents.text
  evidence_end   INTEGER,
  person_id      TEXT                     -- resolved: people.id
) WITHOUT ROWID;
CREATE INDEX person_mentions_document ON person_mentions(document_id);
CREATE INDEX person_mentions_person ON person_mentions(person_id);

-- How a document wrote a person: every surface form, in every script.
CREATE TABLE mention_surfaces (
  mention_id TEXT NOT NULL REFERENCES person_mentions(id) ON DELETE CASCADE,
  n          INTEGER NOT NULL,
  surface    TEXT NOT NULL,
  PRIMARY KEY (mention_id, n)
) WITHOUT ROWID;

CREATE TABLE event_mentions (
  id             TEXT PRIMARY KEY,        -- DOC#eN
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        INTEGER NOT NULL,
  type           TEXT NOT NULL,
  date           TEXT,
  place          TEXT,
  evidence       TEXT NOT NULL,
  evidence_start INTEGER,                 -- in documents.text
  evidence_end   INTEGER,
  source_start   INTEGER,                 -- in the input text (extract --offsets)
  source_end     INTEGER,
  event_id       TEXT                     -- resolved: events.id
) WITHOUT ROWID;
CREATE INDEX event_mentions_document ON event_mentions(document_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE event_mention_people (
  mention_id        TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
  n                 INTEGER NOT NULL,
  name              TEXT NOT NULL,
  person_mention_id TEXT,                 -- the person_mentions row of this document
  person_id         TEXT,                 -- resolved
  PRIMARY KEY (mention_id, n)
) WITHOUT ROWID;

CREATE TABLE event_mention_parties (
  mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
  n          INTEGER NOT NULL,
  place      TEXT NOT NULL,
  PRIMARY KEY (mention_id, n)
) WITHOUT ROWID;

CREATE TABLE figures (
  id          TEXT PRIMARY KEY,           -- DOC#fN
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  metric      TEXT NOT NULL,
  period      TEXT,
  value       REAL NOT NULL,
  unit        TEXT NOT NULL,
  change_pct  REAL,
  parties_key TEXT NOT NULL               -- the parties sorted, joined by '|' (grouping)
) WITHOUT ROWID;
CREATE INDEX figures_document ON figures(document_id);
CREATE INDEX figures_metric ON figures(metric);

CREATE TABLE figure_parties (
  figure_id TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
  n         INTEGER NOT NULL,
  place     TEXT NOT NULL,
  PRIMARY KEY (figure_id, n)
) WITHOUT ROWID;

CREATE TABLE relations (
  id          TEXT PRIMARY KEY,           -- DOC#rN
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     INTEGER NOT NULL,
  type        TEXT NOT NULL,              -- sister_city, partnership, consulate
  a           TEXT,
  b           TEXT,
  since       INTEGER
) WITHOUT ROWID;
CREATE INDEX relations_document ON relations(document_id);

CREATE TABLE document_fields (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field       TEXT NOT NULL,
  PRIMARY KEY (document_id, field)
) WITHOUT ROWID;

-- ---- resolved (rebuilt by resolution) ----

CREATE TABLE people (
  id          TEXT PRIMARY KEY,           -- the folded name, hyphenated: pham-minh-chinh
  name        TEXT NOT NULL,              -- canonical Latin name
  name_key    TEXT NOT NULL,
  country     TEXT,
  first_seen  TEXT,
  last_seen   TEXT,
  n_documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX people_key ON people(name_key);

CREATE TABLE person_aliases (
  person_id   TEXT NOT NULL,
  alias       TEXT NOT NULL,              -- a surface form seen, or a known name (kb)
  folded      TEXT NOT NULL,
  script      TEXT NOT NULL,              -- latin, han, other
  n_documents INTEGER NOT NULL,           -- 0: from the knowledge tables only
  PRIMARY KEY (person_id, alias)
) WITHOUT ROWID;
CREATE INDEX person_aliases_folded ON person_aliases(folded);

CREATE TABLE person_roles (
  person_id   TEXT NOT NULL,
  role        TEXT NOT NULL,
  org         TEXT NOT NULL,              -- '' when the record gave none
  first_seen  TEXT,
  last_seen   TEXT,
  document_id TEXT NOT NULL,              -- the first document it was seen in
  n_documents INTEGER NOT NULL,
  PRIMARY KEY (person_id, role, org)
) WITHOUT ROWID;

-- Places referenced by the stored facts (and their parents), from the knowledge tables.
CREATE TABLE places (
  id     TEXT PRIMARY KEY,                -- canonical English name
  name   TEXT NOT NULL,
  level  TEXT,                            -- country, province, city, district, bloc
  parent TEXT,
  cc     TEXT
) WITHOUT ROWID;

CREATE TABLE events (
  id          TEXT PRIMARY KEY,           -- e-<hash of its first mention's id>
  type        TEXT NOT NULL,
  date        TEXT,
  place       TEXT,
  n_sources   INTEGER NOT NULL,           -- event mentions merged into it
  n_documents INTEGER NOT NULL            -- distinct documents, near-duplicates counted once
) WITHOUT ROWID;
CREATE INDEX events_date ON events(date);

CREATE TABLE event_participants (
  event_id  TEXT NOT NULL,
  person_id TEXT NOT NULL,
  n         INTEGER NOT NULL,             -- order: most reported first
  PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_participants_person ON event_participants(person_id);

CREATE TABLE event_parties (
  event_id TEXT NOT NULL,
  place    TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (event_id, place)
) WITHOUT ROWID;
CREATE INDEX event_parties_place ON event_parties(place);

CREATE TABLE event_sources (
  event_id         TEXT NOT NULL,
  event_mention_id TEXT NOT NULL,
  PRIMARY KEY (event_id, event_mention_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_mention ON event_sources(event_mention_id);

-- @migration 2
-- Indexes for the HTTP API (serve_api.c, issue 7).  Events are paged by key
-- in date order, undated last ('~' sorts after every digit): the key is
-- (coalesce(date, '~'), id), and this index gives that order without a sort.
-- Documents by language (the `lang` filter of events, the counts of
-- /api/stats without reading the texts); ties by either end and figures by
-- party (the place pages); figures in the order of their list, grouped as
-- one row per figure stated (metric, period, value, unit, parties, change).
CREATE INDEX events_order ON events(coalesce(date, '~'), id);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX relations_a ON relations(a);
CREATE INDEX relations_b ON relations(b);
CREATE INDEX figure_parties_place ON figure_parties(place);
CREATE INDEX figures_list ON figures(metric, coalesce(period, '~'), -value, unit,
                                  parties_key || '|' || coalesce(change_pct, ''));

-- @migration 3
-- The month and day of an event whose year the text does not tell ("on
-- November 14" in a story with no date): `--MM-DD` or `--MM` (ISO 8601 without
-- the year), NULL otherwise.  Resolution keeps such a mention away from
-- events of another month or day.
ALTER TABLE event_mentions ADD COLUMN date_partial TEXT;

-- @migration 4
-- Commitments (src/extract/commitments.c): what one side proposed, pledged, invited
-- and agreed, one row per (type, speaking side, addressed side) of a document,
-- with the first sentence that makes it.  Resolution (resolve_commit.c) fills
-- person_id (the speaker), event_id (the document's event at which it was said:
-- the one whose parties are its sides), date (that event's date, else the
-- publication date), and links later facts that fulfil it in
-- commitment_followups, by the rules of data/followups.tsv.  A link is a lead
-- for an analyst, never a claim of causality.
CREATE TABLE commitments (
  id             TEXT PRIMARY KEY,        -- DOC#cN
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        INTEGER NOT NULL,
  type           TEXT NOT NULL,           -- proposal, pledge, invitation, agreement
  by_name        TEXT,                    -- the speaker as the record names them
  by_party       TEXT NOT NULL,
  to_party       TEXT NOT NULL,
  accepted       INTEGER,                 -- an invitation: 1 accepted, 0 declined
  evidence       TEXT NOT NULL,
  evidence_start INTEGER,                 -- in documents.text
  evidence_end   INTEGER,
  person_id      TEXT,                    -- resolved: people.id of the speaker
  event_id       TEXT,                    -- resolved: events.id where it was said
  date           TEXT                     -- resolved: that event's date, else published
) WITHOUT ROWID;
CREATE INDEX commitments_document ON commitments(document_id);
CREATE INDEX commitments_by ON commitments(by_party);
CREATE INDEX commitments_to ON commitments(to_party);
CREATE INDEX commitments_date ON commitments(coalesce(date, '~'), id);

CREATE TABLE commitment_fields (
  commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  PRIMARY KEY (commitment_id, field)
) WITHOUT ROWID;
CREATE INDEX commitment_fields_field ON commitment_fields(field);

-- resolved (rebuilt by resolution): a later event or figure that follows a
-- commitment up (an invitation's visit, a pledge's signing or figure)
CREATE TABLE commitment_followups (
  commitment_id TEXT NOT NULL,
  kind          TEXT NOT NULL,            -- event, figure
  target_id     TEXT NOT NULL,            -- events.id or figures.id
  date          TEXT,                     -- the event's date or the figure's period
  evidence      TEXT,                     -- the sentence that states it (events)
  PRIMARY KEY (commitment_id, kind, target_id)
) WITHOUT ROWID;

-- @migration 5
-- Nothing changes here: PostgreSQL's migration 5 computes its full-text
-- columns with less work (schema_pg.sql), and both sides keep one numbering
-- (the schema version the HTTP API reports is the same on either).

-- @migration 6
-- Nothing changes here: PostgreSQL's full-text rows now hold the text with
-- its separators already made spaces by the program (schema_pg.sql).
