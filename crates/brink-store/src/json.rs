//! JSON records stored with each row, in the same shapes `brink extract` writes
//! (crates/brink/src/output.rs, docs/OUTPUT.md): spans are character offsets.

use brink_core::{ActorRef, Document, Event, Quote, Relation, Span};
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
        "speaker": q.speaker.as_ref().map(|a| actor_json(cm, a, q.speaker_span)),
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
