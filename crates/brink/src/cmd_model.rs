//! `brink relations|escalation` (owned by the model work).
//!
//! Both read either the SQLite store (`--db`, the default) or a JSONL file of
//! `brink extract` output (`--from-jsonl FILE`), so the model can be inspected without
//! ingesting. Relations are merged across documents (one per type and actors, evidence
//! from every document) and completed with the cross-document event rules (threats
//! repeated across documents). Escalation counts one event per cluster of reports of the
//! same act and normalises by the number of articles per day.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use brink_core::{ActorKind, ActorRef, Modality, Relation, RelationEvidence, RelationType, Span};
use brink_model::clusters::{url_host, ActKey, Clusterer};
use brink_model::escalation::{self, DatedEvent, Params, OVERALL};
use brink_model::relations::{event_relations, Collector};
use brink_model::{rel_key, EventLite};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

#[derive(Args)]
pub struct RelationsArgs {
    /// The SQLite store written by `brink ingest`.
    #[arg(long, default_value = "brink.db")]
    pub db: PathBuf,
    /// Read `brink extract --format jsonl` output instead of the store.
    #[arg(long, value_name = "FILE")]
    pub from_jsonl: Option<PathBuf>,
    /// Only relations involving this actor key (e.g. IRN, Hezbollah).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this type: ally, adversary, patron, mediator.
    #[arg(long = "type", value_name = "T")]
    pub relation_type: Option<String>,
    /// Leave out knowledge-base priors.
    #[arg(long)]
    pub no_priors: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Args)]
pub struct EscalationArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: PathBuf,
    /// Read `brink extract --format jsonl` output instead of the store.
    #[arg(long, value_name = "FILE")]
    pub from_jsonl: Option<PathBuf>,
    /// The pair to show, as A:B (either order); without it, the overall series.
    #[arg(long, value_name = "A:B")]
    pub dyad: Option<String>,
    /// Standard deviations below the 30-day baseline that raise a drop alert.
    #[arg(long, default_value_t = 2.0)]
    pub sd: f32,
    /// Print only the alerts (of every dyad).
    #[arg(long)]
    pub alerts: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

// ---------------------------------------------------------------------------------------
// Loading

#[derive(Default)]
struct DocInfo {
    date: Option<NaiveDate>,
    outlet: Option<String>,
}

#[derive(Default)]
struct Corpus {
    docs: BTreeMap<String, DocInfo>,
    relations: Vec<Relation>,
    /// (event, its place for clustering, a stored cluster id)
    events: Vec<(EventLite, Option<String>, Option<String>, Option<i64>)>,
}

fn actor_from_json(v: &Value) -> Option<ActorRef> {
    if let Ok(a) = serde_json::from_value::<ActorRef>(v.clone()) {
        return Some(a);
    }
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(|x| x.to_string());
    let key = s("key").or_else(|| v.as_str().map(|x| x.to_string()))?;
    Some(ActorRef {
        text: s("text").unwrap_or_else(|| key.clone()),
        id: s("id").unwrap_or_else(|| key.clone()),
        name: s("name").unwrap_or_else(|| key.clone()),
        key,
        kind: v.get("kind").and_then(|k| serde_json::from_value(k.clone()).ok()).unwrap_or(ActorKind::Unknown),
        country: s("country"),
        sector: s("sector"),
        role: None,
        role_from: None,
        role_to: None,
    })
}

fn span_from_json(v: Option<&Value>) -> Span {
    let g = |k: &str| v.and_then(|s| s.get(k)).and_then(|x| x.as_u64()).unwrap_or(0) as usize;
    let (a, b) = (g("start"), g("end"));
    Span::new(a.min(b), b.max(a))
}

fn relation_from_json(v: &Value) -> Option<Relation> {
    let t = match v.get("type")?.as_str()? {
        "ally" => RelationType::Ally,
        "adversary" => RelationType::Adversary,
        "patron" => RelationType::Patron,
        "mediator" => RelationType::Mediator,
        _ => return None,
    };
    let doc = v.get("doc").and_then(|d| d.as_str()).unwrap_or("").to_string();
    Some(Relation {
        relation_type: t,
        from: actor_from_json(v.get("from")?)?,
        to: v.get("to").and_then(actor_from_json),
        between: v.get("between").and_then(|b| b.as_array()).map(|b| b.iter().filter_map(actor_from_json).collect()).unwrap_or_default(),
        confidence: v.get("confidence").and_then(|c| c.as_f64()).unwrap_or(0.5) as f32,
        first_seen: v.get("first_seen").and_then(|x| x.as_str()).map(String::from),
        last_seen: v.get("last_seen").and_then(|x| x.as_str()).map(String::from),
        prior: v.get("prior").and_then(|x| x.as_bool()).unwrap_or(false),
        evidence: v
            .get("evidence")
            .and_then(|e| e.as_array())
            .map(|es| {
                es.iter()
                    .map(|e| RelationEvidence {
                        doc: e.get("doc").and_then(|d| d.as_str()).map(String::from).unwrap_or_else(|| doc.clone()),
                        span: span_from_json(e.get("span")),
                        text: e.get("text").and_then(|d| d.as_str()).unwrap_or("").to_string(),
                        rule: e.get("rule").and_then(|d| d.as_str()).unwrap_or("").to_string(),
                        events: e
                            .get("events")
                            .and_then(|x| x.as_array())
                            .map(|x| x.iter().filter_map(|i| i.as_str().map(String::from)).collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn event_from_json(v: &Value, doc_date: Option<NaiveDate>) -> Option<(EventLite, Option<String>, Option<String>)> {
    let actors = |k: &str| -> Vec<ActorRef> {
        match v.get(k) {
            Some(Value::Array(a)) => a.iter().filter_map(actor_from_json).collect(),
            Some(x) if !x.is_null() => actor_from_json(x).into_iter().collect(),
            _ => vec![],
        }
    };
    let date = v
        .get("date")
        .and_then(|d| d.get("date").or(Some(d)))
        .and_then(|d| d.as_str())
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok())
        .or(doc_date);
    let ev = v.get("evidence");
    let place = v.get("place").filter(|p| !p.is_null());
    Some((
        EventLite {
            doc: v.get("doc").and_then(|d| d.as_str()).unwrap_or("").to_string(),
            id: v.get("id").and_then(|d| d.as_str()).unwrap_or("").to_string(),
            event_type: v.get("type")?.as_str()?.to_string(),
            mode: v.get("mode").and_then(|m| m.as_str()).map(String::from),
            quad: v.get("quad").and_then(|q| q.as_u64()).unwrap_or(0) as u8,
            score: v.get("score").and_then(|s| s.as_f64()).map(|s| s as f32),
            modality: v.get("modality").and_then(|m| m.as_str()).and_then(Modality::parse).unwrap_or_default(),
            source: actors("source"),
            target: actors("target"),
            date: date.map(|d| d.to_string()),
            evidence_text: ev.and_then(|e| e.get("text")).and_then(|t| t.as_str()).unwrap_or("").to_string(),
            evidence_span: span_from_json(ev.and_then(|e| e.get("span"))),
            trigger_text: v.get("trigger").and_then(|t| t.get("text")).and_then(|t| t.as_str()).unwrap_or("").to_string(),
            context: vec![],
        },
        place.and_then(|p| p.get("text")).and_then(|t| t.as_str()).map(|t| t.trim().to_lowercase()),
        place.and_then(|p| p.get("country")).and_then(|t| t.as_str()).map(String::from),
    ))
}

fn load_jsonl(path: &PathBuf) -> anyhow::Result<Corpus> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut c = Corpus::default();
    let mut raw_events = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        match v.get("kind").and_then(|k| k.as_str()) {
            Some("document") => {
                let doc = v.get("doc").and_then(|d| d.as_str()).unwrap_or("").to_string();
                let date = v.get("date").and_then(|d| d.as_str()).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                let outlet = v
                    .get("source")
                    .and_then(|s| s.as_str())
                    .map(|s| s.to_lowercase())
                    .or_else(|| v.get("url").and_then(|u| u.as_str()).and_then(url_host));
                c.docs.insert(doc, DocInfo { date, outlet });
            }
            Some("relation") => c.relations.extend(relation_from_json(&v)),
            Some("event") => raw_events.push(v),
            _ => {}
        }
    }
    for v in raw_events {
        let doc = v.get("doc").and_then(|d| d.as_str()).unwrap_or("");
        let date = c.docs.get(doc).and_then(|d| d.date);
        if let Some((e, p, pc)) = event_from_json(&v, date) {
            c.events.push((e, p, pc, None));
        }
    }
    Ok(c)
}

fn load_store(db: &PathBuf) -> anyhow::Result<Corpus> {
    let store = brink_store::Store::open_read_only(db).with_context(|| format!("opening the store {}", db.display()))?;
    let conn = store.conn();
    let mut c = Corpus::default();
    {
        let mut st = conn.prepare("SELECT doc, date, source, url FROM documents")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?))
        })?;
        for row in rows {
            let (doc, date, source, url) = row?;
            let date = date.and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").ok());
            let outlet = source.map(|s| s.to_lowercase()).or_else(|| url.as_deref().and_then(url_host));
            c.docs.insert(doc, DocInfo { date, outlet });
        }
    }
    {
        let mut st = conn.prepare("SELECT r.json FROM relations r")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for row in rows {
            if let Ok(v) = serde_json::from_str::<Value>(&row?) {
                c.relations.extend(relation_from_json(&v));
            }
        }
    }
    {
        let mut st = conn.prepare("SELECT d.doc, d.date, e.json, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?))
        })?;
        for row in rows {
            let (doc, date, js, cluster) = row?;
            let date = date.and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").ok());
            if let Ok(mut v) = serde_json::from_str::<Value>(&js) {
                if v.get("doc").is_none() {
                    v["doc"] = json!(doc);
                }
                if let Some((e, p, pc)) = event_from_json(&v, date) {
                    c.events.push((e, p, pc, cluster));
                }
            }
        }
    }
    Ok(c)
}

fn load(db: &PathBuf, jsonl: &Option<PathBuf>) -> anyhow::Result<Corpus> {
    match jsonl {
        Some(p) => load_jsonl(p),
        None => load_store(db),
    }
}

// ---------------------------------------------------------------------------------------
// Output helpers

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn print_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut w: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count().min(80));
        }
    }
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c: String = c.chars().take(80).collect();
                format!("{c:<width$}", width = w[i])
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header.iter().map(|s| s.to_string()).collect()))?;
    for r in rows {
        writeln!(out, "{}", line(r.clone()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// relations

fn relation_keys(r: &Relation) -> Vec<&str> {
    let mut v = vec![r.from.key.as_str()];
    v.extend(r.to.as_ref().map(|a| a.key.as_str()));
    v.extend(r.between.iter().map(|a| a.key.as_str()));
    v
}

pub fn run_relations(a: &RelationsArgs) -> anyhow::Result<i32> {
    let corpus = load(&a.db, &a.from_jsonl)?;
    if let Some(t) = &a.relation_type {
        if !["ally", "adversary", "patron", "mediator"].contains(&t.as_str()) {
            anyhow::bail!("--type must be one of ally, adversary, patron, mediator (got '{t}')");
        }
    }
    let mut c = Collector::new();
    for r in corpus.relations {
        c.add(r);
    }
    // cross-document event rules (threats repeated across documents)
    let evs: Vec<EventLite> = corpus.events.into_iter().map(|e| e.0).collect();
    event_relations(&evs, &mut c);
    let mut rels: Vec<Relation> = c
        .into_vec()
        .into_iter()
        .filter(|r| !(a.no_priors && r.prior))
        .filter(|r| a.relation_type.as_deref().is_none_or(|t| r.relation_type.as_str() == t))
        .filter(|r| a.actor.as_deref().is_none_or(|k| relation_keys(r).iter().any(|x| x.eq_ignore_ascii_case(k))))
        .collect();
    rels.sort_by(|x, y| {
        y.confidence.partial_cmp(&x.confidence).unwrap_or(std::cmp::Ordering::Equal).then_with(|| rel_key(x).cmp(&rel_key(y)))
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let docs_of = |r: &Relation| {
        let mut d: Vec<&str> = r.evidence.iter().map(|e| e.doc.as_str()).collect();
        d.sort();
        d.dedup();
        d.len()
    };
    let parties = |r: &Relation| -> String {
        match r.relation_type {
            RelationType::Mediator => r.between.iter().map(|b| b.key.as_str()).collect::<Vec<_>>().join(" / "),
            _ => r.to.as_ref().map(|t| t.key.clone()).unwrap_or_default(),
        }
    };
    match a.format {
        Format::Jsonl => {
            for r in &rels {
                let v = json!({
                    "kind": "relation", "type": r.relation_type.as_str(),
                    "from": {"key": r.from.key, "name": r.from.name},
                    "to": r.to.as_ref().map(|t| json!({"key": t.key, "name": t.name})),
                    "between": r.between.iter().map(|b| json!({"key": b.key, "name": b.name})).collect::<Vec<_>>(),
                    "confidence": r.confidence, "first_seen": r.first_seen, "last_seen": r.last_seen,
                    "prior": r.prior, "documents": docs_of(r),
                    "evidence": r.evidence.iter().map(|e| json!({"doc": e.doc, "text": e.text, "span": {"start": e.span.start, "end": e.span.end}, "rule": e.rule, "events": e.events})).collect::<Vec<_>>(),
                });
                writeln!(out, "{v}")?;
            }
        }
        Format::Csv => {
            writeln!(out, "type,from,to,confidence,first_seen,last_seen,prior,documents,evidence")?;
            for r in &rels {
                let ev = r.evidence.first().map(|e| e.text.as_str()).unwrap_or("");
                writeln!(
                    out,
                    "{},{},{},{:.3},{},{},{},{},{}",
                    r.relation_type.as_str(),
                    csv_field(&r.from.key),
                    csv_field(&parties(r)),
                    r.confidence,
                    r.first_seen.as_deref().unwrap_or(""),
                    r.last_seen.as_deref().unwrap_or(""),
                    r.prior,
                    docs_of(r),
                    csv_field(ev)
                )?;
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = rels
                .iter()
                .map(|r| {
                    vec![
                        r.relation_type.as_str().to_string(),
                        r.from.key.clone(),
                        parties(r),
                        format!("{:.2}", r.confidence),
                        r.first_seen.clone().unwrap_or_default(),
                        r.last_seen.clone().unwrap_or_default(),
                        if r.prior { "prior".into() } else { docs_of(r).to_string() },
                        r.evidence.first().map(|e| e.text.replace('\n', " ")).unwrap_or_default(),
                    ]
                })
                .collect();
            print_table(&mut out, &["TYPE", "FROM", "TO/BETWEEN", "CONF", "FIRST", "LAST", "DOCS", "EVIDENCE"], &rows)?;
            writeln!(out, "{} relations", rels.len())?;
        }
    }
    Ok(0)
}

// ---------------------------------------------------------------------------------------
// escalation

pub fn run_escalation(a: &EscalationArgs) -> anyhow::Result<i32> {
    let corpus = load(&a.db, &a.from_jsonl)?;
    let dyad = match &a.dyad {
        Some(d) => {
            let (x, y) = d.split_once(':').context("--dyad takes A:B, e.g. ISR:Hezbollah")?;
            Some(escalation::dyad_key(x.trim(), y.trim()))
        }
        None => None,
    };
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for d in corpus.docs.values() {
        if let Some(date) = d.date {
            *per_day.entry(date).or_default() += 1;
        }
    }
    // one event per act: stored cluster ids, else clusters computed here
    let mut clusterer = Clusterer::new();
    let mut dated = Vec::new();
    let mut local_ids: HashMap<u64, String> = HashMap::new();
    for (e, place, place_country, stored) in &corpus.events {
        let Some(date) = e.date.as_deref().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) else { continue };
        let cluster = match stored {
            Some(id) => format!("s{id}"),
            None => {
                let key = ActKey {
                    event_type: e.event_type.clone(),
                    source: e.source.iter().map(|x| x.key.clone()).collect(),
                    target: e.target.iter().map(|x| x.key.clone()).collect(),
                    date: Some(date),
                    place_country: place_country.clone(),
                    place: place.clone(),
                };
                let outlet = corpus.docs.get(&e.doc).and_then(|d| d.outlet.clone());
                let id = clusterer.add_key(&e.doc, &e.id, outlet.as_deref(), key);
                local_ids.entry(id).or_insert_with(|| format!("c{id}")).clone()
            }
        };
        let Some(source) = e.source.first().map(|s| s.key.clone()) else { continue };
        dated.push(DatedEvent {
            date,
            source,
            targets: e.target.iter().map(|t| t.key.clone()).collect(),
            score: e.score.unwrap_or(0.0),
            quad: e.quad,
            modality: e.modality,
            cluster: Some(cluster),
        });
    }
    let params = Params { k: a.sd, ..Params::default() };
    let (rows, alerts) = escalation::compute(&dated, &per_day, &params);
    let want = dyad.clone().unwrap_or_else(|| OVERALL.to_string());
    let rows: Vec<_> = if a.alerts { vec![] } else { rows.into_iter().filter(|r| r.dyad == want).collect() };
    let alerts: Vec<_> = alerts.into_iter().filter(|al| a.alerts || al.dyad == want).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        Format::Jsonl => {
            for r in &rows {
                let mut v = serde_json::to_value(r)?;
                v["kind"] = json!("escalation");
                writeln!(out, "{v}")?;
            }
            for al in &alerts {
                let mut v = serde_json::to_value(al)?;
                v["alert"] = v["kind"].take();
                v["kind"] = json!("alert");
                writeln!(out, "{v}")?;
            }
        }
        Format::Csv => {
            writeln!(out, "kind,dyad,date,events,q1,q2,q3,q4,articles,score_sum,index,index_7d,index_30d,alert,detail")?;
            for r in &rows {
                writeln!(
                    out,
                    "series,{},{},{},{},{},{},{},{},{:.3},{:.4},{:.4},{:.4},,",
                    csv_field(&r.dyad),
                    r.date,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.articles,
                    r.score_sum,
                    r.index,
                    r.index_7d,
                    r.index_30d
                )?;
            }
            for al in &alerts {
                writeln!(out, "alert,{},{},,,,,,,,{:.4},,,{},{}", csv_field(&al.dyad), al.date, al.value, al.kind, csv_field(&al.detail))?;
            }
        }
        Format::Table => {
            if !a.alerts {
                if rows.is_empty() {
                    writeln!(out, "no asserted dated events for {want}")?;
                } else {
                    let t: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| {
                            vec![
                                r.date.to_string(),
                                r.events.to_string(),
                                format!("{}/{}/{}/{}", r.quad[0], r.quad[1], r.quad[2], r.quad[3]),
                                r.articles.to_string(),
                                format!("{:.1}", r.score_sum),
                                format!("{:.2}", r.index),
                                format!("{:.2}", r.index_7d),
                                format!("{:.2}", r.index_30d),
                            ]
                        })
                        .collect();
                    writeln!(out, "escalation {want}")?;
                    print_table(&mut out, &["DATE", "EVENTS", "Q1/Q2/Q3/Q4", "ARTICLES", "SCORE", "INDEX", "7D", "30D"], &t)?;
                }
            }
            if !alerts.is_empty() {
                writeln!(out, "alerts:")?;
                let t: Vec<Vec<String>> =
                    alerts.iter().map(|al| vec![al.date.to_string(), al.dyad.clone(), al.kind.clone(), al.detail.clone()]).collect();
                print_table(&mut out, &["DATE", "DYAD", "ALERT", "DETAIL"], &t)?;
            }
        }
    }
    Ok(0)
}
