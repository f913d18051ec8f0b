//! Definite descriptions: "the army", "the junta", "the government", "the rebels".
//!
//! News names an actor once and then refers back to it by its kind: "Sudan's army said
//! ... the army struck RSF units", "M23 fighters seized Goma ... the rebels". A bare
//! state-institution noun refers to the most recent state actor in context; a bare
//! armed-group noun to the most recent armed group. The mention is marked as resolved by
//! reference (MentionRule::Pronoun) with a lower confidence, so it can be told apart.

use brink_core::{ActorKind, ActorRef, Document, Mention, MentionRule, Span};

/// Nouns for a state's own bodies, with the PLOVER sector they carry.
const STATE_NOUNS: &[(&[&str], &str)] = &[
    (&["army"], "MIL"),
    (&["military"], "MIL"),
    (&["armed", "forces"], "MIL"),
    (&["air", "force"], "MIL"),
    (&["navy"], "MIL"),
    (&["coast", "guard"], "MIL"),
    (&["security", "forces"], "MIL"),
    (&["government", "forces"], "MIL"),
    (&["government", "troops"], "MIL"),
    (&["government"], "GOV"),
    (&["junta"], "GOV"),
    (&["regime"], "GOV"),
    (&["authorities"], "GOV"),
    (&["presidency"], "GOV"),
    (&["administration"], "GOV"),
    (&["cabinet"], "GOV"),
    (&["foreign", "ministry"], "GOV"),
    (&["defence", "ministry"], "GOV"),
    (&["defense", "ministry"], "GOV"),
    (&["interior", "ministry"], "GOV"),
    (&["police"], "COP"),
    (&["parliament"], "LEG"),
];

/// Nouns that refer back to an armed group.
const GROUP_NOUNS: &[&[&str]] = &[
    &["rebels"],
    &["rebel", "group"],
    &["militants"],
    &["insurgents"],
    &["militia"],
    &["paramilitaries"],
    &["paramilitary", "group"],
    &["group"],
    &["movement"],
    &["fighters"],
];

/// Phrases that refer to the two parties last named ("both sides agreed").
const PAIR_PHRASES: &[&[&str]] = &[
    &["both", "sides"], &["the", "two", "sides"], &["both", "parties"], &["the", "two", "parties"],
    &["both", "countries"], &["the", "two", "countries"], &["the", "two", "governments"], &["both", "governments"],
    &["the", "warring", "parties"], &["the", "warring", "sides"], &["the", "two", "neighbours"], &["the", "two", "neighbors"],
    &["the", "two", "rivals"],
];

/// The last two actors joined by "and" (only determiners or adjectives between) before
/// `pos`, within the current and six previous sentences.
fn last_pair<'m>(doc: &Document, mentions: &'m [Mention], si: usize, pos: usize) -> Option<Vec<&'m ActorRef>> {
    let mut ms: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.span.end <= pos && m.sentence + 6 >= si && !m.is_place && m.actor.is_some())
        .collect();
    ms.sort_by_key(|m| m.span.start);
    for w in ms.windows(2).rev() {
        let (a, b) = (w[0], w[1]);
        if a.sentence != b.sentence || a.actor.as_ref()?.key == b.actor.as_ref()?.key {
            continue;
        }
        let between = doc.text.get(a.span.end..b.span.start).unwrap_or("").to_lowercase();
        let words: Vec<&str> = between.split_whitespace().collect();
        if words.contains(&"and") && words.iter().all(|w| matches!(*w, "and" | "the" | "," | "both") || w.chars().all(|c| c.is_alphabetic()) && words.len() <= 3) {
            return Some(vec![a.actor.as_ref()?, b.actor.as_ref()?]);
        }
    }
    None
}

/// How many sentences back an antecedent may be.
const WINDOW: usize = 6;

fn matches_at(doc: &Document, i: usize, end: usize, words: &[&str]) -> bool {
    i + words.len() <= end && words.iter().enumerate().all(|(k, w)| doc.tokens[i + k].norm == *w)
}

/// Adds mentions for definite descriptions not already covered by a mention.
pub(crate) fn definite_mentions(doc: &Document, mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (ts, te) = (s.token_start.min(doc.tokens.len()), s.token_end.min(doc.tokens.len()));
        for i in ts..te {
            // "the army", the bare "army" in a coordination ("talks between army and RSF envoys"),
            // and a bare agent opening a sentence ("Police detained dozens").
            let bare_noun = |k: usize| k < te && matches!(doc.tokens[k].norm.as_str(), "army" | "military" | "government" | "junta" | "police");
            let bare = matches!(doc.tokens[i].norm.as_str(), "between" | "and") && bare_noun(i + 1);
            let opening = i == ts && bare_noun(i);
            if doc.tokens[i].norm != "the" && !bare && !opening {
                continue;
            }
            let n = if opening { i } else { i + 1 };
            let (words, sector, group): (&[&str], &str, bool) = if let Some((w, sec)) = STATE_NOUNS.iter().find(|(w, _)| matches_at(doc, n, te, w)) {
                (w, sec, false)
            } else if let Some(w) = GROUP_NOUNS.iter().find(|w| matches_at(doc, n, te, w)) {
                (w, "REB", true)
            } else {
                continue;
            };
            let end_tok = n + words.len();
            // "the army of Sudan", "the government in Khartoum": the actors stage or a
            // later rule names the country; "the group's leader" is fine.
            let named_after = |k: usize| k < te && mentions.iter().any(|m| m.span.start == doc.tokens[k].span.start || (k + 1 < te && m.span.start == doc.tokens[k + 1].span.start && doc.tokens[k].norm == "the"));
            if end_tok < te && matches!(doc.tokens[end_tok].norm.as_str(), "of" | "in") && named_after(end_tok + 1) {
                continue;
            }
            let span = Span::new(doc.tokens[n].span.start, doc.tokens[end_tok - 1].span.end);
            if mentions.iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            let Some(mut actor) = antecedent(mentions, si, span.start, group) else { continue };
            actor.text = doc.slice(span).to_string();
            let detail = format!("the {} → {}", words.join(" "), actor.name);
            if !group {
                actor.kind = ActorKind::Agent;
                actor.sector = Some(sector.to_string());
                actor.role = None;
                actor.role_from = None;
                actor.role_to = None;
            }
            added.push(Mention { span, sentence: si, actor: Some(actor), candidates: Vec::new(), rule: MentionRule::Pronoun(detail), confidence: 0.5, is_place: false, modifier: false });
        }
    }
    pair_mentions(doc, mentions, &mut added);
    mentions.extend(added);
}

/// "both sides", "the two countries": two mentions over the same words, one for each of the
/// two most recent distinct state or group actors; the events stage joins them.
fn pair_mentions(doc: &Document, mentions: &[Mention], added: &mut Vec<Mention>) {
    for (si, s) in doc.sentences.iter().enumerate() {
        let (ts, te) = (s.token_start.min(doc.tokens.len()), s.token_end.min(doc.tokens.len()));
        for i in ts..te {
            let Some(words) = PAIR_PHRASES.iter().find(|w| matches_at(doc, i, te, w)) else { continue };
            let span = Span::new(doc.tokens[i].span.start, doc.tokens[i + words.len() - 1].span.end);
            if mentions.iter().chain(added.iter()).any(|m| m.span.overlaps(span)) {
                continue;
            }
            // The two parties are those of the last explicit pair before it: "X and Y"
            // or "between X and Y" in this or the previous six sentences.
            let seen = last_pair(doc, mentions, si, span.start);
            let Some(seen) = seen else { continue };
            for a in seen {
                let mut actor = a.clone();
                actor.text = doc.slice(span).to_string();
                let detail = format!("{} → {}", words.join(" "), a.key);
                added.push(Mention { span, sentence: si, actor: Some(actor), candidates: Vec::new(), rule: MentionRule::Pronoun(detail), confidence: 0.4, is_place: false, modifier: false });
            }
        }
    }
}

/// The most recent fitting actor before `pos` within the window: a state actor (state,
/// country agent, state institution) for state nouns, an armed group for group nouns.
fn antecedent(mentions: &[Mention], si: usize, pos: usize, group: bool) -> Option<ActorRef> {
    let fits = |a: &ActorRef| {
        if group {
            // the group itself, or its fighters ("M23 fighters"): a non-state key with an armed sector
            matches!(a.kind, ActorKind::Group | ActorKind::Agent)
                && a.country.as_deref() != Some(a.key.as_str())
                && matches!(a.sector.as_deref(), Some("REB") | Some("PRM") | Some("UAF"))
        } else {
            matches!(a.kind, ActorKind::State | ActorKind::Agent | ActorKind::Institution) && a.country.is_some() && a.country.as_deref() == Some(a.key.as_str())
        }
    };
    // The most salient fitting actor in the window: the one named most often, the most
    // recent among equals ("the junta" in a story about Niger that also names France).
    let cands: Vec<(usize, &ActorRef)> = mentions
        .iter()
        .filter(|m| m.span.start < pos && m.sentence + WINDOW >= si && (!m.is_place || !group))
        .filter_map(|m| m.actor.as_ref().map(|a| (m.span.start, a)))
        .filter(|(_, a)| fits(a))
        .collect();
    let count = |k: &str| cands.iter().filter(|(_, a)| a.key == k).count();
    cands
        .iter()
        .max_by_key(|(start, a)| (count(&a.key), *start))
        .map(|(_, a)| *a)
        .map(|a| {
            let mut a = a.clone();
            if !group {
                // Refer to the state, not to the person or body that happened to be named.
                a.id = a.key.clone();
            }
            a
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_nouns_have_plover_sectors() {
        let ont = brink_core::Ontology::get();
        for (_, s) in STATE_NOUNS {
            assert!(ont.is_sector(s), "{s}");
        }
    }
}
