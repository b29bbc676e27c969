-- schema_pg.sql — the knowledge base of liaison on PostgreSQL, as numbered
-- migrations: the same tables, columns (in the same order), keys and indexes
-- as schema.sql (SQLite), block for block, in PostgreSQL's dialect.  Read
-- schema.sql for what each table and column holds.
--
-- Embedded like schema.sql and applied by store.c in the schema `liaison` of
-- the database a postgresql:// URI names (search_path liaison, pg_catalog):
-- the table schema_version (made when a connection opens) holds one row per
-- migration applied; each block whose number is higher runs in its own
-- transaction under the advisory lock of the writers.  Never edit a block
-- once released: add one, here and in schema.sql alike.
--
-- Types: INTEGER is bigint, REAL double precision, TEXT text COLLATE "C" (bytes
-- order, as SQLite's BINARY, whatever the server's locale).  Migration 1 also
-- defines the functions of SQLite's that the SQL of the program calls and
-- PostgreSQL lacks or spells otherwise, with SQLite's results; db_pg.c
-- translates the rest of the dialect.

-- @migration 1

-- (next_docno below reads the table documents, made after it)
SET LOCAL check_function_bodies = off;

-- ---- SQLite's functions, as SQLite gives them ----

-- min(a, b), max(a, b) of SQLite: NULL when either is NULL
CREATE FUNCTION min(anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT LEAST($1, $2)';
CREATE FUNCTION max(anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT GREATEST($1, $2)';
CREATE FUNCTION instr(text, text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT strpos($1, $2)';
-- the items of a JSON array of strings, as SQLite's json_each(...).value
CREATE FUNCTION json_each(text) RETURNS TABLE (value text)
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT json_array_elements_text($1::json)';
CREATE FUNCTION json_array_length(text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT json_array_length($1::json)';
-- json_extract of an item of an array: '$[N]'
CREATE FUNCTION json_extract(text, text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS $$SELECT ($1::json) ->> (substring($2 FROM '\[([0-9]+)\]'))::integer$$;
-- the bytes a..a+n-1 (1-based) of a text, as CAST(substr(CAST(t AS BLOB), a, n) AS TEXT)
CREATE FUNCTION lsn_bsubstr(t text, a bigint, n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT convert_from(substring(convert_to(t, 'UTF8') FROM a::integer FOR greatest(n, 0)::integer), 'UTF8')$$;
CREATE FUNCTION julianday(d text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE STRICT AS
  $$BEGIN RETURN (d::date - DATE '2000-01-01') + 2451544.5; EXCEPTION WHEN others THEN RETURN NULL; END$$;
CREATE FUNCTION group_concat_step(acc text, v text, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END';
CREATE AGGREGATE group_concat(text, text) (sfunc = group_concat_step, stype = text);
CREATE FUNCTION group_concat_step1(acc text, v text) RETURNS text
  LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || '','' || v END';
CREATE AGGREGATE group_concat(text) (sfunc = group_concat_step1, stype = text);
-- printf of one integer, zero-padded: '%0Nd'
CREATE FUNCTION printf(fmt text, v bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT lpad(v::text, substring(fmt FROM '^%0([0-9]+)d$')::integer, '0')$$;
-- SQLite's LIMIT of a negative number: no limit (NULL)
CREATE FUNCTION lsn_limit(bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  'SELECT CASE WHEN $1 >= 0 THEN $1 END';
-- a real as text, as SQLite writes it: 15 significant digits, ".0" when whole
CREATE FUNCTION lsn_real_text(double precision) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT CASE WHEN $1 = trunc($1) AND abs($1) < 1e15 THEN trunc($1)::bigint::text || '.0'
           ELSE rtrim(rtrim(to_char($1, 'FM9999999999999990.99999999999999'), '0'), '.') END$$;
-- a real as a JSON number, as SQLite's JSON functions write one (5.0, not 5);
-- text given as a JSON string
CREATE FUNCTION lsn_json_real(double precision) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS
  'SELECT lsn_real_text($1)::json';
CREATE FUNCTION lsn_json_real(text) RETURNS json LANGUAGE sql IMMUTABLE STRICT AS 'SELECT to_json($1)';
CREATE AGGREGATE total(double precision) (sfunc = float8pl, stype = double precision, initcond = '0');
-- json_group_array: every value (NULL as null), '[]' for none
CREATE FUNCTION json_group_array_final(anycompatiblearray) RETURNS json
  LANGUAGE sql IMMUTABLE AS $$SELECT coalesce(array_to_json($1), '[]'::json)$$;
CREATE AGGREGATE json_group_array(anycompatible) (sfunc = array_append, stype = anycompatiblearray,
  finalfunc = json_group_array_final, initcond = '{}');
CREATE FUNCTION json_group_object_step(acc json, k text, v anyelement) RETURNS json
  LANGUAGE sql IMMUTABLE AS
  $$SELECT CASE WHEN acc IS NULL THEN json_build_object(k, v)
           ELSE (left(acc::text, -1) || ',' || substr(json_build_object(k, v)::text, 2))::json END$$;
CREATE FUNCTION json_group_object_final(json) RETURNS json
  LANGUAGE sql IMMUTABLE AS $$SELECT coalesce($1, '{}'::json)$$;
CREATE AGGREGATE json_group_object(text, anyelement) (sfunc = json_group_object_step, stype = json,
  finalfunc = json_group_object_final);
-- SQLite's NOCASE: ASCII letters alike whatever their case (an ICU collation, level 2)
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- documents.docno: one more than the highest, as SQLite's INTEGER PRIMARY KEY gives
-- (writers hold the advisory lock: one at a time)
CREATE FUNCTION next_docno() RETURNS bigint
  LANGUAGE sql VOLATILE AS 'SELECT coalesce(max(docno), 0) + 1 FROM documents';

-- the commits of writers, counted (SQLite's data_version: readers that keep
-- answers, serve's memo, see that the base changed)
CREATE TABLE generation (n bigint NOT NULL);
INSERT INTO generation VALUES (0);

CREATE TABLE meta (
  key   text COLLATE "C" PRIMARY KEY,
  value text COLLATE "C"
);

-- One row per input document.  docno is also the rowid of doc_fts.
CREATE TABLE documents (
  docno        bigint PRIMARY KEY DEFAULT next_docno(),
  id           text COLLATE "C" NOT NULL UNIQUE,      -- the record's `doc`
  path         text COLLATE "C",                      -- where it was read from
  url          text COLLATE "C",                      -- from a FILE.url file beside it, if any
  content_hash text COLLATE "C" NOT NULL,             -- SHA-256 (hex) of the input bytes
  bytes        bigint NOT NULL,          -- size of the input
  lang         text COLLATE "C",
  published    text COLLATE "C",
  text         text COLLATE "C" NOT NULL,             -- cleaned text: the kept lines joined by \n
  simhash      bigint NOT NULL,          -- 64-bit SimHash of the folded text (0: too short)
  dup_of       text COLLATE "C" REFERENCES documents(id) ON DELETE SET NULL -- earlier near-duplicate
);
CREATE INDEX documents_dup_of ON documents(dup_of);

-- Full text: a folded copy of documents.text, as in SQLite's doc_fts (lowercase,
-- no diacritics, đ -> d, traditional Chinese as simplified, a space around every
-- Han character).  Its words are FTS5's unicode61 words: punctuation and
-- symbols (ASCII, Latin-1, general punctuation, currency, letterlike, CJK and
-- fullwidth) read as space, then the runs between spaces (lsn_fts_prep), so that
-- "1.5" is the words 1 and 5 and a Chinese comma no word between two
-- characters.  They are indexed as a tsvector of the 'simple' configuration
-- (no stemming, no stop words): a phrase of the query matches where FTS5's
-- does.  rowid is documents.docno, named as in SQLite; ntok the number of
-- words (FTS5's column size, for bm25).  A tsvector holds at most 1 MB: it
-- covers the first 200 000 bytes of a longer text.
CREATE FUNCTION lsn_fts_prep(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT regexp_replace(t, '[[:punct:][:space:]\u0080-\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf\u2100-\u27ff\u2e00-\u2e7f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]+', ' ', 'g')$$;
CREATE FUNCTION lsn_fts_tokens(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT CASE WHEN btrim(lsn_fts_prep(t)) = '' THEN '{}'::text[]
           ELSE regexp_split_to_array(btrim(lsn_fts_prep(t)), ' +') END$$;
CREATE FUNCTION lsn_fts_words(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT to_tsvector('simple', lsn_fts_prep(left(body, 200000)))$$;
-- The phrases of an FTS5 query of quoted phrases ("a b" "c"), in order.
CREATE FUNCTION lsn_fts_phrases(q text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT coalesce(array_agg(replace(m[1], '""', '"') ORDER BY n), '{}')
    FROM regexp_matches(q, '"((?:[^"]|"")*)"', 'g') WITH ORDINALITY AS x(m, n)$$;
-- The query as a tsquery: all of its phrases.
CREATE FUNCTION lsn_fts_query(q text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  p text;
  r tsquery;
  t tsquery;
BEGIN
  FOREACH p IN ARRAY lsn_fts_phrases(q) LOOP
    t := phraseto_tsquery('simple', lsn_fts_prep(p));
    r := CASE WHEN r IS NULL THEN t ELSE r && t END;
  END LOOP;
  RETURN coalesce(r, ''::tsquery);
END $$;
-- FTS5's bm25() (k1 1.2, b 0.75), computed alike: for every phrase i of the
-- query, its hits f in this row of D words, the rows that hold it (hits[i])
-- among nrow rows of ntoken words in all:
--   score = sum of idf(i) * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl)),
--   idf(i) = ln((nrow - hits[i] + 0.5) / (hits[i] + 0.5)), at least 1e-6;
-- the result is -score (lower is better), as FTS5's.
CREATE FUNCTION lsn_fts_hits(q text) RETURNS double precision[] LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
  p text;
  n bigint;
  r double precision[] := '{}';
BEGIN
  FOREACH p IN ARRAY lsn_fts_phrases(q) LOOP
    SELECT count(*) INTO n FROM doc_fts WHERE tsv @@ phraseto_tsquery('simple', lsn_fts_prep(p));
    r := r || n::double precision;
  END LOOP;
  RETURN r;
END $$;
CREATE FUNCTION lsn_bm25(body text, ntok bigint, q text, nrow bigint, ntoken bigint, hits double precision[])
  RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k1 constant double precision := 1.2;
  b constant double precision := 0.75;
  words text[] := lsn_fts_tokens(body);
  nw integer := coalesce(array_length(words, 1), 0);
  avgdl double precision := ntoken::double precision / nrow::double precision;
  d double precision := ntok::double precision;
  score double precision := 0.0;
  phrases text[] := lsn_fts_phrases(q);
  pw text[];
  np integer;
  f double precision;
  idf double precision;
  ok boolean;
BEGIN
  FOR i IN 1 .. coalesce(array_length(phrases, 1), 0) LOOP
    pw := lsn_fts_tokens(phrases[i]);
    np := coalesce(array_length(pw, 1), 0);
    f := 0.0;
    IF np > 0 THEN
      FOR j IN 1 .. nw - np + 1 LOOP
        IF words[j] = pw[1] THEN
          ok := true;
          FOR k IN 2 .. np LOOP
            IF words[j + k - 1] <> pw[k] THEN
              ok := false;
              EXIT;
            END IF;
          END LOOP;
          IF ok THEN
            f := f + 1.0;
          END IF;
        END IF;
      END LOOP;
    END IF;
    idf := ln((nrow::double precision - hits[i] + 0.5) / (hits[i] + 0.5));
    IF idf <= 0.0 THEN
      idf := 1e-6;
    END IF;
    score := score + idf * ((f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * d / avgdl)));
  END LOOP;
  RETURN -1.0 * score;
END $$;
CREATE TABLE doc_fts (
  rowid bigint PRIMARY KEY,
  body  text COLLATE "C" NOT NULL,
  tsv   tsvector GENERATED ALWAYS AS (lsn_fts_words(body)) STORED,
  ntok  bigint GENERATED ALWAYS AS (coalesce(array_length(lsn_fts_tokens(body), 1), 0)) STORED
);
CREATE INDEX doc_fts_tsv ON doc_fts USING gin (tsv);

-- The persons of a record (plus people only named as event participants).
CREATE TABLE person_mentions (
  id             text COLLATE "C" PRIMARY KEY,        -- DOC#pN
  document_id    text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        bigint NOT NULL,
  name           text COLLATE "C" NOT NULL,           -- canonical name as the record gives it
  name_key       text COLLATE "C" NOT NULL,           -- folded: case, diacritics, hyphens
  role           text COLLATE "C",
  org            text COLLATE "C",
  country        text COLLATE "C",
  listed         bigint NOT NULL,        -- 1 in the record's persons, 0 participant only
  seen           text COLLATE "C",                    -- date the role was seen (event date, else published)
  evidence_start bigint,                 -- sentence of the first mention, in documents.text
  evidence_end   bigint,
  person_id      text COLLATE "C"                     -- resolved: people.id
);
CREATE INDEX person_mentions_document ON person_mentions(document_id);
CREATE INDEX person_mentions_person ON person_mentions(person_id);

-- How a document wrote a person: every surface form, in every script.
CREATE TABLE mention_surfaces (
  mention_id text COLLATE "C" NOT NULL REFERENCES person_mentions(id) ON DELETE CASCADE,
  n          bigint NOT NULL,
  surface    text COLLATE "C" NOT NULL,
  PRIMARY KEY (mention_id, n)
);

CREATE TABLE event_mentions (
  id             text COLLATE "C" PRIMARY KEY,        -- DOC#eN
  document_id    text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        bigint NOT NULL,
  type           text COLLATE "C" NOT NULL,
  date           text COLLATE "C",
  place          text COLLATE "C",
  evidence       text COLLATE "C" NOT NULL,
  evidence_start bigint,                 -- in documents.text
  evidence_end   bigint,
  source_start   bigint,                 -- in the input text (extract --offsets)
  source_end     bigint,
  event_id       text COLLATE "C"                     -- resolved: events.id
);
CREATE INDEX event_mentions_document ON event_mentions(document_id);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE event_mention_people (
  mention_id        text COLLATE "C" NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
  n                 bigint NOT NULL,
  name              text COLLATE "C" NOT NULL,
  person_mention_id text COLLATE "C",                 -- the person_mentions row of this document
  person_id         text COLLATE "C",                 -- resolved
  PRIMARY KEY (mention_id, n)
);

CREATE TABLE event_mention_parties (
  mention_id text COLLATE "C" NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
  n          bigint NOT NULL,
  place      text COLLATE "C" NOT NULL,
  PRIMARY KEY (mention_id, n)
);

CREATE TABLE figures (
  id          text COLLATE "C" PRIMARY KEY,           -- DOC#fN
  document_id text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     bigint NOT NULL,
  metric      text COLLATE "C" NOT NULL,
  period      text COLLATE "C",
  value       double precision NOT NULL,
  unit        text COLLATE "C" NOT NULL,
  change_pct  double precision,
  parties_key text COLLATE "C" NOT NULL               -- the parties sorted, joined by '|' (grouping)
);
CREATE INDEX figures_document ON figures(document_id);
CREATE INDEX figures_metric ON figures(metric);

CREATE TABLE figure_parties (
  figure_id text COLLATE "C" NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
  n         bigint NOT NULL,
  place     text COLLATE "C" NOT NULL,
  PRIMARY KEY (figure_id, n)
);

CREATE TABLE relations (
  id          text COLLATE "C" PRIMARY KEY,           -- DOC#rN
  document_id text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal     bigint NOT NULL,
  type        text COLLATE "C" NOT NULL,              -- sister_city, partnership, consulate
  a           text COLLATE "C",
  b           text COLLATE "C",
  since       bigint
);
CREATE INDEX relations_document ON relations(document_id);

CREATE TABLE document_fields (
  document_id text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field       text COLLATE "C" NOT NULL,
  PRIMARY KEY (document_id, field)
);

-- ---- resolved (rebuilt by resolution) ----

CREATE TABLE people (
  id          text COLLATE "C" PRIMARY KEY,           -- the folded name, hyphenated: pham-minh-chinh
  name        text COLLATE "C" NOT NULL,              -- canonical Latin name
  name_key    text COLLATE "C" NOT NULL,
  country     text COLLATE "C",
  first_seen  text COLLATE "C",
  last_seen   text COLLATE "C",
  n_documents bigint NOT NULL
);
CREATE INDEX people_key ON people(name_key);

CREATE TABLE person_aliases (
  person_id   text COLLATE "C" NOT NULL,
  alias       text COLLATE "C" NOT NULL,              -- a surface form seen, or a known name (kb)
  folded      text COLLATE "C" NOT NULL,
  script      text COLLATE "C" NOT NULL,              -- latin, han, other
  n_documents bigint NOT NULL,           -- 0: from the knowledge tables only
  PRIMARY KEY (person_id, alias)
);
CREATE INDEX person_aliases_folded ON person_aliases(folded);

CREATE TABLE person_roles (
  person_id   text COLLATE "C" NOT NULL,
  role        text COLLATE "C" NOT NULL,
  org         text COLLATE "C" NOT NULL,              -- '' when the record gave none
  first_seen  text COLLATE "C",
  last_seen   text COLLATE "C",
  document_id text COLLATE "C" NOT NULL,              -- the first document it was seen in
  n_documents bigint NOT NULL,
  PRIMARY KEY (person_id, role, org)
);

-- Places referenced by the stored facts (and their parents), from the knowledge tables.
CREATE TABLE places (
  id     text COLLATE "C" PRIMARY KEY,                -- canonical English name
  name   text COLLATE "C" NOT NULL,
  level  text COLLATE "C",                            -- country, province, city, district, bloc
  parent text COLLATE "C",
  cc     text COLLATE "C"
);

CREATE TABLE events (
  id          text COLLATE "C" PRIMARY KEY,           -- e-<hash of its first mention's id>
  type        text COLLATE "C" NOT NULL,
  date        text COLLATE "C",
  place       text COLLATE "C",
  n_sources   bigint NOT NULL,           -- event mentions merged into it
  n_documents bigint NOT NULL            -- distinct documents, near-duplicates counted once
);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_participants (
  event_id  text COLLATE "C" NOT NULL,
  person_id text COLLATE "C" NOT NULL,
  n         bigint NOT NULL,             -- order: most reported first
  PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_participants_person ON event_participants(person_id);

CREATE TABLE event_parties (
  event_id text COLLATE "C" NOT NULL,
  place    text COLLATE "C" NOT NULL,
  n        bigint NOT NULL,
  PRIMARY KEY (event_id, place)
);
CREATE INDEX event_parties_place ON event_parties(place);

CREATE TABLE event_sources (
  event_id         text COLLATE "C" NOT NULL,
  event_mention_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (event_id, event_mention_id)
);
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
CREATE INDEX figures_list ON figures(metric, coalesce(period, '~'), (-value), unit,
                                  (parties_key || '|' || coalesce(lsn_real_text(change_pct), '')));

-- @migration 3
-- The month and day of an event whose year the text does not tell ("on
-- November 14" in a story with no date): `--MM-DD` or `--MM` (ISO 8601 without
-- the year), NULL otherwise.  Resolution keeps such a mention away from
-- events of another month or day.
ALTER TABLE event_mentions ADD COLUMN date_partial text COLLATE "C";

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
  id             text COLLATE "C" PRIMARY KEY,        -- DOC#cN
  document_id    text COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal        bigint NOT NULL,
  type           text COLLATE "C" NOT NULL,           -- proposal, pledge, invitation, agreement
  by_name        text COLLATE "C",                    -- the speaker as the record names them
  by_party       text COLLATE "C" NOT NULL,
  to_party       text COLLATE "C" NOT NULL,
  accepted       bigint,                 -- an invitation: 1 accepted, 0 declined
  evidence       text COLLATE "C" NOT NULL,
  evidence_start bigint,                 -- in documents.text
  evidence_end   bigint,
  person_id      text COLLATE "C",                    -- resolved: people.id of the speaker
  event_id       text COLLATE "C",                    -- resolved: events.id where it was said
  date           text COLLATE "C"                     -- resolved: that event's date, else published
);
CREATE INDEX commitments_document ON commitments(document_id);
CREATE INDEX commitments_by ON commitments(by_party);
CREATE INDEX commitments_to ON commitments(to_party);
CREATE INDEX commitments_date ON commitments(coalesce(date, '~'), id);

CREATE TABLE commitment_fields (
  commitment_id text COLLATE "C" NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
  field         text COLLATE "C" NOT NULL,
  PRIMARY KEY (commitment_id, field)
);
CREATE INDEX commitment_fields_field ON commitment_fields(field);

-- resolved (rebuilt by resolution): a later event or figure that follows a
-- commitment up (an invitation's visit, a pledge's signing or figure)
CREATE TABLE commitment_followups (
  commitment_id text COLLATE "C" NOT NULL,
  kind          text COLLATE "C" NOT NULL,            -- event, figure
  target_id     text COLLATE "C" NOT NULL,            -- events.id or figures.id
  date          text COLLATE "C",                     -- the event's date or the figure's period
  evidence      text COLLATE "C",                     -- the sentence that states it (events)
  PRIMARY KEY (commitment_id, kind, target_id)
);

-- @migration 5
-- The full-text columns for less work per document stored (issue 18): the
-- words of a text are cut from one folding of it (lsn_fts_tokens folded it
-- twice), and ntok counts them without cutting them.  A folded text has no
-- two spaces together (lsn_fts_prep makes every run of separators one space):
-- once trimmed, its words are its spaces plus one.  The same values as before,
-- so no SQLite counterpart: SQLite's FTS5 is unchanged.
CREATE OR REPLACE FUNCTION lsn_fts_tokens(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT CASE WHEN p = '' THEN '{}'::text[] ELSE regexp_split_to_array(p, ' +') END
    FROM btrim(lsn_fts_prep(t)) AS p$$;
CREATE FUNCTION lsn_fts_ntok(t text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT CASE WHEN p = '' THEN 0 ELSE length(p) - length(replace(p, ' ', '')) + 1 END
    FROM btrim(lsn_fts_prep(t)) AS p$$;
ALTER TABLE doc_fts DROP COLUMN ntok;
ALTER TABLE doc_fts ADD COLUMN ntok bigint GENERATED ALWAYS AS (lsn_fts_ntok(body)) STORED;

-- @migration 6
-- The full-text body is stored with its separators already made single
-- spaces by the program (store.c, the same classes as lsn_fts_prep), so that
-- neither generated column runs a regular expression over a document: its
-- words are the body's own, its count the spaces of the trimmed body plus one.
-- lsn_fts_prep, which queries and bm25 still use on what they are given,
-- names its ASCII punctuation and white space outright instead of
-- [[:punct:][:space:]], whose extent outside ASCII depends on the server's
-- locale (the program's classes do not).
CREATE OR REPLACE FUNCTION lsn_fts_prep(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT regexp_replace(t, '[!-/:-@\[-`{-~ \t\n\v\f\r\u0080-\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf\u2100-\u27ff\u2e00-\u2e7f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\U0001f000-\U0001faff]+', ' ', 'g')$$;
CREATE FUNCTION lsn_fts_count(p text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS
  $$SELECT CASE WHEN b = '' THEN 0 ELSE length(b) - length(replace(b, ' ', '')) + 1 END
    FROM btrim(p) AS b$$;
ALTER TABLE doc_fts DROP COLUMN tsv;
ALTER TABLE doc_fts DROP COLUMN ntok;
UPDATE doc_fts SET body = lsn_fts_prep(body);
ALTER TABLE doc_fts ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', left(body, 200000))) STORED;
ALTER TABLE doc_fts ADD COLUMN ntok bigint GENERATED ALWAYS AS (lsn_fts_count(body)) STORED;
CREATE INDEX doc_fts_tsv ON doc_fts USING gin (tsv);
