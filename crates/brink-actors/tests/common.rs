//! Shared helpers: run brink-text's SentenceStage and the actors stage on a sentence.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use brink_actors::ActorStage;
use brink_core::{Document, Mention, Stage};
use brink_kb::Kb;
use chrono::NaiveDate;

pub fn kb() -> Arc<Kb> {
    static KB: OnceLock<Arc<Kb>> = OnceLock::new();
    KB.get_or_init(|| Arc::new(Kb::load(&[]).expect("KB loads"))).clone()
}

pub fn run_with(kb: Arc<Kb>, text: &str, date: &str) -> Document {
    let mut doc = Document::new("t", text);
    doc.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    brink_text::SentenceStage.process(&mut doc);
    ActorStage::new(kb).process(&mut doc);
    doc
}

pub fn run(text: &str, date: &str) -> Document {
    run_with(kb(), text, date)
}

/// (text, key, sector, flags) of each mention, for readable assertions.
pub fn show(doc: &Document) -> Vec<String> {
    doc.mentions
        .iter()
        .map(|m| {
            let a = m.actor.as_ref();
            format!(
                "{}|{}|{}{}{}{}",
                doc.slice(m.span),
                a.map(|a| a.key.as_str()).unwrap_or("?"),
                a.and_then(|a| a.sector.as_deref()).unwrap_or("-"),
                if m.modifier { "|mod" } else { "" },
                if m.is_place { "|place" } else { "" },
                if m.actor.is_none() { format!("|ambiguous:{}", m.candidates.join(",")) } else { String::new() },
            )
        })
        .collect()
}

pub fn find<'d>(doc: &'d Document, text: &str) -> &'d Mention {
    doc.mentions.iter().find(|m| doc.slice(m.span) == text).unwrap_or_else(|| panic!("no mention '{text}' in {:#?}", show(doc)))
}

pub fn has(doc: &Document, expected: &str) -> bool {
    show(doc).iter().any(|s| s == expected)
}
