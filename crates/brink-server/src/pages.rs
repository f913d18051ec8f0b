//! The dashboard: server-rendered HTML pages (no scripts).

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use brink_store::{Alert, Dyad, Escalation, EscalationParams, Filter, RelationView};
use minijinja::value::Serde;
use serde_json::{json, Value};

use crate::api::{parse_filter, Params, ACTOR_PARAMS, EVENT_PARAMS, RELATION_PARAMS};
use crate::html::{evidence_segments, segments, Mark};
use crate::svg::{self, enc, Node, RelEdge, Trend};
use crate::{AppError, AppState};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/actors", get(actors))
        .route("/actors/{key}", get(actor))
        .route("/dyads/{a}/{b}", get(dyad))
        .route("/events", get(events))
        .route("/relations", get(relations))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/quotes", get(quotes))
        .route("/search", get(search))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
}

fn html_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

fn render(st: &AppState, name: &str, ctx: Value) -> Response {
    match st.templates().get_template(name).and_then(|t| t.render(Serde(&ctx))) {
        Ok(body) => html_response(StatusCode::OK, body),
        Err(e) => html_response(StatusCode::INTERNAL_SERVER_ERROR, format!("<!doctype html><title>error</title><p>template error: {}</p>", svg::esc(&e.to_string()))),
    }
}

pub(crate) fn error_page(st: &AppState, e: AppError) -> Response {
    let status = e.status();
    let ctx = json!({"title": status.canonical_reason().unwrap_or("Error"), "status": status.as_u16(), "message": e.message()});
    match st.templates().get_template("error.html").and_then(|t| t.render(Serde(&ctx))) {
        Ok(body) => html_response(status, body),
        Err(_) => html_response(status, format!("<!doctype html><p>{}</p>", svg::esc(e.message()))),
    }
}

async fn page<F>(st: AppState, f: F) -> Response
where
    F: std::future::Future<Output = Result<Response, AppError>>,
{
    match f.await {
        Ok(r) => r,
        Err(e) => error_page(&st, e),
    }
}

/// Adds `segments` (highlighted evidence) to event records.
fn with_segments(mut events: Vec<Value>) -> Vec<Value> {
    for e in &mut events {
        let segs = evidence_segments(e);
        e["segments"] = serde_json::to_value(segs).unwrap_or(Value::Null);
    }
    events
}

/// A query string rebuilt from a filter, with a different offset (for pager links).
fn query_with(f: &Filter, offset: i64) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{k}={}", enc(&v)));
        }
    };
    push("actor", f.actor.clone());
    push("actor2", f.actor2.clone());
    push("side", f.side.clone());
    push("type", f.typ.clone());
    push("modality", f.modality.clone());
    push("since", f.since.map(|d| d.to_string()));
    push("until", f.until.map(|d| d.to_string()));
    push("search", f.search.clone());
    push("doc", f.doc.map(|d| d.to_string()));
    push("cluster", f.cluster.map(|d| d.to_string()));
    push("group", f.group.clone());
    push("prior", f.prior.map(|d| d.to_string()));
    if f.limit.is_some() {
        push("limit", Some(f.limit().to_string()));
    }
    if offset > 0 {
        push("offset", Some(offset.to_string()));
    }
    parts.join("&")
}

fn pager(path: &str, f: &Filter, total: i64, shown: usize) -> Value {
    let (limit, offset) = (f.limit(), f.offset());
    let prev = (offset > 0).then(|| format!("{path}?{}", query_with(f, (offset - limit).max(0))));
    let next = (offset + (shown as i64) < total).then(|| format!("{path}?{}", query_with(f, offset + limit)));
    json!({"prev": prev, "next": next, "from": if shown == 0 { 0 } else { offset + 1 }, "to": offset + shown as i64, "total": total})
}

fn filter_json(f: &Filter) -> Value {
    json!({
        "actor": f.actor, "actor2": f.actor2, "side": f.side, "type": f.typ, "modality": f.modality,
        "since": f.since.map(|d| d.to_string()), "until": f.until.map(|d| d.to_string()), "search": f.search,
        "cluster": f.cluster, "group": f.group, "prior": f.prior,
    })
}

fn event_types() -> Vec<String> {
    brink_core::Ontology::get().types.iter().map(|t| t.name.clone()).collect()
}

/// Link to a relation with its evidence (the relations page, filtered to it).
fn relation_href(r: &RelationView, other: &str) -> String {
    format!("/relations?actor={}&actor2={}&type={}", enc(&r.from.key), enc(other), enc(&r.relation_type))
}

fn relation_title(r: &RelationView) -> String {
    let what = match (&r.to, r.between.as_slice()) {
        (Some(t), _) if r.relation_type == "patron" => format!("{} backs {} (patron)", r.from.name, t.name),
        (Some(t), _) => format!("{} – {}: {}", r.from.name, t.name, r.relation_type),
        (None, [x, y, ..]) => format!("{} mediates between {} and {}", r.from.name, x.name, y.name),
        _ => format!("{}: {}", r.from.name, r.relation_type),
    };
    let ev = r.evidence.first().map(|e| format!(": “{}”", api_truncate(&e.text, 160))).unwrap_or_default();
    format!("{what} — confidence {:.2}, {} document{}{ev}", r.confidence, r.documents, if r.documents == 1 { "" } else { "s" })
}

fn api_truncate(s: &str, n: usize) -> String {
    crate::api::truncate(s, n)
}

/// Relations for the templates: each with `evidence_groups`, its evidence grouped by sentence
/// (syndicated copies repeat a sentence; it is shown once with every document that has it).
fn relations_json(items: &[RelationView]) -> Vec<Value> {
    items
        .iter()
        .map(|r| {
            let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
            for e in &r.evidence {
                let src = json!({"doc": e.doc, "doc_id": e.doc_id, "doc_title": e.doc_title, "event_id": e.event_ids.first(), "rule": e.rule});
                let norm = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
                match groups.iter_mut().find(|g| g.0 == norm) {
                    Some(g) => {
                        if !g.1.iter().any(|x| x["doc_id"] == src["doc_id"] && x["doc"] == src["doc"]) {
                            g.1.push(src);
                        }
                    }
                    None => groups.push((norm, vec![src])),
                }
            }
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["evidence_groups"] = Value::Array(groups.into_iter().map(|(text, sources)| json!({"text": text, "sources": sources})).collect());
            v
        })
        .collect()
}

/// The overview network: the most active actors (by acts) and the parties of stated relations,
/// event edges between them, and every relation (not priors) as a typed edge.
fn network_svg(dyads: &[Dyad], relations: &[RelationView], max_nodes: usize) -> String {
    let mut activity: HashMap<&str, (i64, &str)> = HashMap::new();
    for d in dyads {
        activity.entry(&d.a).or_insert((0, &d.a_name)).0 += d.events;
        activity.entry(&d.b).or_insert((0, &d.b_name)).0 += d.events;
    }
    let mut nodes: Vec<Node> = activity.iter().map(|(k, (n, name))| Node { key: k.to_string(), name: name.to_string(), activity: *n }).collect();
    nodes.sort_by(|a, b| b.activity.cmp(&a.activity).then(a.key.cmp(&b.key)));
    nodes.truncate(max_nodes);
    let rels: Vec<&RelationView> = relations.iter().filter(|r| !r.prior).collect();
    // parties of relations join the network (a few more than the cap), strongest relations first
    for r in &rels {
        let mut parties = vec![&r.from];
        parties.extend(r.to.iter());
        parties.extend(r.between.iter());
        for a in parties {
            if a.key == "*" || nodes.iter().any(|n| n.key == a.key) {
                continue;
            }
            if nodes.len() >= max_nodes + 6 {
                break;
            }
            let act = activity.get(a.key.as_str()).map(|x| x.0).unwrap_or(0);
            nodes.push(Node { key: a.key.clone(), name: a.name.clone(), activity: act });
        }
    }
    let edges: Vec<RelEdge> = rels
        .iter()
        .flat_map(|r| {
            r.edges().into_iter().map(move |(a, b)| RelEdge {
                from: a.to_string(),
                to: b.to_string(),
                rel_type: r.relation_type.clone(),
                href: relation_href(r, b),
                title: relation_title(r),
            })
        })
        .collect();
    svg::network(&nodes, dyads, &edges)
}

fn trend_svg(pairs: &[(Dyad, Escalation)]) -> String {
    let series: Vec<Trend> = pairs
        .iter()
        .map(|(d, e)| Trend {
            label: format!("{} – {}", d.a_name, d.b_name),
            href: format!("/dyads/{}/{}", enc(&d.a), enc(&d.b)),
            rows: &e.series,
            alerts: &e.alerts,
        })
        .collect();
    svg::trend_chart(&series)
}

/// The pair an alert belongs to: keys and names (None: the overall series).
type AlertPair = Option<(String, String, String, String)>;

/// Alerts for the templates: newest first, with names and a link to the pair.
fn alert_rows(alerts: &[(Alert, AlertPair)]) -> Vec<Value> {
    let mut v: Vec<&(Alert, AlertPair)> = alerts.iter().collect();
    v.sort_by(|x, y| y.0.date.cmp(&x.0.date).then(x.0.dyad.cmp(&y.0.dyad)));
    v.into_iter()
        .map(|(a, who)| {
            let (href, label) = match who {
                Some((ka, kb, na, nb)) => (Some(format!("/dyads/{}/{}", enc(ka), enc(kb))), format!("{na} – {nb}")),
                None => (None, "all actors".to_string()),
            };
            json!({"date": a.date.to_string(), "kind": a.kind, "kind_label": a.kind.replace('_', " "), "detail": a.detail, "href": href, "label": label})
        })
        .collect()
}

async fn overview(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        parse_filter(q, &[])?;
        let ctx = s2
            .with_model(|s, m| {
                let stats = s.stats()?;
                let dyads = s.dyads(&Filter { limit: Some(60), ..Default::default() })?.items;
                let network = network_svg(&dyads, &m.rel.relations, 22);
                let p = EscalationParams::default();
                let mut pairs = Vec::new();
                let mut alerts = Vec::new();
                for d in dyads.iter().take(4) {
                    let e = s.escalation_from(&m.esc, Some((&d.a, &d.b)), None, None, &p)?;
                    for a in &e.alerts {
                        alerts.push((a.clone(), Some((d.a.clone(), d.b.clone(), d.a_name.clone(), d.b_name.clone()))));
                    }
                    pairs.push((d.clone(), e));
                }
                let overall = s.escalation_from(&m.esc, None, None, None, &p)?;
                alerts.extend(overall.alerts.iter().map(|a| (a.clone(), None)));
                let trend = trend_svg(&pairs);
                let latest = with_segments(s.events(&Filter { limit: Some(12), ..Default::default() })?.items);
                let actors = s.actors(&Filter { limit: Some(12), ..Default::default() })?.items;
                let relations: Vec<&RelationView> = m.rel.relations.iter().filter(|r| !r.prior).take(12).collect();
                Ok(json!({
                    "title": "Overview", "nav": "overview", "stats": stats, "network_svg": network, "escalation_svg": trend,
                    "alerts": alert_rows(&alerts).into_iter().take(8).collect::<Vec<_>>(),
                    "relations_total": m.rel.relations.iter().filter(|r| !r.prior).count(), "relations": relations,
                    "latest": latest, "dyads": dyads.iter().take(10).collect::<Vec<_>>(), "actors": actors,
                }))
            })
            .await?;
        Ok(render(&s2, "overview.html", ctx))
    })
    .await
}

async fn actors(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, ACTOR_PARAMS)?;
        let ctx = s2
            .with_store(move |s| {
                let p = s.actors(&f)?;
                let pg = pager("/actors", &f, p.total, p.items.len());
                Ok(json!({"title": "Actors", "nav": "actors", "actors": p.items, "pager": pg, "filter": filter_json(&f)}))
            })
            .await?;
        Ok(render(&s2, "actors.html", ctx))
    })
    .await
}

async fn actor(State(st): State<AppState>, Path(key): Path<String>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        parse_filter(q, &[])?;
        if key.is_empty() || key.len() > 200 {
            return Err(AppError::BadRequest("actor key must be 1 to 200 characters".into()));
        }
        let ctx = s2
            .with_model(move |s, m| {
                let d = s.actor(&key)?;
                let k = d.summary.key.clone();
                let f = |side: &str| Filter { actor: Some(k.clone()), side: Some(side.into()), limit: Some(25), ..Default::default() };
                let as_source = s.events(&f("source"))?;
                let as_target = s.events(&f("target"))?;
                let quotes = s.quotes(&Filter { actor: Some(k.clone()), limit: Some(25), ..Default::default() })?;
                let dyads = s.dyads(&Filter { actor: Some(k.clone()), limit: Some(15), ..Default::default() })?.items;
                let relations = m.rel.page(&Filter { actor: Some(k.clone()), limit: Some(50), ..Default::default() })?.items;
                Ok(json!({
                    "title": d.summary.name, "nav": "actors", "actor": d,
                    "as_source": with_segments(as_source.items), "as_source_total": as_source.total,
                    "as_target": with_segments(as_target.items), "as_target_total": as_target.total,
                    "quotes": quotes.items, "quotes_total": quotes.total, "dyads": dyads, "relations": relations_json(&relations),
                }))
            })
            .await?;
        Ok(render(&s2, "actor.html", ctx))
    })
    .await
}

async fn dyad(State(st): State<AppState>, Path((a, b)): Path<(String, String)>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, &["since", "until", "limit", "offset"])?;
        if a.is_empty() || b.is_empty() || a.len() > 200 || b.len() > 200 {
            return Err(AppError::BadRequest("actor keys must be 1 to 200 characters".into()));
        }
        let ctx = s2
            .with_model(move |s, m| {
                let (ka, kb) = (s.resolve_key(&a)?, s.resolve_key(&b)?);
                let (na, nb) = (s.actor(&ka).map(|x| x.summary.name).unwrap_or(ka.clone()), s.actor(&kb).map(|x| x.summary.name).unwrap_or(kb.clone()));
                let ef = Filter { actor: Some(ka.clone()), actor2: Some(kb.clone()), since: f.since, until: f.until, limit: Some(f.limit.unwrap_or(200)), offset: f.offset, ..Default::default() };
                let evs = s.events(&ef)?;
                let reports = s.events(&Filter { group: Some("report".into()), limit: Some(1), ..ef.clone() })?.total;
                let mut timeline = with_segments(evs.items);
                timeline.reverse();
                let d = s
                    .dyads(&Filter { actor: Some(ka.clone()), actor2: Some(kb.clone()), since: f.since, until: f.until, limit: Some(5), ..Default::default() })?
                    .items
                    .into_iter()
                    .find(|d| (d.a == ka && d.b == kb) || (d.a == kb && d.b == ka));
                let esc = s.escalation_from(&m.esc, Some((&ka, &kb)), f.since, f.until, &EscalationParams::default())?;
                let dy = d.clone().unwrap_or(Dyad {
                    a: ka.clone(), b: kb.clone(), a_name: na.clone(), b_name: nb.clone(), events: 0, reports: 0, a_to_b: 0, b_to_a: 0,
                    conflict: 0, cooperation: 0, mean_tone: 0.0, first: None, last: None,
                });
                let chart = svg::pair_chart(&esc.series, &esc.alerts);
                let balance = svg::balance_bar(dy.conflict, dy.cooperation);
                let relations = m.rel.page(&Filter { actor: Some(ka.clone()), actor2: Some(kb.clone()), limit: Some(100), ..Default::default() })?.items;
                let who = Some((ka.clone(), kb.clone(), na.clone(), nb.clone()));
                let alerts = alert_rows(&esc.alerts.iter().map(|a| (a.clone(), who.clone())).collect::<Vec<_>>());
                let active: Vec<&brink_store::SeriesRow> = esc.series.iter().filter(|r| r.events > 0).collect();
                Ok(json!({
                    "title": format!("{na} – {nb}"), "nav": "overview", "a": ka, "b": kb, "a_name": na, "b_name": nb,
                    "dyad": d, "timeline": timeline, "total": evs.total, "reports": reports, "escalation_svg": chart, "balance_svg": balance,
                    "alerts": alerts, "active_days": active, "relations": relations_json(&relations),
                }))
            })
            .await?;
        Ok(render(&s2, "dyad.html", ctx))
    })
    .await
}

async fn events(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, EVENT_PARAMS)?;
        let ctx = s2
            .with_store(move |s| {
                let p = s.events(&f)?;
                let pg = pager("/events", &f, p.total, p.items.len());
                let act = match f.cluster {
                    Some(c) => Some(s.clusters(&Filter { cluster: Some(c), limit: Some(1), ..Default::default() })?.items.into_iter().next().map(|c| {
                        let outlets = s.cluster(c.cluster).map(|d| d.outlet_names).unwrap_or_default();
                        json!({"cluster": c.cluster, "documents": c.documents, "outlets": c.outlets, "reports": c.reports, "outlet_names": outlets,
                               "first_date": c.first_date, "last_date": c.last_date})
                    })),
                    None => None,
                };
                Ok(json!({
                    "title": "Events", "nav": "events", "events": with_segments(p.items), "pager": pg, "act": act.flatten(),
                    "filter": filter_json(&f), "types": event_types(), "modalities": ["asserted", "negated", "hypothetical", "future"],
                }))
            })
            .await?;
        Ok(render(&s2, "events.html", ctx))
    })
    .await
}

async fn relations(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, RELATION_PARAMS)?;
        let ctx = s2
            .with_model(move |s, m| {
                let mut f = f;
                f.actor = f.actor.map(|a| s.resolve_key(&a)).transpose()?;
                f.actor2 = f.actor2.map(|a| s.resolve_key(&a)).transpose()?;
                let p = m.rel.page(&f)?;
                let pg = pager("/relations", &f, p.total, p.items.len());
                Ok(json!({
                    "title": "Relations", "nav": "relations", "relations": relations_json(&p.items), "pager": pg, "filter": filter_json(&f),
                    "types": ["ally", "adversary", "patron", "mediator"],
                }))
            })
            .await?;
        Ok(render(&s2, "relations.html", ctx))
    })
    .await
}

async fn documents(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, crate::api::DOC_PARAMS)?;
        let ctx = s2
            .with_store(move |s| {
                let p = s.documents(&f)?;
                let pg = pager("/documents", &f, p.total, p.items.len());
                Ok(json!({"title": "Documents", "nav": "documents", "documents": p.items, "pager": pg, "filter": filter_json(&f)}))
            })
            .await?;
        Ok(render(&s2, "documents.html", ctx))
    })
    .await
}

/// Only http(s) addresses from articles become links.
fn safe_url(u: Option<&str>) -> Option<String> {
    let u = u?.trim();
    let lower = u.to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://")) && !u.chars().any(|c| c.is_control() || c == '"' || c == '<' || c == '>'))
        .then(|| u.to_string())
}

async fn document(State(st): State<AppState>, Path(id): Path<String>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        parse_filter(q, &[])?;
        let id: i64 = id.parse().ok().filter(|n| *n > 0).ok_or_else(|| AppError::BadRequest("a document id is a positive whole number".into()))?;
        let ctx = s2
            .with_store(move |s| {
                let d = s.document(id)?;
                let mut marks = Vec::new();
                let sp = |v: &Value| -> Option<(usize, usize)> { Some((v.get("start")?.as_u64()? as usize, v.get("end")?.as_u64()? as usize)) };
                for m in &d.mentions {
                    if let (Some((a, b)), Some(k)) = (sp(m), m["key"].as_str()) {
                        if m["is_place"] == true {
                            continue;
                        }
                        let title = format!("{} ({})", m["name"].as_str().unwrap_or(k), k);
                        marks.push(Mark { start: a, end: b, cls: "actor", actor: Some(k.to_string()), title: Some(title) });
                    }
                }
                for e in &d.events {
                    if let Some((a, b)) = sp(&e["trigger"]["span"]) {
                        let title = format!("{} {} ({})", e["type"].as_str().unwrap_or(""), e["mode"].as_str().unwrap_or(""), e["modality"].as_str().unwrap_or(""));
                        marks.push(Mark { start: a, end: b, cls: "trigger", actor: None, title: Some(title) });
                    }
                }
                for q in &d.quotes {
                    for span in q["spans"].as_array().into_iter().flatten() {
                        if let Some((a, b)) = sp(span) {
                            marks.push(Mark { start: a, end: b, cls: "quote", actor: None, title: None });
                        }
                    }
                }
                let segs = segments(&d.text, &marks);
                let url = safe_url(d.row.url.as_deref());
                Ok(json!({
                    "title": d.row.title.clone().unwrap_or_else(|| d.row.doc.clone()), "nav": "documents",
                    "doc": d.row, "safe_url": url, "segments": segs, "events": with_segments(d.events), "quotes": d.quotes,
                    "relations": d.relations,
                }))
            })
            .await?;
        Ok(render(&s2, "document.html", ctx))
    })
    .await
}

async fn quotes(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, crate::api::QUOTE_PARAMS)?;
        let ctx = s2
            .with_store(move |s| {
                let speakers = s.speakers(&Filter { limit: Some(60), ..Default::default() })?.items;
                let p = s.quotes(&f)?;
                let pg = pager("/quotes", &f, p.total, p.items.len());
                Ok(json!({"title": "Quotes", "nav": "quotes", "speakers": speakers, "quotes": p.items, "pager": pg, "filter": filter_json(&f)}))
            })
            .await?;
        Ok(render(&s2, "quotes.html", ctx))
    })
    .await
}

async fn search(State(st): State<AppState>, q: Params) -> Response {
    let s2 = st.clone();
    page(st, async move {
        let f = parse_filter(q, &["search", "limit", "offset"])?;
        let ctx = s2
            .with_store(move |s| {
                if f.search.is_none() {
                    return Ok(json!({"title": "Search", "nav": "search", "hits": [], "filter": filter_json(&f), "asked": false}));
                }
                let p = s.search(&f)?;
                let pg = pager("/search", &f, p.total, p.items.len());
                Ok(json!({"title": "Search", "nav": "search", "hits": p.items, "pager": pg, "filter": filter_json(&f), "asked": true}))
            })
            .await?;
        Ok(render(&s2, "search.html", ctx))
    })
    .await
}
