//! The trigger lexicon: `data/events.tsv` compiled into token patterns.
//!
//! Patterns are matched on token `norm`s (lowercased). Verbs and nouns are written
//! once in their base form and expanded to every inflection at load time, so the
//! data file stays short and matching needs no lemmatiser.

use std::collections::HashMap;

use brink_core::{Token, TokenKind};

const EVENTS_TSV: &str = include_str!("../data/events.tsv");
const IRREGULAR_TSV: &str = include_str!("../data/irregular.tsv");

/// How the source and target of a trigger are found (see data/events.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Svo,
    Mutual,
    Nom,
    Pair,
    Victim,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfSpeech {
    Verb,
    Noun,
    Word,
}

#[derive(Debug, Clone)]
enum Element {
    /// Any of these forms.
    Words(Vec<String>),
    /// Up to this many tokens, none of them clause punctuation.
    Gap(usize),
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Line number in events.tsv, for provenance ("events.tsv:57").
    pub line: usize,
    pub pattern: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub frame: Frame,
    /// Part of speech of the trigger (first element).
    pub pos: PartOfSpeech,
    /// Base form of the trigger word ("strike"), for rules that look at it.
    pub head: String,
    elements: Vec<Element>,
}

/// A lexicon hit within one sentence's tokens.
#[derive(Debug, Clone)]
pub struct Hit {
    pub entry: usize,
    /// Token index (absolute) of the trigger word.
    pub trigger: usize,
    /// Absolute token indices of every matched word (not gaps).
    pub words: Vec<usize>,
    /// Which inflection matched the trigger: past participle / -ing matter for voice.
    pub trigger_form: String,
    /// The trigger form can be a past participle ("attacked", "hit", "struck").
    pub participle: bool,
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// First-word form → entries starting with it.
    /// (Fast hasher: looked up for every token of every sentence.)
    by_first: brink_core::fasthash::FastMap<String, Vec<usize>>,
    irregular: HashMap<String, (Vec<String>, Vec<String>)>,
    /// Every irregular past and participle form, for the part-of-speech check.
    past_forms: std::collections::HashSet<String>,
    /// Every noun form in the lexicon ("attack", "attacks", "support"), for the same check.
    noun_forms: std::collections::HashSet<String>,
}

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon::parse(EVENTS_TSV, IRREGULAR_TSV)
    }

    pub fn parse(events: &str, irregular_tsv: &str) -> Lexicon {
        let mut irregular = HashMap::new();
        for line in irregular_tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 3 {
                let split = |s: &str| s.split('|').map(str::to_string).collect::<Vec<_>>();
                irregular.insert(f[0].to_string(), (split(f[1]), split(f[2])));
            }
        }
        let past_forms = irregular.values().flat_map(|(a, b): &(Vec<String>, Vec<String>)| a.iter().chain(b.iter()).cloned()).collect();
        let mut lex = Lexicon { entries: Vec::new(), by_first: Default::default(), irregular, past_forms, noun_forms: Default::default() };
        for (i, line) in events.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let frame = match f[3].trim() {
                "nom" => Frame::Nom,
                "pair" => Frame::Pair,
                "victim" => Frame::Victim,
                "mutual" => Frame::Mutual,
                _ => Frame::Svo,
            };
            let mut elements = Vec::new();
            let mut pos = PartOfSpeech::Word;
            let mut head = String::new();
            for (k, el) in f[0].split_whitespace().enumerate() {
                if el == "..." {
                    elements.push(Element::Gap(4));
                    continue;
                }
                if let Some(w) = el.strip_prefix("N:") {
                    lex.noun_forms.extend(w.split('|').flat_map(noun_forms));
                }
                let (p, words) = if let Some(w) = el.strip_prefix("V:") {
                    (PartOfSpeech::Verb, w.split('|').flat_map(|w| lex.verb_forms(w)).collect())
                } else if let Some(w) = el.strip_prefix("N:") {
                    (PartOfSpeech::Noun, w.split('|').flat_map(noun_forms).collect())
                } else {
                    (PartOfSpeech::Word, el.split('|').map(str::to_string).collect::<Vec<_>>())
                };
                if k == 0 {
                    pos = p;
                    head = el.trim_start_matches("V:").trim_start_matches("N:").split('|').next().unwrap_or("").to_string();
                }
                elements.push(Element::Words(words));
            }
            let idx = lex.entries.len();
            if let Some(Element::Words(first)) = elements.first() {
                for w in first {
                    lex.by_first.entry(w.clone()).or_default().push(idx);
                }
            }
            lex.entries.push(Entry {
                line: i + 1,
                pattern: f[0].to_string(),
                event_type: f[1].trim().to_string(),
                mode: Some(f[2].trim()).filter(|m| *m != "-" && !m.is_empty()).map(str::to_string),
                frame,
                pos,
                head,
                elements,
            });
        }
        lex
    }

    /// Every form of a verb: base, -s, past, past participle, -ing.
    fn verb_forms(&self, base: &str) -> Vec<String> {
        let mut out = vec![base.to_string()];
        // Multi-word verbs ("pull back") inflect their first word only; here the
        // element is a single token, so just inflect it.
        let third = if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
            format!("{base}es")
        } else if base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey") && !base.ends_with("oy") {
            format!("{}ies", &base[..base.len() - 1])
        } else {
            format!("{base}s")
        };
        out.push(third);
        if let Some((past, part)) = self.irregular.get(base) {
            out.extend(past.iter().cloned());
            out.extend(part.iter().cloned());
        } else {
            out.push(regular_past(base));
        }
        // Verbs listed with a doubled past ("expelled") double before -ing too ("expelling").
        let doubled = self.irregular.get(base).is_some_and(|(past, _)| past.iter().any(|p| p.len() == base.len() + 3 && p.ends_with("ed") && p.as_bytes()[base.len()] == p.as_bytes()[base.len() - 1]));
        out.push(if doubled { format!("{base}{}ing", base.chars().last().unwrap_or_default()) } else { ing_form(base) });
        out.sort();
        out.dedup();
        out
    }

    fn is_irregular_past(&self, form: &str) -> bool {
        self.past_forms.contains(form)
    }

    /// Finds every lexicon hit in `tokens[start..end]` (absolute indices).
    /// At each position the longest pattern wins; ties go to the earlier line.
    /// `actor_ends_at(t)` says whether an actor mention ends right before token `t`; a form
    /// that is also a noun ("support", "arms", "attacks") is read as a verb only after an
    /// actor or in verb context ("to support", "will attack").
    pub fn find(&self, tokens: &[Token], start: usize, end: usize, actor_ends_at: &dyn Fn(usize) -> bool) -> Vec<Hit> {
        let mut hits = Vec::new();
        for t in start..end {
            let Some(cands) = self.by_first.get(tokens[t].norm.as_str()) else { continue };
            let form = tokens[t].norm.as_str();
            let past = form.ends_with("ed") || self.is_irregular_past(form);
            let ctx = context_pos(tokens, t, start);
            let mut best: Option<Hit> = None;
            for &ci in cands {
                let pos = self.entries[ci].pos;
                // "the meeting", "reprisal attacks", "Iran's attack" are nouns; "to attack" is a verb.
                if pos == PartOfSpeech::Verb && ctx == Some(PartOfSpeech::Noun) && !past {
                    continue;
                }
                // A base-form verb opening a sentence or a quote is an imperative ("Meet them"): no act.
                if pos == PartOfSpeech::Verb && form == self.entries[ci].head && (t == start || tokens[t - 1].kind == TokenKind::Quote) {
                    continue;
                }
                if pos == PartOfSpeech::Verb && ctx.is_none() && !past && !form.ends_with("ing") && self.noun_forms.contains(form) && !actor_ends_at(t) {
                    continue;
                }
                if pos == PartOfSpeech::Noun && ctx == Some(PartOfSpeech::Verb) {
                    continue;
                }
                if let Some(words) = match_at(&self.entries[ci].elements, tokens, t, end) {
                    let better = match &best {
                        None => true,
                        Some(b) => words.len() > b.words.len(),
                    };
                    if better {
                        best = Some(Hit { entry: ci, trigger: t, words, trigger_form: tokens[t].norm.clone(), participle: past });
                    }
                }
            }
            if let Some(h) = best {
                hits.push(h);
            }
        }
        hits
    }
}

fn is_clause_break(tok: &Token) -> bool {
    // Quotation marks do not break a gap: "conducting an “intense dialogue”".
    tok.kind == TokenKind::Punct && matches!(tok.norm.as_str(), "." | ";" | ":" | "!" | "?" | "—" | "–" | "(" | ")")
}

/// Words after which an ambiguous form ("attacks", "meeting", "strike") is a noun.
const NOUN_CONTEXT: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "these", "those", "this", "that", "any",
    "such", "more", "further", "of", "'s", "'", "reprisal", "no", "every", "each", "another", "other", "some",
    "several", "many", "two", "three", "both", "in", "on", "for", "after", "before", "during", "against", "from",
    "with", "by", "over", "since", "amid", "following",
];

/// Words after which an ambiguous form is a verb.
const VERB_CONTEXT: &[&str] = &[
    "to", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do", "not",
    "never", "n't", "also", "then", "they", "we", "i", "you", "he", "she", "it", "who",
];

/// Does the context before token `t` force a part of speech? Forms that are only
/// verbal (past tense "struck", "attacked") are verbs whatever precedes them.
fn context_pos(tokens: &[Token], t: usize, start: usize) -> Option<PartOfSpeech> {
    if t == start {
        return None;
    }
    let prev = tokens[t - 1].norm.as_str();
    // "his Tehran visit", "the Iranian attack": a determiner two back makes a noun phrase.
    if t >= start + 2 && matches!(tokens[t - 2].norm.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "this" | "that")
        && tokens[t - 1].kind == TokenKind::Word && !VERB_CONTEXT.contains(&prev)
    {
        return Some(PartOfSpeech::Noun);
    }
    if VERB_CONTEXT.contains(&prev) || prev.ends_with("n't") {
        Some(PartOfSpeech::Verb)
    } else if NOUN_CONTEXT.contains(&prev) || crate::cues::NOUN_MODIFIERS.contains(&prev) {
        Some(PartOfSpeech::Noun)
    } else {
        None
    }
}

/// Matches elements starting at token `t`; returns the matched word positions.
fn match_at(elements: &[Element], tokens: &[Token], t: usize, end: usize) -> Option<Vec<usize>> {
    fn go(elements: &[Element], tokens: &[Token], pos: usize, end: usize, acc: &mut Vec<usize>) -> bool {
        let Some((first, rest)) = elements.split_first() else { return true };
        match first {
            Element::Words(ws) => {
                if pos < end && ws.iter().any(|w| *w == tokens[pos].norm) {
                    acc.push(pos);
                    if go(rest, tokens, pos + 1, end, acc) {
                        return true;
                    }
                    acc.pop();
                }
                false
            }
            Element::Gap(n) => {
                for skip in 0..=*n {
                    let p = pos + skip;
                    if p > end {
                        break;
                    }
                    if skip > 0 && is_clause_break(&tokens[p - 1]) {
                        break;
                    }
                    if go(rest, tokens, p, end, acc) {
                        return true;
                    }
                }
                false
            }
        }
    }
    let mut acc = Vec::new();
    go(elements, tokens, t, end, &mut acc).then_some(acc)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Doubles a final consonant after a single short vowel in one-syllable verbs
/// ("ship" → "shipped"); words ending in w, x, y never double.
fn doubles(base: &str) -> bool {
    let c: Vec<char> = base.chars().collect();
    let n = c.len();
    if n < 3 {
        return false;
    }
    let vowels = c.iter().filter(|x| is_vowel(**x)).count();
    vowels == 1 && !is_vowel(c[n - 1]) && is_vowel(c[n - 2]) && !is_vowel(c[n - 3]) && !matches!(c[n - 1], 'w' | 'x' | 'y')
}

fn regular_past(base: &str) -> String {
    if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && base.len() > 1 && !is_vowel(base.chars().rev().nth(1).unwrap_or('a')) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles(base) {
        format!("{base}{}ed", base.chars().last().unwrap_or_default())
    } else {
        format!("{base}ed")
    }
}

fn ing_form(base: &str) -> String {
    if base.ends_with("ie") {
        format!("{}ying", &base[..base.len() - 2])
    } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles(base) {
        format!("{base}{}ing", base.chars().last().unwrap_or_default())
    } else {
        format!("{base}ing")
    }
}

fn noun_forms(base: &str) -> Vec<String> {
    let plural = if base.ends_with(['s', 'x', 'z']) || base.ends_with("sh") || base.ends_with("ch") {
        if base.ends_with("ies") || base.ends_with("ks") || base.ends_with("ons") {
            base.to_string()
        } else {
            format!("{base}es")
        }
    } else if base.ends_with('y') && base.len() > 1 && !is_vowel(base.chars().rev().nth(1).unwrap_or('a')) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let mut v = vec![base.to_string(), plural];
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_inflect_regularly_and_irregularly() {
        let lex = Lexicon::parse("", IRREGULAR_TSV);
        let f = lex.verb_forms("urge");
        for w in ["urge", "urges", "urged", "urging"] {
            assert!(f.contains(&w.to_string()), "{w} missing from {f:?}");
        }
        let f = lex.verb_forms("strike");
        assert!(f.contains(&"struck".to_string()) && f.contains(&"striking".to_string()));
        let f = lex.verb_forms("ship");
        assert!(f.contains(&"shipped".to_string()) && f.contains(&"shipping".to_string()));
        let f = lex.verb_forms("expel");
        assert!(f.contains(&"expelled".to_string()) && f.contains(&"expelling".to_string()), "{f:?}");
        let f = lex.verb_forms("commit");
        assert!(f.contains(&"committing".to_string()), "{f:?}");
        let f = lex.verb_forms("deny");
        assert!(f.contains(&"denied".to_string()) && f.contains(&"denies".to_string()));
        assert!(noun_forms("strike").contains(&"strikes".to_string()));
        assert!(noun_forms("talks").contains(&"talks".to_string()));
    }

    #[test]
    fn builtin_lexicon_uses_only_plover_types_and_modes() {
        let lex = Lexicon::builtin();
        let ont = brink_core::Ontology::get();
        assert!(lex.entries.len() > 150);
        for e in &lex.entries {
            assert!(e.event_type == "NONE" || ont.is_type(&e.event_type), "line {}: unknown type {}", e.line, e.event_type);
            if let Some(m) = &e.mode {
                assert!(ont.is_mode(&e.event_type, m), "line {}: {} has no mode {m}", e.line, e.event_type);
            }
        }
    }
}
