//! Finding KB alias matches in the text: one pass of the KB's Aho-Corasick automaton over the
//! whole document, keeping matches on word boundaries whose case fits the KB form.

use aho_corasick::Input;
use brink_core::{Document, Span};
use brink_kb::{case_ok, AliasKind, Kb};

/// One KB match: where it is and which entries (with the name form) it may stand for.
#[derive(Debug, Clone)]
pub struct Cand {
    pub span: Span,
    /// First token and one past the last token the match touches.
    pub t0: usize,
    pub t1: usize,
    pub sentence: usize,
    pub hits: Vec<(usize, AliasKind)>,
    /// The match is glued to a hyphenated compound ("Iran-backed", "Israeli-US").
    pub hyphen: bool,
    /// The match ends where its last token ends (not inside "Iran-backed").
    pub ends_token: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Index of the token containing byte `pos`, if any.
pub fn token_at(doc: &Document, pos: usize) -> Option<usize> {
    let i = doc.tokens.partition_point(|t| t.span.end <= pos);
    (i < doc.tokens.len() && doc.tokens[i].span.start <= pos).then_some(i)
}

pub fn scan(kb: &Kb, doc: &Document) -> Vec<Cand> {
    let text = doc.text.as_str();
    let ac = kb.automaton();
    let mut out = Vec::new();
    // The automaton's patterns are ASCII-lowercased; ASCII lowercasing keeps byte offsets.
    let lower = text.to_ascii_lowercase();
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = ac.find(Input::new(lower.as_str()).span(pos..text.len())) else { break };
        let (s, e) = (m.start(), m.end());
        let next_pos = |p: usize| p + text[p..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let matched = &text[s..e];
        let boundary_ok = !before.is_some_and(is_word_char)
            && !after.is_some_and(is_word_char)
            // "U.S" inside "U.S.A." or a dotted abbreviation continuing.
            && !(after == Some('.') && matched.ends_with(|c: char| c.is_uppercase()) && text[e + 1..].starts_with(|c: char| c.is_uppercase()));
        if !boundary_ok {
            pos = next_pos(s);
            continue;
        }
        let hits: Vec<(usize, AliasKind)> = kb
            .hits(m.pattern())
            .iter()
            .filter(|h| case_ok(&h.form, matched))
            .map(|h| (h.entry as usize, h.kind))
            .collect();
        let (Some(t0), Some(tl)) = (token_at(doc, s), token_at(doc, e - 1)) else {
            pos = next_pos(s);
            continue;
        };
        if hits.is_empty() || (!doc.noise.is_empty() && doc.is_noise(Span::new(s, e))) {
            pos = next_pos(s);
            continue;
        }
        let hyphen = after == Some('-') && text[e + 1..].starts_with(|c: char| c.is_alphanumeric())
            || before == Some('-') && s >= 2 && text[..s - 1].ends_with(|c: char| c.is_alphanumeric());
        let ends_token = doc.tokens[tl].span.end == e;
        out.push(Cand { span: Span::new(s, e), t0, t1: tl + 1, sentence: doc.tokens[t0].sentence, hits, hyphen, ends_token });
        pos = e;
    }
    out
}
