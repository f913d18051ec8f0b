//! Sentence boundaries over the raw tokens of one stretch of text between noise spans.
//!
//! Decisions are made at terminal punctuation (and at line breaks) looking only a few
//! tokens ahead, plus one precomputed pairing of double quotes per paragraph, so the
//! whole pass is linear. Sentences never cross a noise span or a blank line.

use brink_core::{Sentence, Span, Token};

use crate::abbrev::{is_clock_follower, is_sentence_starter, AbbrevKind};
use crate::norm::norm;
use crate::tokenize::{tokenize, Class, RawTok};

/// Longest sentence we emit, in tokens. Longer runs (tables, text with no punctuation)
/// are cut so that later per-sentence stages stay bounded.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// How far (in tokens) a quotation may run and still hold its sentences together.
const MAX_QUOTE_SPAN: usize = 250;

/// Sentences and tokens of a text.
#[derive(Debug, Default)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub warnings: Vec<String>,
}

/// Splits `text` into sentences and tokens, skipping the `noise` spans
/// (which may be unsorted, overlapping or out of range).
pub fn segment(text: &str, noise: &[Span]) -> Segmented {
    let mut out = Segmented::default();
    let mut raw = Vec::new();
    let mut capped = false;
    for (rs, re) in regions(text, noise) {
        raw.clear();
        tokenize(&text[rs..re], rs, &mut raw);
        capped |= split_region(text, &raw, &mut out);
    }
    if capped {
        out.warnings.push(format!("sentence longer than {MAX_SENTENCE_TOKENS} tokens was cut"));
    }
    out
}

/// The stretches of text outside noise, as byte ranges on char boundaries.
fn regions(text: &str, noise: &[Span]) -> Vec<(usize, usize)> {
    let len = text.len();
    let mut ns: Vec<(usize, usize)> =
        noise.iter().map(|s| (s.start.min(len), s.end.min(len))).filter(|(a, b)| a < b).collect();
    ns.sort_unstable();
    let mut out = Vec::with_capacity(ns.len() + 1);
    let mut pos = 0usize;
    for (a, b) in ns {
        if a > pos {
            let mut end = a;
            while end > pos && !text.is_char_boundary(end) {
                end -= 1;
            }
            if end > pos {
                out.push((pos, end));
            }
        }
        if b > pos {
            pos = b;
            while pos < len && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    if pos < len {
        out.push((pos, len));
    }
    out
}

fn first_char(text: &str, t: &RawTok) -> Option<char> {
    text.get(t.start..t.end).and_then(|s| s.chars().next())
}

/// Lowercase ASCII copy of a short token on the stack, for list lookups without allocating.
fn with_lower<R>(text: &str, t: &RawTok, f: impl FnOnce(&str) -> R) -> Option<R> {
    let s = text.get(t.start..t.end)?;
    if s.len() > 16 || !s.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    let b = &mut buf[..s.len()];
    b.copy_from_slice(s.as_bytes());
    b.make_ascii_lowercase();
    std::str::from_utf8(b).ok().map(f)
}

/// Splits one region's tokens into sentences; returns true when a sentence was cut for length.
fn split_region(text: &str, raw: &[RawTok], out: &mut Segmented) -> bool {
    let len = raw.len();
    if len == 0 {
        return false;
    }
    let pair = pair_quotes(raw);
    let mut capped = false;
    let mut s0 = 0usize;
    let mut inside: Option<usize> = None;
    let mut i = 0usize;
    while i < len {
        let mut k = i;
        update_inside(raw, &pair, k, &mut inside);
        let terminal = raw[i].class.is_terminal();
        let mut brk = if terminal {
            while k + 1 < len
                && !raw[k + 1].space_before
                && matches!(
                    raw[k + 1].class,
                    Class::CloseQuote { .. } | Class::CloseBracket | Class::Period | Class::Terminal | Class::Ellipsis
                )
            {
                k += 1;
                update_inside(raw, &pair, k, &mut inside);
            }
            decide_terminal(text, raw, i, k, inside)
        } else {
            decide_plain(text, raw, i)
        };
        if !brk && k + 1 - s0 >= MAX_SENTENCE_TOKENS {
            brk = true;
            capped = true;
        }
        if brk || k + 1 >= len {
            let headline = !terminal && k + 1 - s0 < MAX_SENTENCE_TOKENS && headline_like(text, &raw[s0..=k]);
            emit(text, raw, s0, k, headline, out);
            s0 = k + 1;
        }
        i = k + 1;
    }
    capped
}

fn update_inside(raw: &[RawTok], pair: &[u32], k: usize, inside: &mut Option<usize>) {
    if *inside == Some(k) {
        *inside = None;
    } else if let Class::OpenQuote { double: true } = raw[k].class {
        if pair[k] != u32::MAX {
            *inside = Some(pair[k] as usize);
        }
    }
}

/// For each opening double quote, the index of its closing quote in the same paragraph.
fn pair_quotes(raw: &[RawTok]) -> Vec<u32> {
    let mut pair = vec![u32::MAX; raw.len()];
    let mut open: Option<usize> = None;
    for (k, t) in raw.iter().enumerate() {
        if t.nl_before >= 2 {
            open = None;
        }
        match t.class {
            Class::OpenQuote { double: true } => open = Some(k),
            Class::CloseQuote { double: true } => {
                if let Some(o) = open.take() {
                    pair[o] = k.min(u32::MAX as usize - 1) as u32;
                }
            }
            _ => {}
        }
    }
    pair
}

/// Does the quotation closing at token `c` continue the sentence after it
/// ("…lose,” and left", "…lose,” Netanyahu said", "…win!” she said)?
fn quote_continues(text: &str, raw: &[RawTok], c: usize) -> bool {
    if c >= 1 && matches!(raw[c - 1].class, Class::Comma | Class::Dash) {
        return true;
    }
    match raw.get(c + 1) {
        Some(t) if t.nl_before == 0 => {
            matches!(t.class, Class::Comma) || first_char(text, t).is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Break after the terminal cluster `i..=k`?
fn decide_terminal(text: &str, raw: &[RawTok], i: usize, k: usize, inside: Option<usize>) -> bool {
    let n = k + 1;
    let Some(nt) = raw.get(n) else { return true };
    if nt.nl_before >= 2 {
        return true;
    }
    let class = raw[i].class;
    if !nt.space_before && !matches!(nt.class, Class::OpenQuote { .. } | Class::OpenBracket) {
        // "example.com", "3.a": no break; but a missing space after a sentence
        // ("attack.The talks") is a common scraping defect.
        return class == Class::Period
            && first_char(text, nt).is_some_and(char::is_uppercase)
            && i >= 1
            && raw[i - 1].class == Class::Word
            && raw[i - 1].end - raw[i - 1].start >= 2
            && text[raw[i - 1].start..raw[i - 1].end].chars().last().is_some_and(char::is_lowercase)
            && text[nt.start..nt.end].chars().nth(1).is_some_and(char::is_lowercase);
    }
    if let Some(c) = inside {
        if c > k && c - k <= MAX_QUOTE_SPAN && quote_continues(text, raw, c) {
            return false;
        }
    }
    let mut m = n;
    while m < raw.len() && m - n < 3 && matches!(raw[m].class, Class::OpenQuote { .. } | Class::OpenBracket) {
        m += 1;
    }
    let first = raw.get(m).and_then(|t| first_char(text, t));
    let lower = first.is_some_and(char::is_lowercase);
    let upper = first.is_some_and(char::is_uppercase);
    match class {
        Class::Period | Class::Terminal | Class::Ellipsis => !lower,
        Class::Abbrev(kind) => match kind {
            AbbrevKind::Title | AbbrevKind::Number | AbbrevKind::DottedInner => false,
            AbbrevKind::Initial | AbbrevKind::Dotted => {
                if m != n || nt.nl_before >= 1 {
                    return !lower;
                }
                upper && with_lower(text, &raw[m], is_sentence_starter).unwrap_or(false)
            }
            AbbrevKind::Clock => upper && !with_lower(text, &raw[m], is_clock_follower).unwrap_or(false),
            AbbrevKind::Month | AbbrevKind::Suffix => upper,
        },
        _ => false,
    }
}

/// Break after a token that is not terminal punctuation? Only at line ends.
fn decide_plain(text: &str, raw: &[RawTok], i: usize) -> bool {
    let Some(nt) = raw.get(i + 1) else { return true };
    match nt.nl_before {
        0 => false,
        1 => {
            // A line that stops mid-clause, or a wrapped line continuing in lowercase, goes on.
            !(matches!(
                raw[i].class,
                Class::Comma | Class::Colon | Class::Semicolon | Class::Dash | Class::OpenBracket | Class::OpenQuote { .. }
            ) || first_char(text, nt).is_some_and(char::is_lowercase))
        }
        _ => true,
    }
}

/// A line without final punctuation is a headline when it is short or title-cased.
fn headline_like(text: &str, toks: &[RawTok]) -> bool {
    let mut words = 0usize;
    let mut long = 0usize;
    let mut caps = 0usize;
    for t in toks {
        if matches!(t.class, Class::Word | Class::Abbrev(_) | Class::Number) {
            words += 1;
            if t.end - t.start >= 4 {
                long += 1;
                if first_char(text, t).is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
                    caps += 1;
                }
            }
        }
    }
    words > 0 && (words <= 20 || (words <= 40 && caps * 10 >= long * 6))
}

fn emit(text: &str, raw: &[RawTok], s0: usize, k: usize, headline: bool, out: &mut Segmented) {
    let si = out.sentences.len();
    let token_start = out.tokens.len();
    out.tokens.extend(raw[s0..=k].iter().map(|t| Token {
        span: Span::new(t.start, t.end),
        kind: t.class.kind(),
        norm: norm(&text[t.start..t.end], t.class),
        sentence: si,
    }));
    out.sentences.push(Sentence {
        span: Span::new(raw[s0].start, raw[k].end),
        token_start,
        token_end: out.tokens.len(),
        headline,
    });
}
