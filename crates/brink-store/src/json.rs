//! JSON records stored with each row, in the same shapes `brink extract` writes
//! (crates/brink/src/output.rs, docs/OUTPUT.md): spans are character offsets.

use brink_core::{ActorKind, ActorRef, Document, Event, Modality, Quote, Relation, RelationEvidence, RelationType, Span};
use brink_model::EventLite;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// Byte → character offsets for one text, in O(log n) per lookup.
pub struct CharMap {
    starts: Vec<usize>,
    len: usize,
}

impl CharMap {
    pub fn new(text: &str) -> CharMap {
        CharMap { starts: text.char_indices().map(|(b, _)| b).collect(), len: text.len() }
    }
    /// Character offset of a byte offset (rounded down to a char boundary, clamped to the text).
    pub fn char_of(&self, byte: usize) -> usize {
        let b = byte.min(self.len);
        let i = self.starts.partition_point(|&s| s <= b);
        if b == self.len {
            self.starts.len()
        } else {
            i.saturating_sub(1)
        }
    }
    pub fn span(&self, s: Span) -> Value {
        json!({"start": self.char_of(s.start), "end": self.char_of(s.end)})
    }
}

pub fn actor_json(cm: &CharMap, a: &ActorRef, span: Option<Span>) -> Value {
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
        v["span"] = cm.span(s);
    }
    v
}

fn actor_list(cm: &CharMap, actors: &[ActorRef], spans: &[Span]) -> Value {
    Value::Array(actors.iter().enumerate().map(|(i, a)| actor_json(cm, a, spans.get(i).copied())).collect())
}

pub fn event_json(doc: &Document, cm: &CharMap, e: &Event) -> Value {
    json!({
        "kind": "event", "doc": doc.id, "id": e.id,
        "type": e.event_type, "mode": e.mode, "context": e.context,
        "modality": e.modality.as_str(), "modality_cue": e.modality_cue,
        "cameo": e.cameo, "score": e.score, "goldstein": e.goldstein, "quad": e.quad,
        "source": actor_list(cm, &e.source, &e.source_spans),
        "target": actor_list(cm, &e.target, &e.target_spans),
        "date": e.date.as_ref().map(|d| json!({
            "date": d.date.map(|x| x.to_string()), "end": d.end.map(|x| x.to_string()),
            "precision": d.precision, "text": d.text,
            "span": d.span.map(|s| cm.span(s)), "from_article_date": d.from_article_date,
        })),
        "place": e.place.as_ref().map(|p| json!({"text": p.text, "country": p.country, "span": cm.span(p.span)})),
        "trigger": {"text": doc.slice(e.trigger), "span": cm.span(e.trigger)},
        "evidence": {"text": doc.slice(e.evidence), "span": cm.span(e.evidence), "sentence": e.sentence},
        "rule": e.rule, "confidence": e.confidence, "quote": e.quote,
    })
}

pub fn quote_json(doc: &Document, cm: &CharMap, q: &Quote) -> Value {
    json!({
        "kind": "quote", "doc": doc.id, "id": q.id, "quote_kind": q.kind, "text": q.text,
        "spans": q.spans.iter().map(|s| cm.span(*s)).collect::<Vec<_>>(),
        "speaker": q.named_speaker().map(|a| actor_json(cm, a, q.speaker_span)),
        "speaker_affiliation": q.speaker_affiliation().map(|a| actor_json(cm, a, q.speaker_span)),
        "cue": q.cue, "cue_span": q.cue_span.map(|s| cm.span(s)),
        "speech_act": q.speech_act, "events": q.events, "sentence": q.sentence,
        "rule": q.rule, "confidence": q.confidence,
    })
}

pub fn relation_json(doc: &Document, cm: &CharMap, r: &Relation) -> Value {
    let mut v = json!({
        "kind": "relation", "doc": doc.id, "type": r.relation_type.as_str(),
        "from": actor_json(cm, &r.from, None),
        "confidence": r.confidence, "first_seen": r.first_seen, "last_seen": r.last_seen, "prior": r.prior,
        "evidence": r.evidence.iter().map(|e| json!({
            "doc": e.doc, "text": e.text, "span": cm.span(e.span), "rule": e.rule, "events": e.events,
        })).collect::<Vec<_>>(),
    });
    if let Some(to) = &r.to {
        v["to"] = actor_json(cm, to, None);
    }
    if !r.between.is_empty() {
        v["between"] = Value::Array(r.between.iter().map(|a| actor_json(cm, a, None)).collect());
    }
    v
}

// ---------------------------------------------------------------------------------------
// Reading the records back (the store's `json` columns and `brink extract` JSONL alike)

/// An actor from a record: the full `ActorRef` shape, else any object with a `key`, else a bare key string.
pub fn actor_from_json(v: &Value) -> Option<ActorRef> {
    if let Ok(a) = serde_json::from_value::<ActorRef>(v.clone()) {
        return Some(a);
    }
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(|x| x.to_string());
    let key = s("key").or_else(|| v.as_str().map(|x| x.to_string()))?;
    Some(ActorRef {
        text: s("text").unwrap_or_else(|| key.clone()),
        id: s("id").unwrap_or_else(|| key.clone()),
        name: s("name").unwrap_or_else(|| key.clone()),
        key,
        kind: v.get("kind").and_then(|k| serde_json::from_value(k.clone()).ok()).unwrap_or(ActorKind::Unknown),
        country: s("country"),
        sector: s("sector"),
        role: None,
        role_from: None,
        role_to: None,
    })
}

/// A `{"start", "end"}` object as a span (of whatever unit the record uses).
pub fn span_from_json(v: Option<&Value>) -> Span {
    let g = |k: &str| v.and_then(|s| s.get(k)).and_then(|x| x.as_u64()).unwrap_or(0) as usize;
    let (a, b) = (g("start"), g("end"));
    Span::new(a.min(b), b.max(a))
}

/// A `kind: "relation"` record as a relation (evidence spans stay in the record's units).
pub fn relation_from_json(v: &Value) -> Option<Relation> {
    let t = match v.get("type")?.as_str()? {
        "ally" => RelationType::Ally,
        "adversary" => RelationType::Adversary,
        "patron" => RelationType::Patron,
        "mediator" => RelationType::Mediator,
        _ => return None,
    };
    let doc = v.get("doc").and_then(|d| d.as_str()).unwrap_or("").to_string();
    Some(Relation {
        relation_type: t,
        from: actor_from_json(v.get("from")?)?,
        to: v.get("to").and_then(actor_from_json),
        between: v.get("between").and_then(|b| b.as_array()).map(|b| b.iter().filter_map(actor_from_json).collect()).unwrap_or_default(),
        confidence: v.get("confidence").and_then(|c| c.as_f64()).unwrap_or(0.5) as f32,
        first_seen: v.get("first_seen").and_then(|x| x.as_str()).map(String::from),
        last_seen: v.get("last_seen").and_then(|x| x.as_str()).map(String::from),
        prior: v.get("prior").and_then(|x| x.as_bool()).unwrap_or(false),
        evidence: v
            .get("evidence")
            .and_then(|e| e.as_array())
            .map(|es| {
                es.iter()
                    .map(|e| RelationEvidence {
                        doc: e.get("doc").and_then(|d| d.as_str()).map(String::from).unwrap_or_else(|| doc.clone()),
                        span: span_from_json(e.get("span")),
                        text: e.get("text").and_then(|d| d.as_str()).unwrap_or("").to_string(),
                        rule: e.get("rule").and_then(|d| d.as_str()).unwrap_or("").to_string(),
                        events: e
                            .get("events")
                            .and_then(|x| x.as_array())
                            .map(|x| x.iter().filter_map(|i| i.as_str().map(String::from)).collect())
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// What a `kind: "event"` record gives the model: the event, and its place (lowercased
/// text, country) for clustering. The date is the event's, else `doc_date`.
pub struct ParsedEvent {
    pub event: EventLite,
    pub goldstein: Option<f32>,
    pub place: Option<String>,
    pub place_country: Option<String>,
}

pub fn event_from_json(v: &Value, doc_date: Option<NaiveDate>) -> Option<ParsedEvent> {
    let actors = |k: &str| -> Vec<ActorRef> {
        match v.get(k) {
            Some(Value::Array(a)) => a.iter().filter_map(actor_from_json).collect(),
            Some(x) if !x.is_null() => actor_from_json(x).into_iter().collect(),
            _ => vec![],
        }
    };
    let date = v
        .get("date")
        .and_then(|d| d.get("date").or(Some(d)))
        .and_then(|d| d.as_str())
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok())
        .or(doc_date);
    let ev = v.get("evidence");
    let place = v.get("place").filter(|p| !p.is_null());
    Some(ParsedEvent {
        event: EventLite {
            doc: v.get("doc").and_then(|d| d.as_str()).unwrap_or("").to_string(),
            id: v.get("id").and_then(|d| d.as_str()).unwrap_or("").to_string(),
            event_type: v.get("type")?.as_str()?.to_string(),
            mode: v.get("mode").and_then(|m| m.as_str()).map(String::from),
            quad: v.get("quad").and_then(|q| q.as_u64()).unwrap_or(0) as u8,
            score: v.get("score").and_then(|s| s.as_f64()).map(|s| s as f32),
            modality: v.get("modality").and_then(|m| m.as_str()).and_then(Modality::parse).unwrap_or_default(),
            source: actors("source"),
            target: actors("target"),
            date: date.map(|d| d.to_string()),
            evidence_text: ev.and_then(|e| e.get("text")).and_then(|t| t.as_str()).unwrap_or("").to_string(),
            evidence_span: span_from_json(ev.and_then(|e| e.get("span"))),
            trigger_text: v.get("trigger").and_then(|t| t.get("text")).and_then(|t| t.as_str()).unwrap_or("").to_string(),
            context: vec![],
        },
        goldstein: v.get("goldstein").and_then(|s| s.as_f64()).map(|s| s as f32),
        place: place.and_then(|p| p.get("text")).and_then(|t| t.as_str()).map(|t| t.trim().to_lowercase()),
        place_country: place.and_then(|p| p.get("country")).and_then(|t| t.as_str()).map(String::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_map_matches_document_char_offset() {
        let text = "Ça va — “oui” 123 é";
        let doc = Document::new("d", text);
        let cm = CharMap::new(text);
        for b in 0..=text.len() + 2 {
            assert_eq!(cm.char_of(b), doc.char_offset(b), "byte {b}");
        }
    }
}
