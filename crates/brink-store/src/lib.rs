//! The embedded SQLite store: idempotent ingest and queries.
//!
//! One SQLite file (bundled SQLite, WAL mode) holds documents, sentence spans,
//! actor mentions, events, quotes and relations, with FTS5 full-text search over
//! article text and evidence. Writes happen one transaction per batch, so an
//! interrupted ingest leaves every earlier batch complete and nothing of the
//! interrupted one; documents are keyed by content hash, so a re-run skips what
//! is stored and completes the rest.
//!
//! Spans are stored as character offsets (the same convention as `brink extract`).

pub mod fixtures;
pub mod json;
pub mod model;
pub mod query;
pub mod schema;
mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use rusqlite;
pub use brink_model::escalation::{Alert, Params as EscalationParams, SeriesRow};
pub use model::{Escalation, EscalationData, RelationSet, RelationView, ESCALATION_METHOD};
pub use query::{ActorDetail, ActorSummary, ClusterDetail, ClusterSummary, DocumentRow, Dyad, Filter, Page, SearchHit, Stats};
pub use schema::SCHEMA_VERSION;
pub use write::BatchReport;

#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    Schema(String),
    /// A query parameter that cannot be used (shown to API users as a 400).
    BadRequest(String),
    NotFound(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Schema(s) => write!(f, "database schema: {s}"),
            StoreError::BadRequest(s) => f.write_str(s),
            StoreError::NotFound(s) => write!(f, "not found: {s}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Schema(format!("stored JSON: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A connection to one brink database.
pub struct Store {
    conn: Connection,
    /// Near-duplicate grouper and event clusterer, loaded from the database on first write.
    model: Option<write::ModelState>,
}

impl Store {
    /// Opens (creating if needed) a database for writing and migrates it to the current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        Self::setup(&conn, true)?;
        schema::migrate(&mut conn)?;
        write::backfill_outlets(&conn)?;
        Ok(Store { conn, model: None })
    }

    /// Opens an existing database read-only (the server's connections).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::NotFound(format!("database {}", path.display())));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )?;
        Self::setup(&conn, false)?;
        let v = schema::user_version(&conn)?;
        if v != SCHEMA_VERSION {
            return Err(StoreError::Schema(format!(
                "the database has schema version {v}, this brink reads version {SCHEMA_VERSION}; run `brink ingest` on it to migrate"
            )));
        }
        Ok(Store { conn, model: None })
    }

    /// A private in-memory database (tests).
    pub fn in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        Self::setup(&conn, true)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn, model: None })
    }

    fn setup(conn: &Connection, write: bool) -> Result<()> {
        conn.busy_timeout(Duration::from_secs(10))?;
        if write {
            // WAL: readers never block the writer; a killed writer loses only its open transaction.
            let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<i64> {
        schema::user_version(&self.conn)
    }
}
