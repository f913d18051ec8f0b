//! The actor knowledge base: data files, time-aware resolution, alias matching, validation.
//!
//! The KB is the `kb/**/*.toml` files of the repository, compiled into the binary by
//! `build.rs`, plus user overlay files (`--kb FILE`, later files win by id). Loading
//! parses them into [`Entry`] values and builds, once, one Aho-Corasick automaton over every
//! alias; the actors stage (brink-actors) matches with it. [`Kb::resolve`] answers "who is
//! this name on this date" for the CLI and for tests. The file format is in docs/KB.md.

pub mod check;
pub mod date;
mod index;
pub mod model;
pub mod places;
mod raw;
pub mod words;

use std::collections::HashMap;
use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use brink_core::{ActorKind, ActorRef};
use chrono::NaiveDate;

pub use index::{case_ok, norm_key, surnames, Hit};
pub use model::{AliasKind, Dated, Entry, EntryKind, Role};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/kb_files.rs"));
}

/// The built-in agent-noun and title tables (merged under `kb/agents.toml`).
const DEFAULT_AGENTS: &str = include_str!("../data/agents_default.toml");

/// The compiled-in KB files: (repository path, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

#[derive(Debug)]
pub struct KbError(pub String);

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for KbError {}

/// The outcome of resolving a name on a date.
#[derive(Debug, Clone)]
pub enum Resolution {
    Known(ActorRef),
    Ambiguous(Vec<ActorRef>),
    Unknown,
}

/// A load-time observation that `kb check` reports (duplicates, overrides).
#[derive(Debug, Clone)]
pub struct LoadNote {
    pub id: String,
    /// true: two built-in files (or two entries of one overlay) define the id: an error.
    /// false: an overlay replaced an earlier entry: intended.
    pub duplicate: bool,
    pub first: String,
    pub second: String,
}

/// The role a person holds on a date, and whether it is a former one.
#[derive(Debug, Clone, Copy)]
pub struct RoleOnDate<'a> {
    pub role: &'a Role,
    /// The date falls after the role ended (or between roles): PLOVER sector ELI.
    pub former: bool,
    /// The date is before every known role.
    pub before_first: bool,
}

pub struct Kb {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    index: index::AliasIndex,
    agents: HashMap<String, String>,
    /// First word of an agent phrase → the most words a phrase starting with it has.
    agent_firsts: brink_core::fasthash::FastMap<String, usize>,
    titles: HashMap<String, String>,
    title_firsts: brink_core::fasthash::FastMap<String, usize>,
    notes: Vec<LoadNote>,
    overlays: Vec<PathBuf>,
}

impl Kb {
    /// The compiled-in KB plus overlay files (`--kb FILE`, later files win).
    pub fn load(overlays: &[PathBuf]) -> Result<Kb, KbError> {
        let mut sources: Vec<(String, String, bool)> = Vec::new();
        sources.push(("brink-kb/data/agents_default.toml".into(), DEFAULT_AGENTS.into(), false));
        for (path, text) in builtin_files() {
            sources.push((path.to_string(), text.to_string(), false));
        }
        for p in overlays {
            let text = std::fs::read_to_string(p).map_err(|e| KbError(format!("{}: {e}", p.display())))?;
            sources.push((p.display().to_string(), text, true));
        }
        let mut kb = Kb::from_sources(sources.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), *c)))?;
        kb.overlays = overlays.to_vec();
        Ok(kb)
    }

    /// Builds a KB from (name, TOML text, is_overlay) in order; later overlays win by id.
    pub fn from_sources<'a>(sources: impl Iterator<Item = (&'a str, &'a str, bool)>) -> Result<Kb, KbError> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut notes = Vec::new();
        let mut agents = HashMap::new();
        let mut titles = HashMap::new();
        // Parsing TOML is most of the load time: parse files on all cores, merge in order.
        let sources: Vec<(&str, &str, bool)> = sources.collect();
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
        let chunk = sources.len().div_ceil(threads).max(1);
        let parsed: Vec<Result<raw::RawFile, KbError>> = std::thread::scope(|sc| {
            let handles: Vec<_> = sources
                .chunks(chunk)
                .map(|part| {
                    sc.spawn(move || {
                        part.iter().map(|(name, text, _)| toml::from_str::<raw::RawFile>(text).map_err(|e| KbError(format!("{name}: {e}")))).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|_| vec![Err(KbError("KB parser thread panicked".into()))])).collect()
        });
        for ((name, _, overlay), file) in sources.iter().copied().zip(parsed) {
            let file = file?;
            for a in &file.agent {
                for n in &a.nouns {
                    agents.insert(norm_key(n), a.sector.clone());
                }
            }
            for t in &file.title {
                for n in &t.titles {
                    titles.insert(norm_key(n), t.sector.clone());
                }
            }
            let mut seen_here: HashMap<String, ()> = HashMap::new();
            for e in index::entries_of(file, name) {
                let dup_in_file = seen_here.insert(e.id.clone(), ()).is_some();
                match by_id.get(&e.id) {
                    Some(&i) => {
                        let duplicate = !overlay || dup_in_file;
                        notes.push(LoadNote { id: e.id.clone(), duplicate, first: entries[i].source.clone(), second: name.to_string() });
                        entries[i] = e;
                    }
                    None => {
                        by_id.insert(e.id.clone(), entries.len());
                        entries.push(e);
                    }
                }
            }
        }
        let t_idx = std::time::Instant::now();
        let index = index::AliasIndex::build(&entries);
        if std::env::var_os("BRINK_KB_TIMING").is_some() { eprintln!("index build {:?}", t_idx.elapsed()); }
        let (agent_firsts, title_firsts) = (first_words(&agents), first_words(&titles));
        Ok(Kb { entries, by_id, index, agents, agent_firsts, titles, title_firsts, notes, overlays: Vec::new() })
    }

    /// The city gazetteer (kb/places.tsv), parsed on first use; see [`places`].
    pub fn places(&self) -> &'static places::Places<'static> {
        places::Places::builtin()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }
    pub fn entry_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entry_index(id).map(|i| &self.entries[i])
    }
    pub fn load_notes(&self) -> &[LoadNote] {
        &self.notes
    }
    pub fn overlays(&self) -> &[PathBuf] {
        &self.overlays
    }

    /// The automaton over every alias, leftmost-longest; patterns are ASCII-lowercased, so
    /// search an ASCII-lowercased copy of the text (offsets are unchanged).
    pub fn automaton(&self) -> &AhoCorasick {
        &self.index.ac
    }
    /// The entries an automaton pattern stands for.
    pub fn hits(&self, pattern: aho_corasick::PatternID) -> &[Hit] {
        self.index.hits_of(pattern)
    }
    /// Hits for an exact name (any case), as `resolve` sees them.
    pub fn lookup(&self, name: &str) -> &[Hit] {
        self.index.lookup(&norm_key(name))
    }

    /// The sector of an agent noun phrase given as lowercase words; returns (words used, sector).
    pub fn agent_noun(&self, words: &[&str]) -> Option<(usize, &str)> {
        longest(&self.agents, &self.agent_firsts, words)
    }
    /// The sector of a title phrase given as lowercase words; returns (words used, sector).
    pub fn title_word(&self, words: &[&str]) -> Option<(usize, &str)> {
        longest(&self.titles, &self.title_firsts, words)
    }
    pub fn agent_nouns(&self) -> &HashMap<String, String> {
        &self.agents
    }
    pub fn titles(&self) -> &HashMap<String, String> {
        &self.titles
    }

    /// A surname (lowercase) that is also a common word, a place or another entry's name:
    /// on its own it needs the full name earlier in the document.
    pub fn surname_needs_full_name(&self, lower: &str) -> bool {
        words::is_common_word(lower) || self.index.lookup(lower).iter().any(|h| h.kind != AliasKind::Surname)
    }

    /// The role a person holds on `date` (see docs/KB.md "Time"): the active role that started
    /// last; else the latest role that ended before the date, marked former (unless the person
    /// died in it); no date: the open (or latest) role.
    pub fn role_on<'e>(&self, e: &'e Entry, date: Option<NaiveDate>) -> Option<RoleOnDate<'e>> {
        let _ = self;
        role_on(e, date)
    }

    /// Key and country of an org id (igo or group) on a date: (key, country, governs).
    pub fn org_key(&self, org: &str, date: Option<NaiveDate>) -> (String, Option<String>, bool) {
        match self.get(org) {
            Some(o) => match o.kind {
                EntryKind::Group => {
                    if let Some(g) = o.governs.iter().find(|g| g.holds_on(date)) {
                        (g.country.clone(), Some(g.country.clone()), true)
                    } else {
                        (o.key.clone(), o.country.clone(), false)
                    }
                }
                _ => (o.key.clone(), o.country.clone(), false),
            },
            None => (org.to_string(), None, false),
        }
    }

    /// The actor an entry is on a date; `text` is the mention as written.
    pub fn actor_ref(&self, i: usize, date: Option<NaiveDate>, text: &str) -> ActorRef {
        let e = &self.entries[i];
        let mut a = ActorRef {
            text: text.to_string(),
            key: e.key.clone(),
            id: e.id.clone(),
            name: e.name.clone(),
            kind: ActorKind::Unknown,
            country: e.country.clone(),
            sector: e.sector.clone(),
            role: None,
            role_from: None,
            role_to: None,
        };
        match e.kind {
            EntryKind::State => {
                a.kind = ActorKind::State;
                a.sector = Some("GOV".into());
            }
            EntryKind::Institution => {
                a.kind = ActorKind::Institution;
                if let Some(org) = &e.org {
                    let (k, c, _) = self.org_key(org, date);
                    a.key = k;
                    a.country = c;
                }
            }
            EntryKind::Igo => a.kind = ActorKind::Igo,
            EntryKind::Group => {
                a.kind = ActorKind::Group;
                let (k, _, governs) = self.org_key(&e.id, date);
                if governs {
                    a.key = k;
                    a.sector = Some("GOV".into());
                }
            }
            EntryKind::Person => {
                a.kind = ActorKind::Person;
                if let Some(r) = role_on(e, date) {
                    let (key, country) = match (&r.role.country, &r.role.org) {
                        (Some(c), _) => (c.clone(), Some(c.clone())),
                        (None, Some(o)) => {
                            let (k, c, _) = self.org_key(o, date);
                            (k, c)
                        }
                        _ => (String::new(), None),
                    };
                    a.key = key;
                    a.country = country;
                    if r.before_first {
                        a.sector = None;
                    } else if r.former {
                        a.sector = Some("ELI".into());
                        a.role = Some(format!("former {}", r.role.title));
                    } else {
                        a.sector = Some(r.role.sector.clone());
                        a.role = Some(r.role.title.clone());
                    }
                    if !r.before_first {
                        a.role_from = Some(r.role.from.clone()).filter(|s| !s.is_empty());
                        a.role_to = Some(r.role.to.clone()).filter(|s| !s.is_empty());
                    }
                }
            }
        }
        a
    }

    /// Resolves a name (any alias) as of a date.
    ///
    /// Full names and aliases win; a bare surname resolves only when exactly one KB person
    /// with that surname holds a role on the date and the surname is not a common word or
    /// place; otherwise the surname's people are returned as `Ambiguous`. A state name that is
    /// also the surname of a current role-holder ("Jordan") is `Ambiguous` out of context.
    ///
    /// A name the KB does not hold as written gets two fallbacks: a looser spelling
    /// ([`index::loose_key`]: "Mohamed"/"Mohammed", "Zelenskiy"/"Zelensky", accents, "al-"),
    /// then, for people only, the name without leading titles and honorifics ("President Joe
    /// Biden", "Chinese President Xi Jinping", "Sheikh Naim Qassem", "Israel's Prime Minister
    /// Benjamin Netanyahu").
    pub fn resolve(&self, name: &str, date: Option<NaiveDate>) -> Resolution {
        for loose in [false, true] {
            let r = self.resolve_form(name, name, date, loose);
            if !matches!(r, Resolution::Unknown) {
                return r;
            }
        }
        if let Some(rest) = self.strip_titles(name) {
            for loose in [false, true] {
                match self.resolve_form(&rest, name, date, loose) {
                    Resolution::Known(a) if a.kind == ActorKind::Person => return Resolution::Known(a),
                    Resolution::Ambiguous(c) if c.iter().any(|a| a.kind == ActorKind::Person) => {
                        return Resolution::Ambiguous(c.into_iter().filter(|a| a.kind == ActorKind::Person).collect());
                    }
                    _ => {}
                }
            }
        }
        Resolution::Unknown
    }

    /// The name after leading state adjectives, honorifics and titles, if any were there and
    /// something is left: "Chinese President Xi Jinping" → "Xi Jinping".
    fn strip_titles(&self, name: &str) -> Option<String> {
        const HONORIFICS: &[&str] = &[
            "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh", "sheik", "shaikh", "ayatollah", "grand",
            "sayyed", "sayyid", "sayed", "hojatoleslam", "prince", "princess", "crown", "his", "her", "excellency",
            "majesty", "highness", "former", "then", "acting", "interim", "caretaker", "late", "outgoing", "incoming",
            "deputy", "new", "top",
        ];
        let words: Vec<&str> = name.split_whitespace().collect();
        let lower: Vec<String> = words.iter().map(|w| norm_key(w.trim_end_matches(','))).collect();
        let n = words.len();
        let mut i = 0;
        loop {
            let start = i;
            if i < n {
                let w = lower[i].trim_end_matches("'s");
                let is_state = self.index.lookup(w).iter().any(|h| {
                    self.entries[h.entry as usize].kind == EntryKind::State && matches!(h.kind, AliasKind::Name | AliasKind::Alias | AliasKind::Adjective) && index::short_caps_ok(&h.form, words[i].trim_end_matches("'s"))
                });
                if is_state {
                    i += 1;
                }
            }
            while i < n && HONORIFICS.contains(&lower[i].as_str()) {
                i += 1;
            }
            if i < n {
                let rest: Vec<&str> = lower[i..].iter().map(String::as_str).collect();
                if let Some((k, _)) = self.title_word(&rest) {
                    i += k;
                }
            }
            if i == start || i >= n {
                break;
            }
        }
        (i > 0 && i < n).then(|| words[i..].join(" "))
    }

    /// `resolve` for one form of the name; `text` is the mention as written; `loose` looks the
    /// form up by its loose spelling key instead of the exact one.
    fn resolve_form(&self, form: &str, text: &str, date: Option<NaiveDate>, loose: bool) -> Resolution {
        let name = text;
        let look = |q: &str| -> Vec<&Hit> {
            let hits: Vec<&Hit> = if loose { self.index.lookup_loose(q) } else { self.index.lookup(&norm_key(q)).iter().collect() };
            hits.into_iter().filter(|h| index::short_caps_ok(&h.form, q)).collect()
        };
        let mut q = form.trim().to_string();
        let mut hits: Vec<&Hit> = look(&q);
        if hits.is_empty() {
            for prefix in ["the ", "The "] {
                if let Some(rest) = q.strip_prefix(prefix) {
                    q = rest.to_string();
                    hits = look(&q);
                    break;
                }
            }
        }
        if hits.is_empty() {
            return Resolution::Unknown;
        }
        let mut strong: Vec<usize> = Vec::new();
        let mut surname: Vec<usize> = Vec::new();
        for h in &hits {
            let v = if h.kind == AliasKind::Surname { &mut surname } else { &mut strong };
            if !v.contains(&(h.entry as usize)) {
                v.push(h.entry as usize);
            }
        }
        let current: Vec<usize> = surname.iter().copied().filter(|&i| self.holds_role(i, date)).collect();
        if !strong.is_empty() {
            let strong = self.prefer_parents(strong);
            if strong.len() == 1 {
                if current.is_empty() || self.entries[strong[0]].kind == EntryKind::Person {
                    return Resolution::Known(self.actor_ref(strong[0], date, name));
                }
                let mut all = strong;
                all.extend(current);
                return Resolution::Ambiguous(all.into_iter().map(|i| self.actor_ref(i, date, name)).collect());
            }
            return Resolution::Ambiguous(strong.into_iter().map(|i| self.actor_ref(i, date, name)).collect());
        }
        let lower = norm_key(&q);
        if current.len() == 1 && !self.surname_needs_full_name(&lower) {
            return Resolution::Known(self.actor_ref(current[0], date, name));
        }
        let cands = if current.is_empty() { surname } else { current };
        Resolution::Ambiguous(cands.into_iter().map(|i| self.actor_ref(i, date, name)).collect())
    }

    /// Does entry `i` (a person) hold a role (not former) on the date?
    pub fn holds_role(&self, i: usize, date: Option<NaiveDate>) -> bool {
        role_on(&self.entries[i], date).is_some_and(|r| !r.former && !r.before_first)
    }

    /// When several entries share an alias and all but one are children of that one
    /// (UNSC under UN), the parent is meant; same key and kind also collapse to the first.
    fn prefer_parents(&self, v: Vec<usize>) -> Vec<usize> {
        if v.len() < 2 {
            return v;
        }
        let first = &self.entries[v[0]];
        if v.iter().all(|&i| self.entries[i].key == first.key && self.entries[i].kind == first.kind && first.kind != EntryKind::Person) {
            if let Some(&p) = v.iter().find(|&&i| self.entries[i].parent.is_none()) {
                return vec![p];
            }
            return vec![v[0]];
        }
        v
    }
}

/// For a phrase table: each phrase's first word → the most words of a phrase starting with it.
fn first_words(map: &HashMap<String, String>) -> brink_core::fasthash::FastMap<String, usize> {
    let mut out: brink_core::fasthash::FastMap<String, usize> = Default::default();
    for k in map.keys() {
        let n = k.split(' ').count();
        let first = k.split(' ').next().unwrap_or("");
        let m = out.entry(first.to_string()).or_insert(0);
        *m = (*m).max(n);
    }
    out
}

/// The longest phrase of `map` at the start of `words`. Most words start no phrase: one
/// lookup of the first word answers them, without building any key.
fn longest<'a>(map: &'a HashMap<String, String>, firsts: &brink_core::fasthash::FastMap<String, usize>, words: &[&str]) -> Option<(usize, &'a str)> {
    let max = *firsts.get(*words.first()?)?;
    let mut key = String::new();
    let mut best = None;
    for (n, w) in words.iter().take(max).enumerate() {
        if n > 0 {
            key.push(' ');
        }
        key.push_str(w);
        if let Some(s) = map.get(&key) {
            best = Some((n + 1, s.as_str()));
        }
    }
    best
}

fn role_on(e: &Entry, date: Option<NaiveDate>) -> Option<RoleOnDate<'_>> {
    if e.roles.is_empty() {
        return None;
    }
    let Some(d) = date else {
        let r = e
            .roles
            .iter()
            .filter(|r| r.is_open())
            .max_by_key(|r| r.from_date())
            .or_else(|| e.roles.iter().max_by_key(|r| (r.to_date(), r.from_date())))?;
        let died = e.death_date().is_some();
        return Some(RoleOnDate { role: r, former: !r.is_open() && !died, before_first: false });
    };
    // Active roles: the one that started last wins (ties: first listed).
    let mut best: Option<&Role> = None;
    for r in &e.roles {
        if model::holds(&r.from, &r.to, Some(d)) && best.is_none_or(|b| r.from_date() > b.from_date()) {
            best = Some(r);
        }
    }
    if let Some(r) = best {
        return Some(RoleOnDate { role: r, former: false, before_first: false });
    }
    // Between roles or after the last: the latest role that ended before the date.
    let past = e.roles.iter().filter(|r| r.to_date().is_some_and(|t| t < d)).max_by_key(|r| r.to_date());
    if let Some(r) = past {
        let died_in_it = e.death_date().is_some_and(|dd| Some(dd) == r.to_date() || dd <= d);
        return Some(RoleOnDate { role: r, former: !died_in_it, before_first: false });
    }
    let first = e.roles.iter().min_by_key(|r| r.from_date())?;
    Some(RoleOnDate { role: first, former: false, before_first: true })
}
