//! Pairing quotation marks into quoted stretches.
//!
//! Real articles mix curly and straight marks, open quotes with a closing mark
//! (`”Whatever ...,"`), forget to close them, and use `’` both as apostrophe and
//! closing single quote. So a mark's role comes from its *context* first (is it
//! left- or right-flanking, like Markdown emphasis) and from its glyph only as a
//! tie-break. Pairing is a single left-to-right pass (linear time):
//! - a quote never runs past its paragraph, except under the newswire convention
//!   (an unclosed paragraph followed by a paragraph that opens with a quote mark);
//!   otherwise it is capped at the paragraph end;
//! - an opener met while a quote is open is taken as a typo and kept inside;
//! - single quotes count only outside double quotes and only when they pair up
//!   within the paragraph, so stray apostrophes (`’90s`, `parties’`) never open one.

use brink_core::Span;

use crate::lex::{is_double, Lexed, TK};

/// One contiguous part of a quote (a quote continued over paragraphs has several).
#[derive(Debug, Clone)]
pub struct Part {
    /// Token index of the opening mark (None when the part starts at a paragraph start without one).
    pub open: Option<usize>,
    /// Token index of the closing mark (None when capped at the paragraph end).
    pub close: Option<usize>,
    /// Content tokens [first, last).
    pub first: usize,
    pub last: usize,
    /// Byte span of the content, without the marks, trimmed.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct RawQuote {
    pub parts: Vec<Part>,
    /// True when the quote was closed by a mark (not capped).
    pub closed: bool,
    /// Single-quote style.
    pub single: bool,
}

impl RawQuote {
    pub fn first_tok(&self) -> usize {
        self.parts[0].open.unwrap_or(self.parts[0].first)
    }
    /// Index of the last token belonging to the quote (closing mark or last content token).
    pub fn end_tok(&self) -> usize {
        let p = self.parts.last().expect("a quote has parts");
        p.close.unwrap_or(p.last.saturating_sub(1))
    }
    pub fn open_tok(&self) -> usize {
        self.first_tok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}
fn char_after(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

fn role(text: &str, span: Span, para: Span) -> Role {
    let c = char_after(text, span.start).unwrap_or('"');
    let before = if span.start <= para.start { None } else { char_before(text, span.start) };
    let after = if span.end >= para.end { None } else { char_after(text, span.end) };
    let left_ctx = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:;".contains(b) || is_double(b));
    let right_ctx = after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}—–-…".contains(a) || is_double(a) || a == '\'' || a == '’');
    let next_is_text = after.is_some_and(|a| !a.is_whitespace());
    let prev_is_text = before.is_some_and(|b| !b.is_whitespace());
    match (left_ctx && next_is_text, right_ctx && prev_is_text) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match c {
            '“' | '„' | '‟' | '«' => Role::Open,
            '”' | '»' => Role::Close,
            _ => Role::Either,
        },
    }
}

fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end.max(start)];
    let ls = s.len() - s.trim_start().len();
    let rs = s.len() - s.trim_end().len();
    if ls + rs >= s.len() {
        return Span::new(start, start);
    }
    Span::new(start + ls, end - rs)
}

/// Finds every quoted stretch. Returns quotes in text order.
pub fn find_quotes(text: &str, lx: &Lexed) -> Vec<RawQuote> {
    let toks = &lx.toks;
    let mut out: Vec<RawQuote> = Vec::new();
    // --- double quotes: one pass over all marks, paragraph-aware.
    let mut cur: Option<RawQuote> = None;
    let mut i = 0;
    let n = toks.len();
    while i < n {
        let t = &toks[i];
        // Paragraph change while a quote is open.
        if let Some(q) = cur.as_mut() {
            let p = q.parts.last().expect("open quote has a part");
            let open_para = toks[p.open.unwrap_or(p.first)].para;
            if t.para != open_para {
                let last_tok = i - 1;
                let part_end = toks[last_tok].span.end;
                let pstart = p.open.map(|o| toks[o].span.end).unwrap_or_else(|| toks[p.first.min(n - 1)].span.start);
                let first = p.open.map(|o| o + 1).unwrap_or(p.first);
                {
                    let pm = q.parts.last_mut().expect("part");
                    pm.last = i;
                    pm.first = first;
                    pm.span = trimmed(text, pstart, part_end);
                }
                let starts_with_mark = t.kind == TK::Mark && t.norm.chars().next().is_some_and(is_double);
                // Newswire convention: an unclosed quote continues into a paragraph that opens with a mark.
                if starts_with_mark && t.para == open_para + 1 && role(text, t.span, lx.paras[t.para]) != Role::Close {
                    q.parts.push(Part { open: Some(i), close: None, first: i + 1, last: i + 1, span: Span::default() });
                    i += 1;
                    continue;
                }
                let q = cur.take().expect("open");
                out.push(q);
                continue; // re-examine this token as a fresh start
            }
        }
        if t.kind == TK::Mark && t.norm.chars().next().is_some_and(is_double) {
            let r = role(text, t.span, lx.paras[t.para]);
            match (&mut cur, r) {
                (None, Role::Open) | (None, Role::Either) => {
                    cur = Some(RawQuote {
                        parts: vec![Part { open: Some(i), close: None, first: i + 1, last: i + 1, span: Span::default() }],
                        closed: false,
                        single: false,
                    });
                }
                (None, Role::Close) => {} // stray closing mark
                (Some(_), Role::Open) => {} // opener inside an open quote: a typo, keep it inside
                (Some(q), Role::Close) | (Some(q), Role::Either) => {
                    let p = q.parts.last_mut().expect("part");
                    let cstart = p.open.map(|o| toks[o].span.end).unwrap_or_else(|| toks[p.first.min(n - 1)].span.start);
                    p.close = Some(i);
                    p.first = p.open.map(|o| o + 1).unwrap_or(p.first);
                    p.last = i;
                    p.span = trimmed(text, cstart, t.span.start);
                    q.closed = true;
                    out.push(cur.take().expect("open"));
                }
            }
        }
        i += 1;
    }
    if let Some(mut q) = cur.take() {
        let p = q.parts.last_mut().expect("part");
        let cstart = p.open.map(|o| toks[o].span.end).unwrap_or_else(|| toks[p.first.min(n - 1)].span.start);
        p.first = p.open.map(|o| o + 1).unwrap_or(p.first);
        p.last = n;
        let end = toks.last().map(|t| t.span.end).unwrap_or(cstart);
        p.span = trimmed(text, cstart, end);
        out.push(q);
    }
    // Drop empty quotes.
    out.retain(|q| q.parts.iter().any(|p| !p.span.is_empty()));

    // --- single quotes, outside double quotes, paired within a paragraph.
    let mut inside = vec![false; n];
    for q in &out {
        for p in &q.parts {
            let a = p.open.unwrap_or(p.first);
            let b = p.close.map(|c| c + 1).unwrap_or(p.last);
            for x in inside.iter_mut().take(b.min(n)).skip(a) {
                *x = true;
            }
        }
    }
    let mut singles = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if inside[i] {
            continue;
        }
        if let Some(o) = open {
            if toks[o].para != t.para {
                open = None;
            }
        }
        if t.kind != TK::Mark || t.norm.chars().next().is_some_and(is_double) {
            continue;
        }
        let c = char_after(text, t.span.start).unwrap_or('\'');
        let para = lx.paras[t.para];
        let before = if t.span.start <= para.start { None } else { char_before(text, t.span.start) };
        let after = if t.span.end >= para.end { None } else { char_after(text, t.span.end) };
        let can_open = before.is_none_or(|b| b.is_whitespace() || "([{—–\"“".contains(b))
            && after.is_some_and(|a| a.is_alphabetic() && (c != '’' || a.is_uppercase()))
            && c != 'ʼ';
        let can_close = before.is_some_and(|b| !b.is_whitespace())
            && after.is_none_or(|a| a.is_whitespace() || ",.;:!?)]}—–\"”".contains(a));
        match open {
            None if can_open => open = Some(i),
            Some(o) if can_close && c != '‘' => {
                // A possessive plural (`parties’ `) directly after an `s` with no comma
                // is ambiguous; accept it only if the content is at least one word.
                if i > o + 1 {
                    let span = trimmed(text, toks[o].span.end, t.span.start);
                    singles.push(RawQuote {
                        parts: vec![Part { open: Some(o), close: Some(i), first: o + 1, last: i, span }],
                        closed: true,
                        single: true,
                    });
                }
                open = None;
            }
            Some(_) if can_open => open = Some(i),
            _ => {}
        }
    }
    if !singles.is_empty() {
        out.extend(singles);
        out.sort_by_key(|q| q.first_tok());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::lex;

    fn quotes(t: &str) -> Vec<Vec<String>> {
        let lx = lex(t);
        find_quotes(t, &lx).iter().map(|q| q.parts.iter().map(|p| t[p.span.start..p.span.end].to_string()).collect()).collect()
    }

    #[test]
    fn curly_and_straight() {
        assert_eq!(quotes("He said “We will win,” and “soon”."), vec![vec!["We will win,"], vec!["soon"]]);
        assert_eq!(quotes("She said \"No deal,\" then left."), vec![vec!["No deal,"]]);
    }

    #[test]
    fn opened_with_a_closing_mark_and_mismatched_pairs() {
        assert_eq!(quotes("”Whatever happens, we stand firm,\" he said."), vec![vec!["Whatever happens, we stand firm,"]]);
        assert_eq!(quotes("\"Peace is near,” the envoy said."), vec![vec!["Peace is near,"]]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("Iran’s envoy didn’t meet Sa’ar in the ’90s; the parties’ aims differ.").is_empty());
    }

    #[test]
    fn single_quotes_pair_up() {
        assert_eq!(quotes("The minister called it ‘a grave mistake’, officials said."), vec![vec!["a grave mistake"]]);
        assert_eq!(quotes("He said 'we are ready' to talk."), vec![vec!["we are ready"]]);
    }

    #[test]
    fn unbalanced_quote_is_capped_at_the_paragraph() {
        let q = quotes("He said “this never ends.\n\nNext paragraph is plain text.");
        assert_eq!(q, vec![vec!["this never ends."]]);
    }

    #[test]
    fn newswire_continuation_over_paragraphs() {
        let q = quotes("“We will rebuild the city,” she said. “It will take years.\n\n“But we will not leave.”\n\nPlain text.");
        assert_eq!(q, vec![vec!["We will rebuild the city,"], vec!["It will take years.", "But we will not leave."]]);
    }

    #[test]
    fn a_second_opener_inside_an_open_quote_is_kept_inside() {
        let q = quotes("“We act to protect our people “Our interests and our allies,” he added.");
        assert_eq!(q, vec![vec!["We act to protect our people “Our interests and our allies,"]]);
    }
}
