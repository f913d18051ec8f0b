//! Measures KB load time and memory, and the actors stage's speed on its own.
//! `cargo run --release -p brink-actors --example bench_actors [FILES...]` (default: ../shared/seeds).

use std::sync::Arc;
use std::time::Instant;

use brink_core::{Document, Stage};

fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let before = rss_kb("VmHWM:");
    let t = Instant::now();
    let kb = Arc::new(brink_kb::Kb::load(&[]).expect("KB loads"));
    let load = t.elapsed();
    let after = rss_kb("VmHWM:");
    println!("Kb::load: {:.1} ms, {} entries, peak RSS +{:.1} MB", load.as_secs_f64() * 1e3, kb.entries().len(), (after - before) as f64 / 1024.0);

    let t = Instant::now();
    let n_places = kb.places().len();
    println!("places (kb/places.tsv, parsed on first use): {:.1} ms, {} cities, peak RSS +{:.1} MB", t.elapsed().as_secs_f64() * 1e3, n_places, (rss_kb("VmHWM:") - after) as f64 / 1024.0);

    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        for dir in ["../shared/seeds", "/work/shared/seeds"] {
            if let Ok(rd) = std::fs::read_dir(dir) {
                paths = rd.filter_map(|e| e.ok().map(|e| e.path().display().to_string())).collect();
                break;
            }
        }
    }
    let mut docs: Vec<Document> = paths
        .iter()
        .map(|p| {
            let mut d = Document::new(p.clone(), std::fs::read_to_string(p).unwrap());
            d.date = chrono::NaiveDate::from_ymd_opt(2024, 8, 6);
            brink_text::SentenceStage.process(&mut d);
            d
        })
        .collect();
    let stage = brink_actors::ActorStage::new(kb);
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let mut mentions = 0;
    let rounds = 200;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in docs.iter_mut() {
            d.mentions.clear();
            stage.process(d);
            mentions += d.mentions.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "actors stage: {} sentences x {rounds} in {:.3} s = {:.0} sentences/s ({} mentions/round)",
        sentences,
        secs,
        (sentences * rounds) as f64 / secs,
        mentions / rounds
    );
}
