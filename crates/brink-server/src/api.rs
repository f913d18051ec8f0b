//! The JSON API under `/api`, described by `/api/openapi.json`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use brink_store::query::{MAX_LIMIT, MAX_OFFSET};
use brink_store::Filter;
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::{AppError, AppState};

pub(crate) type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Parses query parameters into a filter, refusing unknown or repeated names and bad values.
pub(crate) fn parse_filter(params: Params, allowed: &[&str]) -> Result<Filter, AppError> {
    let Query(params) = params.map_err(|e| AppError::BadRequest(format!("bad query string: {}", e.body_text())))?;
    let mut f = Filter::default();
    let mut seen: Vec<String> = Vec::new();
    for (k, v) in params {
        let name = if k == "q" { "search".to_string() } else { k.clone() };
        if !allowed.contains(&name.as_str()) {
            return Err(AppError::BadRequest(format!(
                "unknown parameter '{}'; this endpoint takes: {}",
                truncate(&k, 40),
                if allowed.is_empty() { "nothing".to_string() } else { allowed.join(", ") }
            )));
        }
        if seen.contains(&name) {
            return Err(AppError::BadRequest(format!("parameter '{name}' is given twice")));
        }
        seen.push(name.clone());
        if v.is_empty() {
            continue; // empty form fields mean "no filter"
        }
        let int = |v: &str, lo: i64, hi: i64| -> Result<i64, AppError> {
            v.parse::<i64>()
                .ok()
                .filter(|n| (lo..=hi).contains(n))
                .ok_or_else(|| AppError::BadRequest(format!("{name} must be a whole number from {lo} to {hi}, got '{}'", truncate(v, 40))))
        };
        let date = |v: &str| -> Result<NaiveDate, AppError> {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| AppError::BadRequest(format!("{name} must be a date of the form YYYY-MM-DD, got '{}'", truncate(v, 40))))
        };
        match name.as_str() {
            "actor" => f.actor = Some(v),
            "actor2" => f.actor2 = Some(v),
            "side" => f.side = Some(v),
            "type" => f.typ = Some(v),
            "modality" => f.modality = Some(v),
            "since" => f.since = Some(date(&v)?),
            "until" => f.until = Some(date(&v)?),
            "search" => f.search = Some(v),
            "doc" => f.doc = Some(int(&v, 1, i64::MAX)?),
            "cluster" => f.cluster = Some(int(&v, 0, i64::MAX)?),
            "limit" => f.limit = Some(int(&v, 1, MAX_LIMIT)?),
            "offset" => f.offset = Some(int(&v, 0, MAX_OFFSET)?),
            "page" => {
                let p = int(&v, 1, 10_000)?;
                f.offset = Some((p - 1) * f.limit());
            }
            _ => {}
        }
    }
    f.check()?;
    Ok(f)
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

pub(crate) const DOC_PARAMS: &[&str] = &["actor", "type", "since", "until", "search", "limit", "offset"];
pub(crate) const EVENT_PARAMS: &[&str] =
    &["actor", "actor2", "side", "type", "modality", "since", "until", "search", "doc", "cluster", "limit", "offset"];
pub(crate) const QUOTE_PARAMS: &[&str] = &["actor", "since", "until", "search", "doc", "limit", "offset"];
pub(crate) const ACTOR_PARAMS: &[&str] = &["actor", "search", "limit", "offset"];
pub(crate) const DYAD_PARAMS: &[&str] = &["actor", "actor2", "type", "since", "until", "limit", "offset"];
pub(crate) const RELATION_PARAMS: &[&str] = &["actor", "type", "since", "until", "doc", "limit", "offset"];
const ESC_PARAMS: &[&str] = &["actor", "actor2", "since", "until", "limit"];
const SEARCH_PARAMS: &[&str] = &["search", "limit", "offset"];

fn to_json<T: serde::Serialize>(v: T) -> Result<Json<Value>, AppError> {
    serde_json::to_value(v).map(Json).map_err(|e| AppError::Internal(e.to_string()))
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api", get(|| async { Json(json!({"openapi": "/api/openapi.json"})) }))
        .route("/api/openapi.json", get(|| async { Json(openapi()) }))
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/quotes", get(quotes))
        .route("/api/speakers", get(speakers))
        .route("/api/actors", get(actors))
        .route("/api/actors/{key}", get(actor))
        .route("/api/dyads", get(dyads))
        .route("/api/relations", get(relations))
        .route("/api/escalation", get(escalation))
        .route("/api/search", get(search))
}

async fn stats(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    parse_filter(q, &[])?;
    to_json(st.with_store(|s| s.stats()).await?)
}

async fn documents(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, DOC_PARAMS)?;
    to_json(st.with_store(move |s| s.documents(&f)).await?)
}

fn parse_id(s: &str) -> Result<i64, AppError> {
    s.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| AppError::BadRequest(format!("'{}' is not an id (a positive whole number)", truncate(s, 40))))
}

async fn document(State(st): State<AppState>, Path(id): Path<String>, q: Params) -> Result<Json<Value>, AppError> {
    parse_filter(q, &[])?;
    let id = parse_id(&id)?;
    to_json(st.with_store(move |s| s.document(id)).await?)
}

async fn events(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, EVENT_PARAMS)?;
    to_json(st.with_store(move |s| s.events(&f)).await?)
}

async fn event(State(st): State<AppState>, Path(id): Path<String>, q: Params) -> Result<Json<Value>, AppError> {
    parse_filter(q, &[])?;
    let id = parse_id(&id)?;
    to_json(st.with_store(move |s| s.event(id)).await?)
}

async fn quotes(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, QUOTE_PARAMS)?;
    to_json(st.with_store(move |s| s.quotes(&f)).await?)
}

async fn speakers(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, &["actor", "limit", "offset"])?;
    to_json(st.with_store(move |s| s.speakers(&f)).await?)
}

async fn actors(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, ACTOR_PARAMS)?;
    to_json(st.with_store(move |s| s.actors(&f)).await?)
}

async fn actor(State(st): State<AppState>, Path(key): Path<String>, q: Params) -> Result<Json<Value>, AppError> {
    parse_filter(q, &[])?;
    if key.is_empty() || key.len() > 200 {
        return Err(AppError::BadRequest("actor key must be 1 to 200 characters".into()));
    }
    to_json(st.with_store(move |s| s.actor(&key)).await?)
}

async fn dyads(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, DYAD_PARAMS)?;
    to_json(st.with_store(move |s| s.dyads(&f)).await?)
}

async fn relations(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, RELATION_PARAMS)?;
    to_json(st.with_store(move |s| s.relations(&f)).await?)
}

/// Escalation series: of one pair (actor + actor2), else of the busiest pairs (of `actor`, if given).
async fn escalation(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, ESC_PARAMS)?;
    if f.limit.is_some_and(|l| l > 20) {
        return Err(AppError::BadRequest("limit must be between 1 and 20 for escalation (pairs)".into()));
    }
    let v = st
        .with_store(move |s| {
            let pairs: Vec<(String, String)> = match (&f.actor, &f.actor2) {
                (Some(a), Some(b)) => vec![(s.resolve_key(a)?, s.resolve_key(b)?)],
                _ => {
                    let d = s.dyads(&Filter { actor: f.actor.clone(), since: f.since, until: f.until, limit: Some(f.limit.unwrap_or(5)), ..Default::default() })?;
                    d.items.into_iter().map(|d| (d.a, d.b)).collect()
                }
            };
            let mut out = Vec::new();
            for (a, b) in pairs {
                let series = s.escalation(&a, &b, f.since, f.until)?;
                out.push(json!({"a": a, "b": b, "series": series}));
            }
            Ok(json!({
                "method": "daily sum of conflict intensity minus cooperation intensity (PLOVER scores, asserted events), summed over a 7-day window",
                "pairs": out,
            }))
        })
        .await?;
    Ok(Json(v))
}

async fn search(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, SEARCH_PARAMS)?;
    if f.search.is_none() {
        return Err(AppError::BadRequest("q (the search text) is required".into()));
    }
    to_json(st.with_store(move |s| s.search(&f)).await?)
}

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn params_for(names: &[&str]) -> Vec<Value> {
    let types: Vec<Value> = brink_core::Ontology::get().types.iter().map(|t| json!(t.name)).collect();
    names
        .iter()
        .map(|n| match *n {
            "actor" => param("actor", "Actor key (USA, Hezbollah) or knowledge-base id (antony-blinken)", json!({"type": "string", "maxLength": 200})),
            "actor2" => param("actor2", "With actor: only what lies between the two (either direction)", json!({"type": "string", "maxLength": 200})),
            "side" => param("side", "With actor: the actor's side of the event", json!({"type": "string", "enum": ["source", "target"]})),
            "type" => param("type", "PLOVER event type (relations: ally, adversary, patron, mediator)", json!({"type": "string", "examples": types})),
            "modality" => param("modality", "Event modality", json!({"type": "string", "enum": ["asserted", "negated", "hypothetical", "future"]})),
            "since" => param("since", "First date (event date, else article date), inclusive", json!({"type": "string", "format": "date"})),
            "until" => param("until", "Last date, inclusive", json!({"type": "string", "format": "date"})),
            "search" => param("search", "Full-text search (words, all required; the last matches as a prefix). Alias: q", json!({"type": "string", "maxLength": 200})),
            "doc" => param("doc", "Database id of a document", json!({"type": "integer", "minimum": 1})),
            "cluster" => param("cluster", "Event cluster id (reports of the same act)", json!({"type": "integer", "minimum": 0})),
            "limit" => param("limit", "Page size", json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50})),
            "offset" => param("offset", "Items to skip", json!({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0})),
            other => param(other, "", json!({"type": "string"})),
        })
        .collect()
}

fn list_op(summary: &str, names: &[&str], item: &str) -> Value {
    json!({"get": {
        "summary": summary,
        "parameters": params_for(names),
        "responses": {
            "200": {"description": "One page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page", "x-item": item}}}},
            "400": {"$ref": "#/components/responses/BadRequest"},
        }
    }})
}

fn one_op(summary: &str, name: &str, schema: Value) -> Value {
    json!({"get": {
        "summary": summary,
        "parameters": [{"name": name, "in": "path", "required": true, "schema": schema}],
        "responses": {
            "200": {"description": "The item", "content": {"application/json": {"schema": {"type": "object"}}}},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "404": {"$ref": "#/components/responses/NotFound"},
        }
    }})
}

/// The OpenAPI 3.1 description of the API.
pub fn openapi() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "brink API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to a brink database: documents, PLOVER events with modality and evidence, quotes, actors, dyads, relations, escalation and full-text search. Spans are character offsets into the document text. Unknown or repeated parameters and bad values get a 400 with {\"error\": ...}. Pages hold at most 500 items.",
        },
        "paths": {
            "/api/stats": {"get": {"summary": "Counts and date range", "responses": {"200": {"description": "Counts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}}}},
            "/api/documents": list_op("Documents, newest first", DOC_PARAMS, "DocumentRow"),
            "/api/documents/{id}": one_op("One document with its text, sentences, mentions, events, quotes and relations", "id", json!({"type": "integer"})),
            "/api/events": list_op("Events, newest first; each is the `brink extract` event record plus db_id, doc_id, date_resolved, tone, cluster", EVENT_PARAMS, "Event"),
            "/api/events/{id}": one_op("One event", "id", json!({"type": "integer"})),
            "/api/quotes": list_op("Quotes, newest first (actor = speaker)", QUOTE_PARAMS, "Quote"),
            "/api/speakers": list_op("Speakers by number of quotes", &["actor", "limit", "offset"], "Speaker"),
            "/api/actors": list_op("Actors by key, most active first (search matches key and name)", ACTOR_PARAMS, "ActorSummary"),
            "/api/actors/{key}": one_op("One actor by key or id: identity, and the entities and roles seen under it", "key", json!({"type": "string"})),
            "/api/dyads": list_op("Pairs of actors with asserted events between them, busiest first", DYAD_PARAMS, "Dyad"),
            "/api/relations": list_op("Relations (ally, adversary, patron, mediator) found in documents", RELATION_PARAMS, "Relation"),
            "/api/escalation": {"get": {
                "summary": "Daily escalation series of a pair (actor + actor2), else of the busiest pairs (limit, at most 20)",
                "parameters": params_for(ESC_PARAMS),
                "responses": {"200": {"description": "Series", "content": {"application/json": {"schema": {"type": "object", "properties": {
                    "method": {"type": "string"},
                    "pairs": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "series": {"type": "array", "items": {"$ref": "#/components/schemas/EscalationPoint"}}}}}
                }}}}}, "400": {"$ref": "#/components/responses/BadRequest"}}
            }},
            "/api/search": list_op("Full-text search over documents, event evidence and quotes (q required)", SEARCH_PARAMS, "SearchHit"),
        },
        "components": {
            "responses": {
                "BadRequest": {"description": "A parameter is unknown, repeated or invalid", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error", "status"], "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
                "Page": {"type": "object", "required": ["items", "total", "limit", "offset"], "properties": {
                    "items": {"type": "array", "items": {"type": "object"}},
                    "total": {"type": "integer", "description": "Items matching the filters"},
                    "limit": {"type": "integer"}, "offset": {"type": "integer"},
                    "next_offset": {"type": ["integer", "null"]},
                }},
                "Stats": {"type": "object", "properties": {
                    "schema_version": {"type": "integer"}, "documents": {"type": "integer"}, "events": {"type": "integer"},
                    "quotes": {"type": "integer"}, "relations": {"type": "integer"}, "mentions": {"type": "integer"}, "actors": {"type": "integer"},
                    "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
                }},
                "EscalationPoint": {"type": "object", "properties": {
                    "date": {"type": "string", "format": "date"}, "events": {"type": "integer"},
                    "conflict": {"type": "number"}, "cooperation": {"type": "number"}, "index": {"type": "number"},
                }},
            }
        }
    })
}
