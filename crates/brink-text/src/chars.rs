//! Character classes the scanner needs. Kept in one place so the tokenizer and the
//! splitter agree on what a quote, an apostrophe or a word character is.

/// Characters that continue a word: letters, digits, combining marks (Arabic and Hebrew
/// diacritics, accents in decomposed text) and the invisible joiners and soft hyphen
/// that scraped text carries inside words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

/// Whitespace, including the zero-width space and byte-order mark that scraped
/// text is full of (they are not Unicode White_Space but separate nothing visible).
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c == '\u{0B}';
    }
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

/// Apostrophes that can sit inside a word ("don't", "Sa'ar", "hasn’t").
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Hyphens that join a compound into one token ("Israeli-US", "all-out").
/// En and em dashes separate words and are not in this set.
#[inline]
pub fn is_joining_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Double quotation marks of any style that always open.
#[inline]
pub fn is_open_double(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{201E}' | '\u{00AB}' | '\u{201F}' | '\u{2E42}' | '\u{301D}')
}

/// Double quotation marks that always close.
#[inline]
pub fn is_close_double(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{00BB}' | '\u{301E}' | '\u{301F}')
}

/// Single guillemets and left single quote: single-quote marks that open.
#[inline]
pub fn is_open_single(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{201A}' | '\u{2039}' | '\u{201B}')
}

#[inline]
pub fn is_close_single(c: char) -> bool {
    c == '\u{203A}'
}

#[inline]
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

#[inline]
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}')
}

/// Newline weight of a whitespace char: 2 for a paragraph separator (it ends a
/// sentence like a blank line), 1 for a line break, 0 otherwise. A CR followed by LF
/// is counted once, at the LF, by the caller.
#[inline]
pub fn newline_weight(c: char) -> u8 {
    match c {
        '\n' | '\u{2028}' | '\u{0C}' | '\u{85}' => 1,
        '\u{2029}' => 2,
        _ => 0,
    }
}
