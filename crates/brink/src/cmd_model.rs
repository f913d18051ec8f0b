//! `brink relations|escalation`: the model of the crisis.
//!
//! Both read the SQLite store (`--db`, the default) or a JSONL file of `brink extract`
//! output (`--from-jsonl FILE`), so the model can be inspected without ingesting. The
//! computing is brink-store's `model` module, which the HTTP API and the dashboard use
//! too: relations merged across documents (one per type and actors, evidence from every
//! document, plus the cross-document event rules), and brink-model's escalation index
//! (one act per event cluster, normalised by the documents reporting each day).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use brink_model::clusters::{url_host, ActKey, Clusterer};
use brink_model::escalation::{dyad_key, Alert, Params, SeriesRow, OVERALL};
use brink_store::json::{event_from_json, relation_from_json, ParsedEvent};
use brink_store::model::{Escalation, EscalationData, RelationInputs, RelationSet, RelationView, Report};
use brink_store::{Filter, Store};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use crate::engine::parse_date_flag;

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
    /// The pair to show, as A:B (keys, either order); without it, the overall series.
    #[arg(long, value_name = "A:B")]
    pub dyad: Option<String>,
    /// Standard deviations below the 30-day baseline that raise a drop alert.
    #[arg(long, default_value_t = 2.0)]
    pub sd: f32,
    /// First day to print (rolling values still use the days before).
    #[arg(long, value_parser = parse_date_flag)]
    pub since: Option<NaiveDate>,
    /// Last day to print.
    #[arg(long, value_parser = parse_date_flag)]
    pub until: Option<NaiveDate>,
    /// Print only the days with acts (table format).
    #[arg(long)]
    pub active: bool,
    /// Print only the alerts (of every pair and overall).
    #[arg(long)]
    pub alerts: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

// ---------------------------------------------------------------------------------------
// Loading a JSONL file of `brink extract` output

#[derive(Default)]
struct DocInfo {
    date: Option<NaiveDate>,
    outlet: Option<String>,
}

#[derive(Default)]
struct JsonlCorpus {
    docs: BTreeMap<String, DocInfo>,
    relations: Vec<brink_core::Relation>,
    events: Vec<ParsedEvent>,
}

fn load_jsonl(path: &PathBuf) -> anyhow::Result<JsonlCorpus> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut c = JsonlCorpus::default();
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
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
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
        c.events.extend(event_from_json(&v, date));
    }
    Ok(c)
}

/// Escalation input from JSONL: clusters computed here the way ingest computes them.
fn jsonl_escalation(c: &JsonlCorpus) -> EscalationData {
    let mut clusterer = Clusterer::new();
    let mut reports = Vec::new();
    for p in &c.events {
        let e = &p.event;
        let Some(date) = e.date.as_deref().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) else { continue };
        let key = ActKey {
            event_type: e.event_type.clone(),
            source: e.source.iter().map(|x| x.key.clone()).filter(|k| !k.is_empty()).collect(),
            target: e.target.iter().map(|x| x.key.clone()).filter(|k| !k.is_empty()).collect(),
            date: Some(date),
            place_country: p.place_country.clone(),
            place: p.place.clone(),
        };
        let outlet = c.docs.get(&e.doc).and_then(|d| d.outlet.clone());
        let id = clusterer.add_key(&e.doc, &e.id, outlet.as_deref(), key);
        let keys = |v: &[brink_core::ActorRef]| {
            let mut out: Vec<String> = Vec::new();
            for a in v {
                if !out.contains(&a.key) {
                    out.push(a.key.clone());
                }
            }
            out
        };
        reports.push(Report {
            doc: e.doc.clone(),
            date,
            sources: keys(&e.source),
            targets: keys(&e.target),
            // as the store's tone: PLOVER score, else Goldstein, else a value by quad class
            score: e.score.or(p.goldstein).unwrap_or(match e.quad {
                1 => 2.5,
                2 => 7.0,
                3 => -3.0,
                4 => -8.0,
                _ => 0.0,
            }),
            quad: e.quad,
            modality: e.modality,
            cluster: Some(format!("c{id}")),
        });
    }
    EscalationData::from_reports(reports)
}

/// Merged relations from JSONL: names from the records, no database links.
fn jsonl_relations(c: JsonlCorpus) -> RelationSet {
    let mut names: HashMap<String, String> = HashMap::new();
    for r in &c.relations {
        for a in std::iter::once(&r.from).chain(r.to.iter()).chain(&r.between) {
            names.entry(a.key.clone()).or_insert_with(|| a.name.clone());
        }
    }
    let events = c.events.into_iter().map(|p| p.event).collect::<Vec<_>>();
    for e in &events {
        for a in e.source.iter().chain(&e.target) {
            names.entry(a.key.clone()).or_insert_with(|| a.name.clone());
        }
    }
    let mut name_of = |k: &str| names.get(k).cloned().unwrap_or_else(|| k.to_string());
    RelationSet::build(RelationInputs { relations: c.relations, events }, &mut name_of, &|_| None, &|_, _| None)
}

fn open_store(db: &PathBuf) -> anyhow::Result<Store> {
    Store::open_read_only(db).map_err(|e| anyhow::anyhow!("{e}")).with_context(|| format!("opening the store {}", db.display()))
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

pub fn run_relations(a: &RelationsArgs) -> anyhow::Result<i32> {
    let set = match &a.from_jsonl {
        Some(p) => jsonl_relations(load_jsonl(p)?),
        None => open_store(&a.db)?.relation_set().map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    let f = Filter { actor: a.actor.clone(), typ: a.relation_type.clone(), prior: Some(!a.no_priors), ..Default::default() };
    let rels: Vec<&RelationView> = set.matching(&f).map_err(|e| anyhow::anyhow!("--type: {e}"))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let parties = |r: &RelationView| -> String {
        match &r.to {
            Some(t) => t.key.clone(),
            None => r.between.iter().map(|b| b.key.as_str()).collect::<Vec<_>>().join(" / "),
        }
    };
    match a.format {
        Format::Jsonl => {
            for r in &rels {
                let mut v = serde_json::to_value(r)?;
                v["kind"] = json!("relation");
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
                    r.relation_type,
                    csv_field(&r.from.key),
                    csv_field(&parties(r)),
                    r.confidence,
                    r.first_seen.as_deref().unwrap_or(""),
                    r.last_seen.as_deref().unwrap_or(""),
                    r.prior,
                    r.documents,
                    csv_field(ev)
                )?;
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = rels
                .iter()
                .map(|r| {
                    vec![
                        r.relation_type.clone(),
                        r.from.key.clone(),
                        parties(r),
                        format!("{:.2}", r.confidence),
                        r.first_seen.clone().unwrap_or_default(),
                        r.last_seen.clone().unwrap_or_default(),
                        if r.prior { "prior".into() } else { r.documents.to_string() },
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

fn print_series(out: &mut impl Write, e: &Escalation, rows: &[&SeriesRow]) -> std::io::Result<()> {
    let who = match (&e.a_name, &e.b_name) {
        (Some(a), Some(b)) => format!("{} ({a} – {b})", e.dyad),
        _ if e.dyad == OVERALL => "* (every pair)".to_string(),
        _ => e.dyad.clone(),
    };
    writeln!(out, "escalation {who}")?;
    writeln!(out, "ACTS: event clusters that day, counted once; DOCS: documents reporting asserted events dated that day; INDEX = SCORE / DOCS")?;
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
    print_table(out, &["DATE", "ACTS", "Q1/Q2/Q3/Q4", "DOCS", "SCORE", "INDEX", "7D", "30D"], &t)
}

fn print_alerts(out: &mut impl Write, alerts: &[Alert]) -> std::io::Result<()> {
    if alerts.is_empty() {
        return writeln!(out, "no alerts");
    }
    writeln!(out, "alerts:")?;
    let t: Vec<Vec<String>> = alerts.iter().map(|al| vec![al.date.to_string(), al.dyad.clone(), al.kind.clone(), al.detail.clone()]).collect();
    print_table(out, &["DATE", "DYAD", "ALERT", "DETAIL"], &t)
}

pub fn run_escalation(a: &EscalationArgs) -> anyhow::Result<i32> {
    let pair = match &a.dyad {
        Some(d) => {
            let (x, y) = d.split_once(':').context("--dyad takes A:B, e.g. ISR:Hezbollah")?;
            anyhow::ensure!(!x.trim().is_empty() && !y.trim().is_empty(), "--dyad takes A:B, e.g. ISR:Hezbollah");
            Some((x.trim().to_string(), y.trim().to_string()))
        }
        None => None,
    };
    anyhow::ensure!(a.sd.is_finite() && a.sd > 0.0, "--sd must be a positive number");
    let params = Params { k: a.sd, ..Params::default() };
    let pair_ref = pair.as_ref().map(|(x, y)| (x.as_str(), y.as_str()));
    let (esc, all_alerts) = match &a.from_jsonl {
        Some(p) => {
            let data = jsonl_escalation(&load_jsonl(p)?);
            let all = a.alerts.then(|| data.all_alerts(&params));
            (data.series(pair_ref, a.since, a.until, &params), all)
        }
        None => {
            let store = open_store(&a.db)?;
            let data = store.escalation_data().map_err(|e| anyhow::anyhow!("{e}"))?;
            let all = a.alerts.then(|| data.all_alerts(&params));
            (store.escalation_from(&data, pair_ref, a.since, a.until, &params).map_err(|e| anyhow::anyhow!("{e}"))?, all)
        }
    };
    let alerts: Vec<Alert> = match all_alerts {
        Some(v) => v.into_iter().filter(|al| a.since.is_none_or(|s| al.date >= s) && a.until.is_none_or(|u| al.date <= u)).collect(),
        None => esc.alerts.clone(),
    };
    let rows: Vec<&SeriesRow> = if a.alerts { vec![] } else { esc.series.iter().filter(|r| !a.active || r.events > 0).collect() };
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
                if esc.series.iter().all(|r| r.events == 0) {
                    let want = pair.as_ref().map(|(x, y)| dyad_key(x, y)).unwrap_or_else(|| OVERALL.to_string());
                    writeln!(out, "no asserted dated events for {want}")?;
                } else {
                    print_series(&mut out, &esc, &rows)?;
                }
            }
            print_alerts(&mut out, &alerts)?;
        }
    }
    Ok(0)
}
