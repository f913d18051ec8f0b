//! Throughput of the quotes stage alone: `cargo run --release -p brink-quotes --example bench -- DIR [ROUNDS]`.
//! Runs clean → sentences → actors once per article, then times only `QuoteStage` over many rounds.

use std::sync::Arc;
use std::time::Instant;

use brink_core::{Document, Pipeline, Stage};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map(String::as_str).unwrap_or("../shared/seeds");
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let kb = Arc::new(brink_kb::Kb::load(&[]).expect("kb"));
    let pre = Pipeline::new()
        .with(brink_read::CleanStage)
        .with(brink_text::SentenceStage)
        .with(brink_actors::ActorStage::new(kb));
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if let Ok(t) = std::fs::read_to_string(&p) {
            let mut d = Document::new(p.file_name().unwrap().to_string_lossy(), t);
            pre.run(&mut d);
            docs.push(d);
        }
    }
    let stage = brink_quotes::QuoteStage::new();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let mut quotes = 0;
    for _ in 0..rounds {
        for d in docs.iter_mut() {
            let n_events = d.events.len();
            stage.process(d);
            quotes += d.quotes.len();
            d.events.truncate(n_events);
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "quotes stage: {} docs × {rounds} rounds, {:.0} sentences/s, {:.1} MB/s, {} quotes/round",
        docs.len(),
        (sentences * rounds) as f64 / s,
        (bytes * rounds) as f64 / s / 1e6,
        quotes / rounds
    );
}
