//! Relations from three sources, merged to one record per (type, actors):
//! what the text states (patterns), what the asserted events show, and knowledge-base priors.
//!
//! Why one collector for all sources: the output promises one relation per distinct
//! (type, actors) with all its evidence, so text, event and cross-document findings must
//! meet in the same place and merge their evidence, dates and confidence.

use std::collections::{BTreeMap, HashMap, HashSet};

use brink_core::{ActorKind, ActorRef, Document, Event, Modality, Relation, RelationEvidence, RelationType, Span};

use crate::patterns::{self, Bound, Ctx, MentionIndex, PatternKind, PatternSet};

/// The identity of a relation: type and actor keys (sorted for the symmetric types and
/// for a mediator's two parties), as shared/eval/score.py compares them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelKey {
    pub relation_type: RelationType,
    pub from: String,
    pub others: Vec<String>,
}

pub fn rel_key(r: &Relation) -> RelKey {
    let from = r.from.key.clone();
    match r.relation_type {
        RelationType::Ally | RelationType::Adversary => {
            let to = r.to.as_ref().map(|a| a.key.clone()).unwrap_or_default();
            let (a, b) = if from <= to { (from, to) } else { (to, from) };
            RelKey { relation_type: r.relation_type, from: a, others: vec![b] }
        }
        RelationType::Patron => RelKey {
            relation_type: r.relation_type,
            from,
            others: vec![r.to.as_ref().map(|a| a.key.clone()).unwrap_or_default()],
        },
        RelationType::Mediator => {
            let mut o: Vec<String> = r.between.iter().map(|a| a.key.clone()).collect();
            o.sort();
            o.dedup();
            RelKey { relation_type: r.relation_type, from, others: o }
        }
    }
}

fn known(a: &ActorRef) -> bool {
    !a.key.is_empty() && a.key != "*" && a.key != "?"
}

/// Accumulates relations, merging those with the same [`RelKey`].
#[derive(Default)]
pub struct Collector {
    map: BTreeMap<RelKey, Relation>,
}

/// Noisy-or: independent pieces of evidence raise confidence without exceeding 1.
fn combine(a: f32, b: f32) -> f32 {
    1.0 - (1.0 - a) * (1.0 - b)
}

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or merges) one relation. Self-relations and malformed ones are ignored.
    pub fn add(&mut self, r: Relation) {
        let k = rel_key(&r);
        if k.others.is_empty() || k.others.iter().any(|o| o.is_empty() || *o == k.from) {
            return;
        }
        if r.relation_type == RelationType::Mediator && k.others.len() != 2 {
            return;
        }
        match self.map.get_mut(&k) {
            None => {
                self.map.insert(k, r);
            }
            Some(cur) => {
                if cur.prior && !r.prior {
                    // evidence replaces a prior; the prior still lends some confidence
                    let c = combine(r.confidence, cur.confidence * 0.5);
                    let mut r = r;
                    r.confidence = c;
                    *cur = r;
                    return;
                }
                if r.prior && !cur.prior {
                    cur.confidence = combine(cur.confidence, r.confidence * 0.5);
                    return;
                }
                cur.confidence = combine(cur.confidence, r.confidence).min(0.99);
                for e in r.evidence {
                    if !cur.evidence.iter().any(|x| x.doc == e.doc && x.span == e.span && x.rule == e.rule) {
                        cur.evidence.push(e);
                    }
                }
                cur.first_seen = min_opt(cur.first_seen.take(), r.first_seen.clone());
                cur.last_seen = max_opt(cur.last_seen.take(), r.last_seen);
            }
        }
    }

    pub fn contains(&self, k: &RelKey) -> bool {
        self.map.contains_key(k)
    }

    pub fn remove(&mut self, k: &RelKey) -> Option<Relation> {
        self.map.remove(k)
    }

    pub fn keys(&self) -> impl Iterator<Item = &RelKey> {
        self.map.keys()
    }

    pub fn into_vec(self) -> Vec<Relation> {
        self.map.into_values().collect()
    }
}

fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Merges relations (from one or many documents) into one per distinct (type, actors).
pub fn merge_relations(rels: impl IntoIterator<Item = Relation>) -> Vec<Relation> {
    let mut c = Collector::new();
    for r in rels {
        c.add(r);
    }
    c.into_vec()
}

fn rel(
    t: RelationType,
    from: ActorRef,
    to: Option<ActorRef>,
    between: Vec<ActorRef>,
    confidence: f32,
    date: Option<String>,
    ev: RelationEvidence,
) -> Relation {
    Relation {
        relation_type: t,
        from,
        to,
        between,
        confidence,
        first_seen: date.clone(),
        last_seen: date,
        prior: false,
        evidence: vec![ev],
    }
}

fn is_state_like(a: &ActorRef) -> bool {
    matches!(a.kind, ActorKind::State | ActorKind::Agent | ActorKind::Person | ActorKind::Institution)
        && a.key.len() == 3
        && a.key.chars().all(|c| c.is_ascii_uppercase())
}

// ---------------------------------------------------------------------------------------
// Text

/// Relations stated in the text, found by the patterns.
pub fn text_relations(doc: &Document, pats: &PatternSet, out: &mut Collector) {
    let ctx = Ctx::new(doc);
    let mentions = MentionIndex::new(doc);
    let date = doc.date.map(|d| d.to_string());
    // (a, b, span) pairs the text puts in conflict or in talks, for mediators' parties
    let mut pairs: Vec<(ActorRef, ActorRef, Span)> = Vec::new();
    // pairs from events: a fallback when the text names no pair in talks or conflict
    let mut event_pairs: Vec<(ActorRef, ActorRef, Span)> = Vec::new();
    // (mediator, evidence span, rule, confidence, the other mediators named with it, sentence)
    let mut pending: Vec<(Bound, Span, String, f32, Vec<String>, Span)> = Vec::new();
    for sent in patterns::sentence_spans(doc) {
        if doc.noise.iter().any(|n| n.span.contains(sent)) {
            continue;
        }
        let items = patterns::sentence_items(doc, &mentions, pats, sent);
        if !items.iter().any(|i| matches!(i.kind, patterns::ItemKind::Actor { .. })) {
            continue;
        }
        for m in patterns::match_sentence(pats, &items, &ctx) {
            let ev = |rule: &str| RelationEvidence {
                doc: doc.id.clone(),
                span: m.span,
                text: doc.slice(m.span).to_string(),
                rule: format!("text:{rule}"),
                events: vec![],
            };
            let get = |c: char| m.slots.get(c).to_vec();
            let (sa, sb, sm) = (get('A'), get('B'), get('M'));
            let conf = m.pattern.confidence;
            match m.pattern.kind {
                PatternKind::Talks => {
                    for a in &sa {
                        for b in &sb {
                            if known(&a.actor) && known(&b.actor) && a.actor.key != b.actor.key {
                                pairs.push((a.actor.as_ref().clone(), b.actor.as_ref().clone(), m.span));
                            }
                        }
                    }
                }
                PatternKind::Insurgency => {
                    for a in sa.iter().filter(|a| known(&a.actor) && is_group(&a.actor)) {
                        let Some(state) = own_state(&a.actor) else { continue };
                        // "attacked Israeli army posts": another actor named in the match owns the posts
                        let other = doc.mentions.iter().any(|mm| {
                            m.span.contains(mm.span)
                                && mm.actor.as_ref().is_some_and(|x| x.key != a.actor.key && x.key != state.key)
                        });
                        if !other {
                            out.add(rel(RelationType::Adversary, a.actor.as_ref().clone(), Some(state), vec![], conf, date.clone(), ev(&m.pattern.id)));
                        }
                    }
                }
                PatternKind::Members => {
                    // only an armed-group alliance: membership of an intergovernmental body is no alliance
                    if !sa.first().is_some_and(|a| known(&a.actor) && is_group(&a.actor)) {
                        continue;
                    }
                    let members = distinct_bound(&sb);
                    for i in 0..members.len() {
                        for j in i + 1..members.len() {
                            out.add(rel(
                                RelationType::Ally,
                                members[i].clone(),
                                Some(members[j].clone()),
                                vec![],
                                conf,
                                date.clone(),
                                ev(&m.pattern.id),
                            ));
                        }
                    }
                }
                PatternKind::Rel(RelationType::Mediator) => {
                    let co: Vec<String> = sm.iter().map(|x| x.actor.key.clone()).collect();
                    for mm in sm.iter().filter(|x| known(&x.actor)) {
                        if let (Some(a), Some(b)) = (sa.first(), sb.first()) {
                            if known(&a.actor) && known(&b.actor) {
                                let between = vec![a.actor.as_ref().clone(), b.actor.as_ref().clone()];
                                out.add(rel(
                                    RelationType::Mediator,
                                    mm.actor.as_ref().clone(),
                                    None,
                                    between,
                                    conf,
                                    date.clone(),
                                    ev(&m.pattern.id),
                                ));
                                continue;
                            }
                        }
                        let others: Vec<String> = co.iter().filter(|k| **k != mm.actor.key).cloned().collect();
                        pending.push((mm.clone(), m.span, m.pattern.id.clone(), conf, others, sent));
                    }
                    if let (Some(a), Some(b)) = (sa.first(), sb.first()) {
                        if known(&a.actor) && known(&b.actor) {
                            pairs.push((a.actor.as_ref().clone(), b.actor.as_ref().clone(), m.span));
                        }
                    }
                }
                PatternKind::Rel(t) => {
                    for a in &sa {
                        for b in &sb {
                            if !known(&a.actor) {
                                continue;
                            }
                            let mut t = t;
                            if !known(&b.actor) {
                                if t != RelationType::Patron {
                                    continue;
                                }
                            } else if t == RelationType::Patron && is_state_like(&b.actor) && !m.pattern.keeps_state_client {
                                // a state is backed, not a proxy
                                t = RelationType::Ally;
                            }
                            if t == RelationType::Adversary {
                                pairs.push((a.actor.as_ref().clone(), b.actor.as_ref().clone(), m.span));
                            }
                            out.add(rel(t, a.actor.as_ref().clone(), Some(b.actor.as_ref().clone()), vec![], conf, date.clone(), ev(&m.pattern.id)));
                        }
                    }
                }
            }
        }
    }
    // Pairs the asserted events put in conflict or in a joint agreement count as well.
    for e in doc.events.iter().filter(|e| e.modality == Modality::Asserted) {
        let lite = EventLite::from_event(doc, e);
        let src = distinct_known(&lite.source);
        let tgt = distinct_known(&lite.target);
        match lite.event_type.as_str() {
            "ASSAULT" => {
                for a in &src {
                    for b in tgt.iter().filter(|b| b.key != a.key) {
                        event_pairs.push(((*a).clone(), (*b).clone(), e.evidence));
                    }
                }
            }
            "AGREE" | "CONCEDE" | "RETREAT" => {
                for i in 0..src.len() {
                    for j in i + 1..src.len() {
                        event_pairs.push((src[i].clone(), src[j].clone(), e.evidence));
                    }
                }
            }
            _ => {}
        }
    }
    // A mediator whose parties the sentence does not name mediates the nearest pair in talks or
    // conflict (one in its own sentence first, then one the events show); a mediator named with
    // it is not a party.
    for (mm, span, rule, conf, co, sent) in pending {
        let best = pairs
            .iter()
            .map(|p| (p, true))
            .chain(event_pairs.iter().map(|p| (p, false)))
            .filter(|((a, b, _), _)| {
                a.key != mm.actor.key && b.key != mm.actor.key && !co.contains(&a.key) && !co.contains(&b.key)
            })
            .min_by_key(|((_, _, s), from_text)| {
                let dist = if s.start >= span.end { s.start - span.end } else { span.start.saturating_sub(s.end) };
                (!*from_text, !sent.contains(*s), dist)
            })
            .map(|(p, _)| p);
        if let Some((a, b, _)) = best {
            out.add(rel(
                RelationType::Mediator,
                mm.actor.as_ref().clone(),
                None,
                vec![a.clone(), b.clone()],
                conf * 0.9,
                date.clone(),
                RelationEvidence {
                    doc: doc.id.clone(),
                    span,
                    text: doc.slice(span).to_string(),
                    rule: format!("text:{rule}+context-pair"),
                    events: vec![],
                },
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Events

/// The parts of an event the relation and escalation rules need; built from a
/// [`brink_core::Event`] or from a JSONL `event` record, so rules run on either.
#[derive(Debug, Clone)]
pub struct EventLite {
    pub doc: String,
    pub id: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub quad: u8,
    pub score: Option<f32>,
    pub modality: Modality,
    pub source: Vec<ActorRef>,
    pub target: Vec<ActorRef>,
    pub date: Option<String>,
    pub evidence_text: String,
    pub evidence_span: Span,
    pub trigger_text: String,
    pub context: Vec<String>,
}

impl EventLite {
    pub fn from_event(doc: &Document, e: &Event) -> Self {
        let date = e.date.as_ref().and_then(|d| d.date).or(doc.date).map(|d| d.to_string());
        // An actor whose mention is a place ("in Iraq and Syria") or the first half of a
        // compound adjective ("Lebanon-based", "Iran-backed militias") is not the one acting.
        // A mention coordinated with a place ("in Iraq and Syria") is a place too.
        let coordinated_with_place = |sp: &Span| {
            doc.mentions.iter().any(|m2| {
                m2.is_place
                    && m2.span.end <= sp.start
                    && doc.text.get(m2.span.end..sp.start).is_some_and(|g| matches!(g.trim(), "and" | "," | "or" | ", and"))
            })
        };
        let not_actor = |sp: Option<&Span>| {
            sp.is_some_and(|sp| {
                doc.mentions.iter().any(|m| {
                    m.span == *sp
                        && (m.is_place
                            || (m.modifier
                                && doc.text.get(sp.end..).is_some_and(|t| t.starts_with('-') && !territory_of(&t[1..])))
                            || coordinated_with_place(sp))
                })
            })
        };
        let keep = |actors: &[ActorRef], spans: &[Span]| -> Vec<ActorRef> {
            actors.iter().enumerate().filter(|(i, _)| !not_actor(spans.get(*i))).map(|(_, a)| a.clone()).collect()
        };
        EventLite {
            doc: doc.id.clone(),
            id: e.id.clone(),
            event_type: e.event_type.clone(),
            mode: e.mode.clone(),
            quad: e.quad,
            score: e.score,
            modality: e.modality,
            source: keep(&e.source, &e.source_spans),
            target: keep(&e.target, &e.target_spans),
            date,
            evidence_text: doc.slice(e.evidence).to_string(),
            evidence_span: e.evidence,
            trigger_text: doc.slice(e.trigger).to_string(),
            context: e.context.clone(),
        }
    }
}

/// "Houthi-controlled areas", "rebel-held towns": the territory of the actor, so an attack on
/// it is an attack on the actor (unlike "Iran-backed", "Lebanon-based").
fn territory_of(after_hyphen: &str) -> bool {
    let w: String = after_hyphen.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    matches!(w.as_str(), "controlled" | "held" | "run" | "ruled" | "occupied" | "dominated")
}

/// Ceasefires and peace deals: an agreement on one of these shows its parties were at war.
fn is_truce_text(t: &str) -> bool {
    let t = t.to_lowercase();
    ["ceasefire", "cease-fire", "truce", "armistice", "cessation of hostilities", "peace agreement", "peace deal", "peace accord"]
        .iter()
        .any(|w| t.contains(w))
}

/// Acts of verbal or material hostility that, repeated between a pair, show adversaries.
fn is_hostile(e: &EventLite) -> bool {
    match e.event_type.as_str() {
        "THREATEN" | "SANCTION" | "COERCE" | "ASSAULT" => true,
        // condemnations and accusations; "investigate" is filed under ACCUSE too
        "ACCUSE" => !e.trigger_text.to_lowercase().starts_with("investigat"),
        _ => false,
    }
}

/// Support that is courtesy rather than alignment: welcoming, praising, thanking, condolences.
fn is_courtesy(trigger: &str) -> bool {
    let t = trigger.to_lowercase();
    ["welcom", "prais", "thank", "congratul", "commend", "apolog", "condolen", "hail", "applaud", "laud", "admir", "recogni", "express"]
        .iter()
        .any(|w| t.contains(w))
}

/// The act is what someone is accused of ("accused by officials of backing the rebels"):
/// support alleged by others shows no alliance, whatever modality the event stage gave it.
fn in_accusation(e: &EventLite) -> bool {
    let ev = e.evidence_text.to_lowercase();
    let trig = e.trigger_text.to_lowercase();
    let Some(p) = (if trig.is_empty() { None } else { ev.find(&trig) }) else { return false };
    let mut s = p.saturating_sub(80);
    while !ev.is_char_boundary(s) {
        s -= 1;
    }
    let before = &ev[s..p];
    let before = before.rsplit([';', '.']).next().unwrap_or(before);
    ["accused", "accuses", "accusing", "alleged", "allegedly", "denied", "denies", "suspected of"].iter().any(|w| before.contains(w))
        && before.contains(" of ")
}

fn is_group(a: &ActorRef) -> bool {
    matches!(a.kind, ActorKind::Group)
        || a.sector.as_deref().is_some_and(|s| matches!(s, "REB" | "PRM" | "INS" | "SEP" | "CRM"))
}

fn ev_evidence(e: &EventLite, rule: &str) -> RelationEvidence {
    RelationEvidence {
        doc: e.doc.clone(),
        span: e.evidence_span,
        text: e.evidence_text.clone(),
        rule: format!("events:{rule}"),
        events: vec![e.id.clone()],
    }
}

/// The state of an armed group's country, as an actor.
fn own_state(group: &ActorRef) -> Option<ActorRef> {
    let c = group.country.as_deref()?;
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) || c == group.key {
        return None;
    }
    Some(ActorRef {
        text: c.to_string(),
        key: c.to_string(),
        id: c.to_string(),
        name: c.to_string(),
        kind: ActorKind::State,
        country: Some(c.to_string()),
        sector: None,
        role: None,
        role_from: None,
        role_to: None,
    })
}

fn distinct_bound(v: &[Bound]) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    for b in v {
        if known(&b.actor) && !out.iter().any(|x| x.key == b.actor.key) {
            out.push(b.actor.as_ref().clone());
        }
    }
    out
}

fn distinct_known(v: &[ActorRef]) -> Vec<&ActorRef> {
    let mut out: Vec<&ActorRef> = Vec::new();
    for a in v {
        if known(a) && !out.iter().any(|x| x.key == a.key) {
            out.push(a);
        }
    }
    out
}

/// One hostile act: the event, its source and its target.
type HostileAct<'a> = (&'a EventLite, ActorRef, ActorRef);

/// Relations the asserted events show. Works over one document's events or many
/// documents' (repeated threats across documents count together).
pub fn event_relations(events: &[EventLite], out: &mut Collector) {
    let mut threats: HashMap<(String, String), Vec<&EventLite>> = HashMap::new();
    let mut hostile: HashMap<(String, String), Vec<HostileAct>> = HashMap::new();
    let mut allies: Vec<Relation> = Vec::new();
    for e in events.iter().filter(|e| e.modality == Modality::Asserted) {
        let src = distinct_known(&e.source);
        let tgt = distinct_known(&e.target);
        if is_hostile(e) {
            for s in &src {
                for t in tgt.iter().filter(|t| t.key != s.key) {
                    let k = if s.key <= t.key { (s.key.clone(), t.key.clone()) } else { (t.key.clone(), s.key.clone()) };
                    hostile.entry(k).or_default().push((e, (*s).clone(), (*t).clone()));
                }
            }
        }
        // two parties agreeing a ceasefire or a peace deal were at war
        if matches!(e.event_type.as_str(), "AGREE" | "CONCEDE" | "RETREAT")
            && src.len() >= 2
            && (is_truce_text(&e.trigger_text) || is_truce_text(&e.evidence_text))
        {
            for i in 0..src.len() {
                for j in i + 1..src.len() {
                    out.add(rel(
                        RelationType::Adversary,
                        src[i].clone(),
                        Some(src[j].clone()),
                        vec![],
                        0.6,
                        e.date.clone(),
                        ev_evidence(e, "truce-parties"),
                    ));
                }
            }
        }
        match e.event_type.as_str() {
            "CONSULT" if e.mode.as_deref().is_some_and(|m| m == "third-party" || m == "mediate") => {
                for m in &src {
                    let parties: Vec<&&ActorRef> = tgt.iter().filter(|t| t.key != m.key).collect();
                    for i in 0..parties.len() {
                        for j in i + 1..parties.len() {
                            out.add(rel(
                                RelationType::Mediator,
                                (*m).clone(),
                                None,
                                vec![(*parties[i]).clone(), (*parties[j]).clone()],
                                0.7,
                                e.date.clone(),
                                ev_evidence(e, "third-party-consult"),
                            ));
                        }
                    }
                }
            }
            "ASSAULT" => {
                // those who strike a common target together are allies ("U.S. and British warplanes struck ...")
                if !tgt.is_empty() {
                    let co: Vec<&&ActorRef> = src.iter().filter(|s| !tgt.iter().any(|t| t.key == s.key)).collect();
                    for i in 0..co.len() {
                        for j in i + 1..co.len() {
                            allies.push(rel(
                                RelationType::Ally,
                                (**co[i]).clone(),
                                Some((**co[j]).clone()),
                                vec![],
                                0.5,
                                e.date.clone(),
                                ev_evidence(e, "joint-assault"),
                            ));
                        }
                    }
                }
                for s in &src {
                    for t in &tgt {
                        out.add(rel(
                            RelationType::Adversary,
                            (*s).clone(),
                            Some((*t).clone()),
                            vec![],
                            0.7,
                            e.date.clone(),
                            ev_evidence(e, "assault"),
                        ));
                    }
                }
            }
            "THREATEN" => {
                for s in &src {
                    for t in &tgt {
                        let k = if s.key <= t.key { (s.key.clone(), t.key.clone()) } else { (t.key.clone(), s.key.clone()) };
                        threats.entry(k).or_default().push(e);
                    }
                }
            }
            "AID" | "SUPPORT" | "COOPERATE" | "AGREE" => {
                let defend = e.event_type == "AGREE"
                    && (e.trigger_text.to_lowercase().contains("defend") || e.evidence_text.to_lowercase().contains("defend"));
                if e.event_type == "AGREE" && !defend {
                    continue;
                }
                if (e.event_type == "SUPPORT" && is_courtesy(&e.trigger_text)) || in_accusation(e) {
                    continue;
                }
                for s in &src {
                    for t in &tgt {
                        let (ty, rule, c) = if e.event_type == "AID" && is_group(t) && !is_group(s) {
                            (RelationType::Patron, "aid-to-group", 0.7)
                        } else if defend {
                            (RelationType::Ally, "defence-pledge", 0.6)
                        } else {
                            (RelationType::Ally, if e.event_type == "AID" { "aid" } else { "support-cooperate" }, 0.5)
                        };
                        allies.push(rel(ty, (*s).clone(), Some((*t).clone()), vec![], c, e.date.clone(), ev_evidence(e, rule)));
                    }
                }
            }
            _ => {}
        }
    }
    // threats repeated between a pair
    let mut ks: Vec<_> = threats.into_iter().collect();
    ks.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, evs) in ks {
        if evs.len() < 2 {
            continue;
        }
        let e0 = evs[0];
        let s = distinct_known(&e0.source)[0].clone();
        let t = distinct_known(&e0.target).into_iter().find(|t| t.key != s.key).cloned();
        let Some(t) = t else { continue };
        for e in evs {
            out.add(rel(RelationType::Adversary, s.clone(), Some(t.clone()), vec![], 0.35, e.date.clone(), ev_evidence(e, "repeated-threats")));
        }
    }
    // hostile acts repeated between a pair (sanctions and a threat, accusations both ways)
    let mut hs: Vec<_> = hostile.into_iter().collect();
    hs.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, evs) in hs {
        let distinct: std::collections::BTreeSet<&str> = evs.iter().map(|(e, _, _)| e.id.as_str()).collect();
        if distinct.len() < 2 || evs.iter().any(|(e, _, _)| e.event_type == "ASSAULT") {
            continue;
        }
        for (e, s, t) in &evs {
            out.add(rel(RelationType::Adversary, s.clone(), Some(t.clone()), vec![], 0.4, e.date.clone(), ev_evidence(e, "repeated-hostility")));
        }
    }
    // cooperation between a pair the same evidence shows in conflict is not an alliance
    for r in allies {
        let k = rel_key(&r);
        let adv = RelKey {
            relation_type: RelationType::Adversary,
            from: k.from.clone().min(k.others[0].clone()),
            others: vec![k.from.clone().max(k.others[0].clone())],
        };
        if !out.contains(&adv) {
            out.add(r);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Priors

/// Whether a document gives a knowledge-base prior a reason to be shown: both actors are
/// mentioned and (for a patron) the group is called a militia or proxy near a mention.
fn prior_applies(doc: &Document, keys: &HashSet<&str>, p: &Relation) -> bool {
    let to = match &p.to {
        Some(t) => t,
        None => return false,
    };
    if !keys.contains(p.from.key.as_str()) || !keys.contains(to.key.as_str()) {
        return false;
    }
    // A prior holds only on its dates (first_seen/last_seen: "YYYY", "YYYY-MM" or a full date).
    if let Some(d) = doc.date.map(|d| d.to_string()) {
        let starts_after = p.first_seen.as_deref().is_some_and(|f| d.as_str() < f);
        let ended_before = p.last_seen.as_deref().is_some_and(|t| !d.starts_with(t) && d.as_str() > t);
        if starts_after || ended_before {
            return false;
        }
    }
    if p.relation_type != RelationType::Patron {
        return true;
    }
    doc.mentions.iter().filter(|m| m.actor.as_ref().is_some_and(|a| a.key == to.key)).any(|m| {
        let mut s = m.span.start.saturating_sub(60);
        while !doc.text.is_char_boundary(s) {
            s -= 1;
        }
        let before = doc.text[s..m.span.start].to_lowercase();
        let before = before.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
        ["militia", "proxy", "proxies", "backed", "armed group"].iter().any(|w| before.contains(w))
    })
}

/// Adds the priors a document supports, marked `prior` and without evidence.
pub fn prior_relations(doc: &Document, priors: &[Relation], out: &mut Collector) {
    if priors.is_empty() {
        return;
    }
    // The keys the document mentions, gathered once rather than once per prior.
    let keys: HashSet<&str> = doc.mentions.iter().filter_map(|m| m.actor.as_ref()).map(|a| a.key.as_str()).collect();
    for p in priors {
        if prior_applies(doc, &keys, p) {
            let mut r = p.clone();
            r.prior = true;
            r.evidence.clear();
            out.add(r);
        }
    }
}

/// Everything one document shows: text, its asserted events, supported priors.
pub fn document_relations(doc: &Document, pats: &PatternSet, priors: &[Relation]) -> Vec<Relation> {
    let mut c = Collector::new();
    text_relations(doc, pats, &mut c);
    let evs: Vec<EventLite> = doc.events.iter().map(|e| EventLite::from_event(doc, e)).collect();
    event_relations(&evs, &mut c);
    insurgency_relations(doc, &mut c);
    prior_relations(doc, priors, &mut c);
    drop_allies_of_patrons(&mut c);
    c.into_vec()
}

/// An armed group that attacks or seizes places of its own country ("the rebels occupied
/// parts of the capital") fights that country's state. The event rules leave place targets
/// out (a place is not the one attacked), so this rule reads the events' raw targets.
fn insurgency_relations(doc: &Document, out: &mut Collector) {
    for e in doc.events.iter().filter(|e| e.modality == Modality::Asserted) {
        let seize = e.event_type == "COERCE" && e.mode.as_deref().is_some_and(|m| matches!(m, "seize" | "occupy" | "occupation"));
        if e.event_type != "ASSAULT" && !seize {
            continue;
        }
        for s in e.source.iter().filter(|s| known(s) && is_group(s)) {
            let Some(state) = own_state(s) else { continue };
            if e.target.iter().any(|t| t.key == state.key) {
                let lite = EventLite::from_event(doc, e);
                out.add(rel(RelationType::Adversary, s.clone(), Some(state), vec![], 0.6, lite.date.clone(), ev_evidence(&lite, "insurgency")));
            }
        }
    }
}

/// A patron and its client are not reported as allies as well: "Rwandan troops fought
/// alongside the rebels" of a Rwanda-backed group is the patronage, not a second relation.
fn drop_allies_of_patrons(c: &mut Collector) {
    // working with a mediator is part of the mediation ("ready to work with the AU"), not an alliance
    let weak: Vec<RelKey> = c
        .map
        .iter()
        .filter(|(k, r)| {
            k.relation_type == RelationType::Ally
                && !r.evidence.is_empty()
                && r.evidence.iter().all(|e| e.rule == "text:ally-working-with" || e.rule == "events:support-cooperate")
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in weak {
        let (a, b) = (&k.from, &k.others[0]);
        let mediates = c.map.keys().any(|m| {
            m.relation_type == RelationType::Mediator
                && ((m.from == *a && m.others.contains(b)) || (m.from == *b && m.others.contains(a)))
        });
        if mediates {
            c.remove(&k);
        }
    }
    let patrons: Vec<(String, String)> = c
        .keys()
        .filter(|k| k.relation_type == RelationType::Patron)
        .map(|k| {
            let o = k.others[0].clone();
            if k.from <= o { (k.from.clone(), o) } else { (o, k.from.clone()) }
        })
        .collect();
    for (a, b) in patrons {
        c.remove(&RelKey { relation_type: RelationType::Ally, from: a, others: vec![b] });
    }
}
