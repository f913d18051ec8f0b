//! `brink bench`: throughput of the whole pipeline on a generated corpus.
//!
//! The corpus is built from sentence templates written for this benchmark, with
//! actors drawn from a fixed list, so the figures are reproducible and no article
//! text is needed. Reports sentences/s and MB/s on one thread and on all cores,
//! KB load time, and the process's peak resident memory (VmHWM).
//!
//! Documents are generated, processed and dropped one at a time (per worker), so the
//! peak RSS is the engine's: knowledge base, lexicons and one document's working set
//! per thread, not the corpus.

use std::time::{Duration, Instant};

use brink_core::Document;
use rayon::prelude::*;

use crate::engine::Engine;

const ACTORS: &[&str] = &[
    "Israel", "Iran", "the United States", "Russia", "Ukraine", "China", "Taiwan", "Hezbollah", "Hamas", "Egypt",
    "Qatar", "Turkey", "Sudan", "the RSF", "Ethiopia", "Somalia", "Kenya", "India", "Pakistan", "the Houthis",
    "Saudi Arabia", "France", "Germany", "the European Union", "NATO", "the United Nations", "Venezuela", "Colombia",
    "Mali", "Niger", "Rwanda", "M23 rebels", "Armenia", "Azerbaijan", "Serbia", "Kosovo", "North Korea", "South Korea",
];

const TEMPLATES: &[&str] = &[
    "{A} urged {B} to show restraint after a week of clashes along the border.",
    "Officials in {A} said on Tuesday that {B} had launched drones at a fuel depot near the frontier.",
    "{A} condemned the strike, calling it a violation of international law.",
    "\"We will not accept threats from {B},\" the foreign minister of {A} told reporters.",
    "Talks between {A} and {B} resumed in Geneva under the auspices of the United Nations.",
    "{A} has not yet responded to the proposal, according to two diplomats familiar with the matter.",
    "If the negotiations collapse, {A} could impose new sanctions on {B}, an adviser said.",
    "The president of {A} is expected to visit {B} next month to sign a trade agreement.",
    "Troops from {A} were deployed to the region last week as tensions with {B} rose.",
    "{A} and {B} agreed to a ceasefire that took effect at midnight.",
    "A convoy carrying aid was attacked by gunmen near the capital of {B}, the ministry said.",
    "{A} accused {B} of supplying weapons to militias operating across the border.",
    "The two leaders held a phone call on Monday and discussed the release of detained journalists.",
    "Protesters gathered outside the embassy of {B} in the capital of {A} to denounce the raids.",
    "{A} expelled two diplomats from {B} over what it called interference in domestic affairs.",
    "Analysts said the dispute between {A} and {B} was unlikely to be settled before the elections.",
    "{A} praised {B} for its role in mediating the prisoner exchange.",
    "Warplanes from {A} struck positions held by {B} overnight, killing at least twelve fighters.",
];

/// The text of generated document `n` (deterministic: same `n`, same text). Written straight
/// into one buffer so that generating stays a small part of the timed loop.
fn doc_text(n: usize) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(4096);
    let _ = write!(text, "Report number {n} on the regional crisis\n\n");
    for k in 0..24 {
        let t = TEMPLATES[(n * 7 + k) % TEMPLATES.len()];
        let a = ACTORS[(n + k * 3) % ACTORS.len()];
        let b = ACTORS[(n * 5 + k + 1) % ACTORS.len()];
        let b = if a == b { ACTORS[(n + k + 7) % ACTORS.len()] } else { b };
        let start = text.len();
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            text.push_str(&rest[..i]);
            match rest[i..].get(..3) {
                Some("{A}") => text.push_str(a),
                Some("{B}") => text.push_str(b),
                _ => {
                    text.push('{');
                    rest = &rest[i + 1..];
                    continue;
                }
            }
            rest = &rest[i + 3..];
        }
        text.push_str(rest);
        // Sentence-initial capital (templates and actors are ASCII).
        if let Some(first) = text[start..].get_mut(..1) {
            first.make_ascii_uppercase();
        }
        text.push(if k % 4 == 3 { '\n' } else { ' ' });
    }
    text
}

/// Generated document `n`, dated like the seeds so relative dates resolve.
fn document(n: usize) -> Document {
    let mut d = Document::new(format!("bench-{n}.txt"), doc_text(n));
    d.date = chrono::NaiveDate::from_ymd_opt(2024, 8, 6);
    d
}

/// How many documents make up `target_bytes` of text (generated and dropped: nothing is kept).
fn corpus_len(target_bytes: usize) -> (usize, usize) {
    let (mut n, mut total) = (0usize, 0usize);
    while total < target_bytes {
        total += doc_text(n).len();
        n += 1;
    }
    (n, total)
}

/// Peak resident set size of this process in kB (Linux), if known.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this thread has run (Linux `/proc/thread-self/schedstat`, ns). On a shared
/// machine wall time depends on the other load; CPU time much less so.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// Counts from processing some documents; annotations are dropped as soon as they are counted.
#[derive(Default, Clone, Copy)]
struct Tally {
    docs: usize,
    bytes: usize,
    sentences: usize,
    events: usize,
}

impl Tally {
    fn add(mut self, o: Tally) -> Tally {
        self.docs += o.docs;
        self.bytes += o.bytes;
        self.sentences += o.sentences;
        self.events += o.events;
        self
    }
}

/// Processes generated document `n` and drops it; generating the text is the only work
/// outside the pipeline, about 1% of the time per document.
fn run_one(engine: &Engine, n: usize) -> Tally {
    let mut d = document(n);
    engine.process(&mut d);
    Tally { docs: 1, bytes: d.text.len(), sentences: d.sentences.len(), events: d.events.len() }
}

/// `single_only`: skip the all-core pass (for profilers).
pub fn run(mb: usize, threads: Option<usize>, single_only: bool) -> anyhow::Result<i32> {
    let t0 = Instant::now();
    let engine = Engine::new(&[])?;
    let kb_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let t1 = Instant::now();
    let places = engine.kb.places().len();
    let places_ms = t1.elapsed().as_secs_f64() * 1000.0;
    let rss_after_kb = peak_rss_kb();
    let (n_docs, bytes) = corpus_len(mb * 1_000_000);
    eprintln!("brink bench: streaming a {mb} MB corpus generated from built-in templates…");

    // One thread: the first quarter of the corpus is enough for a stable figure.
    let n_single = n_docs.div_ceil(4);
    let cpu0 = thread_cpu();
    let t = Instant::now();
    let single = (0..n_single).map(|n| run_one(&engine, n)).fold(Tally::default(), Tally::add);
    let single_s = t.elapsed().as_secs_f64();
    let single_cpu = cpu0.zip(thread_cpu()).map(|(a, b)| (b - a).as_secs_f64());

    println!("brink bench: {:.1} MB, {n_docs} documents (generated and processed one at a time)", bytes as f64 / 1e6);
    println!("  gazetteer ({places} cities) indexed on first use: {places_ms:.1} ms");
    println!("  knowledge base + pipeline load: {kb_ms:.1} ms (peak RSS after load: {} MB)", rss_after_kb.map(|k| k / 1024).unwrap_or(0));
    println!(
        "  1 thread : {:>9.0} sentences/s  {:>6.2} MB/s  ({} sentences in {single_s:.2} s{})",
        single.sentences as f64 / single_s,
        single.bytes as f64 / 1e6 / single_s,
        single.sentences,
        match single_cpu {
            Some(c) => format!("; by CPU time {:.0} sentences/s", single.sentences as f64 / c),
            None => String::new(),
        }
    );

    if !single_only {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
        let n_threads = pool.current_num_threads();
        let t = Instant::now();
        let all = pool.install(|| {
            (0..n_docs).into_par_iter().map(|n| run_one(&engine, n)).reduce(Tally::default, Tally::add)
        });
        let all_s = t.elapsed().as_secs_f64();
        println!(
            "  {n_threads} threads: {:>9.0} sentences/s  {:>6.2} MB/s  ({} sentences, {} events in {all_s:.2} s)",
            all.sentences as f64 / all_s,
            all.bytes as f64 / 1e6 / all_s,
            all.sentences,
            all.events
        );
    }
    match peak_rss_kb() {
        Some(kb) => println!("  peak RSS: {} MB (engine and per-thread working set; the corpus is never held)", kb / 1024),
        None => println!("  peak RSS: unknown on this platform"),
    }
    Ok(0)
}
