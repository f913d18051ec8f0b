//! The JSON API under `/api`, described by `/api/openapi.json`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use brink_store::query::{MAX_LIMIT, MAX_OFFSET};
use brink_store::{EscalationParams, Filter, ESCALATION_METHOD};
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::{AppError, AppState};

pub(crate) type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Parses query parameters into a filter, refusing unknown or repeated names and bad values.
pub(crate) fn parse_filter(params: Params, allowed: &[&str]) -> Result<Filter, AppError> {
    let Query(params) = params.map_err(|e| AppError::BadRequest(format!("bad query string: {}", e.body_text())))?;
    filter_from_pairs(params, allowed)
}

pub(crate) type Pairs = Vec<(String, String)>;

/// Takes the parameters named in `extra` out of the query (each at most once), leaving the rest.
pub(crate) fn take_extra(params: Params, extra: &[&str]) -> Result<(Pairs, Pairs), AppError> {
    let Query(params) = params.map_err(|e| AppError::BadRequest(format!("bad query string: {}", e.body_text())))?;
    let (mut taken, rest): (Vec<_>, Vec<_>) = params.into_iter().partition(|(k, _)| extra.contains(&k.as_str()));
    taken.sort();
    if let Some(w) = taken.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(AppError::BadRequest(format!("parameter '{}' is given twice", w[0].0)));
    }
    Ok((taken.into_iter().filter(|(_, v)| !v.is_empty()).collect(), rest))
}

pub(crate) fn filter_from_pairs(params: Vec<(String, String)>, allowed: &[&str]) -> Result<Filter, AppError> {
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
            "group" => f.group = Some(v),
            "prior" => {
                f.prior = Some(match v.as_str() {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => return Err(AppError::BadRequest(format!("prior must be true or false, got '{}'", truncate(&v, 40)))),
                })
            }
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
    &["actor", "actor2", "side", "type", "modality", "since", "until", "search", "doc", "cluster", "group", "limit", "offset"];
pub(crate) const CLUSTER_PARAMS: &[&str] =
    &["actor", "actor2", "side", "type", "modality", "since", "until", "search", "doc", "cluster", "limit", "offset"];
pub(crate) const QUOTE_PARAMS: &[&str] = &["actor", "since", "until", "search", "doc", "limit", "offset"];
pub(crate) const ACTOR_PARAMS: &[&str] = &["actor", "search", "limit", "offset"];
pub(crate) const DYAD_PARAMS: &[&str] = &["actor", "actor2", "type", "since", "until", "limit", "offset"];
pub(crate) const RELATION_PARAMS: &[&str] = &["actor", "actor2", "type", "since", "until", "prior", "limit", "offset"];
const ESC_PARAMS: &[&str] = &["actor", "actor2", "since", "until", "limit"];
const ESC_EXTRA: &[&str] = &["dyad", "k"];
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
        .route("/api/clusters", get(clusters))
        .route("/api/clusters/{id}", get(cluster))
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
    to_json(
        st.with_model(move |s, m| {
            let mut f = f;
            f.actor = f.actor.map(|a| s.resolve_key(&a)).transpose()?;
            f.actor2 = f.actor2.map(|a| s.resolve_key(&a)).transpose()?;
            m.rel.page(&f)
        })
        .await?,
    )
}

async fn clusters(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let f = parse_filter(q, CLUSTER_PARAMS)?;
    to_json(st.with_store(move |s| s.clusters(&f)).await?)
}

async fn cluster(State(st): State<AppState>, Path(id): Path<String>, q: Params) -> Result<Json<Value>, AppError> {
    parse_filter(q, &[])?;
    let id: i64 = id.parse().ok().filter(|n| *n >= 0).ok_or_else(|| AppError::BadRequest(format!("'{}' is not a cluster id (a whole number)", truncate(&id, 40))))?;
    to_json(st.with_store(move |s| s.cluster(id)).await?)
}

/// `A:B` as two actor keys.
pub(crate) fn parse_dyad(v: &str) -> Result<(String, String), AppError> {
    match v.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && a.len() <= 200 && b.len() <= 200 => Ok((a.trim().to_string(), b.trim().to_string())),
        _ => Err(AppError::BadRequest(format!("dyad must be two actor keys joined by ':' (e.g. ISR:Hezbollah), got '{}'", truncate(v, 40)))),
    }
}

/// Parameters of the escalation alerts from `k` (standard deviations).
pub(crate) fn esc_params(k: Option<&str>) -> Result<EscalationParams, AppError> {
    let mut p = EscalationParams::default();
    if let Some(k) = k {
        p.k = k
            .parse::<f32>()
            .ok()
            .filter(|x| x.is_finite() && (0.5..=10.0).contains(x))
            .ok_or_else(|| AppError::BadRequest(format!("k must be a number from 0.5 to 10 (standard deviations), got '{}'", truncate(k, 40))))?;
    }
    Ok(p)
}

/// Escalation (brink-model's index): of one pair (`dyad=A:B`, or actor + actor2), else the
/// overall series and the busiest pairs (of `actor`, if given; `limit` pairs, default 5).
async fn escalation(State(st): State<AppState>, q: Params) -> Result<Json<Value>, AppError> {
    let (extra, rest) = take_extra(q, ESC_EXTRA)?;
    let get = |k: &str| extra.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let mut f = filter_from_pairs(rest, ESC_PARAMS)?;
    if f.limit.is_some_and(|l| l > 20) {
        return Err(AppError::BadRequest("limit must be between 1 and 20 for escalation (pairs)".into()));
    }
    if let Some(d) = get("dyad") {
        if f.actor.is_some() {
            return Err(AppError::BadRequest("give either dyad=A:B or actor (and actor2), not both".into()));
        }
        let (a, b) = parse_dyad(d)?;
        f.actor = Some(a);
        f.actor2 = Some(b);
    }
    let p = esc_params(get("k"))?;
    let v = st
        .with_model(move |s, m| {
            let (overall, pairs) = match (&f.actor, &f.actor2) {
                (Some(a), Some(b)) => (None, vec![s.escalation_from(&m.esc, Some((a, b)), f.since, f.until, &p)?]),
                _ => {
                    let top = Filter { actor: f.actor.clone(), since: f.since, until: f.until, limit: Some(f.limit.unwrap_or(5)), ..Default::default() };
                    let d = s.dyads(&top)?;
                    let mut pairs = Vec::new();
                    for d in d.items {
                        pairs.push(s.escalation_from(&m.esc, Some((&d.a, &d.b)), f.since, f.until, &p)?);
                    }
                    (Some(s.escalation_from(&m.esc, None, f.since, f.until, &p)?), pairs)
                }
            };
            Ok(json!({"method": ESCALATION_METHOD, "params": p, "overall": overall, "pairs": pairs}))
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
            "group" => param("group", "act (default): one row per act, its first report, with support counts; report: every copy", json!({"type": "string", "enum": ["act", "report"], "default": "act"})),
            "prior" => param("prior", "false leaves knowledge-base priors out", json!({"type": "boolean", "default": true})),
            "dyad" => param("dyad", "The pair, as two actor keys joined by ':' (either order), e.g. ISR:Hezbollah", json!({"type": "string", "pattern": "^[^:]+:[^:]+$"})),
            "k" => param("k", "Standard deviations below the 30-day baseline that raise a drop alert", json!({"type": "number", "minimum": 0.5, "maximum": 10, "default": 2.0})),
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
            "/api/events": list_op("Events, newest first: one row per act (group=act, default; the act's first report) or every report (group=report). Each is the `brink extract` event record plus db_id, doc_id, date_resolved, tone, cluster and support (documents), support_outlets, support_reports", EVENT_PARAMS, "Event"),
            "/api/events/{id}": one_op("One event (a report), with its act's support", "id", json!({"type": "integer"})),
            "/api/clusters": list_op("Acts (event clusters: reports of the same real-world act across documents), most widely reported first; the event filters pick the acts", CLUSTER_PARAMS, "Cluster"),
            "/api/clusters/{id}": one_op("One act: support (documents, outlets, reports), the outlets' names and every report", "id", json!({"type": "integer", "minimum": 0})),
            "/api/quotes": list_op("Quotes, newest first (actor = speaker)", QUOTE_PARAMS, "Quote"),
            "/api/speakers": list_op("Speakers by number of quotes", &["actor", "limit", "offset"], "Speaker"),
            "/api/actors": list_op("Actors by key, most active first (events counted as acts; search matches key and name)", ACTOR_PARAMS, "ActorSummary"),
            "/api/actors/{key}": one_op("One actor by key or id: identity, and the entities and roles seen under it", "key", json!({"type": "string"})),
            "/api/dyads": list_op("Pairs of actors with asserted events between them, most acts first (events = acts, reports = copies)", DYAD_PARAMS, "Dyad"),
            "/api/relations": {"get": {
                "summary": "Relations merged across documents (one per type and actors: ally, adversary, patron, mediator), strongest first, each with its evidence linked to documents and events; the same as `brink relations --db`",
                "parameters": params_for(RELATION_PARAMS),
                "responses": {
                    "200": {"description": "One page", "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/Page"}, {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Relation"}}}}]}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                }
            }},
            "/api/escalation": {"get": {
                "summary": "Escalation index (brink-model): of one pair (dyad=A:B, or actor + actor2), else the overall series and the busiest pairs (limit, at most 20); the same as `brink escalation --db`",
                "parameters": params_for(&["dyad", "actor", "actor2", "since", "until", "k", "limit"]),
                "responses": {"200": {"description": "Series and alerts", "content": {"application/json": {"schema": {"type": "object", "properties": {
                    "method": {"type": "string"},
                    "params": {"$ref": "#/components/schemas/EscalationParams"},
                    "overall": {"oneOf": [{"$ref": "#/components/schemas/Escalation"}, {"type": "null"}]},
                    "pairs": {"type": "array", "items": {"$ref": "#/components/schemas/Escalation"}},
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
                    "schema_version": {"type": "integer"}, "documents": {"type": "integer"}, "document_groups": {"type": "integer"},
                    "events": {"type": "integer"}, "acts": {"type": "integer"},
                    "quotes": {"type": "integer"}, "relations": {"type": "integer"}, "mentions": {"type": "integer"}, "actors": {"type": "integer"},
                    "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
                }},
                "Actor": {"type": "object", "properties": {"key": {"type": "string"}, "name": {"type": "string"}}},
                "Relation": {"type": "object", "required": ["id", "type", "from", "confidence", "prior", "evidence"], "properties": {
                    "id": {"type": "string", "description": "type:from>others (others sorted for ally, adversary and mediator)"},
                    "type": {"type": "string", "enum": ["ally", "adversary", "patron", "mediator"]},
                    "from": {"$ref": "#/components/schemas/Actor"},
                    "to": {"oneOf": [{"$ref": "#/components/schemas/Actor"}, {"type": "null"}], "description": "ally, adversary, patron"},
                    "between": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}, "description": "mediator: the two parties"},
                    "confidence": {"type": "number"}, "first_seen": {"type": ["string", "null"]}, "last_seen": {"type": ["string", "null"]},
                    "prior": {"type": "boolean", "description": "a knowledge-base prior, not evidence"},
                    "documents": {"type": "integer"},
                    "evidence": {"type": "array", "items": {"type": "object", "properties": {
                        "doc": {"type": "string"}, "doc_id": {"type": ["integer", "null"]}, "doc_title": {"type": ["string", "null"]},
                        "text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "rule": {"type": "string"},
                        "event_ids": {"type": "array", "items": {"type": "integer"}},
                    }}},
                }},
                "Cluster": {"type": "object", "properties": {
                    "cluster": {"type": "integer"}, "documents": {"type": "integer"}, "outlets": {"type": "integer"}, "reports": {"type": "integer"},
                    "first_date": {"type": ["string", "null"]}, "last_date": {"type": ["string", "null"]},
                    "event": {"type": "object", "description": "the act's first report, as an Event"},
                    "outlet_names": {"type": "array", "items": {"type": "string"}, "description": "/api/clusters/{id} only"},
                    "reports": {"type": "integer", "description": "in /api/clusters/{id}: every report, as Events"},
                }},
                "EscalationParams": {"type": "object", "properties": {"k": {"type": "number"}, "min_sd": {"type": "number"}, "min_baseline_days": {"type": "integer"}}},
                "EscalationRow": {"type": "object", "properties": {
                    "dyad": {"type": "string"}, "date": {"type": "string", "format": "date"},
                    "events": {"type": "integer", "description": "acts that day (clusters, counted once)"},
                    "score_sum": {"type": "number", "description": "sum of their PLOVER scores"},
                    "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4, "description": "acts by quad class 1..4"},
                    "articles": {"type": "integer", "description": "documents reporting asserted events dated that day (the normaliser)"},
                    "index": {"type": "number", "description": "score_sum / max(articles, 1); negative is conflict"},
                    "index_7d": {"type": "number"}, "index_30d": {"type": "number"},
                }},
                "Alert": {"type": "object", "properties": {
                    "dyad": {"type": "string"}, "date": {"type": "string", "format": "date"},
                    "kind": {"type": "string", "enum": ["drop", "first_material_conflict"]},
                    "value": {"type": "number"}, "baseline": {"type": ["number", "null"]}, "sd": {"type": ["number", "null"]}, "detail": {"type": "string"},
                }},
                "Escalation": {"type": "object", "properties": {
                    "dyad": {"type": "string", "description": "A:B (keys sorted) or * (overall)"},
                    "a": {"type": ["string", "null"]}, "b": {"type": ["string", "null"]}, "a_name": {"type": ["string", "null"]}, "b_name": {"type": ["string", "null"]},
                    "params": {"$ref": "#/components/schemas/EscalationParams"},
                    "series": {"type": "array", "items": {"$ref": "#/components/schemas/EscalationRow"}},
                    "alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}},
                }},
            }
        }
    })
}
