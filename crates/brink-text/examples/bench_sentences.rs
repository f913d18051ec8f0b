//! Throughput of SentenceStage on generated news-like text:
//! `cargo run --release -p brink-text --example bench_sentences [MB]`.

use std::time::Instant;

use brink_core::{Document, Stage};
use brink_text::SentenceStage;

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(4);
    let parts = [
        "U.S. Secretary of State Dana Holt met Gen. Omar Vale in Doha on Tuesday.",
        "“We will not accept this. They must stop,” the minister said, adding that Iran’s envoy hasn’t replied.",
        "The 7.4-magnitude quake struck at 5 p.m. local time, killing 1,200 people.",
        "Officials in the U.N. said the Israeli-US talks would resume … but gave no date.",
        "Ministers Meet in Geneva as Talks Stall\n\n",
        "Why did they leave? Nobody knows!",
        "The convoy, which carried food, water, tents, etc., reached the border crossing late Monday night.",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < mb << 20 {
        text.push_str(parts[i % parts.len()]);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
        i += 1;
    }
    let mut doc = Document::new("bench", text);
    let t = Instant::now();
    SentenceStage.process(&mut doc);
    let el = t.elapsed().as_secs_f64();
    println!(
        "{:.1} MB, {} sentences, {} tokens in {:.3}s: {:.0} sentences/s, {:.1} MB/s",
        doc.text.len() as f64 / 1048576.0,
        doc.sentences.len(),
        doc.tokens.len(),
        el,
        doc.sentences.len() as f64 / el,
        doc.text.len() as f64 / 1048576.0 / el
    );
}
