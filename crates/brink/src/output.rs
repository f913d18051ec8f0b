//! Output records for `brink extract`: JSONL (the contract in shared/eval/README.md,
//! documented field by field in docs/OUTPUT.md), CSV and a terminal table.
//!
//! Spans are written as character offsets (`start`, `end`) into the document text,
//! so that any consumer can slice the text with them.

use std::collections::HashSet;

use brink_core::{ActorRef, Document, Event, Quote, Relation, Span};
use serde_json::{json, Value};

fn span_json(doc: &Document, s: Span) -> Value {
    json!({"start": doc.char_offset(s.start), "end": doc.char_offset(s.end)})
}

pub fn actor_json(doc: &Document, a: &ActorRef, span: Option<Span>) -> Value {
    let mut v = json!({
        "text": a.text, "key": a.key, "id": a.id, "name": a.name, "kind": a.kind,
        "country": a.country, "sector": a.sector,
    });
    if let Some(role) = &a.role {
        v["role"] = json!(role);
        v["role_from"] = json!(a.role_from);
        v["role_to"] = json!(a.role_to);
    }
    if let Some(s) = span {
        v["span"] = span_json(doc, s);
    }
    v
}

fn actor_list(doc: &Document, actors: &[ActorRef], spans: &[Span]) -> Value {
    Value::Array(actors.iter().enumerate().map(|(i, a)| actor_json(doc, a, spans.get(i).copied())).collect())
}

pub fn document_json(doc: &Document) -> Value {
    json!({
        "kind": "document", "doc": doc.id, "id": doc.id, "origin": doc.origin,
        "title": doc.title, "date": doc.date.map(|d| d.to_string()), "date_origin": doc.date_origin,
        "url": doc.url, "source": doc.source, "content_hash": doc.content_hash,
        "chars": doc.text.chars().count(), "sentences": doc.sentences.len(),
        "events": doc.events.len(), "quotes": doc.quotes.len(), "relations": doc.relations.len(),
        "warnings": doc.warnings,
    })
}

pub fn event_json(doc: &Document, e: &Event) -> Value {
    json!({
        "kind": "event", "doc": doc.id, "id": e.id,
        "type": e.event_type, "mode": e.mode, "context": e.context,
        "modality": e.modality.as_str(), "modality_cue": e.modality_cue,
        "cameo": e.cameo, "score": e.score, "goldstein": e.goldstein, "quad": e.quad,
        "source": actor_list(doc, &e.source, &e.source_spans),
        "target": actor_list(doc, &e.target, &e.target_spans),
        "date": e.date.as_ref().map(|d| json!({
            "date": d.date.map(|x| x.to_string()), "end": d.end.map(|x| x.to_string()),
            "precision": d.precision, "text": d.text,
            "span": d.span.map(|s| span_json(doc, s)), "from_article_date": d.from_article_date,
        })),
        "place": e.place.as_ref().map(|p| json!({"text": p.text, "country": p.country, "span": span_json(doc, p.span)})),
        "trigger": {"text": doc.slice(e.trigger), "span": span_json(doc, e.trigger)},
        "evidence": {"text": doc.slice(e.evidence), "span": span_json(doc, e.evidence), "sentence": e.sentence},
        "rule": e.rule, "confidence": e.confidence, "quote": e.quote,
    })
}

pub fn quote_json(doc: &Document, q: &Quote) -> Value {
    json!({
        "kind": "quote", "doc": doc.id, "id": q.id, "quote_kind": q.kind, "text": q.text,
        "spans": q.spans.iter().map(|s| span_json(doc, *s)).collect::<Vec<_>>(),
        "speaker": q.named_speaker().map(|a| actor_json(doc, a, q.speaker_span)),
        "speaker_affiliation": q.speaker_affiliation().map(|a| actor_json(doc, a, q.speaker_span)),
        "cue": q.cue, "cue_span": q.cue_span.map(|s| span_json(doc, s)),
        "speech_act": q.speech_act, "events": q.events, "sentence": q.sentence,
        "rule": q.rule, "confidence": q.confidence,
    })
}

pub fn relation_json(doc: &Document, r: &Relation) -> Value {
    let mut v = json!({
        "kind": "relation", "doc": doc.id, "type": r.relation_type.as_str(),
        "from": actor_json(doc, &r.from, None),
        "confidence": r.confidence, "first_seen": r.first_seen, "last_seen": r.last_seen, "prior": r.prior,
        "evidence": r.evidence.iter().map(|e| json!({
            "doc": e.doc, "text": e.text, "span": span_json(doc, e.span), "rule": e.rule, "events": e.events,
        })).collect::<Vec<_>>(),
    });
    if let Some(to) = &r.to {
        v["to"] = actor_json(doc, to, None);
    }
    if !r.between.is_empty() {
        v["between"] = Value::Array(r.between.iter().map(|a| actor_json(doc, a, None)).collect());
    }
    v
}

/// One `actor` record per distinct actor in the document, with its mention count and spans.
pub fn actor_records(doc: &Document) -> Vec<Value> {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::new();
    for a in doc.distinct_actors() {
        if !seen.insert((a.key.clone(), a.id.clone())) {
            continue;
        }
        let mentions: Vec<Value> = doc
            .mentions
            .iter()
            .filter(|m| m.actor.as_ref().is_some_and(|x| x.id == a.id && x.key == a.key))
            .map(|m| json!({"span": span_json(doc, m.span), "text": doc.slice(m.span), "rule": m.rule, "confidence": m.confidence}))
            .collect();
        let mut v = actor_json(doc, a, None);
        v["kind_of_actor"] = v["kind"].take();
        v["kind"] = json!("actor");
        v["doc"] = json!(doc.id);
        v["mentions"] = Value::Array(mentions);
        out.push(v);
    }
    out
}

/// Every record for one document, in a stable order: document, actors, events, quotes, relations.
pub fn records(doc: &Document) -> Vec<Value> {
    let mut out = vec![document_json(doc)];
    out.extend(actor_records(doc));
    out.extend(doc.events.iter().map(|e| event_json(doc, e)));
    out.extend(doc.quotes.iter().map(|q| quote_json(doc, q)));
    out.extend(doc.relations.iter().map(|r| relation_json(doc, r)));
    out
}
