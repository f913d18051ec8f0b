//! The schema and its migrations, versioned with `PRAGMA user_version`.
//!
//! Each entry of [`MIGRATIONS`] moves the database from version `i` to `i + 1`
//! and runs in its own transaction together with the `user_version` bump, so a
//! migration interrupted half-way leaves the database at the old version.
//! Never edit a migration that has shipped: append a new one.

use rusqlite::Connection;

use crate::StoreError;

pub const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE documents(
    id            INTEGER PRIMARY KEY,
    doc           TEXT NOT NULL,
    origin        TEXT NOT NULL,
    title         TEXT,
    url           TEXT,
    source        TEXT,
    date          TEXT,
    date_origin   TEXT,
    content_hash  TEXT NOT NULL UNIQUE,
    text          TEXT NOT NULL,
    chars         INTEGER NOT NULL,
    n_sentences   INTEGER NOT NULL,
    n_mentions    INTEGER NOT NULL,
    n_events      INTEGER NOT NULL,
    n_quotes      INTEGER NOT NULL,
    n_relations   INTEGER NOT NULL,
    warnings      TEXT NOT NULL DEFAULT '[]',
    -- near-duplicate group (brink-model dedupe); NULL until computed
    dup_group     INTEGER,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_doc ON documents(doc);
CREATE INDEX documents_dup ON documents(dup_group);

-- Sentence spans, as character offsets into documents.text.
CREATE TABLE sentences(
    doc_id    INTEGER NOT NULL REFERENCES documents(id),
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    headline  INTEGER NOT NULL,
    PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;

-- One row per knowledge-base entity (or learned actor) ever seen; latest description wins.
CREATE TABLE actors(
    actor_id  TEXT PRIMARY KEY,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT,
    sector    TEXT
) WITHOUT ROWID;
CREATE INDEX actors_key ON actors(key);

CREATE TABLE mentions(
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents(id),
    sentence    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    actor_key   TEXT,
    actor_id    TEXT,
    role        TEXT,
    role_from   TEXT,
    role_to     TEXT,
    rule        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    is_place    INTEGER NOT NULL,
    candidates  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_actor ON mentions(actor_key);
CREATE INDEX mentions_actor_id ON mentions(actor_id);

CREATE TABLE events(
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents(id),
    event_id    TEXT NOT NULL,
    type        TEXT NOT NULL,
    mode        TEXT,
    modality    TEXT NOT NULL,
    quad        INTEGER NOT NULL,
    score       REAL,
    goldstein   REAL,
    cameo       TEXT,
    -- the event's date, else the document's date (ISO)
    date        TEXT,
    sentence    INTEGER NOT NULL,
    trigger     TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    rule        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    -- cross-document cluster of reports of the same act (brink-model clusters); NULL until computed
    cluster_id  INTEGER,
    -- the full record, in the shape `brink extract` writes
    json        TEXT NOT NULL,
    UNIQUE(doc_id, event_id)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type, modality);
CREATE INDEX events_cluster ON events(cluster_id);

CREATE TABLE event_actors(
    event     INTEGER NOT NULL REFERENCES events(id),
    side      TEXT NOT NULL CHECK(side IN ('source', 'target')),
    pos       INTEGER NOT NULL,
    key       TEXT NOT NULL,
    actor_id  TEXT NOT NULL,
    PRIMARY KEY(event, side, pos)
) WITHOUT ROWID;
CREATE INDEX event_actors_key ON event_actors(key, side);
CREATE INDEX event_actors_id ON event_actors(actor_id, side);

CREATE TABLE quotes(
    id            INTEGER PRIMARY KEY,
    doc_id        INTEGER NOT NULL REFERENCES documents(id),
    quote_id      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    speaker_key   TEXT,
    speaker_id    TEXT,
    speaker_name  TEXT,
    speech_act    TEXT,
    sentence      INTEGER NOT NULL,
    date          TEXT,
    confidence    REAL NOT NULL,
    json          TEXT NOT NULL,
    UNIQUE(doc_id, quote_id)
);
CREATE INDEX quotes_doc ON quotes(doc_id);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE INDEX quotes_speaker_id ON quotes(speaker_id);

CREATE TABLE relations(
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents(id),
    type        TEXT NOT NULL,
    from_key    TEXT NOT NULL,
    to_key      TEXT,
    between_keys TEXT NOT NULL DEFAULT '[]',
    confidence  REAL NOT NULL,
    prior       INTEGER NOT NULL,
    date        TEXT,
    json        TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_id);
CREATE INDEX relations_from ON relations(from_key);
CREATE INDEX relations_to ON relations(to_key);

-- Directed source -> target pairs of every event, without self-pairs and unnamed actors.
CREATE VIEW event_dyads AS
    SELECT s.event AS event, s.key AS a, t.key AS b
    FROM event_actors s JOIN event_actors t
      ON s.event = t.event AND s.side = 'source' AND t.side = 'target'
    WHERE s.key <> t.key AND s.key <> '*' AND t.key <> '*';

-- Full-text search: article title and text (external content), and evidence (event sentences, quotes).
CREATE VIRTUAL TABLE doc_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
    text, kind UNINDEXED, ref UNINDEXED, doc_id UNINDEXED, tokenize='unicode61 remove_diacritics 2'
);
"#;

/// v2: the MinHash signature of each document (little-endian u32s), so near-duplicate
/// grouping can resume across ingests without re-reading every text.
const V2: &str = r#"
ALTER TABLE documents ADD COLUMN minhash BLOB;
"#;

/// v3: each document's outlet (its `source`, else the host of its URL; '' when neither), so
/// cluster support can count distinct outlets in SQL. Filled for older rows on open.
const V3: &str = r#"
ALTER TABLE documents ADD COLUMN outlet TEXT;
CREATE INDEX events_doc_event ON events(doc_id, event_id);
"#;

pub fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the database up to [`SCHEMA_VERSION`]; refuses databases from a newer brink.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let v = user_version(conn)?;
    if v > SCHEMA_VERSION {
        return Err(StoreError::Schema(format!(
            "the database has schema version {v}, but this brink only knows up to {SCHEMA_VERSION}; use a newer brink"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(v as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
