//! The document: one article's text and every annotation on it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ActorRef, Event, Mention, Quote, Relation, Span};

/// Where the publication date came from (shown in output so a user can judge it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    FrontMatter,
    DateLine,
    Html,
    Jsonl,
    CommandLine,
    /// No date was found; event dates cannot be resolved to the calendar.
    None,
}

/// A stretch of text that cleaning judged not to be article content
/// (navigation, comment forms, photo credits). Kept, not deleted, so offsets hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoiseSpan {
    pub span: Span,
    /// The cleaning rule that fired, e.g. "nav-phrase" or "photo-credit".
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the first token of this sentence in `Document::tokens`.
    pub token_start: usize,
    /// One past the last token of this sentence.
    pub token_end: usize,
    /// A headline or title line (no final punctuation, short, title case).
    pub headline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// A quotation mark of any style: " “ ” „ « » and ‘ ’ when used as quotes.
    Quote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Lowercased, NFKC-folded, curly apostrophes folded to `'`.
    pub norm: String,
    pub sentence: usize,
}

/// One article and everything brink found in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file name for files, the `id` field (or file:line) for JSONL.
    pub id: String,
    /// Where it was read from (path, or path:line for JSONL).
    pub origin: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Publication date.
    pub date: Option<NaiveDate>,
    pub date_origin: Option<DateOrigin>,
    /// The article text. For HTML this is the extracted body text; all spans index into it.
    pub text: String,
    /// Problems met while reading or processing (lossy UTF-8, truncated, ...).
    pub warnings: Vec<String>,
    pub noise: Vec<NoiseSpan>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub relations: Vec<Relation>,
    /// Hash of the text (hex), for idempotent ingest and duplicate detection.
    pub content_hash: String,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let content_hash = fnv1a_hex(text.as_bytes());
        Document { id: id.into(), text, content_hash, ..Default::default() }
    }

    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// Character (Unicode scalar) offset of a byte offset, for output.
    pub fn char_offset(&self, byte: usize) -> usize {
        let b = byte.min(self.text.len());
        let mut b2 = b;
        while b2 > 0 && !self.text.is_char_boundary(b2) {
            b2 -= 1;
        }
        self.text[..b2].chars().count()
    }

    /// Is this span inside a stretch cleaning marked as noise?
    pub fn is_noise(&self, span: Span) -> bool {
        self.noise.iter().any(|n| n.span.overlaps(span))
    }

    /// The index of the sentence containing a byte offset.
    pub fn sentence_at(&self, byte: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= byte);
        (i < self.sentences.len() && self.sentences[i].span.start <= byte).then_some(i)
    }

    pub fn sentence_tokens(&self, sentence: usize) -> &[Token] {
        match self.sentences.get(sentence) {
            Some(s) => &self.tokens[s.token_start.min(self.tokens.len())..s.token_end.min(self.tokens.len())],
            None => &[],
        }
    }

    /// Mentions that fall inside a sentence, in text order.
    pub fn sentence_mentions(&self, sentence: usize) -> impl Iterator<Item = (usize, &Mention)> {
        self.mentions.iter().enumerate().filter(move |(_, m)| m.sentence == sentence)
    }

    /// Distinct resolved actors in this document, by key+id, in first-seen order.
    pub fn distinct_actors(&self) -> Vec<&ActorRef> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for m in &self.mentions {
            if let Some(a) = &m.actor {
                if seen.insert((a.key.clone(), a.id.clone())) {
                    out.push(a);
                }
            }
        }
        out
    }
}

/// 64-bit FNV-1a as hex: small, dependency-free, stable across platforms and releases.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}
