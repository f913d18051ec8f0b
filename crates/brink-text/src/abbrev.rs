//! Abbreviations that end in a period but usually do not end a sentence.
//!
//! Each abbreviation has a class, because the right decision depends on it:
//! a title ("Gen.", "Mr.") is never the end of a sentence, a month ("Aug.")
//! is not when a number follows, a company suffix ("Inc.") is when a capital follows.

/// How an abbreviation ending in "." decides whether the sentence ends there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Titles and name particles that always precede something: Mr., Gen., Sen., St., vs.
    Title,
    /// Month abbreviations: not a boundary before a number ("Aug. 15").
    Month,
    /// Suffixes that often end a sentence: Inc., Co., Corp., Ltd., etc., Jr.
    Suffix,
    /// "No." attached only when a number follows ("No. 2").
    Number,
    /// A single capital initial ("John F. Kennedy").
    Initial,
    /// Letter-dot sequences naming places or bodies: U.S., U.N., U.K., E.U.
    Dotted,
    /// Letter-dot sequences inside a sentence: e.g., i.e., cf.
    DottedInner,
    /// a.m. / p.m.: a boundary before a capital unless a weekday or time zone follows.
    Clock,
}

/// The class of a word (ASCII, any case) that is directly followed by a period,
/// or None when the period is ordinary punctuation. `no` is handled by the caller
/// (it needs to look at what follows).
pub fn word_abbrev(word: &str) -> Option<AbbrevKind> {
    if word.len() > 6 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 6];
    let b = &mut buf[..word.len()];
    b.copy_from_slice(word.as_bytes());
    b.make_ascii_lowercase();
    let w = std::str::from_utf8(b).unwrap_or("");
    Some(match w {
        "mr" | "mrs" | "ms" | "messrs" | "dr" | "gen" | "gens" | "sen" | "sens" | "rep" | "reps" | "st" | "lt"
        | "col" | "maj" | "capt" | "cpt" | "gov" | "govs" | "pres" | "sgt" | "adm" | "cmdr" | "cdr" | "brig"
        | "cpl" | "pvt" | "prof" | "rev" | "hon" | "amb" | "supt" | "insp" | "det" | "fr" | "mt" | "ft"
        | "vs" | "v" | "approx" | "dept" | "univ" | "sec" | "atty" | "lieut" | "comdr" | "mssrs" => {
            AbbrevKind::Title
        }
        "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" => {
            AbbrevKind::Month
        }
        "inc" | "co" | "corp" | "ltd" | "llc" | "bros" | "etc" | "jr" | "sr" | "esq" | "plc" | "cos" => {
            AbbrevKind::Suffix
        }
        "no" | "nos" => AbbrevKind::Number,
        "cf" | "al" | "ca" => AbbrevKind::DottedInner,
        _ => return None,
    })
}

/// The class of a letter-dot sequence like "U.S." or "a.m." (given without case folding).
pub fn dotted_abbrev(tok: &str) -> AbbrevKind {
    let lower: String = tok.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect();
    match lower.as_str() {
        "am" | "pm" => AbbrevKind::Clock,
        "eg" | "ie" | "nb" | "ps" | "viz" => AbbrevKind::DottedInner,
        _ => AbbrevKind::Dotted,
    }
}

/// Words that commonly begin a sentence. After an ambiguous abbreviation
/// ("U.S.", an initial) a capitalised word from this list is taken as a new sentence,
/// any other capital ("U.S. Secretary", "F. Kennedy") is not.
pub fn is_sentence_starter(norm: &str) -> bool {
    matches!(
        norm,
        "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "this" | "that" | "these"
            | "those" | "there" | "his" | "her" | "their" | "its" | "our" | "my" | "but" | "and" | "or" | "so"
            | "in" | "on" | "at" | "after" | "before" | "while" | "when" | "as" | "according" | "however"
            | "meanwhile" | "if" | "since" | "for" | "with" | "what" | "why" | "how" | "who" | "where"
            | "still" | "yet" | "also" | "then" | "now" | "during" | "despite" | "although" | "though"
            | "until" | "earlier" | "later" | "last" | "officials" | "some" | "many" | "both" | "no" | "not"
            | "one" | "two" | "such" | "each" | "all" | "asked" | "speaking" | "separately"
            | "instead" | "thus" | "yesterday" | "today" | "by" | "from" | "is" | "was" | "are"
            | "were" | "will" | "would" | "do" | "does" | "did" | "has" | "have" | "had" | "can"
    )
}

/// Weekday and time-zone words that may follow "a.m."/"p.m." within the same sentence.
pub fn is_clock_follower(norm: &str) -> bool {
    matches!(
        norm,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "et" | "est"
            | "edt" | "pt" | "pst" | "pdt" | "ct" | "cst" | "cdt" | "gmt" | "utc" | "bst" | "cet" | "cest"
            | "idt" | "ist" | "local" | "eastern" | "pacific" | "central" | "mountain"
    )
}
