//! People: KB full names, names learned from titles and appositions, bare surnames and
//! he/she pronouns.
//!
//! Learning: an unknown capitalised name with a title and an organisation or country next to
//! it ("Israeli Prime Minister X Y", "X Y, a senior adviser at the White House", "the commander
//! of Iran's Quds Force, General X Y") becomes an `ActorKind::Learned` actor for this document.
//! A KB person keeps the KB role on the article date; a title in the text that disagrees is
//! noted in the mention rule, never silently dropped.

use brink_core::{ActorKind, ActorRef, MentionRule, Span};
use brink_kb::{AliasKind, EntryKind};

use crate::kinds::agent_at;
use crate::lexicon::{has, ACT_VERBS, HONORIFICS, NOT_NAME};
use crate::{DocState, Named};

const PARTICLES: &[&str] = &["bin", "ibn", "al", "abu", "de", "van", "von", "der", "da", "di", "del", "la", "le", "bint", "du", "dos"];
const CHAIN_CONNECTORS: &[&str] = &["of", "for", "the", "and", "on", "to"];

/// What the words around a name say about the person.
#[derive(Default, Debug)]
struct Ctx {
    /// First token of the mention (the name, or the title/organisation before it).
    start: usize,
    /// The organisation or country named with the title, as an actor.
    org: Option<ActorRef>,
    title: Option<String>,
    title_sector: Option<String>,
    pattern: &'static str,
}

fn person_like(st: &DocState, t: usize, strong: &[bool], ts: usize) -> bool {
    if t < ts || t >= strong.len() + ts || strong[t - ts] || st.covered[t] || !st.is_cap(t) {
        return false;
    }
    let n = st.norm(t);
    let raw = st.raw(t);
    raw.chars().any(|c| c.is_lowercase())
        && !has(NOT_NAME, n)
        && !has(HONORIFICS, n)
        && st.kb.title_word(&[n]).is_none()
        && !n.ends_with('.')
        && raw.chars().count() >= 2
}

/// Title words in tokens [a, b): (title text, sector of the rightmost title word).
fn title_in(st: &DocState, a: usize, b: usize) -> Option<(String, String)> {
    let mut sector = None;
    let mut first = None;
    let mut last = a;
    let mut t = a;
    while t < b {
        let words: Vec<&str> = (t..b.min(t + 6)).map(|i| st.norm(i)).collect();
        let hit = st.kb.title_word(&words).map(|(k, s)| (k, s.to_string())).or_else(|| st.kb.agent_noun(&words).map(|(k, s)| (k, s.to_string())));
        if let Some((k, s)) = hit {
            sector = Some(s);
            first.get_or_insert(t);
            last = t + k;
            t += k;
        } else {
            t += 1;
        }
    }
    let f = first?;
    let text = st.doc.slice(Span::new(st.doc.tokens[f].span.start, st.doc.tokens[last - 1].span.end)).to_string();
    Some((text, sector?))
}

/// The actor an organisation cand stands for (a state, institution, IGO or group).
fn org_of(st: &DocState, ci: usize) -> Option<ActorRef> {
    let c = &st.cands[ci];
    let e = c.hits.iter().find(|h| h.1 != AliasKind::Surname && st.kb.entry(h.0).kind != EntryKind::Person)?.0;
    Some(st.kb.actor_ref(e, st.date(), st.doc.slice(c.span)))
}

fn org_rank(a: &ActorRef) -> u8 {
    match a.kind {
        ActorKind::Institution | ActorKind::Group | ActorKind::Igo => 2,
        _ => 1,
    }
}

fn context(st: &mut DocState, s: usize, ts: usize, p0: usize, p1: usize) -> Ctx {
    let mut ctx = Ctx { start: p0, ..Default::default() };
    // 1. Title chain directly before the name, possibly headed by an organisation.
    let mut j = p0;
    let mut org_ci = None;
    while j > ts && p0 - j < 9 {
        let t = j - 1;
        if st.norm(t) == "'s" {
            if let Some(ci) = st.cand_ending(s, t) {
                org_ci = Some(ci);
                j = st.cands[ci].t0;
            }
            break;
        }
        if let Some(ci) = st.cand_ending(s, t + 1) {
            if st.cands[ci].hits.iter().any(|h| h.1 != AliasKind::Surname && st.kb.entry(h.0).kind != EntryKind::Person) {
                org_ci = Some(ci);
                j = st.cands[ci].t0;
            }
            break;
        }
        let n = st.norm(t);
        let titley = st.kb.title_word(&[n]).is_some() || st.kb.agent_noun(&[n]).is_some() || has(HONORIFICS, n);
        if st.is_word(t) && !st.covered[t] && (st.is_cap(t) || has(CHAIN_CONNECTORS, n) || titley || n == "senior" || n == "top" || n == "deputy") {
            j -= 1;
        } else {
            break;
        }
    }
    let title = title_in(st, org_ci.map(|ci| st.cands[ci].t1).unwrap_or(j), p0);
    if let Some(ci) = org_ci {
        if title.is_some() {
            ctx.org = org_of(st, ci);
            ctx.start = st.cands[ci].t0;
            st.used[ci] = true;
            ctx.pattern = "title before name";
        }
    }
    if let Some((t, sec)) = title {
        ctx.title = Some(t);
        ctx.title_sector = Some(sec);
        if ctx.org.is_none() {
            // Keep the honorific/title in the mention only when it really is a title.
            ctx.start = (j..p0).find(|&t| st.kb.title_word(&[st.norm(t)]).is_some() || has(HONORIFICS, st.norm(t)) || st.is_cap(t)).unwrap_or(p0);
        }
    }
    // 2. Apposition before: "the commander of Iran's Quds Force, General X Y".
    if ctx.org.is_none() && j > ts && st.norm(j - 1) == "," {
        let mut a = j - 1;
        while a > ts && j - 1 - a < 12 && !matches!(st.norm(a - 1), "," | ";" | "\"" | ":") {
            a -= 1;
        }
        if let Some((t, sec)) = title_in(st, a, j - 1) {
            let best = st.by_sentence[s].iter().copied().filter(|&ci| !st.used[ci] && st.cands[ci].t0 >= a && st.cands[ci].t1 <= j - 1).filter_map(|ci| org_of(st, ci).map(|o| (ci, o))).max_by_key(|(ci, o)| (org_rank(o), st.cands[*ci].t0));
            if let Some((ci, o)) = best {
                // "Iran's Supreme leader, Ayatollah Ali Khamenei": the agent phrase is the person.
                if o.kind == ActorKind::State {
                    st.used[ci] = true;
                }
                ctx.org = Some(o);
                ctx.title = Some(t);
                ctx.title_sector = Some(sec);
                ctx.pattern = "apposition before name";
            }
        }
    }
    // 3. Apposition after: "X Y, a senior adviser at the White House".
    if ctx.org.is_none() && st.norm(p1) == "," {
        let end = st.doc.sentences[s].token_end.min(st.doc.tokens.len());
        let mut b = p1 + 1;
        while b < end && b - p1 < 13 && !matches!(st.norm(b), "," | "." | ";" | "\"" | "said" | "says" | "told") {
            b += 1;
        }
        if let Some((t, sec)) = title_in(st, p1 + 1, b) {
            let best = st.by_sentence[s].iter().copied().filter(|&ci| st.cands[ci].t0 > p1 && st.cands[ci].t1 <= b).filter_map(|ci| org_of(st, ci).map(|o| (ci, o))).max_by_key(|(ci, o)| (org_rank(o), usize::MAX - st.cands[*ci].t0));
            if let Some((_, o)) = best {
                ctx.org = Some(o);
                ctx.title = Some(t);
                ctx.title_sector = Some(sec);
                ctx.pattern = "apposition after name";
            }
        }
    }
    let _ = agent_at;
    ctx
}

/// Key, country and sector the context gives a person.
fn learned_fields(ctx: &Ctx) -> Option<(String, Option<String>, String)> {
    let o = ctx.org.as_ref()?;
    let tsec = ctx.title_sector.clone();
    let sector = match o.kind {
        ActorKind::Group => o.sector.clone().unwrap_or("REB".into()),
        ActorKind::Igo => match tsec.as_deref() {
            Some("JRN") | Some("JUD") => tsec.clone().unwrap(),
            _ => o.sector.clone().unwrap_or("IGO".into()),
        },
        ActorKind::Institution => match o.sector.as_deref() {
            Some(s @ ("MIL" | "SPY" | "COP" | "JUD" | "LEG")) => s.to_string(),
            _ => tsec.unwrap_or_else(|| o.sector.clone().unwrap_or("GOV".into())),
        },
        _ => tsec.unwrap_or("GOV".into()),
    };
    Some((o.key.clone(), o.country.clone(), sector))
}

fn remember(st: &mut DocState, name: &str, named: Named, start: usize, s: usize) {
    for sn in brink_kb::surnames(name) {
        st.memory.insert(brink_kb::norm_key(&sn), named.clone());
    }
    if let Some(e) = named.entry {
        let e = st.kb.entry(e);
        for sn in std::iter::once(&e.name).chain(e.aliases.iter()).flat_map(|n| brink_kb::surnames(n)) {
            st.memory.entry(brink_kb::norm_key(&sn)).or_insert_with(|| named.clone());
        }
    }
    st.persons.push((start, s, named));
}

pub(crate) fn people(st: &mut DocState, s: usize, ts: usize, te: usize) {
    // Tokens under a non-surname, non-person KB match cannot be part of a new name.
    let mut strong = vec![false; te - ts];
    let mut items: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (t0, t1, person cand)
    for &ci in &st.by_sentence[s] {
        let c = &st.cands[ci];
        let person = c.hits.iter().any(|h| h.1 != AliasKind::Surname && st.kb.entry(h.0).kind == EntryKind::Person);
        if person && c.ends_token {
            items.push((c.t0, c.t1, Some(ci)));
        }
        if c.hits.iter().any(|h| h.1 != AliasKind::Surname) {
            for t in c.t0..c.t1 {
                if t >= ts && t < te {
                    strong[t - ts] = true;
                }
            }
        }
    }
    // Unknown names: runs of two or more capitalised words (with name particles).
    let mut t = ts;
    while t < te {
        if !person_like(st, t, &strong, ts) {
            t += 1;
            continue;
        }
        let mut u = t + 1;
        let mut words = 1;
        while u < te {
            if person_like(st, u, &strong, ts) {
                words += 1;
                u += 1;
            } else if has(PARTICLES, st.norm(u)) && person_like(st, u + 1, &strong, ts) {
                u += 1;
            } else {
                break;
            }
        }
        if words >= 2 && words <= 5 {
            let mut a = t;
            // "for the Middle East Brett McGurk": a place name before the person's name.
            if words >= 4 && t > ts && has(CHAIN_CONNECTORS, st.norm(t - 1)) {
                a = u - 2;
            }
            // A run that starts the sentence with a non-name ("Gaza Strip") is left alone.
            items.push((a, u, None));
        }
        t = u;
    }
    items.sort();
    let date = st.date();
    for (p0, p1, ci) in items {
        if (p0..p1).any(|t| st.covered[t]) {
            continue;
        }
        if let Some(ci) = ci {
            if st.used[ci] {
                continue;
            }
        }
        let ctx = context(st, s, ts, p0, p1);
        let name_span = Span::new(st.doc.tokens[p0].span.start, st.doc.tokens[p1 - 1].span.end);
        let span = Span::new(st.doc.tokens[ctx.start].span.start, name_span.end);
        let name_text = st.doc.slice(name_span).to_string();
        let text = st.doc.slice(span).to_string();
        match ci {
            Some(ci) => {
                st.used[ci] = true;
                let mut ents: Vec<usize> = st.cands[ci].hits.iter().filter(|h| h.1 != AliasKind::Surname && st.kb.entry(h.0).kind == EntryKind::Person).map(|h| h.0).collect();
                ents.sort();
                ents.dedup();
                if ents.len() > 1 {
                    let ids = ents.iter().map(|&e| st.kb.entry(e).id.clone()).collect();
                    st.push(span, s, None, ids, MentionRule::KbAlias(name_text), 0.3);
                    continue;
                }
                let e = ents[0];
                let actor = st.kb.actor_ref(e, date, &text);
                let mut detail = name_text.clone();
                if let Some((k, _, sec)) = learned_fields(&ctx) {
                    if k != actor.key || Some(&sec) != actor.sector.as_ref() {
                        detail = format!(
                            "{name_text}; the text calls them '{}' ({k} {sec}), the KB role on the article date ({} {}) is kept",
                            ctx.title.clone().unwrap_or_default(),
                            actor.key,
                            actor.sector.clone().unwrap_or_default()
                        );
                    }
                } else if let Some(t) = &ctx.title {
                    let kb_role = actor.role.clone().unwrap_or_default().to_lowercase();
                    if !kb_role.contains(&t.to_lowercase()) && ctx.title_sector.as_ref() != actor.sector.as_ref() {
                        detail = format!("{name_text}; the text calls them '{t}', the KB role on the article date ('{kb_role}') is kept");
                    }
                }
                st.push(span, s, Some(actor.clone()), vec![], MentionRule::KbAlias(detail), 0.95);
                remember(st, &name_text, Named { actor, entry: Some(e) }, span.start, s);
            }
            None => {
                let Some((key, country, sector)) = learned_fields(&ctx) else { continue };
                let actor = ActorRef {
                    text: text.clone(),
                    key,
                    id: format!("learned:{name_text}"),
                    name: name_text.clone(),
                    kind: ActorKind::Learned,
                    country,
                    sector: Some(sector),
                    role: ctx.title.clone(),
                    role_from: None,
                    role_to: None,
                };
                let detail = format!("{}: '{}' of {}", ctx.pattern, ctx.title.clone().unwrap_or_default(), ctx.org.as_ref().map(|o| o.name.clone()).unwrap_or_default());
                st.push(span, s, Some(actor.clone()), vec![], MentionRule::Learned(detail), 0.8);
                remember(st, &name_text, Named { actor, entry: None }, span.start, s);
            }
        }
    }
}

/// Bare surnames: a person named earlier in the document, or the one KB person with that
/// surname holding a role on the date (not for common words and places).
pub(crate) fn surnames(st: &mut DocState, s: usize, ts: usize, te: usize) {
    let date = st.date();
    for t in ts..te {
        if st.covered[t] || !st.is_cap(t) {
            continue;
        }
        let key = st.norm(t).to_string();
        let span = st.doc.tokens[t].span;
        let text = st.doc.slice(span).to_string();
        if let Some(named) = st.memory.get(&key).cloned() {
            let mut actor = named.actor.clone();
            actor.text = text.clone();
            st.push(span, s, Some(actor), vec![], MentionRule::Surname(format!("{text} → {} (named earlier)", named.actor.name)), 0.85);
            st.persons.push((span.start, s, named));
            continue;
        }
        let Some(ci) = st.cand_at(s, t) else { continue };
        if st.cands[ci].t1 != t + 1 || st.cands[ci].hits.iter().any(|h| h.1 != AliasKind::Surname) {
            continue;
        }
        let mut people: Vec<usize> = st.cands[ci].hits.iter().map(|h| h.0).collect();
        people.sort();
        people.dedup();
        let current: Vec<usize> = people.iter().copied().filter(|&e| st.kb.holds_role(e, date)).collect();
        let speaks = has(ACT_VERBS, st.norm(t + 1)) && !matches!(st.norm(t + 1), "and" | "'s");
        if current.len() == 1 && !st.kb.surname_needs_full_name(&key) {
            let e = current[0];
            let actor = st.kb.actor_ref(e, date, &text);
            st.used[ci] = true;
            st.push(span, s, Some(actor.clone()), vec![], MentionRule::Surname(format!("{text} → {} (only KB person of that name in office)", actor.name)), 0.7);
            let named = Named { actor, entry: Some(e) };
            st.memory.insert(key, named.clone());
            st.persons.push((span.start, s, named));
        } else if speaks && !people.is_empty() {
            st.used[ci] = true;
            let ids = people.iter().map(|&e| st.kb.entry(e).id.clone()).collect();
            st.push(span, s, None, ids, MentionRule::Surname(format!("{text}: ambiguous bare surname")), 0.3);
        }
    }
}

/// Prepositions whose object is rarely the antecedent of a following "he"/"she".
const PRONOUN_SKIP_AFTER: &[&str] = &["with", "to", "from", "by", "of", "for", "against", "at", "on", "about", "than", "toward", "towards", "between", "among", "including"];

/// "he said", "she stated": the most recent person mention in this or the previous 3 sentences.
pub(crate) fn pronouns(st: &mut DocState, s: usize, ts: usize, te: usize) {
    for t in ts..te {
        let n = st.norm(t);
        if st.covered[t] || !(n == "he" || n == "she") {
            continue;
        }
        let pos = st.doc.tokens[t].span.start;
        let want = if n == "he" { "m" } else { "f" };
        // The most recent person who was not the object of a preposition: in "During a
        // call with Netanyahu, he praised ..." the pronoun is the subject, not Netanyahu.
        let object_of_preposition = |start: usize| {
            let i = st.doc.tokens.partition_point(|tok| tok.span.start < start);
            i > 0 && PRONOUN_SKIP_AFTER.contains(&st.doc.tokens[i - 1].norm.as_str())
        };
        let mut candidates: Vec<&(usize, usize, Named)> = st
            .persons
            .iter()
            .filter(|(start, ps, _)| *start < pos && ps + 3 >= s)
            .filter(|(_, _, p)| p.entry.and_then(|e| st.kb.entry(e).gender.clone()).is_none_or(|g| g.starts_with(want)))
            .collect();
        candidates.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        let best = candidates
            .iter()
            .find(|(start, _, _)| !object_of_preposition(*start))
            .or(candidates.first())
            .map(|p| p.2.clone());
        if let Some(named) = best {
            let span = st.doc.tokens[t].span;
            let mut actor = named.actor.clone();
            actor.text = st.doc.slice(span).to_string();
            st.push(span, s, Some(actor), vec![], MentionRule::Pronoun(format!("{} → {}", st.doc.slice(span), named.actor.name)), 0.5);
        }
    }
}
