//! Sentence splitting, tokenisation and date resolution for news text.
//!
//! - [`SentenceStage`] fills `doc.sentences` and `doc.tokens` (outside noise spans);
//!   the work is done by [`segment::segment`], usable on its own.
//! - [`tokens_of`] tokenizes any string the same way (for matching lexicon entries).
//! - [`dates::find_dates`] finds date expressions and resolves them against the article date.
//!
//! Token conventions other stages can rely on:
//! - abbreviation periods stay on the word: "U.S." (norm "u.s."), "Mr.", "Gen.", "a.m.", "Aug.";
//! - the possessive is its own token: "Iran’s" → "Iran" + "’s" (norm "'s"); contractions stay
//!   whole: "hasn’t" (norm "hasn't");
//! - hyphenated compounds are one token ("Israeli-US", "all-out"); dashes are separate;
//! - quotation marks are `TokenKind::Quote` with norm `"` or `'`.

mod abbrev;
mod chars;
pub mod dates;
mod norm;
pub mod segment;
mod tokenize;

use brink_core::{Document, Span, Stage, Token};

pub use norm::norm_str;
pub use segment::{segment, Segmented, MAX_SENTENCE_TOKENS};

/// Fills `doc.sentences` and `doc.tokens`, skipping noise spans. Replaces any earlier
/// sentences and tokens, so running it twice gives the same document.
pub struct SentenceStage;

impl Stage for SentenceStage {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn process(&self, doc: &mut Document) {
        let noise: Vec<Span> = doc.noise.iter().map(|n| n.span).collect();
        let seg = segment(&doc.text, &noise);
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
        doc.warnings.extend(seg.warnings);
    }
}

/// Tokens of any string, with the same rules as the stage (all in sentence 0).
/// For matching lexicon or KB entries token by token against documents.
pub fn tokens_of(text: &str) -> Vec<Token> {
    let mut raw = Vec::new();
    tokenize::tokenize(text, 0, &mut raw);
    raw.iter()
        .map(|t| Token {
            span: Span::new(t.start, t.end),
            kind: t.class.kind(),
            norm: norm::norm(&text[t.start..t.end], t.class),
            sentence: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests;
