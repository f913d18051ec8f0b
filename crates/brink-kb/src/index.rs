//! Turning raw files into entries, and the alias index: one Aho-Corasick automaton over
//! every name form, built once at load.
//!
//! The automaton holds ASCII-lowercased patterns and runs over an ASCII-lowercased copy of the
//! text (same byte offsets), so that "HEZBOLLAH" and "Hezbollah" both match; building it
//! this way is several times faster than `ascii_case_insensitive`.
//! the case rules that make "US" differ from "us" are applied per hit by [`case_ok`], because
//! one lowercased pattern can stand for several entries with different capitalisation.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, PatternID};

use crate::model::{AliasKind, Dated, Entry, EntryKind, Role};
use crate::raw::{RawDated, RawFile};

/// One entry a pattern stands for, with the form as written in the KB.
#[derive(Debug, Clone)]
pub struct Hit {
    pub entry: u32,
    pub kind: AliasKind,
    pub form: Box<str>,
}

/// Lookup key: lowercase, curly apostrophes folded, whitespace collapsed.
pub fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

fn is_short_caps(form: &str) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 5 && letters > 0 && !form.chars().any(|c| c.is_lowercase())
}

fn fold(c: char) -> char {
    if c == '\u{2019}' || c == '\u{2018}' {
        '\''
    } else {
        c
    }
}

/// Short all-caps aliases (US, UN, EU, IDF, U.S.) match only exactly.
pub fn short_caps_ok(form: &str, text: &str) -> bool {
    !is_short_caps(form) || form.chars().map(fold).eq(text.chars().map(fold))
}

/// May `text` (as matched) stand for the KB form? Short all-caps forms must match exactly;
/// otherwise every capital letter of the form must be a capital in the text, so "jordan",
/// "chad" or "turkey" in lowercase never match "Jordan", "Chad", "Turkey".
pub fn case_ok(form: &str, text: &str) -> bool {
    if is_short_caps(form) {
        return short_caps_ok(form, text);
    }
    form.chars().zip(text.chars()).all(|(f, t)| !f.is_uppercase() || t.is_uppercase() || !t.is_alphabetic())
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn dated(v: Vec<RawDated>) -> Vec<Dated> {
    v.into_iter().map(|d| Dated { country: d.country, from: d.from, to: d.to, note: d.note }).collect()
}

fn blank(kind: EntryKind, id: String, name: String, source: &str) -> Entry {
    Entry {
        kind,
        id,
        key: String::new(),
        name,
        aliases: Vec::new(),
        adjectives: Vec::new(),
        demonyms: Vec::new(),
        capitals: Vec::new(),
        epithets: Vec::new(),
        country: None,
        org: None,
        sector: None,
        parent: None,
        patrons: Vec::new(),
        governs: Vec::new(),
        roles: Vec::new(),
        died: None,
        gender: None,
        official: String::new(),
        iso2: String::new(),
        status: String::new(),
        region: String::new(),
        note: String::new(),
        source: source.to_string(),
    }
}

/// The entries of one parsed file, in file order.
pub fn entries_of(f: RawFile, source: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for s in f.state {
        let mut e = blank(EntryKind::State, s.id.clone(), s.name, source);
        e.key = s.id.clone();
        e.country = Some(s.id);
        e.sector = Some("GOV".into());
        e.aliases = s.aliases;
        e.adjectives = s.adjectives;
        e.demonyms = s.demonyms;
        e.capitals = s.capitals;
        e.epithets = s.epithets;
        e.official = s.official;
        e.iso2 = s.iso2;
        e.status = s.status;
        e.region = s.region;
        e.note = s.note;
        out.push(e);
    }
    for s in f.institution {
        let mut e = blank(EntryKind::Institution, s.id, s.name, source);
        e.key = s.country.clone();
        e.country = opt(&s.country);
        e.org = opt(&s.org);
        e.sector = opt(&s.sector);
        e.aliases = s.aliases;
        e.adjectives = s.adjectives;
        e.parent = opt(&s.parent);
        e.note = s.note;
        out.push(e);
    }
    for s in f.igo {
        let mut e = blank(EntryKind::Igo, s.id, s.name, source);
        e.key = s.key;
        e.sector = opt(&s.sector).or(Some("IGO".into()));
        e.aliases = s.aliases;
        e.adjectives = s.adjectives;
        e.parent = opt(&s.parent);
        e.note = s.note;
        out.push(e);
    }
    for s in f.group {
        let mut e = blank(EntryKind::Group, s.id, s.name, source);
        e.key = s.key;
        e.country = opt(&s.country);
        e.sector = opt(&s.sector);
        e.aliases = s.aliases;
        e.adjectives = s.adjectives;
        e.patrons = dated(s.patrons);
        e.governs = dated(s.governs);
        e.parent = opt(&s.parent);
        e.note = s.note;
        out.push(e);
    }
    for p in f.person {
        let mut e = blank(EntryKind::Person, p.id, p.name, source);
        e.aliases = p.aliases;
        e.roles = p
            .roles
            .into_iter()
            .map(|r| Role {
                country: opt(&r.country),
                org: opt(&r.org),
                sector: r.sector,
                title: r.title,
                from: r.from.trim().to_string(),
                to: r.to.trim().to_string(),
                note: r.note,
            })
            .collect();
        e.died = opt(&p.died);
        e.gender = opt(&p.gender);
        e.note = p.note;
        out.push(e);
    }
    out
}

const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Surname forms of a person's full name: the last word ("Netanyahu", "Sa'ar"), and without
/// an Arabic article ("al-Burhan" → also "Burhan").
pub fn surnames(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().map(|w| w.trim_end_matches(',')).filter(|w| !NAME_SUFFIXES.contains(w)).collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let last = words[words.len() - 1];
    // "King Abdullah II of Jordan": a title with a place, not a surname.
    if words.iter().any(|w| *w == "of" || *w == "the") {
        return Vec::new();
    }
    if last.ends_with('.') || last.chars().count() < 3 || !last.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let mut out = vec![last.to_string()];
    for art in ["al-", "Al-", "el-", "El-", "ad-", "as-", "an-", "ar-", "at-", "az-"] {
        if let Some(rest) = last.strip_prefix(art) {
            if rest.chars().count() >= 3 {
                out.push(rest.to_string());
            }
        }
    }
    out
}

/// A looser spelling key, for the fallback of `Kb::resolve` only (never for text matching):
/// accents folded, hyphens, dots and apostrophes dropped, Arabic articles ("al-", "el-")
/// dropped, doubled letters collapsed and a few transliteration variants unified, so that
/// "Mohammed Deif" / "Mohamed Deif", "Abdul Malik al-Houthi" / "Abdul-Malik al-Houthi",
/// "Volodymyr Zelenskiy" / "Volodymyr Zelensky", "Gideon Saar" / "Gideon Sa'ar" meet.
pub fn loose_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut flat = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'ı' => 'i',
            'ł' | 'Ł' => 'l',
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            'ß' => 's',
            'æ' | 'Æ' => 'e',
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' | '\u{02bf}' | '\u{02be}' => continue,
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        flat.extend(c.to_lowercase());
    }
    let mut out = String::with_capacity(flat.len());
    for w in flat.split_whitespace() {
        if matches!(w, "al" | "el" | "ad" | "as" | "an" | "ar" | "at" | "az" | "ash" | "ul") {
            continue;
        }
        // Collapse doubled letters, then unify spellings that differ only in transliteration.
        let mut t = String::with_capacity(w.len());
        for c in w.chars() {
            if !t.ends_with(c) {
                t.push(c);
            }
        }
        let t = t.replace("ou", "u").replace('q', "k");
        let t = match t.as_str() {
            "muhamad" | "mohamad" | "mohamed" | "muhamed" | "mohammad" | "mohamud" | "mehmed" => "muhamad".to_string(),
            "ahmed" => "ahmad".to_string(),
            "abdel" | "abdul" | "abdal" | "abdu" => "abd".to_string(),
            "hosein" | "husein" | "husain" | "husayn" => "husain".to_string(),
            "mahmud" | "mahmod" => "mahmud".to_string(),
            "yusef" | "yosef" | "yusuf" => "yusuf".to_string(),
            "ben" | "ibn" => "bin".to_string(),
            _ => {
                // Slavic endings: Zelenskyy / Zelenskiy / Zelensky, Sergey / Sergei, Syrskyi.
                let mut t = t;
                for (from, to) in [("iy", "i"), ("yi", "i"), ("y", "i"), ("eh", "a"), ("ah", "a")] {
                    if t.len() > from.len() + 2 && t.ends_with(from) {
                        t.truncate(t.len() - from.len());
                        t.push_str(to);
                        break;
                    }
                }
                t
            }
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}

pub struct AliasIndex {
    pub ac: AhoCorasick,
    /// automaton pattern → hit list
    ac_to_list: Vec<u32>,
    lists: Vec<Vec<Hit>>,
    by_key: HashMap<String, u32>,
    /// loose_key → hit lists; built on the first fallback lookup, not at load.
    loose: std::sync::OnceLock<HashMap<String, Vec<u32>>>,
}

impl AliasIndex {
    pub fn build(entries: &[Entry]) -> AliasIndex {
        let mut lists: Vec<Vec<Hit>> = Vec::new();
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut forms: HashMap<String, u32> = HashMap::new(); // ASCII-lowercased form → list
        let mut add = |form: &str, entry: usize, kind: AliasKind| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            let key = norm_key(form);
            let li = *by_key.entry(key).or_insert_with(|| {
                lists.push(Vec::new());
                (lists.len() - 1) as u32
            });
            let list = &mut lists[li as usize];
            if !list.iter().any(|h| h.entry == entry as u32 && h.kind == kind && &*h.form == form) {
                list.push(Hit { entry: entry as u32, kind, form: form.into() });
            }
            forms.entry(form.to_ascii_lowercase()).or_insert(li);
            if form.contains('\'') {
                forms.entry(form.replace('\'', "\u{2019}").to_ascii_lowercase()).or_insert(li);
            }
        };
        for (i, e) in entries.iter().enumerate() {
            add(&e.name, i, AliasKind::Name);
            for a in &e.aliases {
                add(a, i, AliasKind::Alias);
            }
            if e.kind == EntryKind::State {
                add(&e.official, i, AliasKind::Alias);
            }
            for a in &e.adjectives {
                add(a, i, AliasKind::Adjective);
            }
            for a in &e.demonyms {
                add(a, i, AliasKind::Demonym);
            }
            for a in &e.capitals {
                add(a, i, AliasKind::Capital);
            }
            for a in &e.epithets {
                add(a, i, AliasKind::Epithet);
            }
            if e.kind == EntryKind::Person {
                let mut names = vec![e.name.as_str()];
                names.extend(e.aliases.iter().map(String::as_str));
                for n in names {
                    for s in surnames(n) {
                        add(&s, i, AliasKind::Surname);
                    }
                }
            }
        }
        let t_ac = std::time::Instant::now();
        let mut pats: Vec<(String, u32)> = forms.into_iter().collect();
        pats.sort();
        let ac_to_list = pats.iter().map(|p| p.1).collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A contiguous NFA builds in a few ms; a full DFA over ~10k patterns costs tens of ms
            // at load for little gain on short news sentences.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(pats.iter().map(|p| p.0.as_str()))
            .expect("alias automaton builds");
        if std::env::var_os("BRINK_KB_TIMING").is_some() {
            eprintln!("automaton: {} patterns in {:?}", pats.len(), t_ac.elapsed());
        }
        AliasIndex { ac, ac_to_list, lists, by_key, loose: std::sync::OnceLock::new() }
    }

    pub fn hits_of(&self, p: PatternID) -> &[Hit] {
        self.ac_to_list.get(p.as_usize()).map(|&l| self.lists[l as usize].as_slice()).unwrap_or(&[])
    }

    pub fn lookup(&self, key: &str) -> &[Hit] {
        self.by_key.get(key).map(|&l| self.lists[l as usize].as_slice()).unwrap_or(&[])
    }

    /// Hits whose form has the same [`loose_key`] as `name` (fallback for `Kb::resolve`).
    pub fn lookup_loose(&self, name: &str) -> Vec<&Hit> {
        let loose = self.loose.get_or_init(|| {
            let mut m: HashMap<String, Vec<u32>> = HashMap::with_capacity(self.by_key.len());
            for (k, &l) in &self.by_key {
                let v = m.entry(loose_key(k)).or_default();
                if !v.contains(&l) {
                    v.push(l);
                }
            }
            m
        });
        let key = loose_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        loose.get(&key).into_iter().flatten().flat_map(|&l| self.lists[l as usize].iter()).collect()
    }

    /// Every (lookup key, hits), for `kb check`.
    pub fn all(&self) -> impl Iterator<Item = (&str, &[Hit])> {
        self.by_key.iter().map(|(k, &l)| (k.as_str(), self.lists[l as usize].as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn case_rules() {
        assert!(case_ok("US", "US"));
        assert!(!case_ok("US", "us"));
        assert!(!case_ok("US", "Us"));
        assert!(case_ok("Jordan", "JORDAN"));
        assert!(!case_ok("Jordan", "jordan"));
        assert!(case_ok("the Jewish state", "The Jewish state"));
    }
    #[test]
    fn loose_spellings_meet() {
        assert_eq!(loose_key("Mohammed Deif"), loose_key("Mohamed Deif"));
        assert_eq!(loose_key("Abdul Malik al-Houthi"), loose_key("Abdul-Malik al-Houthi"));
        assert_eq!(loose_key("Volodymyr Zelenskiy"), loose_key("Volodymyr Zelensky"));
        assert_eq!(loose_key("Volodymyr Zelenskyy"), loose_key("Volodymyr Zelensky"));
        assert_eq!(loose_key("Gideon Saar"), loose_key("Gideon Sa\u{2019}ar"));
        assert_eq!(loose_key("Recep Tayyip Erdoğan"), loose_key("Recep Tayyip Erdogan"));
        assert_eq!(loose_key("Abu Mohammed al-Jolani"), loose_key("Abu Mohammad al-Jolani"));
        assert_eq!(loose_key("Naim Kassem"), loose_key("Naim Qassem"));
        assert_eq!(loose_key("Ismail Haniyah"), loose_key("Ismail Haniyeh"));
        assert_ne!(loose_key("Joseph Aoun"), loose_key("Michel Aoun"));
        assert_ne!(loose_key("Mohammed bin Salman"), loose_key("Mohammed bin Zayed"));
    }
    #[test]
    fn surname_forms() {
        assert_eq!(surnames("Abdel Fattah al-Burhan"), vec!["al-Burhan", "Burhan"]);
        assert_eq!(surnames("Martin Luther King Jr."), vec!["King"]);
        assert!(surnames("Lula").is_empty());
    }
}
