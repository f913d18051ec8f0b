//! Cities as places, from the gazetteer (kb/places.tsv, [`brink_kb::places`]).
//!
//! After the KB mentions of a sentence are made, capitalised word n-grams that no KB alias
//! covers are looked up in the gazetteer. A city becomes a mention only in a place context, and
//! then always as a place of its state, never as an actor:
//! `Mention { is_place: true, actor: Some(state: key ISO3, kind State, sector None, name = the
//! state's name, text = the city as written) }`, rule `Other("gazetteer: Goma (Nord Kivu, COD); …")`.
//!
//! Place contexts: a locative preposition before ("in/at/near/on/into/from/to/outside/around/
//! across/toward/between …", over determiners and adjectives: "in the besieged city of El
//! Fasher", "in rebel-held Goma"); the object of an attack/seizure/movement verb ("M23 seized
//! Goma", "drones struck Odesa", "visited Kyiv"); "the city/siege/outskirts/north of X",
//! "the battle for X"; a geographic noun after ("the Kharkiv region", "Gaza Strip"); a possessive
//! with a place noun ("Goma's airport"); "X, <country or admin1>"; a dateline ("GOMA, Congo
//! (Reuters) -"); and coordination with a place just before ("in Kharkiv, Odesa and Dnipro").
//!
//! Ambiguous names (one name, cities in several countries: "Tripoli" LBY/LBN) take the country
//! named right after ("Tripoli, Lebanon"), else the country the document mentions most (KB state
//! names, adjectives, demonyms, capitals, institutions and groups of a country, other gazetteer
//! places), else the most populous city's; the rule says which. A KB capital that also names a
//! city elsewhere ("Tripoli" is Libya's capital in the KB) is re-read the same way when the
//! document points at the other country.
//!
//! A gazetteer name that contains a KB state name or capital ("Port Sudan", "Benin City", "East
//! Jerusalem") replaces the state mention: the name is the city, not the state.

use std::collections::HashMap;

use brink_core::{ActorKind, ActorRef, MentionRule, Span, TokenKind};
use brink_kb::places::{place_key, FormHasher, PlaceHit, Places};
use brink_kb::{AliasKind, EntryKind};

use crate::lexicon::{has, LOCATIVE, PLACE_NOUNS};
use crate::DocState;

/// Prepositions after which a capitalised city name is a place.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "on", "into", "onto", "from", "to", "outside", "around", "across", "toward", "towards",
    "inside", "within", "through", "throughout", "via", "between", "beyond", "nearby", "upon", "against", "past",
];

/// Verbs whose object is a place ("seized Goma", "struck Odesa", "visited Kyiv").
const PLACE_VERBS: &[&str] = &[
    "seized", "seize", "seizes", "seizing", "captured", "capture", "captures", "capturing", "took", "take", "takes",
    "taking", "struck", "strike", "striking", "hit", "hits", "hitting", "shelled", "shell", "shells", "shelling",
    "bombed", "bomb", "bombs", "bombing", "attacked", "attack", "attacks", "attacking", "targeted", "target",
    "targets", "targeting", "targetted", "stormed", "storm", "storming", "overran", "overrun", "overruns",
    "overrunning", "entered", "enter", "enters", "entering", "besieged", "besiege", "besieges", "besieging",
    "surrounded", "surround", "surrounds", "surrounding", "encircled", "encircle", "encircling", "retook",
    "retake", "retakes", "retaking", "recaptured", "recapture", "recaptures", "recapturing", "liberated",
    "liberate", "liberating", "pounded", "pound", "pounds", "pounding", "raided", "raid", "raiding", "bombarded",
    "bombard", "bombarding", "hammered", "battered", "rocked", "rocking", "visited", "visit", "visits",
    "visiting", "toured", "reached", "reach", "reaches", "reaching", "fled", "flee", "flees", "fleeing",
    "evacuated", "evacuate", "evacuating", "left", "leave", "leaves", "leaving", "occupied", "occupy",
    "occupies", "occupying", "controls", "controlled", "controlling", "held", "holds", "holding", "defended",
    "defend", "defends", "defending", "secured", "secure", "securing", "abandoned", "abandon", "blockaded",
    "blockade", "threatened", "threatens", "threatening", "approached", "approaching", "advanced", "shook",
    "rattled", "pummelled", "pummeled", "ravaged", "devastated",
];

/// Nouns before "of" that make what follows a place ("the city of", "the siege of", "north of").
const OF_NOUNS: &[&str] = &[
    "city", "town", "towns", "village", "villages", "port", "capital", "outskirts", "suburbs", "suburb",
    "streets", "centre", "center", "heart", "siege", "fall", "capture", "battle", "bombing", "bombardment",
    "shelling", "residents", "people", "mayor", "governor", "region", "province", "district", "control",
    "liberation", "occupation", "recapture", "north", "south", "east", "west", "northeast", "northwest",
    "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "edge", "gates",
    "hub", "stronghold", "environs", "vicinity", "area", "parts", "seat", "municipality", "inhabitants",
];

/// Nouns before "for" that make what follows a place ("the battle for Bakhmut", "left for Kyiv").
const FOR_NOUNS: &[&str] = &["battle", "fight", "fighting", "push", "race", "struggle", "bound", "headed", "heading", "left", "departed", "leaves", "leaving", "flights"];

/// Words right after a city that keep it a place and are not part of another name.
const GEO_AFTER: &[&str] = &[
    "region", "province", "oblast", "governorate", "district", "city", "airport", "port", "area", "countryside",
    "outskirts", "suburbs", "strip", "municipality", "prefecture", "metropolitan", "metro", "front", "axis",
    "sector", "direction",
];

/// Words that may stand between a place preposition/verb and the city.
const SKIPPABLE: &[&str] = &[
    "the", "a", "an", "nearby", "neighbouring", "neighboring", "northern", "southern", "eastern", "western",
    "central", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western", "strategic", "key", "frontline", "front-line", "coastal", "port", "city",
    "town", "of", "historic", "ancient", "industrial", "capital", "provincial", "regional", "embattled",
    "besieged", "beleaguered", "occupied", "contested", "devastated", "disputed", "divided", "largest",
    "second-largest", "biggest", "main", "major", "itself", "downtown", "greater", "nearby", "neighbouring",
];

/// Lowercase words inside a city name ("Port-au-Prince", "Dar es Salaam", "Deir ez-Zor").
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "ul", "bin", "ibn", "bou", "ben", "de",
    "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "los", "las", "en", "au", "aux",
    "sur", "am", "im", "der", "den", "van", "von", "y", "i", "e", "of", "upon", "on",
];

/// Capitalised words after a city that do not make it part of a longer name.
const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

fn upper_first(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Every word of the form is capitalised, particles aside, and one word at least is.
fn case_ok(form: &str) -> bool {
    let mut any = false;
    for w in form.split([' ', '-']).filter(|w| !w.is_empty()) {
        if upper_first(w) {
            any = true;
        } else if !has(PARTICLES, &w.to_lowercase()) {
            return false;
        }
    }
    any
}

/// Countries the document points at: KB states (names, aliases, adjectives, demonyms,
/// capitals), institutions and groups of a country, and gazetteer places already found.
/// Matches whose text has the key `skip` (the name being resolved) do not count.
fn doc_votes(st: &DocState, skip: &str) -> HashMap<String, u32> {
    let kb = st.kb;
    let mut votes: HashMap<String, u32> = HashMap::new();
    for c in &st.cands {
        if place_key(st.doc.slice(c.span)) == skip {
            continue;
        }
        let mut keys: Vec<&str> = Vec::new();
        for &(e, kind) in &c.hits {
            let entry = kb.entry(e);
            let k = match entry.kind {
                EntryKind::State if kind != AliasKind::Surname => Some(entry.key.as_str()),
                EntryKind::Institution | EntryKind::Group => entry.country.as_deref(),
                _ => None,
            };
            if let Some(k) = k {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        for k in keys {
            *votes.entry(k.to_string()).or_default() += 1;
        }
    }
    for m in &st.mentions {
        if let (true, MentionRule::Other(r), Some(a)) = (m.is_place, &m.rule, &m.actor) {
            if r.starts_with("gazetteer") && place_key(st.doc.slice(m.span)) != skip {
                *votes.entry(a.key.clone()).or_default() += 1;
            }
        }
    }
    votes
}

/// Picks the city among hits (most populous first): the country named right after
/// (`explicit`), else the one the document points at most, else the most populous.
fn choose(st: &DocState, places: &'static Places<'static>, hits: &[PlaceHit], key: &str, explicit: Option<&str>) -> (PlaceHit, &'static str) {
    let mut countries: Vec<&str> = Vec::new();
    for h in hits {
        let c = places.place(h.place).country;
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    if countries.len() == 1 {
        return (hits[0], "");
    }
    if let Some(x) = explicit {
        if let Some(h) = hits.iter().find(|h| places.place(h.place).country == x) {
            return (*h, "the country named after it");
        }
    }
    let votes = doc_votes(st, key);
    let best = hits.iter().copied().enumerate().max_by_key(|(i, h)| (votes.get(places.place(h.place).country).copied().unwrap_or(0), std::cmp::Reverse(*i)));
    match best {
        Some((_, h)) if votes.get(places.place(h.place).country).copied().unwrap_or(0) > 0 => (h, "document context"),
        _ => (hits[0], "most populous"),
    }
}

/// The state actor for a city.
fn state_actor(st: &DocState, iso3: &str, text: &str) -> ActorRef {
    let kb = st.kb;
    match kb.entry_index(iso3).filter(|&i| kb.entry(i).kind == EntryKind::State) {
        Some(i) => {
            let mut a = kb.actor_ref(i, st.date(), text);
            a.sector = None;
            a
        }
        None => ActorRef {
            text: text.to_string(),
            key: iso3.to_string(),
            id: iso3.to_string(),
            name: iso3.to_string(),
            kind: ActorKind::State,
            country: Some(iso3.to_string()),
            sector: None,
            role: None,
            role_from: None,
            role_to: None,
        },
    }
}

/// The KB state that the tokens from `t` name (", Lebanon"), if any.
fn state_at(st: &DocState, s: usize, t: usize) -> Option<String> {
    let ci = st.by_sentence.get(s)?.iter().copied().find(|&i| st.cands[i].t0 == t)?;
    st.cands[ci].hits.iter().map(|h| st.kb.entry(h.0)).find(|e| e.kind == EntryKind::State).map(|e| e.key.clone())
}

/// Why tokens t0..t1 (a city name) are a place here, if they are.
fn place_context(st: &DocState, s: usize, t0: usize, t1: usize, form: &str) -> Option<&'static str> {
    let sent = &st.doc.sentences[s];
    let (ss, se) = (sent.token_start, sent.token_end.min(st.doc.tokens.len()));
    // Dateline: an all-caps city opening the sentence, then a comma, bracket or dash.
    if t0 == ss && form.chars().filter(|c| c.is_alphabetic()).count() > 3 && !form.chars().any(|c| c.is_lowercase()) {
        return matches!(st.norm(t1), "," | "(" | "-" | "—" | "–").then_some("dateline");
    }
    if form.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) {
        return None; // all-caps elsewhere is an acronym
    }
    // Before: a preposition or verb, over determiners and adjectives.
    let mut p = t0;
    let mut steps = 0;
    while p > ss && steps < 5 {
        let w = st.norm(p - 1);
        if has(PLACE_PREPS, w) || has(LOCATIVE, w) {
            return Some("after a preposition");
        }
        if w == "of" && p - 1 > ss && has(OF_NOUNS, st.norm(p - 2)) {
            return Some("after 'of'");
        }
        if w == "for" && p - 1 > ss && has(FOR_NOUNS, st.norm(p - 2)) {
            return Some("after 'for'");
        }
        if has(PLACE_VERBS, w) && st.is_lower_word(p - 1) {
            return Some("object of a verb");
        }
        // "and"/"or"/"," after a place: "in Kharkiv, Odesa and Dnipro"; after another name,
        // the context of the list: "raided Jenin and Nablus".
        if matches!(w, "and" | "or" | ",") && steps == 0 && p - 1 > ss {
            let mut q = p - 1;
            if w == "," && q > ss && st.norm(q - 1) == "and" {
                q -= 1;
            }
            if q > ss {
                let end = st.doc.tokens[q - 1].span.end;
                if st.mentions.iter().rev().take_while(|m| m.sentence == s).any(|m| m.is_place && m.span.end == end) {
                    return Some("listed with a place");
                }
                // Up to three capitalised words not covered by a mention, then go on from there.
                let mut r = q;
                while r > ss && q - r < 3 && st.is_cap(r - 1) && !st.covered[r - 1] {
                    r -= 1;
                }
                if r < q && r > ss {
                    p = r;
                    continue; // steps stays 0: "in Kharkiv, Odesa and Dnipro" chains
                }
            }
            break;
        }
        let raw = st.raw(p - 1);
        let modifier = raw.contains('-') && raw.rsplit('-').next().is_some_and(|x| x.ends_with("ed") || matches!(x, "held" | "torn" | "run" | "hit"));
        if has(SKIPPABLE, w) || (st.is_lower_word(p - 1) && w.len() > 4 && w.ends_with("ed")) || modifier {
            p -= 1;
            steps += 1;
            continue;
        }
        break;
    }
    // After: a geographic noun, a possessive place noun, ", <state or admin1>".
    if t1 < se {
        let n = st.norm(t1);
        if has(GEO_AFTER, n) {
            return Some("before a geographic noun");
        }
        if (n == "'s" || n == "'") && has(PLACE_NOUNS, st.norm(t1 + 1)) {
            return Some("possessive place noun");
        }
        if n == "," && (state_at(st, s, t1 + 1).is_some()) {
            return Some("before ', <country>'");
        }
    }
    None
}

/// If the tokens after `t1` are ", <admin1 of one of the hits>", that hit's country.
fn admin1_after(st: &DocState, places: &'static Places<'static>, hits: &[PlaceHit], t1: usize, se: usize) -> Option<&'static str> {
    if st.norm(t1) != "," || t1 + 1 >= se {
        return None;
    }
    for k in 1..=3usize {
        if t1 + k >= se {
            break;
        }
        let span = Span::new(st.doc.tokens[t1 + 1].span.start, st.doc.tokens[t1 + k].span.end);
        let key = place_key(st.doc.slice(span));
        if let Some(h) = hits.iter().find(|h| !places.place(h.place).admin1.is_empty() && place_key(places.place(h.place).admin1) == key) {
            return Some(places.place(h.place).country);
        }
    }
    None
}

/// Cities of sentence `s` (tokens ts..te): runs after the KB mentions of the sentence.
pub(crate) fn places(st: &mut DocState, s: usize, ts: usize, te: usize) {
    reread_capitals(st, s);
    let places = st.kb.places();
    // Tokens inside KB matches, and whether a longer city name may contain that match: a state
    // ("Port Sudan") or a bare surname not used for a person here ("Khan Younis", "Santa Cruz").
    let mut kb_tok: Vec<Option<bool>> = vec![None; te - ts];
    for &ci in &st.by_sentence[s] {
        let c = &st.cands[ci];
        let surname_only = c.hits.iter().all(|h| h.1 == AliasKind::Surname);
        let state = surname_only || c.hits.iter().all(|h| st.kb.entry(h.0).kind == EntryKind::State && h.1 != AliasKind::Surname);
        for t in c.t0.max(ts)..c.t1.min(te) {
            kb_tok[t - ts] = Some(kb_tok[t - ts].unwrap_or(true) && state);
        }
    }
    let max_words = places.max_words().min(6);
    let mut ends: Vec<(usize, u64)> = Vec::with_capacity(8);
    let mut t = ts;
    while t < te {
        // A city starts with a capital, or with a particle glued to one ("el-Fasher").
        let raw = st.raw(t);
        let starts = st.is_word(t)
            && (upper_first(raw) || (raw.len() <= 4 || raw.contains('-')) && has(PARTICLES, &st.norm(t).split('-').next().unwrap_or("")))
            && st.norm(t) != "'s";
        if !starts {
            t += 1;
            continue;
        }
        // A capitalised word right before is part of a longer name ("Lake Kivu"), unless it
        // opens the sentence or is a place word itself.
        if t > ts && st.is_cap(t - 1) && !st.covered[t - 1] && kb_tok[t - 1 - ts].is_none() && t - 1 != ts {
            t += 1;
            continue;
        }
        // Candidate spans t..end, longest first, with the hash of each (one running hash).
        ends.clear();
        let mut words = 0;
        let mut e = t;
        let mut hasher = FormHasher::default();
        while e < te && words < max_words {
            let tok = &st.doc.tokens[e];
            let is_joiner = tok.kind == TokenKind::Punct && matches!(st.raw(e), "-" | "'" | "’");
            if !(tok.kind == TokenKind::Word && st.norm(e) != "'s") && !is_joiner {
                break;
            }
            if e > t {
                let gap = &st.doc.text[st.doc.tokens[e - 1].span.end..tok.span.start];
                if !(gap.is_empty() || gap == " ") {
                    break;
                }
                hasher.push_str(gap);
            }
            if st.covered[e] && kb_tok[e - ts].is_none() {
                break; // a person or other mention
            }
            hasher.push_str(st.raw(e));
            if !is_joiner {
                words += 1;
                ends.push((e + 1, hasher.finish()));
            }
            e += 1;
        }
        let mut matched = None;
        for &(end, h) in ends.iter().rev() {
            if !places.maybe_contains_hash(h) {
                continue;
            }
            // A KB match inside must be a state (or a free surname), and the city name must go beyond it.
            let kb_inside = (t..end).filter(|&k| kb_tok[k - ts].is_some()).count();
            if kb_inside > 0 && (kb_inside == end - t || (t..end).any(|k| kb_tok[k - ts] == Some(false))) {
                continue;
            }
            let span = Span::new(st.doc.tokens[t].span.start, st.doc.tokens[end - 1].span.end);
            let form = st.doc.slice(span);
            if !case_ok(form) {
                continue;
            }
            let hits = places.lookup(form);
            if !hits.is_empty() {
                matched = Some((end, span, hits));
                break;
            }
        }
        let Some((end, span, hits)) = matched.take() else {
            t += 1;
            continue;
        };
        let form = st.doc.slice(span).to_string();
        // Part of a longer name ("Goma Declaration"), unless a geographic or time word follows.
        if end < te && st.is_cap(end) && !has(GEO_AFTER, st.norm(end)) && !has(TIME_WORDS, st.norm(end)) {
            t = end;
            continue;
        }
        // A state mention inside the city's name is wrong: "Port Sudan", "Benin City".
        if (t..end).any(|k| kb_tok[k - ts].is_some()) {
            st.mentions.retain(|m| !(m.sentence == s && span.contains(m.span)));
        }
        let Some(why) = place_context(st, s, t, end, &form) else {
            t = end;
            continue;
        };
        let key = place_key(&form);
        let explicit = if st.norm(end) == "," { state_at(st, s, end + 1).or_else(|| admin1_after(st, places, &hits, end, te).map(str::to_string)) } else { None };
        let (hit, how) = choose(st, places, &hits, &key, explicit.as_deref());
        let city = places.place(hit.place);
        let mut actor = state_actor(st, city.country, &form);
        actor.text = form.clone();
        let n_countries = {
            let mut c: Vec<&str> = hits.iter().map(|h| places.place(h.place).country).collect();
            c.sort();
            c.dedup();
            c.len()
        };
        let mut rule = format!("gazetteer: {} ({}, {}); {why}", city.name, city.admin1, city.country);
        if !how.is_empty() {
            rule.push_str(&format!("; {n_countries} countries have a city of this name, chosen by {how}"));
        }
        let conf = if how == "most populous" { 0.7 } else { 0.85 };
        let m = st.push(span, s, Some(actor), vec![], MentionRule::Other(rule), conf);
        st.mentions[m].is_place = true;
        t = end;
    }
}

/// A KB capital used as a place that also names a city in another country ("Tripoli" LBY/LBN)
/// goes to the other country when the document points there more.
fn reread_capitals(st: &mut DocState, s: usize) {
    let places = st.kb.places();
    let idx: Vec<usize> = (0..st.mentions.len())
        .rev()
        .take_while(|&i| st.mentions[i].sentence == s)
        .filter(|&i| st.mentions[i].is_place && matches!(st.mentions[i].rule, MentionRule::KbAlias(_)))
        .collect();
    for i in idx {
        let m = &st.mentions[i];
        let Some(a) = &m.actor else { continue };
        let form = st.doc.slice(m.span).to_string();
        let hits = places.lookup(&form);
        if !hits.iter().any(|h| places.place(h.place).country != a.key) {
            continue;
        }
        let key = place_key(&form);
        let votes = doc_votes(st, &key);
        let own = votes.get(&a.key).copied().unwrap_or(0);
        let best = hits.iter().map(|h| places.place(h.place)).filter(|p| p.country != a.key).max_by_key(|p| (votes.get(p.country).copied().unwrap_or(0), p.population));
        let Some(city) = best else { continue };
        if votes.get(city.country).copied().unwrap_or(0) <= own {
            continue;
        }
        let mut actor = state_actor(st, city.country, &form);
        actor.text = form.clone();
        let rule = format!("gazetteer: {} ({}, {}); the KB capital of {} read by document context", city.name, city.admin1, city.country, a.key);
        let m = &mut st.mentions[i];
        m.actor = Some(actor);
        m.rule = MentionRule::Other(rule);
        m.confidence = 0.8;
    }
}
