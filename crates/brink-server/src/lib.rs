//! HTTP API and analyst dashboard over the store.
//!
//! [`router`] builds the whole application (JSON API under `/api`, HTML dashboard,
//! embedded stylesheet); [`serve`] binds it to an address. The server only reads:
//! it opens the database read-only, so it can run beside a live `brink ingest`.
//!
//! Everything that comes from articles is untrusted. HTML goes through minijinja
//! templates with auto-escaping; SVG is built in Rust with explicit escaping; the
//! Content-Security-Policy forbids scripts altogether.

#![recursion_limit = "512"]

mod api;
mod html;
mod pages;
mod svg;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use brink_store::{EscalationData, RelationSet, Store, StoreError};
use serde_json::json;
use tokio::sync::Semaphore;

pub use api::openapi;

/// The strict policy every response carries: no scripts at all, styles and images only from us.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Limits that keep one client from exhausting the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Requests handled at once; more wait up to `queue_wait`, then get 503.
    pub max_concurrent: usize,
    pub queue_wait: Duration,
    /// Database connections (and so blocking query threads) at once.
    pub db_connections: usize,
    /// Longest a request may take before it gets 503.
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    pub max_uri_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_concurrent: 128,
            queue_wait: Duration::from_secs(5),
            db_connections: 4,
            request_timeout: Duration::from_secs(20),
            max_body_bytes: 16 * 1024,
            max_uri_bytes: 4096,
        }
    }
}

/// The model of the database as last loaded: escalation acts and merged relations.
pub(crate) struct Model {
    pub esc: EscalationData,
    pub rel: RelationSet,
}

/// The model with the database fingerprint it was loaded at.
type CachedModel = ((i64, i64), Arc<Model>);

struct Inner {
    db: PathBuf,
    /// Keyed by the database's fingerprint, so an ingest running beside the server is picked up.
    model: Mutex<Option<CachedModel>>,
    pool: Mutex<Vec<Store>>,
    db_permits: Semaphore,
    requests: Semaphore,
    limits: Limits,
    templates: minijinja::Environment<'static>,
}

/// Shared state: the database path, a small pool of read-only connections, the templates.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Opens the database read-only (checking that it exists and has the current schema).
    pub fn open(db: impl AsRef<Path>) -> Result<AppState, StoreError> {
        Self::with_limits(db, Limits::default())
    }

    pub fn with_limits(db: impl AsRef<Path>, limits: Limits) -> Result<AppState, StoreError> {
        let store = Store::open_read_only(db.as_ref())?;
        Ok(AppState(Arc::new(Inner {
            db: db.as_ref().to_path_buf(),
            model: Mutex::new(None),
            pool: Mutex::new(vec![store]),
            db_permits: Semaphore::new(limits.db_connections.max(1)),
            requests: Semaphore::new(limits.max_concurrent.max(1)),
            limits,
            templates: html::environment(),
        })))
    }

    /// Runs a query on a pooled read-only connection, off the async threads.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self.0.db_permits.acquire().await.map_err(|_| AppError::Unavailable("shutting down".into()))?;
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let store = inner.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
            let store = match store {
                Some(s) => s,
                None => Store::open_read_only(&inner.db)?,
            };
            let out = f(&store);
            if let Ok(mut p) = inner.pool.lock() {
                p.push(store);
            }
            out.map_err(AppError::from)
        })
        .await
        .map_err(|e| AppError::Internal(format!("query task failed: {e}")))?
    }

    /// Like [`AppState::with_store`], with the model (loaded once per database state).
    pub(crate) async fn with_model<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &Model) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = self.0.clone();
        self.with_store(move |s| {
            let fp = s.fingerprint()?;
            let cached = inner.model.lock().ok().and_then(|m| m.as_ref().filter(|(k, _)| *k == fp).map(|(_, m)| m.clone()));
            let model = match cached {
                Some(m) => m,
                None => {
                    let m = Arc::new(Model { esc: s.escalation_data()?, rel: s.relation_set()? });
                    if let Ok(mut slot) = inner.model.lock() {
                        *slot = Some((fp, m.clone()));
                    }
                    m
                }
            };
            f(s, &model)
        })
        .await
    }

    pub(crate) fn templates(&self) -> &minijinja::Environment<'static> {
        &self.0.templates
    }
}

/// Errors as responses: JSON under /api, HTML pages elsewhere (see `pages`).
#[derive(Debug)]
pub enum AppError {
    BadRequest(String),
    NotFound(String),
    Unavailable(String),
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
    pub fn message(&self) -> &str {
        match self {
            AppError::BadRequest(m) | AppError::NotFound(m) | AppError::Unavailable(m) | AppError::Internal(m) => m,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::BadRequest(m) => AppError::BadRequest(m),
            StoreError::NotFound(m) => AppError::NotFound(format!("not found: {m}")),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        (status, Json(json!({"error": self.message(), "status": status.as_u16()}))).into_response()
    }
}

/// The application: API, dashboard and assets, with security headers and limits.
pub fn router(state: AppState) -> Router {
    let limits = state.0.limits.clone();
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .route("/static/app.css", get(css))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(middleware::from_fn(security_headers))
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}

async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], include_str!("static/app.css"))
}

async fn not_found(State(st): State<AppState>, req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        AppError::NotFound(format!("no such endpoint: {}; see /api/openapi.json", req.uri().path())).into_response()
    } else {
        pages::error_page(&st, AppError::NotFound("There is no page at this address.".into()))
    }
}

/// Concurrency, URI size, body size and time limits.
async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let limits = &st.0.limits;
    if req.uri().to_string().len() > limits.max_uri_bytes {
        return (StatusCode::URI_TOO_LONG, Json(json!({"error": "the request address is too long", "status": 414}))).into_response();
    }
    if let Some(len) = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok()) {
        if len > limits.max_body_bytes {
            return (StatusCode::PAYLOAD_TOO_LARGE, Json(json!({"error": "request body too large", "status": 413}))).into_response();
        }
    }
    let permit = match tokio::time::timeout(limits.queue_wait, st.0.requests.acquire()).await {
        Ok(Ok(p)) => p,
        _ => return AppError::Unavailable("the server is busy; retry shortly".into()).into_response(),
    };
    let res = match tokio::time::timeout(limits.request_timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => AppError::Unavailable("the request took too long".into()).into_response(),
    };
    drop(permit);
    res
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    res
}

/// Serves the application on `addr` until Ctrl-C. Calls `on_ready` with the bound address.
pub async fn serve(state: AppState, addr: SocketAddr, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(state, listener, on_ready).await
}

/// Serves the application on a bound listener until Ctrl-C. Calls `on_ready` with its address.
pub async fn serve_on(state: AppState, listener: tokio::net::TcpListener, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
