//! `brink bench`: throughput of the whole pipeline on a generated corpus.
//!
//! The corpus is built from sentence templates written for this benchmark, with
//! actors drawn from a fixed list, so the figures are reproducible and no article
//! text is needed. Reports sentences/s and MB/s on one thread and on all cores,
//! KB load time, and the process's peak resident memory (VmHWM).

use std::time::Instant;

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

fn corpus(target_bytes: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut total = 0usize;
    let mut n = 0usize;
    while total < target_bytes {
        let mut text = String::with_capacity(4096);
        text.push_str(&format!("Report number {n} on the regional crisis\n\n"));
        for k in 0..24 {
            let t = TEMPLATES[(n * 7 + k) % TEMPLATES.len()];
            let a = ACTORS[(n + k * 3) % ACTORS.len()];
            let b = ACTORS[(n * 5 + k + 1) % ACTORS.len()];
            let b = if a == b { ACTORS[(n + k + 7) % ACTORS.len()] } else { b };
            let s = t.replace("{A}", a).replace("{B}", b);
            let mut chars = s.chars();
            let s = match chars.next() {
                Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
                None => s,
            };
            text.push_str(&s);
            text.push(if k % 4 == 3 { '\n' } else { ' ' });
        }
        total += text.len();
        let mut d = Document::new(format!("bench-{n}.txt"), text);
        d.date = chrono::NaiveDate::from_ymd_opt(2024, 8, 6);
        docs.push(d);
        n += 1;
    }
    docs
}

/// Peak resident set size of this process in kB (Linux), if known.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(mb: usize, threads: Option<usize>) -> anyhow::Result<i32> {
    let t0 = Instant::now();
    let engine = Engine::new(&[])?;
    let kb_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let t1 = Instant::now();
    let places = engine.kb.places().len();
    let places_ms = t1.elapsed().as_secs_f64() * 1000.0;
    let rss_after_kb = peak_rss_kb();
    eprintln!("brink bench: generating a {mb} MB corpus from built-in templates…");
    let docs = corpus(mb * 1_000_000);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    // One thread: the first quarter of the corpus is enough for a stable figure.
    let mut single: Vec<Document> = docs[..docs.len().div_ceil(4)].to_vec();
    let single_bytes: usize = single.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let mut single_sents = 0usize;
    for d in single.iter_mut() {
        engine.process(d);
        single_sents += d.sentences.len();
    }
    let single_s = t.elapsed().as_secs_f64();
    drop(single);

    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let n_threads = pool.current_num_threads();
    let mut all = docs;
    let t = Instant::now();
    let (sents, events) = pool.install(|| {
        all.par_iter_mut()
            .map(|d| {
                engine.process(d);
                let r = (d.sentences.len(), d.events.len());
                // Free the annotations as we go: the benchmark measures the pipeline, not storage.
                *d = Document::default();
                r
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let all_s = t.elapsed().as_secs_f64();

    println!("brink bench: {:.1} MB, {} documents", bytes as f64 / 1e6, all.len());
    println!("  gazetteer ({places} cities) indexed on first use: {places_ms:.1} ms");
    println!("  knowledge base + pipeline load: {kb_ms:.1} ms (peak RSS after load: {} MB)", rss_after_kb.map(|k| k / 1024).unwrap_or(0));
    println!(
        "  1 thread : {:>9.0} sentences/s  {:>6.2} MB/s  ({single_sents} sentences in {single_s:.2} s)",
        single_sents as f64 / single_s,
        single_bytes as f64 / 1e6 / single_s
    );
    println!(
        "  {n_threads} threads: {:>9.0} sentences/s  {:>6.2} MB/s  ({sents} sentences, {events} events in {all_s:.2} s)",
        sents as f64 / all_s,
        bytes as f64 / 1e6 / all_s
    );
    match peak_rss_kb() {
        Some(kb) => println!("  peak RSS: {} MB (includes the generated corpus held in memory)", kb / 1024),
        None => println!("  peak RSS: unknown on this platform"),
    }
    Ok(0)
}
