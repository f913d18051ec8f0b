//! A small word lexer over the raw document text, owned by this stage.
//!
//! Why our own and not `doc.tokens`: quotation is decided by the exact characters
//! around a quote mark (is `’` between two letters? is `"` preceded by a space?), and
//! the stage must still work when the upstream tokenizer is absent or classifies a
//! mark differently. Each token keeps its byte span, so everything maps back to the
//! text; `doc.sentences` is still used for sentence indexes and evidence.

use brink_core::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TK {
    Word,
    Num,
    Punct,
    /// A quotation-mark character (double or single style) not absorbed into a word.
    Mark,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub span: Span,
    pub kind: TK,
    /// Lowercased, curly apostrophes folded to `'`.
    pub norm: String,
    /// First character is uppercase.
    pub cap: bool,
    /// Paragraph index.
    pub para: usize,
}

/// Double-quote characters.
pub fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '＂' | '″')
}

/// Single-quote characters (also apostrophes).
pub fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | 'ʼ')
}

fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

pub struct Lexed {
    pub toks: Vec<Tok>,
    /// Byte span of each paragraph.
    pub paras: Vec<Span>,
}

/// Splits text into paragraphs: a newline ends a paragraph unless the text looks
/// hard-wrapped there (the line ends mid-sentence and the next starts lowercase).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let line = text[start..i].trim_end();
            let next = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
            let wrapped = !line.is_empty()
                && !next.starts_with('\n')
                && line.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ',')
                && next.chars().next().is_some_and(|c| c.is_lowercase());
            if !wrapped {
                if !text[start..i].trim().is_empty() {
                    out.push(Span::new(start, i));
                }
                start = i + 1;
            }
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Lexes the text into words, numbers, punctuation and quote marks, paragraph by paragraph.
pub fn lex(text: &str) -> Lexed {
    let paras = paragraphs(text);
    let mut toks = Vec::with_capacity(text.len() / 5);
    // One buffer of (offset, char) for all paragraphs, not one allocation each.
    let mut chars = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        lex_into(text, *p, pi, &mut chars, &mut toks);
    }
    Lexed { toks, paras }
}

/// A word's normal form: apostrophes folded to `'`, lowercased. ASCII words (nearly all of
/// them) take one allocation and no Unicode case tables.
fn word_norm(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars().map(|ch| if is_apos(ch) { '\'' } else { ch }).collect::<String>().to_lowercase()
}

fn lex_into(text: &str, p: Span, para: usize, chars: &mut Vec<(usize, char)>, toks: &mut Vec<Tok>) {
    let s = &text[p.start..p.end];
    chars.clear();
    chars.extend(s.char_indices());
    let chars = &*chars;
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|x| x.1);
    let mut k = 0;
    while k < n {
        let (off, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut j = k + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let prev = chars[j - 1].1;
                let next = at(j + 1);
                let next_alnum = next.is_some_and(|x| x.is_alphanumeric());
                // Apostrophe between letters (Iran’s, don’t, Sa’ar) stays in the word.
                if is_apos(cj) && prev.is_alphabetic() && next.is_some_and(|x| x.is_alphabetic()) {
                    j += 1;
                    continue;
                }
                // Hyphenated words (Jean-Pierre, small-minded).
                if (cj == '-' || cj == '‐') && prev.is_alphanumeric() && next_alnum {
                    j += 1;
                    continue;
                }
                // Numbers: 7.4, 1,000.
                if numeric && (cj == '.' || cj == ',') && prev.is_ascii_digit() && next.is_some_and(|x| x.is_ascii_digit()) {
                    j += 1;
                    continue;
                }
                // Abbreviations with inner periods: U.S., U.N. (single letters separated by dots).
                if cj == '.' && prev.is_alphabetic() && next.is_some_and(|x| x.is_alphabetic()) && at(j + 2).is_some_and(|x| x == '.')
                    && (j < 2 || !chars[j - 2].1.is_alphabetic())
                {
                    j += 3;
                    // Swallow a chain of further ".X." pieces.
                    while j + 1 < n && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
                        j += 2;
                    }
                    break;
                }
                break;
            }
            let end = if j < n { chars[j].0 } else { s.len() };
            let word = &s[off..end];
            let norm = word_norm(word);
            toks.push(Tok {
                span: Span::new(p.start + off, p.start + end),
                kind: if numeric && word.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',') { TK::Num } else { TK::Word },
                norm,
                cap: c.is_uppercase(),
                para,
            });
            k = j;
            continue;
        }
        let end = off + c.len_utf8();
        let kind = if is_double(c) || is_single(c) { TK::Mark } else { TK::Punct };
        let norm = if is_apos(c) { "'".to_string() } else { c.to_string() };
        toks.push(Tok { span: Span::new(p.start + off, p.start + end), kind, norm, cap: false, para });
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_stay_inside_words() {
        let t = "Iran’s envoy said don’t ask Sa’ar about U.S. plans.";
        let lx = lex(t);
        let words: Vec<&str> = lx.toks.iter().map(|x| x.norm.as_str()).collect();
        assert_eq!(words, ["iran's", "envoy", "said", "don't", "ask", "sa'ar", "about", "u.s.", "plans", "."]);
        assert!(lx.toks.iter().all(|x| x.kind != TK::Mark));
    }

    #[test]
    fn quote_marks_are_their_own_tokens() {
        let lx = lex("He said “no,” and ‘yes’.");
        let marks: Vec<&str> = lx.toks.iter().filter(|x| x.kind == TK::Mark).map(|x| &"He said “no,” and ‘yes’."[x.span.start..x.span.end]).collect();
        assert_eq!(marks, ["“", "”", "‘", "’"]);
    }

    #[test]
    fn paragraphs_split_on_newlines_but_not_on_wrapped_lines() {
        let t = "First para ends.\n\nSecond one runs on and\nwraps here.\nThird.";
        let p = paragraphs(t);
        assert_eq!(p.len(), 3);
        assert_eq!(&t[p[1].start..p[1].end], "Second one runs on and\nwraps here.");
    }
}
