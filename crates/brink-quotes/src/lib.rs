//! The quotes stage: direct and indirect quotations, their speakers, and the speech acts they perform.
//!
//! Runs after the actors stage (it reads `doc.mentions`) and before events (it adds
//! speech-act events to `doc.events`, each linked to its quote). The work is split
//! in small steps, one module each:
//!
//! - [`lex`]: our own word lexer over the raw text (quote-mark decisions need the exact characters);
//! - [`marks`]: pairing quotation marks into quoted stretches, robust to messy real-world marks;
//! - [`ctx`]: the per-document view (units = sentences outside quotes, cue hits, mentions per token)
//!   and the noun-phrase reading that finds a cue's subject;
//! - [`direct`]: which quoted stretches are reported speech, split quotes joined, speakers;
//! - [`indirect`]: explicit reported speech, `X said (that) …`;
//! - [`acts`]: speech acts and the events they become;
//! - [`lexicon`]: cue verbs and speech-act patterns, loaded from `data/*.tsv`.
//!
//! Everything is linear in the document length (bounded windows around each cue and
//! quote) and never panics on odd input.

pub mod acts;
pub mod ctx;
pub mod direct;
pub mod indirect;
pub mod lex;
pub mod lexicon;
pub mod marks;

use brink_core::{Document, Stage};

#[derive(Default)]
pub struct QuoteStage;

impl QuoteStage {
    pub fn new() -> Self {
        QuoteStage
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) {
        if doc.text.trim().is_empty() {
            return;
        }
        let lx = lex::lex(&doc.text);
        if lx.toks.is_empty() {
            return;
        }
        let raws = marks::find_quotes(&doc.text, &lx);
        let base = doc.events.len();
        let (quotes, events) = {
            let ctx = ctx::Ctx::new(doc, lx, raws);
            let mut found = direct::direct_quotes(&ctx);
            let ind = indirect::indirect_quotes(&ctx, &found);
            found.extend(ind);
            found.sort_by_key(|f| (f.quote.spans.first().map(|s| s.start).unwrap_or(0), f.quote.kind == brink_core::QuoteKind::Indirect));
            for (i, f) in found.iter_mut().enumerate() {
                f.quote.id = format!("q{i}");
            }
            let mut events = Vec::new();
            acts::apply(&ctx, &mut found, &mut events, base);
            (found.into_iter().map(|f| f.quote).collect::<Vec<_>>(), events)
        };
        doc.quotes = quotes;
        doc.events.extend(events);
    }
}
