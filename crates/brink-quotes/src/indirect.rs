//! Indirect quotes: explicit reported speech, `X said (that) CLAUSE`.
//!
//! Only where the speaker is a named or resolved actor (a person, a state, an
//! institution): "the sources said …" or "Iranian officials told Reuters …" carry no
//! speaker and are left out, as analysts do. The complement must read as a clause
//! (a subject-like start and a verb), must not contain a direct quote (that quote
//! is reported on its own), and when one reported clause nests another
//! ("the agency reported that Shoigu said he …") only the innermost is kept.

use brink_core::{ActorKind, ActorRef, Quote, QuoteKind, Span};

use crate::ctx::{Ctx, Subj, AUX};
use crate::direct::Found;
use crate::lex::TK;
use crate::lexicon::CueClass;

const CLAUSE_STARTS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "there", "the", "a", "an", "this", "these", "those", "all", "both", "no", "its",
    "his", "her", "their", "our", "some", "any", "one", "only", "neither", "either", "each", "every", "such", "israel's", "nobody",
];
const NOT_CLAUSE: &[&str] = &[
    "on", "in", "at", "late", "earlier", "later", "last", "next", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "after", "before", "during", "while", "when", "to", "of", "for", "with", "by",
    "this", "that", "in", "as", "so", "so-called", "nothing", "more", "little",
];

fn named(a: &ActorRef) -> bool {
    !matches!(a.kind, ActorKind::Agent | ActorKind::Unknown)
}

/// A name read from the text that is a proper name of two or more words ("Rameau Normil",
/// "Human Rights Watch"), not a bare word or a phrase with a common-noun head.
fn learned_name(ctx: &Ctx, a: &ActorRef) -> bool {
    let _ = ctx;
    a.kind == ActorKind::Unknown && a.key.is_empty() && {
        let words: Vec<&str> = a.name.split_whitespace().collect();
        (2..=5).contains(&words.len()) && words.iter().all(|w| {
            let w = w.split_once('-').filter(|(p, _)| p.len() <= 3).map(|(_, r)| r).unwrap_or(w);
            w.chars().next().is_some_and(|c| c.is_uppercase()) || NAME_LINKS.contains(&w)
        })
    }
}
const NAME_LINKS: &[&str] = &["of", "the", "for", "and", "bin", "da", "de", "dos", "van", "von", "al"];

/// The most recent direct-quote person speaker before token `i` (for he/she);
/// `direct` is in text order, so a binary search finds the place.
fn last_speaker_before(direct: &[Found], i: usize) -> Option<(usize, ActorRef)> {
    let k = direct.partition_point(|f| f.first_tok < i);
    direct[..k]
        .iter()
        .rev()
        .take(20)
        .find_map(|f| f.quote.speaker.as_ref().filter(|a| Ctx::is_person(a)).map(|a| (f.first_tok, a.clone())))
}

struct Cand {
    cue: (usize, usize),
    comp: (usize, usize),
    subj: Subj,
}

fn clause_start(ctx: &Ctx, j: usize) -> bool {
    let Some(t) = ctx.toks.get(j) else { return false };
    let w = t.norm.as_str();
    if t.kind == TK::Num {
        return true;
    }
    if t.kind != TK::Word {
        return false;
    }
    // "said 73 strikes had hit", "said five fighters were killed", "said more than 500 people …".
    if NUMBER_WORDS.contains(&w) {
        return true;
    }
    if matches!(w, "more" | "less" | "fewer" | "nearly" | "almost" | "about" | "over" | "at")
        && matches!(ctx.w(j + 1), "than" | "least")
        && ctx.toks.get(j + 2).is_some_and(|n| n.kind == TK::Num || NUMBER_WORDS.contains(&n.norm.as_str()))
    {
        return true;
    }
    if NOT_CLAUSE.contains(&w) {
        return false;
    }
    CLAUSE_STARTS.contains(&w) || t.cap || ctx.ment[j].is_some()
}

const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
    "hundreds", "thousands", "dozens", "several", "most", "many", "none",
];

/// Verbs that take a hearer before their clause ("told Reuters that", "assured Israel that").
const OBJECT_VERBS: &[&str] = &[
    "told", "tells", "telling", "tell", "informed", "informs", "assured", "assures", "communicated", "communicates", "warned", "warns",
    "warning", "reminded", "reminds", "notified", "briefed", "promised", "pledged", "wrote", "writes", "told reporters",
];
/// Words of a time phrase that may stand between a verb and its clause ("said on Tuesday that").
const TIME_WORDS: &[&str] = &[
    "on", "in", "late", "early", "earlier", "later", "last", "this", "next", "week", "month", "year", "morning", "afternoon",
    "evening", "night", "day", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
    "today", "tonight", "again", "also", "publicly", "repeatedly", "separately", "previously", ",",
];

/// Start of the complement after a cue ending at `end`: after "that" (possibly past a time
/// phrase, or past a hearer for verbs like "told": "told Reuters on Tuesday that"), or right
/// after the verb when a plain clause follows ("said the truce was holding").
fn complement_start(ctx: &Ctx, cue_words: &str, end: usize, ue: usize) -> Option<usize> {
    let takes_object = OBJECT_VERBS.contains(&cue_words);
    let mut k = end;
    // Inside a prepositional phrase between the verb and "that" ("said on social media that",
    // "said in a televised address that").
    let mut in_pp = false;
    while k < ue && k - end <= 9 {
        if !ctx.outside(k) {
            return None;
        }
        if ctx.w(k) == "that" {
            return clause_start(ctx, k + 1).then_some(k + 1);
        }
        let t = &ctx.toks[k];
        let time = TIME_WORDS.contains(&ctx.w(k)) || (t.cap && TIME_WORDS.contains(&ctx.w(k).to_lowercase().as_str())) || t.kind == TK::Num;
        in_pp |= matches!(ctx.w(k), "in" | "on" | "at" | "during" | "via" | "through" | "after" | "before");
        if ctx.verbish(k) || (t.kind == TK::Punct && t.norm != ",") || !(time || takes_object || (in_pp && t.kind == TK::Word)) {
            break;
        }
        k += 1;
    }
    if !clause_start(ctx, end) {
        return None;
    }
    // A plain clause: its verb comes soon, with no preposition in its subject ("a boycott of …" is an object).
    // "more than 3,000 people have fled": the quantifier's "than" is no preposition.
    let mut j = if matches!(ctx.w(end + 1), "than" | "least") { end + 2 } else { end };
    while j < ue && j - end < 8 {
        if ctx.verbish(j) || AUX.contains(&ctx.w(j)) {
            return (j > end).then_some(end);
        }
        if ctx.is_prep(j) || ctx.is_punct(j) {
            return None;
        }
        j += 1;
    }
    None
}

pub fn indirect_quotes(ctx: &Ctx, direct: &[Found]) -> Vec<Found> {
    let mut cands: Vec<Cand> = Vec::new();
    for (u, &(us, ue)) in ctx.units.iter().enumerate() {
        for hit in ctx.cues_in(us, ue) {
            if !hit.cue.indirect || hit.cue.class == CueClass::According || hit.end > ue {
                continue;
            }
            let ls = last_speaker_before(direct, hit.start);
            let subj = match hit.cue.class {
                CueClass::Verb => ctx
                    .subject_before(hit.start, us, ls.as_ref())
                    .filter(|s| s.actor.is_some())
                    .or_else(|| {
                        // "… called the exercises a provocation and said …": only plain saying verbs
                        // borrow the first verb's subject (a promise or a warning is its own act).
                        let saying = matches!(hit.cue.words[0].as_str(), "said" | "says" | "told" | "tells" | "added" | "adds" | "stated" | "noted");
                        if saying && ctx.coordinated(hit.start, us) { ctx.clause_subject(us, hit.start, ls.as_ref()) } else { None }
                    }),
                CueClass::Participle => {
                    if ctx.w(hit.start.saturating_sub(1)) != "," {
                        continue;
                    }
                    // The sentence's speaker: a direct quote earlier in this unit, else the clause subject.
                    direct[..direct.partition_point(|f| f.first_tok < hit.start)]
                        .iter()
                        .rev()
                        .take(20)
                        .find(|f| ctx.unit_of[f.first_tok] == u && f.first_tok < hit.start && f.quote.speaker.is_some())
                        .map(|f| Subj {
                            actor: f.quote.speaker.clone(),
                            span: f.quote.speaker_span,
                            from_mention: f.quote.speaker.as_ref().is_some_and(|a| !a.key.is_empty()),
                            ..Default::default()
                        })
                        .or_else(|| ctx.participle_subject(hit.start, us, ls.as_ref()))
                }
                CueClass::According => None,
            };
            let Some(subj) = subj else { continue };
            if !(subj.from_mention && subj.actor.as_ref().is_some_and(named)) && !subj.actor.as_ref().is_some_and(|a| learned_name(ctx, a)) {
                continue;
            }
            let cue_words = hit.cue.words.join(" ");
            let Some(cs) = complement_start(ctx, &cue_words, hit.end, ue) else { continue };
            let mut ce = ue;
            while ce > cs && ctx.is_punct(ce - 1) && !ctx.is_mark(ce - 1) {
                ce -= 1;
            }
            if ce <= cs || (cs..ce).any(|k| !ctx.outside(k) || ctx.is_mark(k)) {
                continue;
            }
            let words = (cs..ce).filter(|&k| ctx.toks[k].kind == TK::Word).count();
            let has_verb = (cs..ce).any(|k| ctx.verbish(k) || AUX.contains(&ctx.w(k)));
            if words < 3 || !has_verb {
                continue;
            }
            cands.push(Cand { cue: (hit.start, hit.end), comp: (cs, ce), subj });
        }
    }
    // Keep the innermost report when one complement contains another cue.
    // Candidates are in text order, so their cue starts are sorted: a binary search per candidate.
    let starts: Vec<usize> = cands.iter().map(|c| c.cue.0).collect();
    let keep: Vec<bool> = cands
        .iter()
        .map(|c| {
            let k = starts.partition_point(|&s| s < c.comp.0);
            !(k < starts.len() && starts[k] < c.comp.1)
        })
        .collect();
    cands
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| {
            let span = Span::new(ctx.toks[c.comp.0].span.start, ctx.toks[c.comp.1 - 1].span.end);
            let cue_span = Span::new(ctx.toks[c.cue.0].span.start, ctx.toks[c.cue.1 - 1].span.end);
            let quote = Quote {
                id: String::new(),
                kind: QuoteKind::Indirect,
                text: span.text(ctx.text).to_string(),
                spans: vec![span],
                speaker: c.subj.actor.clone(),
                speaker_span: c.subj.span,
                cue: Some(cue_span.text(ctx.text).to_string()),
                cue_span: Some(cue_span),
                speech_act: None,
                events: Vec::new(),
                sentence: ctx.sentence_of(span.start, c.comp.0),
                rule: if c.subj.pronoun { "pronoun".into() } else { "indirect".into() },
                confidence: if c.subj.pronoun { 0.55 } else { 0.65 },
            };
            Found { quote, content: vec![c.comp], cue: Some(c.cue), after: c.comp.1, first_tok: c.cue.0 }
        })
        .collect()
}
