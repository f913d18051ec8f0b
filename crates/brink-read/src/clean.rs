//! Boilerplate cleaning: marks page furniture as noise spans without deleting text,
//! so every offset later stages compute stays valid against the original text.
//!
//! General rules live here (bylines, photo credits, breadcrumbs, lone words);
//! the phrase lists live in `data/boilerplate.txt` so they can grow without code changes.
//! Nothing here is specific to one site or one article.

use std::collections::HashSet;
use std::sync::OnceLock;

use brink_core::{Document, NoiseSpan, Span, Stage};
use regex::Regex;

const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

/// Rule names this stage writes (so re-running it replaces its own spans only).
pub const RULES: [&str; 10] = [
    "nav-line",
    "nav-prefix",
    "boilerplate-phrase",
    "ui-words",
    "breadcrumb",
    "photo-credit",
    "credit-line",
    "byline",
    "lone-word",
    "copyright",
];

/// The phrase lists, parsed once.
struct Lists {
    lines: HashSet<String>,
    prefixes: Vec<String>,
    phrases: Regex,
    words: HashSet<String>,
    sections: Vec<String>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = Lists {
            lines: HashSet::new(),
            prefixes: Vec::new(),
            phrases: Regex::new("$^").expect("empty regex"),
            words: HashSet::new(),
            sections: Vec::new(),
        };
        let mut phrases = Vec::new();
        for raw in BOILERPLATE.lines() {
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let Some((kind, text)) = raw.split_once(':') else { continue };
            let text = normalize(text);
            match kind.trim() {
                "line" => {
                    l.lines.insert(strip_trailing(&text).to_string());
                }
                "prefix" => l.prefixes.push(text),
                "phrase" => phrases.push(regex::escape(&text).replace(' ', r"\s+")),
                "word" => {
                    l.words.insert(text);
                }
                "section" => l.sections.push(text),
                _ => {}
            }
        }
        // Longest first so "home world news" beats "home world".
        l.sections.sort_by_key(|s| std::cmp::Reverse(s.len()));
        if !phrases.is_empty() {
            let pat = format!(r"(?i)(?:{})", phrases.join("|"));
            if let Ok(r) = Regex::new(&pat) {
                l.phrases = r;
            }
        }
        l
    })
}

/// Lowercase, whitespace collapsed, curly apostrophes and quotes folded.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // Most lines: no curly marks to fold, ASCII lowercasing (same result, far cheaper).
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.make_ascii_lowercase();
        return out;
    }
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '’' | '‘' => out.push('\''),
                '“' | '”' => out.push('"'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

fn strip_trailing(s: &str) -> &str {
    s.trim_end_matches(['.', ':', '!', '*', ' ', '…', '?'])
}

fn photo_paren_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)\(\s*(?:(?:file\s+)?photo(?:graph)?(?:\s+credit)?|credits?|image(?:\s+credit)?|picture|illustration|source\s+image)\s*:[^()\n]{0,200}\)|\([^()\n]{0,120}(?:getty\s+images|reuters/|ap\s+photo|afp\s+via|/afp|shutterstock|epa-efe|/epa|anadolu|/ap\b|photo\s+by\s)[^()\n]{0,120}\)")
            .expect("photo credit regex")
    })
}

fn credit_line_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)^(?:photo|image|picture|credit|photo credit|image credit|file photo)s?\s*:|^photo\s+by\s|getty\s+images|reuters/|\bap\s+photo\b|shutterstock|/\s*afp\b")
            .expect("credit line regex")
    })
}

fn byline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        // "By NAME", "By NAME and NAME", "By NAME, Agency", "BY NAME | Agency"
        Regex::new(r"^(?:By|BY|Written by|Words by|Story by)\s+\p{Lu}[\p{L}.'’\-]*(?:(?:\s+|\s*[,|&/]\s*|\s+(?:and|de|da|del|al|el|bin|van|von|der|la|le)\s+)(?:\p{Lu}[\p{L}.'’\-]*|\d[\w:,]*))*\s*$")
            .expect("byline regex")
    })
}

fn words_of(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(' ').filter(|w| !w.is_empty())
}

/// Which rule, if any, makes a whole line noise. `line` is trimmed, non-empty.
/// `no_phrase` is set when the boilerplate-phrase search ran and found nothing in the line,
/// so that the caller need not search the line for phrases again.
fn line_rule(line: &str, prev_blank: bool, next_blank: bool, no_phrase: &mut bool) -> Option<&'static str> {
    let l = lists();
    let norm = normalize(line);
    let bare = strip_trailing(&norm);
    if l.lines.contains(bare) {
        return Some("nav-line");
    }
    if l.prefixes.iter().any(|p| norm.starts_with(p.as_str())) {
        return Some("nav-prefix");
    }
    if norm.starts_with('©') || norm.starts_with("(c) ") {
        return Some("copyright");
    }
    let nwords = words_of(&norm).count();
    let terminal = line.ends_with(['.', '!', '?', '"', '”', '’']);
    // A breadcrumb: "Home News ...", "Home > World > ...", "Home » Politics".
    if let Some(rest) = norm.strip_prefix("home") {
        let rest = rest.trim_start();
        if rest.starts_with(['>', '»', '/', '|', '›']) || l.sections.iter().any(|s| rest.starts_with(&format!("{s} "))) {
            return Some("breadcrumb");
        }
    }
    if nwords <= 8 && !terminal && words_of(&norm).all(|w| l.words.contains(w)) {
        return Some("ui-words");
    }
    if nwords <= 12 && line.len() <= 120 && byline_re().is_match(line) {
        return Some("byline");
    }
    if nwords <= 12 && !terminal && !line.contains(". ") && credit_line_re().is_match(line) {
        return Some("credit-line");
    }
    // One word alone on its line, not punctuated: a label or widget ("Advertisement", "Politics").
    // Only between blank lines or other furniture, never inside running text.
    if nwords == 1 && !terminal && line.chars().count() <= 25 && (prev_blank || next_blank) && !line.chars().any(|c| c.is_ascii_digit()) {
        return Some("lone-word");
    }
    match l.phrases.find(line) {
        Some(m) => {
            if nwords <= 14 || m.len() * 2 >= line.len() {
                return Some("boilerplate-phrase");
            }
        }
        None => *no_phrase = true,
    }
    None
}

/// Noise spans of a text, sorted and non-overlapping.
pub fn find_noise(text: &str) -> Vec<NoiseSpan> {
    let mut out: Vec<NoiseSpan> = Vec::new();
    // Lines, with byte offsets of their trimmed content.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0usize;
    for raw in text.split_inclusive('\n') {
        let start = pos + (raw.len() - raw.trim_start().len());
        let end = pos + raw.trim_end().len();
        pos += raw.len();
        lines.push((start, end.max(start)));
    }
    let blank = |i: usize| -> bool { lines.get(i).is_none_or(|(s, e)| s >= e) };
    for (i, &(s, e)) in lines.iter().enumerate() {
        if s >= e {
            continue;
        }
        let line = &text[s..e];
        let prev_blank = i == 0 || blank(i - 1) || out.last().is_some_and(|n| lines[i - 1].0 >= n.span.start && lines[i - 1].1 <= n.span.end);
        let mut no_phrase = false;
        if let Some(rule) = line_rule(line, prev_blank, blank(i + 1), &mut no_phrase) {
            out.push(NoiseSpan { span: Span::new(s, e), rule: rule.to_string() });
            continue;
        }
        // Inside a kept line: photo-credit parentheses and boilerplate phrases.
        for m in photo_paren_re().find_iter(line) {
            out.push(NoiseSpan { span: Span::new(s + m.start(), s + m.end()), rule: "photo-credit".into() });
        }
        if no_phrase {
            continue;
        }
        for m in lists().phrases.find_iter(line) {
            out.push(NoiseSpan { span: Span::new(s + m.start(), s + m.end()), rule: "boilerplate-phrase".into() });
        }
    }
    out.sort_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
    let mut merged: Vec<NoiseSpan> = Vec::with_capacity(out.len());
    for n in out {
        match merged.last_mut() {
            Some(last) if n.span.start < last.span.end => last.span.end = last.span.end.max(n.span.end),
            _ => merged.push(n),
        }
    }
    merged
}

/// Marks boilerplate (navigation, comment forms, credits) as noise spans.
pub struct CleanStage;

impl Stage for CleanStage {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn process(&self, doc: &mut Document) {
        doc.noise.retain(|n| !RULES.contains(&n.rule.as_str()));
        doc.noise.extend(find_noise(&doc.text));
        doc.noise.sort_by_key(|n| (n.span.start, n.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise_texts(text: &str) -> Vec<(String, String)> {
        find_noise(text).into_iter().map(|n| (text[n.span.start..n.span.end].to_string(), n.rule)).collect()
    }

    fn kept(text: &str) -> String {
        let mut d = Document::new("t", text);
        CleanStage.process(&mut d);
        let mut out = String::new();
        let mut pos = 0;
        for n in &d.noise {
            out.push_str(&text[pos..n.span.start]);
            pos = n.span.end;
        }
        out.push_str(&text[pos..]);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn navigation_lines() {
        let t = "Search\nClose this search box.\nSkip to content\nMenu\n\nThe ministers met in Vienna on Monday.\n";
        assert_eq!(kept(t), "The ministers met in Vienna on Monday.");
        let n = noise_texts(t);
        assert_eq!(n[0], ("Search".to_string(), "nav-line".to_string()));
    }

    #[test]
    fn breadcrumbs() {
        let t = "Home World Talks between the envoys resume in...\n\nThe envoys met.";
        assert_eq!(kept(t), "The envoys met.");
        assert_eq!(kept("Home > Politics > Talks\nThe envoys met."), "The envoys met.");
        // A sentence starting with "Home" is kept.
        assert_eq!(kept("Home prices rose in the capital last year."), "Home prices rose in the capital last year.");
    }

    #[test]
    fn comment_forms_and_source_lines() {
        let t = "The envoys met.\n\nSource link\n\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nPlease enter your comment!\nPlease enter your name here\nOriginal Source: Example Wire report\nRead more";
        assert_eq!(kept(t), "The envoys met.");
    }

    #[test]
    fn photo_credits() {
        let t = "A firefighter works near the border on Monday. (credit: AGENCY/JANE ROE)\n\nThe talks went on.";
        assert_eq!(kept(t), "A firefighter works near the border on Monday. The talks went on.");
        assert_eq!(kept("Smoke rises over the port. (Photo: John Doe/Getty Images)"), "Smoke rises over the port.");
        assert_eq!(kept("Smoke rises. (REUTERS/Jane Roe)"), "Smoke rises.");
        assert_eq!(kept("The envoy.\nJohn Doe/Getty Images\nHe spoke."), "The envoy. He spoke.");
        // An ordinary parenthesis stays.
        assert_eq!(kept("The group (which formed in 1982) denied it."), "The group (which formed in 1982) denied it.");
    }

    #[test]
    fn bylines() {
        assert_eq!(kept("By Jane Roe and Omar Vale\n\nThe envoys met."), "The envoys met.");
        assert_eq!(kept("BY JANE ROE | Example Wire\nThe envoys met."), "The envoys met.");
        assert_eq!(kept("By Tuesday the troops had left the town."), "By Tuesday the troops had left the town.");
    }

    #[test]
    fn ui_word_lines_and_share_bars() {
        assert_eq!(kept("Share Tweet Email Print\nThe envoys met."), "The envoys met.");
        assert_eq!(kept("Sign in | Subscribe\nThe envoys met."), "The envoys met.");
        assert_eq!(kept("Advertisement\n\nThe envoys met."), "The envoys met.");
    }

    #[test]
    fn real_headlines_are_kept() {
        let t = "Envoys Meet in Vienna as Talks Resume\n\nThe envoys met.";
        assert_eq!(kept(t), "Envoys Meet in Vienna as Talks Resume The envoys met.");
        let t = "Ceasefire Holds\n\nThe envoys met.";
        assert_eq!(kept(t), t.split_whitespace().collect::<Vec<_>>().join(" "));
        // A single word inside running lines is not dropped.
        assert_eq!(kept("First line of text here\nWashington\nmore text follows"), "First line of text here Washington more text follows");
    }

    #[test]
    fn offsets_unchanged_and_idempotent() {
        let t = "Menu\nThe envoys met.\nShare";
        let mut d = Document::new("t", t);
        CleanStage.process(&mut d);
        let first = d.noise.clone();
        CleanStage.process(&mut d);
        assert_eq!(d.noise, first);
        assert_eq!(d.text, t);
        for n in &d.noise {
            assert!(t.get(n.span.start..n.span.end).is_some());
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "\n\n", "(", "((((credit:", "By", "Home", "Home ", "©", &"x".repeat(100_000), &"(photo: ".repeat(10_000), "\u{FEFF}\r\n\r\n"] {
            let _ = find_noise(t);
        }
    }
}
