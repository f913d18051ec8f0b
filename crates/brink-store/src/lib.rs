//! The embedded SQLite store: idempotent ingest and queries.
