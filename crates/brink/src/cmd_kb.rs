//! `brink kb list|resolve|check|unknown` (owned by the knowledge-base work).
//!
//! Every subcommand takes `--kb FILE` (repeatable) overlays on top of the compiled-in KB.
//! Exit codes: `resolve` 0 known, 1 unknown or ambiguous; `check` 0 no errors (warnings are
//! printed), 1 errors; load failures 2 (via main).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use brink_core::{ActorRef, Document, Stage};
use brink_kb::check::{check, Severity};
use brink_kb::{Kb, Resolution};
use clap::{Args, Subcommand, ValueEnum};

use crate::engine::{parse_date_flag, read_inputs};

#[derive(Args)]
pub struct KbArgs {
    /// Overlay KB file (TOML, same format as kb/*.toml); repeatable, later files win by id.
    #[arg(long = "kb", value_name = "FILE", global = true)]
    pub kb: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: KbCommand,
}

#[derive(Subcommand)]
pub enum KbCommand {
    /// Print every entry (states, institutions, IGOs, groups, people).
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Jsonl)]
        format: ListFormat,
    },
    /// Resolve a name on a date: the actor, or unknown/ambiguous with candidates (exit 1).
    Resolve {
        name: String,
        /// Article date, YYYY-MM-DD (default: latest roles).
        #[arg(long, value_parser = parse_date_flag)]
        date: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = OneFormat::Json)]
        format: OneFormat,
    },
    /// Validate the data; exits 1 on errors (warnings are reported only).
    Check {
        /// Also print warnings (alias collisions, overrides).
        #[arg(long)]
        warnings: bool,
    },
    /// List capitalised multi-word names in the inputs that resolve to nothing, with counts.
    Unknown {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Date for inputs that carry none.
        #[arg(long, value_parser = parse_date_flag)]
        date: Option<chrono::NaiveDate>,
        /// Only names seen at least this many times.
        #[arg(long, default_value_t = 1)]
        min_count: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Jsonl,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OneFormat {
    Json,
    Table,
}

pub fn run(a: &KbArgs) -> anyhow::Result<i32> {
    match run_inner(a) {
        // `brink kb list | head` closes the pipe early: not an error.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => Ok(0),
        r => r,
    }
}

fn run_inner(a: &KbArgs) -> anyhow::Result<i32> {
    let kb = Kb::load(&a.kb).context("loading the knowledge base")?;
    let out = std::io::stdout();
    let mut out = out.lock();
    match &a.command {
        KbCommand::List { format } => {
            for e in kb.entries() {
                match format {
                    ListFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(e)?)?,
                    ListFormat::Table => writeln!(
                        out,
                        "{:<12} {:<32} {:<12} {:<36} {:<4} {}",
                        e.kind.as_str(),
                        e.id,
                        if e.kind == brink_kb::EntryKind::Person { kb.actor_ref(kb.entry_index(&e.id).unwrap(), None, "").key } else { e.key.clone() },
                        e.name,
                        e.country.clone().unwrap_or_default(),
                        e.sector.clone().unwrap_or_default()
                    )?,
                }
            }
            Ok(0)
        }
        KbCommand::Resolve { name, date, format } => {
            let r = kb.resolve(name, *date);
            let code = if matches!(r, Resolution::Known(_)) { 0 } else { 1 };
            match format {
                OneFormat::Json => {
                    let v = match &r {
                        Resolution::Known(a) => serde_json::json!({"status": "known", "name": name, "date": date, "actor": a}),
                        Resolution::Ambiguous(c) => serde_json::json!({"status": "ambiguous", "name": name, "date": date, "candidates": c}),
                        Resolution::Unknown => serde_json::json!({"status": "unknown", "name": name, "date": date}),
                    };
                    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                }
                OneFormat::Table => match &r {
                    Resolution::Known(a) => writeln!(out, "known\t{}", row(a))?,
                    Resolution::Ambiguous(c) => {
                        writeln!(out, "ambiguous: '{name}' could be")?;
                        for a in c {
                            writeln!(out, "  {}", row(a))?;
                        }
                    }
                    Resolution::Unknown => writeln!(out, "unknown: '{name}' is not in the KB")?,
                },
            }
            Ok(code)
        }
        KbCommand::Check { warnings } => {
            let findings = check(&kb);
            let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
            let warns = findings.len() - errors;
            for f in &findings {
                if f.severity == Severity::Error || *warnings {
                    let sev = if f.severity == Severity::Error { "error" } else { "warning" };
                    writeln!(out, "{sev}\t{}\t{}\t{}", f.source, f.id, f.message)?;
                }
            }
            let kinds = count_kinds(&kb);
            writeln!(out, "kb check: {} entries ({kinds}); {errors} error(s), {warns} warning(s){}", kb.entries().len(), if *warnings || warns == 0 { "" } else { " (--warnings to show)" })?;
            Ok(if errors > 0 { 1 } else { 0 })
        }
        KbCommand::Unknown { paths, date, min_count } => {
            let kb = Arc::new(kb);
            let actors = brink_actors::ActorStage::new(kb.clone());
            let mut counts: HashMap<String, (usize, &'static str)> = HashMap::new();
            let mut docs = 0;
            for item in read_inputs(paths, *date) {
                match item {
                    brink_read::ReadItem::Doc(mut doc) => {
                        brink_read::CleanStage.process(&mut doc);
                        brink_text::SentenceStage.process(&mut doc);
                        actors.process(&mut doc);
                        for (name, kind) in unknown_names(&doc) {
                            counts.entry(name).or_insert((0, kind)).0 += 1;
                        }
                        docs += 1;
                    }
                    brink_read::ReadItem::Failed { origin, reason } => eprintln!("brink: {origin}: {reason}"),
                }
            }
            let mut v: Vec<_> = counts.into_iter().filter(|(_, (c, _))| c >= min_count).collect();
            v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
            for (name, (c, kind)) in &v {
                writeln!(out, "{c}\t{kind}\t{name}")?;
            }
            eprintln!("{} unknown name(s) in {docs} document(s)", v.len());
            Ok(0)
        }
    }
}

fn row(a: &ActorRef) -> String {
    format!(
        "{} ({}) key={} kind={:?} country={} sector={} role={} {}..{}",
        a.name,
        a.id,
        a.key,
        a.kind,
        a.country.clone().unwrap_or_default(),
        a.sector.clone().unwrap_or_default(),
        a.role.clone().unwrap_or_default(),
        a.role_from.clone().unwrap_or_default(),
        a.role_to.clone().unwrap_or_default()
    )
}

fn count_kinds(kb: &Kb) -> String {
    let mut m: Vec<(&str, usize)> = Vec::new();
    for e in kb.entries() {
        match m.iter_mut().find(|x| x.0 == e.kind.as_str()) {
            Some(x) => x.1 += 1,
            None => m.push((e.kind.as_str(), 1)),
        }
    }
    m.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
}

const ORG_WORDS: &[&str] = &[
    "ministry", "council", "forces", "force", "army", "party", "organization", "organisation", "agency", "committee",
    "movement", "front", "brigade", "brigades", "corps", "guard", "guards", "authority", "department", "office",
    "union", "league", "association", "institute", "foundation", "group", "command", "court", "assembly",
    "parliament", "commission", "bank", "fund", "program", "programme", "service", "services", "network",
];
const SKIP: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "but", "and", "if", "when", "while", "after", "before", "he", "she", "it",
    "they", "we", "i", "this", "that", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "mr.", "mrs.", "ms.", "dr.",
];
const INNER: &[&str] = &["of", "for", "the", "al", "bin", "ibn", "de", "van", "von", "and"];

/// Capitalised multi-word names not covered by any actor mention, classified as person or org.
fn unknown_names(doc: &Document) -> Vec<(String, &'static str)> {
    let covered = |t: &brink_core::Token| doc.mentions.iter().any(|m| m.actor.is_some() && m.span.overlaps(t.span));
    let cap = |i: usize| {
        let t = &doc.tokens[i];
        let raw = doc.slice(t.span);
        t.kind == brink_core::TokenKind::Word
            && raw.chars().next().is_some_and(|c| c.is_uppercase())
            && raw.chars().any(|c| c.is_lowercase())
            && !SKIP.contains(&t.norm.as_str())
            && !covered(t)
    };
    let mut out = Vec::new();
    for s in &doc.sentences {
        let mut i = s.token_start;
        while i < s.token_end.min(doc.tokens.len()) {
            if !cap(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut last = i;
            while j < s.token_end.min(doc.tokens.len()) {
                if cap(j) {
                    last = j;
                    j += 1;
                } else if INNER.contains(&doc.tokens[j].norm.as_str()) && j + 1 < s.token_end && cap(j + 1) {
                    j += 1;
                } else {
                    break;
                }
            }
            if last > i {
                let span = doc.tokens[i].span.cover(doc.tokens[last].span);
                let name = doc.slice(span).to_string();
                let is_org = (i..=last).any(|k| ORG_WORDS.contains(&doc.tokens[k].norm.as_str()));
                out.push((name, if is_org { "org" } else { "person" }));
            }
            i = last + 1;
        }
    }
    out
}
