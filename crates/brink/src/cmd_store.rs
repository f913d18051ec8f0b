//! `brink ingest|events|quotes|actors|documents|serve|demo`: the store, its queries, the server.

use std::io::{BufWriter, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use brink_core::Document;
use brink_store::{BatchReport, Filter, Store};
use clap::Args;
use serde_json::Value;

use crate::cmd_extract::{process_inputs, Format};
use crate::engine::{parse_date_flag, Engine};

#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories (recursive) or - for stdin. Text, HTML, JSONL/NDJSON, optionally .gz.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The SQLite database (created if missing).
    #[arg(long, default_value = "brink.db")]
    pub db: PathBuf,
    /// Extra knowledge-base file(s) that add or override entries (repeatable).
    #[arg(long = "kb")]
    pub kb: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for inputs that carry none.
    #[arg(long, value_parser = parse_date_flag)]
    pub date: Option<chrono::NaiveDate>,
    /// Documents per transaction: an interrupted ingest keeps every finished batch.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub batch: u32,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar, no summary (errors are still reported).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct QueryArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: PathBuf,
    /// Actor key (USA, Hezbollah) or knowledge-base id (antony-blinken). For quotes: the speaker.
    #[arg(long)]
    pub actor: Option<String>,
    /// With --actor: only events between the two actors.
    #[arg(long)]
    pub actor2: Option<String>,
    /// With --actor: source or target.
    #[arg(long)]
    pub side: Option<String>,
    /// PLOVER event type (events; documents that have one).
    #[arg(long = "type")]
    pub typ: Option<String>,
    /// asserted, negated, hypothetical or future.
    #[arg(long)]
    pub modality: Option<String>,
    /// First date, inclusive (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date_flag)]
    pub since: Option<chrono::NaiveDate>,
    /// Last date, inclusive (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date_flag)]
    pub until: Option<chrono::NaiveDate>,
    /// Full-text search (documents: title and text; events: evidence; quotes: quote text; actors: key or name).
    #[arg(long)]
    pub search: Option<String>,
    /// Events: one row per act ("act", default: the first report of each event cluster, with
    /// its support) or every report ("report").
    #[arg(long, value_parser = ["act", "report"])]
    pub group: Option<String>,
    /// At most this many rows (default: all).
    #[arg(long)]
    pub limit: Option<u64>,
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: PathBuf,
    /// Address to listen on. Loopback by default; give 0.0.0.0:PORT to expose it (read-only).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

#[derive(Args)]
pub struct DemoArgs {
    /// Articles to load instead of the built-in demo corpus: files, directories (recursive)
    /// or - for stdin; text, HTML, JSONL/NDJSON, optionally .gz.
    pub paths: Vec<PathBuf>,
    /// Database to load into (kept). Default: a new temporary database, removed when the
    /// server stops (kept, and its path printed, with --no-serve).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Address to serve on. Default: 127.0.0.1:8080, or a free loopback port if 8080 is taken.
    #[arg(long)]
    pub addr: Option<SocketAddr>,
    /// Load the articles, then exit without serving.
    #[arg(long)]
    pub no_serve: bool,
    /// Publication date (YYYY-MM-DD) for given articles that carry none.
    #[arg(long, value_parser = parse_date_flag)]
    pub date: Option<chrono::NaiveDate>,
    #[arg(long = "kb")]
    pub kb: Vec<PathBuf>,
}

/// What one ingest did.
struct Summary {
    read: usize,
    /// Inputs that could not be read, with the reason.
    failed: Vec<(String, String)>,
    report: BatchReport,
}

fn ingest(engine: &Engine, paths: &[PathBuf], db: &Path, date: Option<chrono::NaiveDate>, batch: usize, progress: bool) -> anyhow::Result<Summary> {
    let mut store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let bar = progress.then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} documents read  {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let mut report = BatchReport::default();
    let mut pending: Vec<Document> = Vec::with_capacity(batch);
    let mut read = 0usize;
    let mut flush = |pending: &mut Vec<Document>, report: &mut BatchReport| -> anyhow::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let r = store.insert_batch(pending).context("writing a batch")?;
        report.add(&r);
        pending.clear();
        Ok(())
    };
    let failed = process_inputs(engine, paths, date, |doc| {
        read += 1;
        pending.push(doc);
        if pending.len() >= batch {
            flush(&mut pending, &mut report)?;
        }
        if let Some(b) = &bar {
            b.set_position(read as u64);
            b.set_message(format!("{} stored, {} skipped, {} events, {} quotes", report.stored, report.skipped, report.events, report.quotes));
        }
        Ok(())
    })?;
    flush(&mut pending, &mut report)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(Summary { read, failed, report })
}

/// Failed inputs listed at the end of a summary (the rest are counted).
const MAX_FAILED_LISTED: usize = 50;

fn print_summary(s: &Summary, db: &Path, secs: f64) {
    let r = &s.report;
    eprintln!(
        "brink ingest: {} documents read: {} stored, {} skipped (already stored), {} failed; {} events, {} quotes, {} relations, {} mentions stored in {} ({:.1}s)",
        s.read + s.failed.len(),
        r.stored,
        r.skipped,
        s.failed.len(),
        r.events,
        r.quotes,
        r.relations,
        r.mentions,
        db.display(),
        secs
    );
    if !s.failed.is_empty() {
        eprintln!("failed inputs:");
        for (origin, reason) in s.failed.iter().take(MAX_FAILED_LISTED) {
            eprintln!("  {origin}: {reason}");
        }
        if s.failed.len() > MAX_FAILED_LISTED {
            eprintln!("  ... and {} more (each reported above as 'brink: <input>: <reason>')", s.failed.len() - MAX_FAILED_LISTED);
        }
    }
}

pub fn run_ingest(a: &IngestArgs) -> anyhow::Result<i32> {
    if let Some(n) = a.threads {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let t0 = Instant::now();
    let engine = Engine::new(&a.kb)?;
    let progress = !a.quiet && std::io::stderr().is_terminal();
    let s = ingest(&engine, &a.paths, &a.db, a.date, a.batch as usize, progress)?;
    if !a.quiet {
        print_summary(&s, &a.db, t0.elapsed().as_secs_f64());
    }
    Ok(if s.failed.is_empty() { 0 } else { 1 })
}

fn filter_of(a: &QueryArgs) -> Filter {
    Filter {
        actor: a.actor.clone(),
        actor2: a.actor2.clone(),
        side: a.side.clone(),
        typ: a.typ.clone(),
        modality: a.modality.clone(),
        since: a.since,
        until: a.until,
        search: a.search.clone(),
        group: a.group.clone(),
        ..Default::default()
    }
}

/// Fetches rows page by page (the store's pages hold at most 500) up to `limit`.
fn fetch_all<T>(a: &QueryArgs, mut page: impl FnMut(&Filter) -> brink_store::Result<brink_store::Page<T>>) -> anyhow::Result<Vec<T>> {
    let mut f = filter_of(a);
    f.check().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = Vec::new();
    let mut offset = a.offset as i64;
    let want = a.limit.map(|l| l as usize).unwrap_or(usize::MAX);
    while out.len() < want {
        f.offset = Some(offset);
        f.limit = Some((want - out.len()).min(brink_store::query::MAX_LIMIT as usize) as i64);
        let p = page(&f).map_err(|e| anyhow::anyhow!("{e}"))?;
        let n = p.items.len();
        out.extend(p.items);
        if n == 0 || p.next_offset.is_none() || offset + n as i64 > brink_store::query::MAX_OFFSET {
            break;
        }
        offset += n as i64;
    }
    Ok(out)
}

fn keys(v: &Value) -> String {
    v.as_array().map(|a| a.iter().filter_map(|x| x["key"].as_str()).collect::<Vec<_>>().join(";")).unwrap_or_default()
}

fn s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn truncate(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// Rows as (header, cells) with a width per column for the table format (0 = rest of line).
fn rows(what: &str, items: &[Value]) -> (Vec<&'static str>, Vec<usize>, Vec<Vec<String>>) {
    match what {
        "events" => (
            vec!["id", "date", "type", "mode", "modality", "source", "target", "trigger", "docs", "doc", "evidence"],
            vec![6, 10, 9, 13, 12, 14, 14, 16, 4, 22, 0],
            items
                .iter()
                .map(|e| {
                    vec![
                        s(&e["db_id"]),
                        s(&e["date_resolved"]),
                        s(&e["type"]),
                        s(&e["mode"]),
                        s(&e["modality"]),
                        keys(&e["source"]),
                        keys(&e["target"]),
                        s(&e["trigger"]["text"]),
                        s(&e["support"]),
                        s(&e["doc"]),
                        s(&e["evidence"]["text"]),
                    ]
                })
                .collect(),
        ),
        "quotes" => (
            vec!["id", "date", "speaker", "key", "act", "doc", "text"],
            vec![6, 10, 24, 10, 9, 22, 0],
            items
                .iter()
                .map(|q| vec![s(&q["db_id"]), s(&q["date"]), s(&q["speaker"]["name"]), s(&q["speaker"]["key"]), s(&q["speech_act"]), s(&q["doc"]), s(&q["text"])])
                .collect(),
        ),
        "actors" => (
            vec!["key", "name", "kind", "country", "as_source", "as_target", "quotes", "mentions", "documents", "first_seen", "last_seen"],
            vec![14, 28, 11, 7, 9, 9, 6, 8, 9, 10, 10],
            items
                .iter()
                .map(|a| {
                    ["key", "name", "kind", "country", "events_as_source", "events_as_target", "quotes", "mentions", "documents", "first_seen", "last_seen"]
                        .iter()
                        .map(|k| s(&a[*k]))
                        .collect()
                })
                .collect(),
        ),
        _ => (
            vec!["id", "date", "events", "quotes", "source", "doc", "title"],
            vec![5, 10, 6, 6, 16, 24, 0],
            items
                .iter()
                .map(|d| ["id", "date", "events", "quotes", "source", "doc", "title"].iter().map(|k| s(&d[*k])).collect())
                .collect(),
        ),
    }
}

pub fn run_query(what: &str, a: &QueryArgs) -> anyhow::Result<i32> {
    let store = Store::open_read_only(&a.db).with_context(|| format!("opening {}", a.db.display()))?;
    let items: Vec<Value> = match what {
        "events" => fetch_all(a, |f| store.events(f))?,
        "quotes" => fetch_all(a, |f| store.quotes(f))?,
        "actors" => fetch_all(a, |f| store.actors(f))?.into_iter().map(|x| serde_json::to_value(x).unwrap_or_default()).collect(),
        "documents" => fetch_all(a, |f| store.documents(f))?.into_iter().map(|x| serde_json::to_value(x).unwrap_or_default()).collect(),
        other => anyhow::bail!("unknown query '{other}'"),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match a.format {
        Format::Jsonl => {
            for v in &items {
                serde_json::to_writer(&mut out, v)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let (head, _, rows) = rows(what, &items);
            writeln!(out, "{}", head.join(","))?;
            for r in rows {
                writeln!(out, "{}", r.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))?;
            }
        }
        Format::Table => {
            let (head, widths, rows) = rows(what, &items);
            let line = |cells: Vec<String>| -> String {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| if *w == 0 { truncate(c, 100) } else { format!("{:<w$}", truncate(c, *w), w = *w) })
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(head.iter().map(|h| h.to_string()).collect()))?;
            for r in rows {
                writeln!(out, "{}", line(r))?;
            }
            if std::io::stderr().is_terminal() {
                eprintln!("({} {what})", items.len());
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn serve_blocking(db: &Path, addr: SocketAddr) -> anyhow::Result<i32> {
    let state = brink_server::AppState::open(db).map_err(|e| anyhow::anyhow!("{e}")).with_context(|| format!("opening {}", db.display()))?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    if !addr.ip().is_loopback() {
        eprintln!("brink: warning: serving on {addr}, reachable from other machines (read-only)");
    }
    rt.block_on(brink_server::serve(state, addr, |bound| {
        eprintln!("brink: serving {} at http://{bound}/ (API: http://{bound}/api/openapi.json); Ctrl-C to stop", db.display());
    }))
    .with_context(|| format!("serving on {addr}"))?;
    Ok(0)
}

pub fn run_serve(a: &ServeArgs) -> anyhow::Result<i32> {
    serve_blocking(&a.db, a.addr)
}

/// The built-in demo corpus (demo/*.txt): fictional articles written for brink.
pub const DEMO_CORPUS: &[(&str, &str)] = &[
    ("01-strikes-on-shipping.txt", include_str!("../../../demo/01-strikes-on-shipping.txt")),
    ("01b-strikes-on-shipping-gulf-ledger.txt", include_str!("../../../demo/01b-strikes-on-shipping-gulf-ledger.txt")),
    ("02-us-uk-strikes.txt", include_str!("../../../demo/02-us-uk-strikes.txt")),
    ("02b-us-uk-strikes-harbour-times.txt", include_str!("../../../demo/02b-us-uk-strikes-harbour-times.txt")),
    ("03-iran-warns.txt", include_str!("../../../demo/03-iran-warns.txt")),
    ("04-oman-mediation.txt", include_str!("../../../demo/04-oman-mediation.txt")),
    ("05-eu-mission.txt", include_str!("../../../demo/05-eu-mission.txt")),
    ("06-saudi-talks.txt", include_str!("../../../demo/06-saudi-talks.txt")),
    ("07-un-security-council.txt", include_str!("../../../demo/07-un-security-council.txt")),
    ("08-ceasefire.txt", include_str!("../../../demo/08-ceasefire.txt")),
];

/// Removes a directory when dropped (the demo's temporary files, also on error paths).
struct TempDir(Option<PathBuf>);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(d) = self.0.take() {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// `brink demo [PATH...]`: loads the built-in corpus (or the given articles) into a database
/// and serves the dashboard on it, printing the address to open.
pub fn run_demo(a: &DemoArgs) -> anyhow::Result<i32> {
    let t0 = Instant::now();
    let work = std::env::temp_dir().join(format!("brink-demo-{}", std::process::id()));
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let mut cleanup = TempDir(Some(work.clone()));
    let (inputs, what): (Vec<PathBuf>, String) = if a.paths.is_empty() {
        // Written out so the demo goes through the same reader as any user's files.
        let dir = work.join("corpus");
        std::fs::create_dir_all(&dir)?;
        for (name, text) in DEMO_CORPUS {
            std::fs::write(dir.join(name), text)?;
        }
        (vec![dir], format!("the built-in demo corpus ({} fictional articles)", DEMO_CORPUS.len()))
    } else {
        let names: Vec<String> = a.paths.iter().map(|p| p.display().to_string()).collect();
        (a.paths.clone(), names.join(", "))
    };
    let db = match &a.db {
        Some(p) => p.clone(),
        None => work.join("brink.db"),
    };
    eprintln!("brink demo: loading {what} into {}", db.display());
    let engine = Engine::new(&a.kb)?;
    let s = ingest(&engine, &inputs, &db, a.date, 64, std::io::stderr().is_terminal())?;
    if a.db.is_none() && a.no_serve {
        // Nothing would be left to look at: keep the database (the corpus copy goes, after ingest).
        std::fs::remove_dir_all(work.join("corpus")).ok();
        cleanup.0 = None;
    }
    print_summary(&s, &db, t0.elapsed().as_secs_f64());
    if s.read == 0 {
        eprintln!("brink demo: warning: no article could be read; the dashboard will be empty");
    }
    if a.no_serve {
        eprintln!("brink demo: loaded; serve it with: brink serve --db {}", db.display());
        return Ok(if s.failed.is_empty() { 0 } else { 1 });
    }
    let state = brink_server::AppState::open(&db).map_err(|e| anyhow::anyhow!("{e}")).with_context(|| format!("opening {}", db.display()))?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = rt.block_on(async {
        match a.addr {
            Some(addr) => tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}")),
            None => {
                let default: SocketAddr = ([127, 0, 0, 1], 8080).into();
                match tokio::net::TcpListener::bind(default).await {
                    Ok(l) => Ok(l),
                    Err(e) => {
                        eprintln!("brink demo: {default} is not available ({e}); using a free port instead");
                        tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.context("listening on a loopback port")
                    }
                }
            }
        }
    })?;
    let addr = listener.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!("brink: warning: serving on {addr}, reachable from other machines (read-only)");
    }
    let keep = if a.db.is_some() { format!("; the database stays in {}", db.display()) } else { String::new() };
    rt.block_on(brink_server::serve_on(state, listener, |bound| {
        eprintln!("brink demo: open http://{bound}/ in a browser (API: http://{bound}/api/openapi.json); Ctrl-C to stop{keep}");
    }))
    .context("serving the demo")?;
    drop(cleanup);
    Ok(0)
}
