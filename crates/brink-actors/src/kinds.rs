//! Mentions of states, institutions, IGOs and groups, with their context: country + agent noun
//! ("Israeli warplanes" → ISR MIL), bare adjectives as modifiers ("an Israeli strike"),
//! hyphenated compounds ("Iran-backed"), demonyms, epithets, and capitals as places or speakers.

use brink_core::{ActorKind, ActorRef, MentionRule, Span};
use brink_kb::{AliasKind, EntryKind};

use crate::lexicon::{has, ACT_VERBS, FUNCTION_WORDS, LOCATIVE, PLACE_NOUNS, STATE_LOCATIVE};
use crate::DocState;

/// States whose name is also a common place elsewhere; alone they stay ambiguous unless the
/// document otherwise points at the state. (lowercase name, other key)
const AMBIGUOUS_STATE_NAMES: &[(&str, &str)] = &[("georgia", "USA")];

/// The agent noun phrase starting at token `n` (skipping up to two lowercase modifiers such
/// as "senior", "top"): (end token exclusive, sector).
pub(crate) fn agent_at(st: &DocState, n: usize, limit: usize) -> Option<(usize, String)> {
    let mut start = n;
    for _ in 0..3 {
        if start >= limit || !st.is_word(start) {
            return None;
        }
        let mut buf = [""; 5];
        let n_words = limit.min(start + 5) - start;
        for (k, w) in buf.iter_mut().enumerate().take(n_words) {
            *w = st.norm(start + k);
        }
        if let Some((k, sec)) = st.kb.agent_noun(&buf[..n_words]) {
            return Some((start + k, sec.to_string()));
        }
        // Only lowercase, non-function adjectives may be skipped ("senior", "top", "elite").
        if !st.is_lower_word(start) || has(FUNCTION_WORDS, st.norm(start)) || has(ACT_VERBS, st.norm(start)) {
            return None;
        }
        start += 1;
    }
    None
}

/// The first token after cand `ci`, skipping a possessive "'s": (token, possessive).
pub(crate) fn after(st: &DocState, ci: usize) -> (usize, bool) {
    let c = &st.cands[ci];
    let n = c.t1;
    if st.norm(n) == "'s" || st.norm(n) == "'" {
        (n + 1, true)
    } else {
        (n, false)
    }
}

fn sentence_end(st: &DocState, s: usize) -> usize {
    st.doc.sentences[s].token_end.min(st.doc.tokens.len())
}

/// For "senior Egyptian and Israeli officials": the agent after a chain of coordinated adjectives.
fn coordinated_agent(st: &DocState, s: usize, ci: usize, depth: usize) -> Option<(usize, String)> {
    let end = sentence_end(st, s);
    let (n, _) = after(st, ci);
    if let Some(a) = agent_at(st, n, end) {
        return Some(a);
    }
    if depth < 4 && matches!(st.norm(n), "and" | "or" | ",") {
        let m = if st.norm(n) == "," && st.norm(n + 1) == "and" { n + 2 } else { n + 1 };
        if let Some(cj) = st.cand_at(s, m) {
            if st.cands[cj].hits.iter().any(|h| h.1 == AliasKind::Adjective) {
                return coordinated_agent(st, s, cj, depth + 1);
            }
        }
    }
    None
}

/// Nouns that a country *name* can modify ("Iran attack", "Israel ties"); after anything else
/// the name is read as the actor ("Israel met").
const ATTRIBUTIVE_NOUNS: &[&str] = &[
    "attack", "strike", "war", "wars", "deal", "talks", "policy", "nuclear", "program", "programme", "border",
    "conflict", "crisis", "ceasefire", "truce", "embassy", "visit", "trip", "sanctions", "hostage", "hostages",
    "invasion", "offensive", "operation", "front", "ties", "relations", "negotiations", "accord", "agreement",
    "summit", "tensions", "campaign", "raid", "raids", "bombardment", "retaliation", "response", "proposal",
    "plan", "envoy", "consulate", "file", "issue", "question", "policy", "strategy", "threat", "escalation",
    "dossier", "talks", "mission", "pact", "alliance", "initiative", "framework", "route", "corridor",
];

fn looks_like_verb(w: &str) -> bool {
    has(ACT_VERBS, w) || (w.len() > 4 && w.ends_with("ed"))
}

pub(crate) fn others(st: &mut DocState, s: usize) {
    let list = st.by_sentence[s].clone();
    for ci in list {
        if st.used[ci] {
            continue;
        }
        // Already covered by a person mention.
        let c = st.cands[ci].clone();
        if st.overlaps_mention(s, c.span) || (!c.hyphen && (c.t0..c.t1).any(|t| st.covered[t])) {
            continue;
        }
        let strong: Vec<(usize, AliasKind)> = c.hits.iter().copied().filter(|h| h.1 != AliasKind::Surname).collect();
        let kb = st.kb;
        if strong.is_empty() || strong.iter().all(|h| kb.entry(h.0).kind == EntryKind::Person) {
            continue; // surnames and people are handled in people.rs
        }
        // A surname of someone named earlier beats a state/alias reading ("Jordan said" after "Jim Jordan").
        let text = st.doc.slice(c.span).to_string();
        if c.hits.iter().any(|h| h.1 == AliasKind::Surname) && st.memory.contains_key(&brink_kb::norm_key(&text)) {
            continue;
        }
        let mut ents: Vec<usize> = strong.iter().map(|h| h.0).filter(|&e| kb.entry(e).kind != EntryKind::Person).collect();
        ents.dedup();
        ents.sort();
        ents.dedup();
        let chosen = choose(st, &ents);
        let date = st.date();
        let Some(e) = chosen else {
            let ids = ents.iter().map(|&e| kb.entry(e).id.clone()).collect();
            st.used[ci] = true;
            st.push(c.span, s, None, ids, MentionRule::KbAlias(text), 0.3);
            continue;
        };
        let kinds: Vec<AliasKind> = strong.iter().filter(|h| h.0 == e).map(|h| h.1).collect();
        let entry = kb.entry(e);
        let mut actor = kb.actor_ref(e, date, &text);
        st.used[ci] = true;
        let end = sentence_end(st, s);
        let (n, poss) = after(st, ci);
        let prev = c.t0.checked_sub(1).filter(|&p| p >= st.doc.sentences[s].token_start).map(|p| st.norm(p).to_string()).unwrap_or_default();
        let rule = MentionRule::KbAlias(text.clone());
        if c.hyphen || !c.ends_token {
            // "Iran-backed", "Israeli-US preparations", "Lebanon-based": a modifier of what follows.
            actor.sector = None;
            let m = st.push(c.span, s, Some(actor), vec![], rule, 0.85);
            st.mentions[m].modifier = true;
            continue;
        }
        match entry.kind {
            EntryKind::State => {
                let name_form = kinds.iter().any(|k| matches!(k, AliasKind::Name | AliasKind::Alias));
                if kinds.contains(&AliasKind::Capital) && !name_form {
                    capital(st, s, ci, actor, &prev, n, poss);
                    continue;
                }
                if kinds.contains(&AliasKind::Epithet) && !name_form {
                    st.push(c.span, s, Some(actor), vec![], rule, 0.85);
                    continue;
                }
                if kinds.contains(&AliasKind::Demonym) && !name_form {
                    actor.kind = ActorKind::Agent;
                    actor.sector = Some("CVL".into());
                    st.push(c.span, s, Some(actor), vec![], MentionRule::CountryAgent(text.to_lowercase()), 0.85);
                    continue;
                }
                if let Some(&(_, other)) = AMBIGUOUS_STATE_NAMES.iter().find(|a| a.0 == text.to_lowercase()) {
                    let confirmed = st.cands.iter().any(|o| o.hits.iter().any(|h| h.0 == e && h.1 != AliasKind::Name && h.1 != AliasKind::Alias));
                    if !confirmed {
                        st.push(c.span, s, None, vec![entry.id.clone(), other.to_string()], rule, 0.3);
                        continue;
                    }
                }
                // Country + agent noun, directly or across a coordination.
                let agent = if poss { agent_at(st, n, end).map(|a| (a, true)) } else { None }
                    .or_else(|| agent_at(st, n, end).map(|a| (a, true)))
                    .or_else(|| coordinated_agent(st, s, ci, 0).map(|a| (a, false)));
                if let Some(((aend, sector), direct)) = agent {
                    actor.kind = ActorKind::Agent;
                    actor.sector = Some(sector);
                    let span = if direct { Span::new(c.span.start, st.doc.tokens[aend - 1].span.end) } else { c.span };
                    actor.text = st.doc.slice(span).to_string();
                    let noun = st.doc.slice(Span::new(st.doc.tokens[n.min(aend - 1)].span.start, st.doc.tokens[aend - 1].span.end)).to_lowercase();
                    st.push(span, s, Some(actor), vec![], MentionRule::CountryAgent(noun), 0.9);
                    if direct {
                        for t in c.t1..aend {
                            st.covered[t] = true;
                        }
                    }
                    continue;
                }
                let adjective_only = !name_form && kinds.contains(&AliasKind::Adjective);
                let next_word = n < end && st.is_word(n);
                if adjective_only {
                    if next_word && !has(FUNCTION_WORDS, st.norm(n)) && !looks_like_verb(st.norm(n)) {
                        actor.sector = None;
                        let m = st.push(c.span, s, Some(actor), vec![], rule, 0.85);
                        st.mentions[m].modifier = true;
                    } else if matches!(prev.as_str(), "a" | "an" | "the") {
                        // "an Israeli was killed": a citizen.
                        actor.kind = ActorKind::Agent;
                        actor.sector = Some("CVL".into());
                        st.push(c.span, s, Some(actor), vec![], MentionRule::CountryAgent(text.to_lowercase()), 0.7);
                    } else {
                        actor.sector = None;
                        let m = st.push(c.span, s, Some(actor), vec![], rule, 0.7);
                        st.mentions[m].modifier = true;
                    }
                    continue;
                }
                // A state name: place, modifier ("Iran attack") or actor.
                if has(STATE_LOCATIVE, &prev) && !poss {
                    actor.sector = None;
                    let m = st.push(c.span, s, Some(actor), vec![], rule, 0.9);
                    st.mentions[m].is_place = true;
                    continue;
                }
                if !poss && next_word && st.is_lower_word(n) && has(ATTRIBUTIVE_NOUNS, st.norm(n)) {
                    actor.sector = None;
                    let m = st.push(c.span, s, Some(actor), vec![], rule, 0.8);
                    st.mentions[m].modifier = true;
                    continue;
                }
                st.push(c.span, s, Some(actor), vec![], rule, 0.95);
            }
            EntryKind::Group => {
                if let Some((aend, _)) = agent_at(st, n, end) {
                    // "Hamas fighters", "Hezbollah commanders": the group's own sector.
                    actor.kind = ActorKind::Agent;
                    let span = Span::new(c.span.start, st.doc.tokens[aend - 1].span.end);
                    actor.text = st.doc.slice(span).to_string();
                    let noun = st.doc.slice(Span::new(st.doc.tokens[n].span.start, st.doc.tokens[aend - 1].span.end)).to_lowercase();
                    st.push(span, s, Some(actor), vec![], MentionRule::CountryAgent(noun), 0.9);
                    continue;
                }
                if !poss && n < end && st.is_lower_word(n) && has(ATTRIBUTIVE_NOUNS, st.norm(n)) {
                    let m = st.push(c.span, s, Some(actor), vec![], rule, 0.8);
                    st.mentions[m].modifier = true;
                    continue;
                }
                st.push(c.span, s, Some(actor), vec![], rule, 0.95);
            }
            EntryKind::Institution | EntryKind::Igo | EntryKind::Person => {
                st.push(c.span, s, Some(actor), vec![], rule, 0.95);
            }
        }
    }
}

/// Picks one entry among several that share an alias: same key collapses to the parentless
/// one; otherwise a state wins over a group/igo of the same spelling only if it is the sole
/// state; else None (ambiguous).
fn choose(st: &DocState, ents: &[usize]) -> Option<usize> {
    let kb = st.kb;
    match ents {
        [] => None,
        [e] => Some(*e),
        _ => {
            let k0 = &kb.entry(ents[0]).key;
            if ents.iter().all(|&e| &kb.entry(e).key == k0) {
                return ents.iter().copied().find(|&e| kb.entry(e).parent.is_none()).or(Some(ents[0]));
            }
            None
        }
    }
}

/// A capital: a place ("in Beirut", "Beirut's southern suburbs", datelines) or the government
/// speaking or acting ("Beirut said", "Tehran pressed Moscow", "Washington's position").
fn capital(st: &mut DocState, s: usize, ci: usize, mut actor: ActorRef, prev: &str, n: usize, poss: bool) {
    let c = st.cands[ci].clone();
    let end = sentence_end(st, s);
    let text = st.doc.slice(c.span).to_string();
    let rule = MentionRule::KbAlias(text.clone());
    // Part of a longer name: "Washington Post", "Tehran Times", "Beirut Airport".
    if !poss && n < end && st.is_cap(n) && st.cand_at(s, n).is_none() {
        return;
    }
    let dateline = text.chars().all(|ch| !ch.is_lowercase()) && text.len() > 3;
    let place_noun = poss && has(PLACE_NOUNS, st.norm(n));
    let comma_state = st.norm(n) == "," && st.cand_at(s, n + 1).is_some_and(|cj| st.cands[cj].hits.iter().any(|h| h.0 == c.hits[0].0));
    let place = dateline || has(LOCATIVE, prev) || place_noun || comma_state;
    if place {
        actor.sector = None;
        actor.name = text.clone();
        let m = st.push(c.span, s, Some(actor), vec![], rule, 0.9);
        st.mentions[m].is_place = true;
        return;
    }
    let acts = poss || n >= end || looks_like_verb(st.norm(n)) || !st.is_word(n) || st.is_cap(n);
    let conf = if acts { 0.8 } else { 0.6 };
    st.push(c.span, s, Some(actor), vec![], MentionRule::KbAlias(format!("{text} (capital as government)")), conf);
}

#[allow(dead_code)]
fn _kind_unused(_: ActorKind) {}
