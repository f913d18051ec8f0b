//! The events stage: PLOVER events with modality, source/target, dates and provenance.
//!
//! How it works, per sentence:
//! 1. the trigger lexicon (`data/events.tsv`, see [`lexicon`]) finds words that name an act;
//! 2. [`frames`] finds who did it to whom from the mentions the actors stage left, using
//!    word order, prepositions, possessives, passive voice and coordination (no parser:
//!    fast, explainable, and good enough for news prose);
//! 3. [`modality`] decides whether the text asserts the act, negates it, makes it
//!    conditional, or only plans it;
//! 4. dates come from `brink_text::dates` near the trigger, else the article date (flagged).
//!
//! Every event records the lexicon line that fired and the spans of its evidence.

pub mod cues;
pub mod frames;
pub mod lexicon;
pub mod modality;

use std::collections::HashSet;
use std::sync::Arc;

use brink_core::{DatePrecision, Document, Event, EventDate, Modality, Ontology, Place, Span, Stage};
use brink_kb::Kb;

use crate::frames::{ActorGroup, Frames};
use crate::lexicon::{Frame, Lexicon, PartOfSpeech};

pub struct EventStage {
    #[allow(dead_code)]
    kb: Arc<Kb>,
    lexicon: Lexicon,
}

impl EventStage {
    pub fn new(kb: Arc<Kb>) -> Self {
        EventStage { kb, lexicon: Lexicon::builtin() }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Document) {
        let mut found: Vec<Event> = Vec::new();
        let mentions = frames::SentenceMentions::new(doc);
        for si in 0..doc.sentences.len() {
            let frames = Frames::with_mentions(doc, si, mentions.of(si).iter().copied());
            if frames.groups.is_empty() {
                continue;
            }
            let s = &doc.sentences[si];
            let actor_ends_at = |t: usize| frames.groups.iter().any(|g| g.tok_end == t);
            let hits = self.lexicon.find(&doc.tokens, s.token_start, s.token_end, &actor_ends_at);
            // A hit whose trigger is one of the words of a longer hit is part of it
            // ("launched ... attack" covers "attack").
            let covered: HashSet<usize> =
                hits.iter().flat_map(|h| h.words.iter().skip(1).copied()).collect();
            // The subject of the last active verb, for verbs coordinated with it.
            let mut last_subject: Option<frames::ActorGroup> = None;
            // A trigger inside a name is part of the name ("Rapid Support Forces").
            let in_sentence = mentions.of(si);
            let in_name = |t: usize| {
                let sp = doc.tokens[t].span;
                in_sentence.iter().any(|m| m.actor.is_some() && m.span.contains(sp))
            };
            for hit in hits.iter().filter(|h| !covered.contains(&h.trigger) && !in_name(h.trigger)) {
                let entry = &self.lexicon.entries[hit.entry];
                if entry.event_type == "NONE" {
                    continue;
                }
                let Some(mut roles) = frames.assign(entry, hit) else { continue };
                if entry.frame == Frame::Svo && entry.pos == PartOfSpeech::Verb {
                    if let Some(prev) = last_subject.as_ref().filter(|_| frames.coordinated_verb(hit)) {
                        if roles.source.first().is_some_and(|g| g.tok_start > prev.tok_end) {
                            roles.target.retain(|g| g.keys() != prev.keys());
                            roles.source = vec![prev.clone()];
                        }
                    }
                    last_subject = roles.source.first().cloned();
                }
                let (modality, cue) = modality::classify(doc, &frames, entry, hit, &roles);
                if entry.event_type == "ASSAULT" && matches!(entry.head.as_str(), "response" | "respond") && modality == Modality::Asserted {
                    // "its response" alone is too vague to be a fact; it is kept when planned or conditional.
                    continue;
                }
                let event = build_event(doc, si, entry, hit, &roles, modality, cue, &frames, in_sentence);
                // A nominal act with several sources and no recipient ("an invitation by the US,
                // Egypt and Qatar") is each source's act; joint acts ("talks between") stay joint.
                // Only triggers that mean mediating ("brokered by X and Y"), not talks held through an intermediary.
                let mediation = entry.event_type == "CONSULT" && entry.mode.as_deref() == Some("third-party");
                // Several sources and no recipient: a joint act only when the act is mutual
                // ("X and Y met", "signed", "clashed"); otherwise each source acted ("X, Y and Z
                // provided support", "promised officers").
                let symmetric = matches!(entry.frame, Frame::Pair | Frame::Mutual) || cues::SYMMETRIC_HEADS.contains(&entry.head.as_str());
                let split = (matches!(entry.frame, Frame::Nom | Frame::Victim) || mediation || !symmetric)
                    && event.target.is_empty()
                    && event.source.len() > 1
                    && !matches!(entry.event_type.as_str(), "ASSAULT" | "RETREAT");
                if split {
                    for (a, sp) in event.source.iter().zip(event.source_spans.iter()) {
                        let mut one = event.clone();
                        one.source = vec![a.clone()];
                        one.source_spans = vec![*sp];
                        found.push(one);
                    }
                } else {
                    found.push(event);
                }
            }
        }
        own_word_threats(doc, &mut found);
        announced_cooperation(&mut found);
        merge_with_quote_events(doc, found);
        target_condemned_perpetrator(doc);
        drop_less_specific(doc);
        dedupe_and_number(doc);
    }
}

#[allow(clippy::too_many_arguments)]
fn build_event(
    doc: &Document,
    si: usize,
    entry: &lexicon::Entry,
    hit: &lexicon::Hit,
    roles: &frames::Roles,
    modality: Modality,
    cue: Option<String>,
    frames: &Frames,
    sentence_mentions: &[&brink_core::Mention],
) -> Event {
    let ont = Ontology::get();
    let mode = refine_mode(doc, si, entry, hit).or_else(|| entry.mode.clone());
    let cameo_row = ont.cameo_for(&entry.event_type, mode.as_deref());
    let cameo = cameo_row.map(|r| r.cameo.clone());
    let context = cameo_row.map(|r| r.contexts.clone()).unwrap_or_default();
    let first = doc.tokens[*hit.words.first().unwrap_or(&hit.trigger)].span;
    let last = doc.tokens[*hit.words.last().unwrap_or(&hit.trigger)].span;
    let trigger = first.cover(last);
    let (source, source_spans) = ActorGroup::flatten(&roles.source);
    let (target, target_spans) = ActorGroup::flatten(&roles.target);
    let mut confidence: f32 = match entry.frame {
        Frame::Svo | Frame::Mutual => 0.75,
        Frame::Nom | Frame::Victim => 0.65,
        Frame::Pair => 0.6,
    };
    if target.is_empty() {
        confidence -= 0.1;
    }
    if roles.source_via_coref {
        confidence -= 0.15;
    }
    Event {
        id: String::new(),
        event_type: entry.event_type.clone(),
        score: ont.score(&entry.event_type, mode.as_deref()),
        goldstein: cameo.as_deref().and_then(|c| ont.goldstein(c)),
        quad: ont.quad(&entry.event_type),
        mode,
        context,
        cameo,
        modality,
        modality_cue: cue,
        source,
        target,
        source_spans,
        target_spans,
        trigger,
        evidence: doc.sentences[si].span,
        sentence: si,
        date: Some(event_date(doc, si, trigger)),
        place: event_place(doc, sentence_mentions, trigger),
        rule: format!("events.tsv:{}:{}", entry.line, entry.pattern),
        confidence: confidence.clamp(0.05, 0.99),
        quote: frames.quote_at(hit.trigger),
    }
}

/// Mode from what the sentence says: weapons for ASSAULT, the complement for REQUEST.
fn refine_mode(doc: &Document, si: usize, entry: &lexicon::Entry, hit: &lexicon::Hit) -> Option<String> {
    let s = &doc.sentences[si];
    let toks = &doc.tokens[s.token_start..s.token_end];
    let has = |words: &[&str]| toks.iter().any(|t| words.contains(&t.norm.as_str()));
    match entry.event_type.as_str() {
        "ASSAULT" if entry.mode.is_none() => {
            cues::ASSAULT_MODES.iter().find(|(_, words)| has(words)).map(|(m, _)| m.to_string())
        }
        "REQUEST" if entry.mode.is_none() => {
            // Look only after the trigger: the complement says what is asked.
            let after = hit.trigger + 1..s.token_end;
            let tail = |words: &[&str]| after.clone().any(|i| words.contains(&doc.tokens[i].norm.as_str()));
            if tail(cues::REQUEST_YIELD) {
                Some("yield".into())
            } else if tail(cues::REQUEST_MEET) {
                Some("meet".into())
            } else if tail(cues::REQUEST_ASSIST) {
                Some("assist".into())
            } else {
                None
            }
        }
        "CONSULT" if entry.mode.is_none() => {
            if has(&["intermediary", "intermediaries", "mediator", "mediators", "mediated", "mediation", "shuttled"]) {
                Some("third-party".into())
            } else if has(&["phone", "call", "telephone", "video"]) && entry.pos != PartOfSpeech::Noun {
                Some("phone".into())
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The date expression nearest the trigger in the sentence, else the article date (flagged).
fn event_date(doc: &Document, si: usize, trigger: Span) -> EventDate {
    let s = doc.sentences[si].span;
    let found = brink_text::dates::find_dates(doc.slice(s), s.start, doc.date);
    let best = found
        .into_iter()
        .filter(|d| d.date.is_some() || doc.date.is_none())
        .min_by_key(|d| {
            let dist = if d.span.start >= trigger.end { d.span.start - trigger.end } else { trigger.start.saturating_sub(d.span.end) };
            dist
        });
    match best {
        Some(d) => EventDate { date: d.date, end: d.end, precision: d.precision, text: Some(d.text), span: Some(d.span), from_article_date: false },
        None => EventDate { date: doc.date, end: doc.date, precision: DatePrecision::Day, text: None, span: None, from_article_date: true },
    }
}

/// A place mention ("in Beirut") in the sentence, nearest to the trigger.
fn event_place(doc: &Document, sentence_mentions: &[&brink_core::Mention], trigger: Span) -> Option<Place> {
    sentence_mentions
        .iter()
        .filter(|m| m.is_place)
        .min_by_key(|m| if m.span.start >= trigger.end { m.span.start - trigger.end } else { trigger.start.saturating_sub(m.span.end) })
        .map(|m| Place { text: doc.slice(m.span).to_string(), span: m.span, country: m.actor.as_ref().and_then(|a| a.country.clone()) })
}

fn keys(actors: &[brink_core::ActorRef]) -> Vec<String> {
    let mut k: Vec<String> = actors.iter().map(|a| a.key.clone()).collect();
    k.sort();
    k.dedup();
    k
}

/// The quotes stage may already have coded a speech act for the same act
/// (the cue "vowed" and our trigger "vowed"). Keep one event, linked to the quote.
fn merge_with_quote_events(doc: &mut Document, found: Vec<Event>) {
    for mut e in found {
        let dup = doc.events.iter().position(|q| {
            q.quote.is_some() && q.sentence == e.sentence && q.event_type == e.event_type && keys(&q.source) == keys(&e.source)
        });
        match dup {
            Some(i) => {
                // Ours has the lexicon's structure; the quote's has the link. Keep ours, take the link.
                let old = doc.events.remove(i);
                e.quote = old.quote.clone();
                if e.target.is_empty() {
                    e.target = old.target;
                    e.target_spans = old.target_spans;
                }
                doc.events.push(e);
            }
            None => doc.events.push(e),
        }
    }
}

/// "We will respond to any attack", said by the actor itself: a conflict act announced
/// in the actor's own words is a threat, made when spoken (PLOVER: THREATEN), not a
/// future attack.
fn own_word_threats(doc: &Document, found: &mut [Event]) {
    for e in found.iter_mut() {
        if !(matches!(e.modality, Modality::Future | Modality::Hypothetical) && matches!(e.event_type.as_str(), "ASSAULT" | "SANCTION" | "COERCE")) {
            continue;
        }
        // "we will strike", also when conditional ("we will strike if the attacks continue").
        let ti = doc.tokens.partition_point(|t| t.span.start < e.trigger.start);
        let announced = (ti.saturating_sub(4)..ti).any(|i| matches!(doc.tokens[i].norm.as_str(), "will" | "'ll" | "shall" | "we'll"));
        if !announced {
            continue;
        }
        let Some(q) = e.quote.as_ref().and_then(|id| doc.quotes.iter().find(|q| &q.id == id)) else { continue };
        let speaker = q.speaker.as_ref().map(|s| s.key.as_str());
        if speaker.is_none() || !e.source.iter().any(|a| Some(a.key.as_str()) == speaker) {
            continue;
        }
        let ont = Ontology::get();
        let mode = match e.event_type.as_str() {
            "ASSAULT" => "violence",
            "SANCTION" => "restrict",
            _ => "restrict",
        };
        e.event_type = "THREATEN".into();
        e.mode = Some(mode.into());
        e.modality = Modality::Asserted;
        e.modality_cue = None;
        let row = ont.cameo_for("THREATEN", Some(mode));
        e.cameo = row.map(|r| r.cameo.clone());
        e.score = ont.score("THREATEN", Some(mode));
        e.goldstein = e.cameo.as_deref().and_then(|c| ont.goldstein(c));
        e.quad = ont.quad("THREATEN");
        e.rule.push_str(" +threat:own-words");
    }
}

/// PLOVER: "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in
/// future tense ... should be coded as AGREE". brink applies it to cooperation an actor
/// announces ("would keep working with Qatar", "said they would send troops", "ready to
/// help monitor the truce"); meetings that are only planned or predicted stay future
/// CONSULT ("is expected to travel"), as the analysts' coding rules ask.
fn announced_cooperation(found: &mut [Event]) {
    for e in found.iter_mut() {
        let announced = matches!(e.modality_cue.as_deref(), Some("will" | "would" | "'ll" | "shall"))
            || e.modality_cue.as_deref().is_some_and(|c| cues::COMMITMENT.iter().any(|w| c == format!("{w} to")));
        if !(announced && matches!(e.modality, Modality::Future | Modality::Hypothetical)) {
            continue;
        }
        if !matches!(e.event_type.as_str(), "COOPERATE" | "AID" | "SUPPORT") {
            continue;
        }
        let ont = Ontology::get();
        e.rule.push_str(&format!(" +agree:announced-{}", e.event_type.to_lowercase()));
        e.event_type = "AGREE".into();
        e.mode = None;
        e.modality = Modality::Asserted;
        e.modality_cue = None;
        let row = ont.cameo_for("AGREE", None);
        e.cameo = row.map(|r| r.cameo.clone());
        e.context = row.map(|r| r.contexts.clone()).unwrap_or_default();
        e.score = ont.score("AGREE", None);
        e.goldstein = e.cameo.as_deref().and_then(|c| ont.goldstein(c));
        e.quad = ont.quad("AGREE");
    }
}

/// "X condemned the killing of Y": the condemnation is aimed at whoever killed Y.
/// When an ACCUSE's trigger is followed closely by an ASSAULT trigger, its target
/// becomes that assault's source (or, for an unattributed assault, the source another
/// event in the document gives the same act).
fn target_condemned_perpetrator(doc: &mut Document) {
    let n = doc.events.len();
    for i in 0..n {
        if doc.events[i].event_type != "ACCUSE" || doc.events[i].modality != Modality::Asserted {
            continue;
        }
        let (sent, end) = (doc.events[i].sentence, doc.events[i].trigger.end);
        let near = (0..n).find(|&j| {
            let a = &doc.events[j];
            a.event_type == "ASSAULT" && a.sentence == sent && a.trigger.start >= end && a.trigger.start - end < 40
        });
        let Some(j) = near else {
            // "condemned the strikes on Odesa" (or "the strikes, which X called illegitimate")
            // with no coded strike in the sentence: the attacker of an earlier act named with the
            // same noun ("raids" → who raided), else the attacker the article reported last.
            let ti = doc.tokens.partition_point(|t| t.span.start < end);
            let tstart = doc.tokens.partition_point(|t| t.span.start < doc.events[i].trigger.start);
            let after = (ti..(ti + 3).min(doc.tokens.len())).find(|&k| cues::ATTACK_NOUNS.contains(&doc.tokens[k].norm.as_str()));
            let before = (tstart.saturating_sub(10)..tstart).rev().find(|&k| cues::ATTACK_NOUNS.contains(&doc.tokens[k].norm.as_str()));
            if let (Some(k_noun), true) = (after.or(before), doc.events[i].target.is_empty()) {
                let stem: String = doc.tokens[k_noun].norm.chars().take(4).collect();
                let attack = |k: &usize| {
                    let o = &doc.events[*k];
                    o.sentence <= sent && o.event_type == "ASSAULT" && o.modality == Modality::Asserted && !o.source.is_empty()
                };
                let same_noun = (0..n).rev().filter(attack).find(|&k| doc.slice(doc.events[k].trigger).to_lowercase().contains(&stem));
                if let Some(k) = same_noun.or_else(|| (0..n).rev().find(attack)) {
                    if keys(&doc.events[k].source) != keys(&doc.events[i].source) {
                        doc.events[i].target = doc.events[k].source.clone();
                        doc.events[i].target_spans = doc.events[k].source_spans.clone();
                        doc.events[i].rule.push_str(" +target:last-attacker");
                    }
                }
            }
            continue;
        };
        let mut perp = doc.events[j].source.clone();
        if perp.is_empty() {
            let victims = keys(&doc.events[j].target);
            if let Some(k) = (0..n).find(|&k| {
                let o = &doc.events[k];
                k != j && o.event_type == "ASSAULT" && o.modality == Modality::Asserted && !o.source.is_empty() && keys(&o.target) == victims
            }) {
                perp = doc.events[k].source.clone();
            }
        }
        if perp.is_empty() {
            // "condemned the strikes on Odesa": the strikes the article reported last.
            if let Some(k) = (0..n).rev().find(|&k| {
                let o = &doc.events[k];
                k != j && o.sentence <= sent && o.event_type == "ASSAULT" && o.modality == Modality::Asserted && !o.source.is_empty()
            }) {
                perp = doc.events[k].source.clone();
            }
        }
        if !perp.is_empty() && keys(&perp) != keys(&doc.events[i].source) {
            let spans = perp.iter().map(|_| doc.events[j].trigger).collect();
            doc.events[i].target = perp;
            doc.events[i].target_spans = spans;
            doc.events[i].rule.push_str(" +target:perpetrator");
        }
    }
}

/// The same act told twice, once less fully: an event with no source (or no target)
/// is dropped when another event of the same type and modality in the document names
/// the same target (or source) and the missing side.
fn drop_less_specific(doc: &mut Document) {
    let n = doc.events.len();
    let mut drop = vec![false; n];
    for i in 0..n {
        let e = &doc.events[i];
        for j in 0..n {
            if i == j || drop[j] {
                continue;
            }
            let o = &doc.events[j];
            if o.event_type != e.event_type || o.modality != e.modality {
                continue;
            }
            let no_source = e.source.is_empty() && !o.source.is_empty() && !e.target.is_empty() && keys(&o.target) == keys(&e.target);
            let no_target = e.target.is_empty() && !o.target.is_empty() && !e.source.is_empty() && keys(&o.source) == keys(&e.source);
            if no_source || no_target {
                drop[i] = true;
                break;
            }
        }
    }
    let mut k = 0;
    doc.events.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// One event per (type, sources, targets, modality, date) in a document: the same act
/// reported twice in one article is one event. Then ids e0.. in text order, and the
/// quotes' event lists rebuilt to match.
fn dedupe_and_number(doc: &mut Document) {
    doc.events.sort_by_key(|e| (e.sentence, e.trigger.start));
    // Two reports of one act: same type, actors and modality. They are two acts only when
    // both carry their own, different dates ("talks in January" and "talks last week").
    // An aerial strike and a shelling between the same pair are two acts: the mode is part of the key.
    type Key = (String, Option<String>, Vec<String>, Vec<String>, Modality);
    let mut seen: std::collections::HashMap<Key, Vec<Option<chrono::NaiveDate>>> = std::collections::HashMap::new();
    doc.events.retain(|e| {
        let explicit = e.date.as_ref().filter(|d| !d.from_article_date).and_then(|d| d.date);
        let dates = seen.entry((e.event_type.clone(), e.mode.clone(), keys(&e.source), keys(&e.target), e.modality)).or_default();
        let distinct = explicit.is_some() && !dates.is_empty() && dates.iter().all(|d| d.is_some() && *d != explicit);
        if dates.is_empty() || distinct {
            dates.push(explicit);
            true
        } else {
            false
        }
    });
    for q in doc.quotes.iter_mut() {
        q.events.clear();
    }
    for (i, e) in doc.events.iter_mut().enumerate() {
        e.id = format!("e{i}");
        if let Some(qid) = &e.quote {
            if let Some(q) = doc.quotes.iter_mut().find(|q| &q.id == qid) {
                q.events.push(e.id.clone());
            }
        }
    }
}
