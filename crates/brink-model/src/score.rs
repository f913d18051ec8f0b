//! Relation scoring with the same keys as shared/eval/score.py (`rel_keys`), so
//! `brink eval` and the Python scorer agree: type and actor keys; ally and adversary
//! symmetric; mediator by `from` and the set of its two parties; sets, not multisets.

use std::collections::{BTreeSet, HashSet};

use brink_core::{Relation, RelationType};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Sym(String, BTreeSet<String>),
    Dir(String, String, String),
    Med(String, BTreeSet<String>),
}

fn gold_actor(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o.get("key").and_then(|k| k.as_str()).unwrap_or("?").to_string(),
        _ => "?".to_string(),
    }
}

fn key(typ: &str, from: String, to: Option<String>, between: Vec<String>) -> Key {
    match typ {
        "mediator" => Key::Med(from, between.into_iter().collect()),
        "ally" | "adversary" => {
            let to = to.unwrap_or_else(|| "?".into());
            Key::Sym(typ.to_string(), [from, to].into_iter().collect())
        }
        _ => Key::Dir(typ.to_string(), from, to.unwrap_or_else(|| "?".into())),
    }
}

fn gold_keys(gold: &Value) -> HashSet<Key> {
    let rels = gold.get("relations").and_then(|r| r.as_array()).or_else(|| gold.as_array());
    let mut out = HashSet::new();
    for r in rels.into_iter().flatten() {
        let typ = r.get("type").and_then(|t| t.as_str()).unwrap_or("").to_lowercase();
        let from = gold_actor(r.get("from"));
        let to = r.get("to").filter(|v| !v.is_null()).map(|v| gold_actor(Some(v)));
        let between = r.get("between").and_then(|b| b.as_array()).map(|b| b.iter().map(|x| gold_actor(Some(x))).collect()).unwrap_or_default();
        out.insert(key(&typ, from, to, between));
    }
    out
}

/// (true positives, distinct predicted keys, distinct gold keys) for one document.
/// `gold` is a gold document (with a "relations" array) or the array itself.
pub fn score_relations(gold: &Value, predicted: &[Relation]) -> (usize, usize, usize) {
    let g = gold_keys(gold);
    let p: HashSet<Key> = predicted
        .iter()
        .map(|r| {
            let typ = r.relation_type.as_str();
            let to = r.to.as_ref().map(|a| a.key.clone());
            let between = r.between.iter().map(|a| a.key.clone()).collect();
            key(typ, r.from.key.clone(), if r.relation_type == RelationType::Mediator { None } else { to }, between)
        })
        .collect();
    (g.intersection(&p).count(), p.len(), g.len())
}
