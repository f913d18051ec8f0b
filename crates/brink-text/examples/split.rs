//! Prints the sentences of a text file, one per line (headlines marked `#`):
//! `cargo run -p brink-text --example split FILE`.

use brink_core::{Document, Stage};
use brink_text::SentenceStage;

fn main() {
    let path = std::env::args().nth(1).expect("usage: split FILE");
    let text = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
    let mut doc = Document::new("x", text);
    SentenceStage.process(&mut doc);
    for s in &doc.sentences {
        println!("{} {}", if s.headline { "#" } else { "-" }, doc.slice(s.span).replace('\n', "⏎"));
    }
}
