//! `brink extract`, `brink eval` and `brink bench`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use brink_core::Document;
use brink_read::ReadItem;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::engine::{parse_date_flag, read_inputs, Engine};
use crate::output;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Table,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files, directories (recursive) or - for stdin. Text, HTML, JSONL/NDJSON, optionally .gz.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = parse_date_flag)]
    pub date: Option<chrono::NaiveDate>,
    /// Extra knowledge-base file(s) that add or override entries (repeatable).
    #[arg(long = "kb")]
    pub kb: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of gold JSON files (shared/gold/FORMAT.md).
    pub gold: PathBuf,
    /// Directory of the articles they code.
    pub docs: PathBuf,
    #[arg(long = "kb")]
    pub kb: Vec<PathBuf>,
    /// Print figures per document too.
    #[arg(long)]
    pub per_doc: bool,
}

#[derive(Args)]
pub struct BenchArgs {
    /// Size of the generated corpus in megabytes.
    #[arg(long, default_value_t = 50)]
    pub mb: usize,
    #[arg(long)]
    pub threads: Option<usize>,
    /// Only the single-thread pass (for profilers such as callgrind).
    #[arg(long, hide = true)]
    pub single_only: bool,
}

/// Reads, processes in parallel batches (order kept), and hands each document to `sink`.
/// Failed inputs are reported on stderr as they happen (`brink: <input>: <reason>`) and
/// returned as (input, reason), in order.
pub fn process_inputs(
    engine: &Engine,
    paths: &[PathBuf],
    date: Option<chrono::NaiveDate>,
    mut sink: impl FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<(String, String)>> {
    const BATCH: usize = 256;
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, sink: &mut dyn FnMut(Document) -> anyhow::Result<()>| -> anyhow::Result<()> {
        batch.par_iter_mut().for_each(|d| engine.process(d));
        for d in batch.drain(..) {
            sink(d)?;
        }
        Ok(())
    };
    for item in read_inputs(paths, date) {
        match item {
            ReadItem::Doc(d) => {
                for w in &d.warnings {
                    eprintln!("brink: warning: {}: {w}", d.origin);
                }
                batch.push(*d);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut sink)?;
                }
            }
            ReadItem::Failed { origin, reason } => {
                eprintln!("brink: {origin}: {reason}");
                failed.push((origin, reason));
            }
        }
    }
    flush(&mut batch, &mut sink)?;
    Ok(failed)
}

fn set_threads(n: Option<usize>) {
    if let Some(n) = n {
        // Only fails if the pool was already built, which is harmless.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
}

pub fn run_extract(a: &ExtractArgs) -> anyhow::Result<i32> {
    set_threads(a.threads);
    let engine = Engine::new(&a.kb)?;
    let out: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let mut csv_header = false;
    let failed = process_inputs(&engine, &a.paths, a.date, |doc| {
        match a.format {
            Format::Jsonl => {
                for r in output::records(&doc) {
                    serde_json::to_writer(&mut out, &r)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Csv => {
                if !csv_header {
                    writeln!(out, "doc,event,type,mode,modality,source,target,date,cameo,score,evidence")?;
                    csv_header = true;
                }
                for e in &doc.events {
                    let keys = |v: &[brink_core::ActorRef]| v.iter().map(|a| a.key.as_str()).collect::<Vec<_>>().join(";");
                    let row = [
                        doc.id.clone(),
                        e.id.clone(),
                        e.event_type.clone(),
                        e.mode.clone().unwrap_or_default(),
                        e.modality.as_str().to_string(),
                        keys(&e.source),
                        keys(&e.target),
                        e.date.as_ref().and_then(|d| d.date).map(|d| d.to_string()).unwrap_or_default(),
                        e.cameo.clone().unwrap_or_default(),
                        e.score.map(|s| s.to_string()).unwrap_or_default(),
                        doc.slice(e.evidence).to_string(),
                    ];
                    writeln!(out, "{}", row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","))?;
                }
            }
            Format::Table => {
                writeln!(out, "== {} ({} sentences, {} events, {} quotes)", doc.id, doc.sentences.len(), doc.events.len(), doc.quotes.len())?;
                for e in &doc.events {
                    let keys = |v: &[brink_core::ActorRef]| v.iter().map(|a| a.key.as_str()).collect::<Vec<_>>().join("+");
                    writeln!(
                        out,
                        "  {:<10} {:<14} {:<12} {:>10} -> {:<10} {}",
                        e.event_type,
                        e.mode.as_deref().unwrap_or("-"),
                        e.modality.as_str(),
                        keys(&e.source),
                        keys(&e.target),
                        truncate(doc.slice(e.trigger), 40)
                    )?;
                }
                for q in &doc.quotes {
                    let who = q.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("?");
                    writeln!(out, "  QUOTE {:<24} \"{}\"", truncate(who, 24), truncate(&q.text, 70))?;
                }
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed.is_empty() { 0 } else { 1 })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn run_eval(a: &EvalArgs) -> anyhow::Result<i32> {
    let gold = crate::eval::load_gold(&a.gold).with_context(|| format!("reading gold files in {}", a.gold.display()))?;
    if gold.is_empty() {
        anyhow::bail!("no gold .json files in {}", a.gold.display());
    }
    let engine = Engine::new(&a.kb)?;
    let mut docs: std::collections::HashMap<String, Document> = std::collections::HashMap::new();
    let failed = process_inputs(&engine, std::slice::from_ref(&a.docs), None, |d| {
        docs.insert(d.id.clone(), d);
        Ok(())
    })?;
    let mut names: Vec<&String> = gold.keys().collect();
    names.sort();
    let mut total = crate::eval::Counts::default();
    for name in names {
        let empty = Document::new(name.clone(), "");
        let doc = docs.get(name.as_str()).unwrap_or_else(|| {
            eprintln!("brink: eval: no article {name} in {}", a.docs.display());
            &empty
        });
        let c = crate::eval::score_doc(&gold[name], doc);
        if a.per_doc {
            let (p, r, f) = crate::eval::prf(c.ev_tp, c.ev_pred, c.ev_gold);
            println!(
                "{name:32} events P {p:.2} R {r:.2} F1 {f:.2} ({}/{}/{})  quotes {}/{} speaker {}  false-facts {}",
                c.ev_tp, c.ev_pred, c.ev_gold, c.q_tp, c.q_gold, c.q_spk, c.false_facts
            );
        }
        total.add(&c);
    }
    println!("{} | docs {}", crate::eval::summary_line(&total), gold.len());
    Ok(if failed.is_empty() { 0 } else { 1 })
}

pub fn run_bench(a: &BenchArgs) -> anyhow::Result<i32> {
    crate::bench::run(a.mb.max(1), a.threads, a.single_only)
}
