//! The stage's word lists, kept as data (`data/*.tsv`, compiled in) so that a
//! reviewer can extend cue verbs and speech acts without touching code, and so
//! that nothing in the code is tuned to one article.

use std::sync::OnceLock;

const CUES_TSV: &str = include_str!("../data/cues.tsv");
const ACTS_TSV: &str = include_str!("../data/speech_acts.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A finite speech verb ("said", "told reporters").
    Verb,
    /// A participle whose subject is the sentence's speaker ("adding", "saying").
    Participle,
    /// "according to X".
    According,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub words: Vec<String>,
    pub class: CueClass,
    pub indirect: bool,
}

#[derive(Debug, Clone)]
pub struct Act {
    /// Tokens; "*" is a gap of 0-4 tokens.
    pub pattern: Vec<String>,
    pub from_cue: bool,
    pub event_type: String,
    pub mode: Option<String>,
    /// The pattern as written, for provenance ("quote-act:<entry>").
    pub entry: String,
}

pub struct Lexicon {
    /// Cues indexed by their first word; longer cues first.
    /// (Fast hasher: looked up for every word outside quotes.)
    pub cues: brink_core::fasthash::FastMap<String, Vec<Cue>>,
    pub acts: Vec<Act>,
}

fn data_lines(s: &str) -> impl Iterator<Item = Vec<&str>> {
    s.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut cues: brink_core::fasthash::FastMap<String, Vec<Cue>> = Default::default();
        for f in data_lines(CUES_TSV) {
            let words: Vec<String> = f[0].split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                continue;
            }
            let class = match f.get(1).copied().unwrap_or("verb") {
                "participle" => CueClass::Participle,
                "according" => CueClass::According,
                _ => CueClass::Verb,
            };
            let indirect = f.get(2).copied() == Some("yes");
            cues.entry(words[0].clone()).or_default().push(Cue { words, class, indirect });
        }
        for v in cues.values_mut() {
            v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        let acts = data_lines(ACTS_TSV)
            .filter(|f| f.len() >= 3)
            .map(|f| Act {
                pattern: f[1].split_whitespace().map(str::to_string).collect(),
                from_cue: f[0] == "cue",
                event_type: f[2].to_string(),
                mode: f.get(3).filter(|m| !m.is_empty()).map(|m| m.to_string()),
                entry: f[1].to_string(),
            })
            .collect();
        Lexicon { cues, acts }
    }

    /// The longest cue starting at `words[0]`; returns it and how many words it spans.
    pub fn cue_at<'a>(&'a self, words: &[&str]) -> Option<(&'a Cue, usize)> {
        let first = words.first()?;
        let cands = self.cues.get(*first)?;
        cands.iter().find(|c| c.words.len() <= words.len() && c.words.iter().zip(words).all(|(a, b)| a == b)).map(|c| (c, c.words.len()))
    }
}

/// Matches a pattern with `*` gaps (0-4 tokens) at the start of `words`; returns the matched length.
pub fn match_pattern(pattern: &[String], words: &[&str]) -> Option<usize> {
    fn go(p: &[String], w: &[&str], used: usize) -> Option<usize> {
        match p.first() {
            None => Some(used),
            Some(x) if x == "*" => (0..=4).filter(|k| *k <= w.len()).find_map(|k| go(&p[1..], &w[k..], used + k)),
            Some(x) => (w.first().is_some_and(|y| y == x)).then(|| go(&p[1..], &w[1..], used + 1)).flatten(),
        }
    }
    go(pattern, words, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loads() {
        let l = Lexicon::get();
        let (c, n) = l.cue_at(&["told", "reporters", "on"]).expect("told reporters");
        assert_eq!((c.class, n), (CueClass::Verb, 2));
        assert_eq!(l.cue_at(&["adding", "that"]).map(|x| x.0.class), Some(CueClass::Participle));
        assert_eq!(l.cue_at(&["according", "to"]).map(|x| x.0.class), Some(CueClass::According));
        assert!(l.cue_at(&["according"]).is_none());
        assert!(l.acts.iter().any(|a| a.event_type == "THREATEN" && !a.from_cue));
    }

    #[test]
    fn gaps_match_up_to_three_tokens() {
        let p: Vec<String> = ["will", "pay", "*", "price"].iter().map(|s| s.to_string()).collect();
        assert_eq!(match_pattern(&p, &["will", "pay", "a", "heavy", "price", "soon"]), Some(5));
        assert_eq!(match_pattern(&p, &["will", "pay", "price"]), Some(3));
        assert_eq!(match_pattern(&p, &["will", "pay", "a", "b", "c", "d", "e", "price"]), None);
    }
}
