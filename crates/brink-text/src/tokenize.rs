//! The hand-written scanner: one pass over a stretch of text, no regex, no backtracking
//! beyond a few characters of lookahead, so it is linear on any input.
//!
//! It produces raw tokens with a fine-grained class (period vs. ellipsis vs. abbreviation,
//! opening vs. closing quote) that the sentence splitter needs, plus how many line
//! breaks preceded each token.

use crate::abbrev::{dotted_abbrev, word_abbrev, AbbrevKind};
use crate::chars::*;

/// What a raw token is, finer than [`brink_core::TokenKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Word,
    Number,
    Url,
    /// The possessive "'s" / "’s" split off a word ("Iran’s" → "Iran" + "’s").
    Possessive,
    /// A word with its abbreviation period attached ("Mr.", "U.S.", "a.m.").
    Abbrev(AbbrevKind),
    Period,
    /// A run of "?" and "!".
    Terminal,
    /// "..." or "…".
    Ellipsis,
    OpenQuote { double: bool },
    CloseQuote { double: bool },
    /// A lone apostrophe that is not a quote (plural possessive "countries’", "’90s").
    Apostrophe,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Semicolon,
    Dash,
    Other,
}

impl Class {
    pub fn is_terminal(self) -> bool {
        matches!(self, Class::Period | Class::Terminal | Class::Ellipsis | Class::Abbrev(_))
    }
    pub fn kind(self) -> brink_core::TokenKind {
        use brink_core::TokenKind as K;
        match self {
            Class::Word | Class::Url | Class::Possessive | Class::Abbrev(_) => K::Word,
            Class::Number => K::Number,
            Class::OpenQuote { .. } | Class::CloseQuote { .. } => K::Quote,
            _ => K::Punct,
        }
    }
}

/// A token before normalisation: absolute byte offsets into the document text.
#[derive(Debug, Clone, Copy)]
pub struct RawTok {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// Line breaks in the whitespace before this token, saturated at 2 (2 = blank line).
    pub nl_before: u8,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
}

#[inline]
fn ch(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

#[inline]
fn prev_ch(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// Tokenizes `region` (a slice of the document starting at byte `base`), appending to `out`.
pub fn tokenize(region: &str, base: usize, out: &mut Vec<RawTok>) {
    let b = region.as_bytes();
    let n = b.len();
    let mut i = 0usize;
    let mut nl: u8 = 0;
    let mut space = false;
    let mut double_open = false;
    let mut single_open = false;
    while i < n {
        // Whitespace: ASCII fast path.
        let byte = b[i];
        if byte < 0x80 {
            if byte == b'\n' {
                nl = nl.saturating_add(1).min(2);
                space = true;
                i += 1;
                continue;
            }
            if byte == b'\r' {
                if i + 1 >= n || b[i + 1] != b'\n' {
                    nl = nl.saturating_add(1).min(2);
                }
                space = true;
                i += 1;
                continue;
            }
            if byte == b' ' || byte == b'\t' || byte == 0x0B || byte == 0x0C {
                if byte == 0x0C {
                    nl = 2;
                }
                space = true;
                i += 1;
                continue;
            }
        }
        let c = match ch(region, i) {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if !c.is_ascii() && is_space(c) {
            nl = nl.saturating_add(newline_weight(c)).min(2);
            space = true;
            i += clen;
            continue;
        }
        if nl >= 2 {
            double_open = false;
            single_open = false;
        }
        let start = i;
        let class;
        if is_word_char(c) {
            let (end, cl) = scan_word(region, i, c);
            i = end;
            class = cl;
        } else {
            i += clen;
            class = match c {
                '.' => {
                    if ch(region, i) == Some('.') || ch(region, i) == Some('…') {
                        while matches!(ch(region, i), Some('.') | Some('…')) {
                            i += ch(region, i).map_or(1, char::len_utf8);
                        }
                        Class::Ellipsis
                    } else if region[i..].starts_with(" . .") {
                        // Spaced ellipsis ". . ."
                        i += 4;
                        Class::Ellipsis
                    } else {
                        Class::Period
                    }
                }
                '…' => {
                    while matches!(ch(region, i), Some('.') | Some('…')) {
                        i += ch(region, i).map_or(1, char::len_utf8);
                    }
                    Class::Ellipsis
                }
                '。' | '｡' => Class::Period,
                '?' | '!' | '‽' | '？' | '！' | '؟' => {
                    while let Some(d) = ch(region, i) {
                        if matches!(d, '?' | '!' | '‽' | '？' | '！' | '؟') {
                            i += d.len_utf8();
                        } else {
                            break;
                        }
                    }
                    Class::Terminal
                }
                ',' | '،' | '，' => Class::Comma,
                ':' => Class::Colon,
                ';' | '؛' => Class::Semicolon,
                '"' => {
                    let prev_open = start == 0 || prev_ch(region, start).is_none_or(|p| is_space(p) || is_open_bracket(p) || is_open_double(p) || is_open_single(p) || matches!(p, '—' | '–' | '-'));
                    let next_open = ch(region, i).is_none_or(is_space);
                    let open = match (prev_open, next_open) {
                        (true, false) => true,
                        (false, true) => false,
                        _ => !double_open,
                    };
                    double_open = open;
                    if open {
                        Class::OpenQuote { double: true }
                    } else {
                        Class::CloseQuote { double: true }
                    }
                }
                c if is_open_double(c) => {
                    double_open = true;
                    Class::OpenQuote { double: true }
                }
                c if is_close_double(c) => {
                    double_open = false;
                    Class::CloseQuote { double: true }
                }
                c if is_open_single(c) => {
                    single_open = true;
                    Class::OpenQuote { double: false }
                }
                c if is_close_single(c) => {
                    single_open = false;
                    Class::CloseQuote { double: false }
                }
                c if is_apostrophe(c) => {
                    let prev = prev_ch(region, start);
                    let next = ch(region, i);
                    let prev_word = prev.is_some_and(is_word_char);
                    if prev_word
                        && matches!(next, Some('s') | Some('S'))
                        && !ch(region, i + 1).is_some_and(is_word_char)
                    {
                        i += 1;
                        Class::Possessive
                    } else if prev_word {
                        if single_open {
                            single_open = false;
                            Class::CloseQuote { double: false }
                        } else if matches!(prev, Some('s') | Some('S')) {
                            Class::Apostrophe
                        } else {
                            Class::CloseQuote { double: false }
                        }
                    } else if next.is_some_and(|d| d.is_ascii_digit()) {
                        Class::Apostrophe
                    } else if next.is_some_and(is_word_char) || next.is_some_and(|d| is_open_double(d) || d == '"') {
                        single_open = true;
                        Class::OpenQuote { double: false }
                    } else if prev.is_some_and(|p| !is_space(p)) {
                        single_open = false;
                        Class::CloseQuote { double: false }
                    } else {
                        Class::Apostrophe
                    }
                }
                c if is_open_bracket(c) => Class::OpenBracket,
                c if is_close_bracket(c) => Class::CloseBracket,
                '-' | '–' | '—' | '―' | '‒' | '\u{2010}' | '\u{2011}' => {
                    while ch(region, i) == Some(c) {
                        i += clen;
                    }
                    Class::Dash
                }
                _ => {
                    // Runs of one symbol ("=====", "***") make one token.
                    while ch(region, i) == Some(c) {
                        i += clen;
                    }
                    Class::Other
                }
            };
        }
        out.push(RawTok { start: base + start, end: base + i, class, nl_before: nl, space_before: space });
        nl = 0;
        space = false;
    }
}

/// Starts of URLs we keep whole, so "www.example.com/a.b" does not split a sentence.
fn url_len(s: &str, i: usize) -> usize {
    let rest = &s.as_bytes()[i..];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return 0;
    }
    let mut end = i;
    for (off, c) in s[i..].char_indices() {
        if is_space(c) || matches!(c, '"' | '“' | '”' | '<' | '>') {
            break;
        }
        end = i + off + c.len_utf8();
    }
    // Trailing punctuation belongs to the sentence, not the URL.
    while end > i {
        match prev_ch(s, end) {
            Some(c) if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\'' | '’') => end -= c.len_utf8(),
            _ => break,
        }
    }
    end - i
}

/// Scans a word or number starting at `i` (first char `c`); returns its end and class.
fn scan_word(s: &str, i: usize, c: char) -> (usize, Class) {
    let ul = url_len(s, i);
    if ul > 4 {
        return (i + ul, Class::Url);
    }
    // Letter-dot sequences: "U.S.", "a.m.", "e.g.", "J.R.R."
    if c.is_alphabetic() {
        let l1 = c.len_utf8();
        if ch(s, i + l1) == Some('.') {
            if let Some(c2) = ch(s, i + l1 + 1) {
                if c2.is_alphabetic() && ch(s, i + l1 + 1 + c2.len_utf8()) == Some('.') {
                    let mut j = i;
                    while let Some(a) = ch(s, j) {
                        if a.is_alphabetic() && ch(s, j + a.len_utf8()) == Some('.') {
                            j += a.len_utf8() + 1;
                        } else {
                            break;
                        }
                    }
                    return (j, Class::Abbrev(dotted_abbrev(&s[i..j])));
                }
            }
        }
    }
    let numeric_start = c.is_ascii_digit();
    let mut j = i + c.len_utf8();
    let mut prev = c;
    while let Some(d) = ch(s, j) {
        if is_word_char(d) {
            j += d.len_utf8();
            prev = d;
            continue;
        }
        let next = ch(s, j + d.len_utf8());
        if is_apostrophe(d) {
            if let Some(nx) = next {
                if nx.is_alphabetic() && is_word_char(prev) {
                    let possessive = matches!(nx, 's' | 'S') && !ch(s, j + d.len_utf8() + 1).is_some_and(is_word_char);
                    if possessive {
                        break;
                    }
                    j += d.len_utf8();
                    prev = d;
                    continue;
                }
            }
            break;
        }
        if is_joining_hyphen(d) && next.is_some_and(is_word_char) && is_word_char(prev) {
            j += d.len_utf8();
            prev = d;
            continue;
        }
        if numeric_start && prev.is_ascii_digit() && matches!(d, '.' | ',' | ':' | '/') && next.is_some_and(|x| x.is_ascii_digit()) {
            j += 1;
            prev = d;
            continue;
        }
        break;
    }
    let word = &s[i..j];
    // An abbreviation period is attached to the word.
    if ch(s, j) == Some('.') && !matches!(ch(s, j + 1), Some('.') | Some('…')) {
        let mut cs = word.chars();
        let first = cs.next();
        if cs.next().is_none() && first.is_some_and(char::is_uppercase) {
            return (j + 1, Class::Abbrev(AbbrevKind::Initial));
        }
        if let Some(kind) = word_abbrev(word) {
            let attach = match kind {
                AbbrevKind::Number => {
                    let rest = s[j + 1..].trim_start_matches([' ', '\u{a0}']);
                    rest.len() < s.len() - j - 1 && rest.starts_with(|x: char| x.is_ascii_digit())
                }
                _ => true,
            };
            if attach {
                return (j + 1, Class::Abbrev(kind));
            }
        }
    }
    let class = if numeric_start && is_numberish(word) { Class::Number } else { Class::Word };
    (j, class)
}

/// Digits with separators, optionally with an ordinal or plural suffix ("1,000", "7.4", "10th", "1990s").
fn is_numberish(w: &str) -> bool {
    let t = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[t.len()..];
    !t.contains(|c: char| c.is_alphabetic())
        && matches!(suffix.to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th" | "s")
}
