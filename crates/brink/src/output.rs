//! Output records for `brink extract`: JSONL (the contract in shared/eval/README.md,
//! documented field by field in docs/OUTPUT.md), CSV and a terminal table.
//!
//! Spans are written as character offsets (`start`, `end`) into the document text,
//! so that any consumer can slice the text with them.

use std::collections::HashSet;

use brink_core::Document;
use serde_json::{json, Value};

// The record shapes live in brink-store (`brink_store::json`), which stores the same
// records: one implementation, with O(log n) byte→character offsets per span.
use brink_store::json::{actor_json, CharMap};

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

/// One `actor` record per distinct actor in the document, with its mention count and spans.
pub fn actor_records(doc: &Document, cm: &CharMap) -> Vec<Value> {
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
            .map(|m| json!({"span": cm.span(m.span), "text": doc.slice(m.span), "rule": m.rule, "confidence": m.confidence}))
            .collect();
        let mut v = actor_json(cm, a, None);
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
    let cm = CharMap::new(&doc.text);
    let mut out = vec![document_json(doc)];
    out.extend(actor_records(doc, &cm));
    out.extend(doc.events.iter().map(|e| brink_store::json::event_json(doc, &cm, e)));
    out.extend(doc.quotes.iter().map(|q| brink_store::json::quote_json(doc, &cm, q)));
    out.extend(doc.relations.iter().map(|r| brink_store::json::relation_json(doc, &cm, r)));
    out
}
