#![allow(dead_code)]
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use brink_server::{router, AppState};
use tower::ServiceExt;

/// A database file built from the fixture corpus and a syndicated copy of its first article
/// (closed before the server opens it read-only).
pub fn fixture_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fx.db");
    let mut s = brink_store::Store::open(&path).unwrap();
    let mut docs = brink_store::fixtures::sample_corpus();
    docs.push(brink_store::fixtures::wire_copy());
    s.insert_batch(&docs).unwrap();
    drop(s);
    (dir, path)
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn get(state: &AppState, uri: &str) -> Resp {
    let res = router(state.clone()).oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024).await.unwrap();
    Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}
