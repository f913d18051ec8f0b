//! Token normal forms: what later stages compare against lexicons and the KB.
//!
//! Lowercase, NFKC (so "…" becomes "...", full-width letters fold), curly apostrophes
//! folded to `'` (so "hasn’t" and "hasn't" match), invisible joiners and soft hyphens
//! dropped. Quotation-mark tokens normalise to `"` or `'` whatever their style;
//! whether one opens or closes is visible in the text.

use unicode_normalization::UnicodeNormalization;

use crate::tokenize::Class;

pub fn norm(text: &str, class: Class) -> String {
    match class {
        Class::OpenQuote { double: true } | Class::CloseQuote { double: true } => return "\"".to_string(),
        Class::OpenQuote { double: false } | Class::CloseQuote { double: false } => return "'".to_string(),
        _ => {}
    }
    norm_str(text)
}

/// The normal form of any string, as tokens get it (for matching lexicon entries).
pub fn norm_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{00AD}' | '\u{200C}' | '\u{200D}' => {}
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}
