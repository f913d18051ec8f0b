//! `brink kb check`: validation of the data, as errors (fail CI) and warnings (reported).
//!
//! Alias collisions across entries are warnings, not errors: many are intended (a capital
//! that is also a surname, "Hamas" as both name and adjective, parent/child bodies).

use std::collections::HashSet;

use brink_core::Ontology;

use crate::date::is_valid_or_empty;
use crate::model::{AliasKind, EntryKind};
use crate::Kb;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub id: String,
    pub source: String,
    pub message: String,
}

fn valid_sector(s: &str) -> bool {
    matches!(s, "IGO" | "NGO" | "ELI") || Ontology::get().is_sector(s)
}

/// Checks the loaded KB (built-in data plus overlays).
pub fn check(kb: &Kb) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |sev: Severity, id: &str, source: &str, msg: String| {
        out.push(Finding { severity: sev, id: id.to_string(), source: source.to_string(), message: msg })
    };
    for n in kb.load_notes() {
        if n.duplicate {
            push(Severity::Error, &n.id, &n.second, format!("duplicate id (also in {})", n.first));
        } else {
            push(Severity::Warning, &n.id, &n.second, format!("overrides the entry from {}", n.first));
        }
    }
    let states: HashSet<&str> = kb.entries().iter().filter(|e| e.kind == EntryKind::State).map(|e| e.id.as_str()).collect();
    let orgs: HashSet<&str> =
        kb.entries().iter().filter(|e| matches!(e.kind, EntryKind::Igo | EntryKind::Group | EntryKind::Institution)).map(|e| e.id.as_str()).collect();
    for e in kb.entries() {
        let (id, src) = (e.id.as_str(), e.source.as_str());
        if e.id.trim().is_empty() {
            push(Severity::Error, id, src, format!("entry '{}' has no id", e.name));
        }
        if e.name.trim().is_empty() {
            push(Severity::Error, id, src, "entry has no name".into());
        }
        if let Some(s) = &e.sector {
            if !valid_sector(s) {
                push(Severity::Error, id, src, format!("unknown sector code '{s}'"));
            }
        }
        match e.kind {
            EntryKind::State => {
                if e.id.len() != 3 || !e.id.bytes().all(|b| b.is_ascii_uppercase()) {
                    push(Severity::Error, id, src, "state id must be an ISO 3166-1 alpha-3 code".into());
                }
                if e.adjectives.is_empty() {
                    push(Severity::Warning, id, src, "state has no adjectives".into());
                }
            }
            EntryKind::Institution => {
                match (&e.country, &e.org) {
                    (Some(c), _) if !states.contains(c.as_str()) => push(Severity::Error, id, src, format!("unknown country '{c}'")),
                    (None, Some(o)) if !orgs.contains(o.as_str()) => push(Severity::Error, id, src, format!("unknown org id '{o}'")),
                    (None, None) => push(Severity::Error, id, src, "institution has neither country nor org".into()),
                    _ => {}
                }
                if e.sector.is_none() {
                    push(Severity::Error, id, src, "institution has no sector".into());
                }
            }
            EntryKind::Igo | EntryKind::Group => {
                if e.key.trim().is_empty() {
                    push(Severity::Error, id, src, "missing key".into());
                }
                if let Some(c) = &e.country {
                    if !states.contains(c.as_str()) {
                        push(Severity::Error, id, src, format!("unknown country '{c}'"));
                    }
                }
                for (what, list) in [("patron", &e.patrons), ("governs", &e.governs)] {
                    for p in list {
                        if !states.contains(p.country.as_str()) {
                            push(Severity::Error, id, src, format!("{what}: unknown ISO code '{}'", p.country));
                        }
                        for d in [&p.from, &p.to] {
                            if !is_valid_or_empty(d) {
                                push(Severity::Error, id, src, format!("{what}: malformed date '{d}'"));
                            }
                        }
                    }
                }
            }
            EntryKind::Person => {
                if e.roles.is_empty() {
                    push(Severity::Warning, id, src, "person has no roles".into());
                }
                if let Some(d) = &e.died {
                    if !is_valid_or_empty(d) {
                        push(Severity::Error, id, src, format!("malformed died date '{d}'"));
                    }
                }
                for r in &e.roles {
                    match (&r.country, &r.org) {
                        (Some(c), _) if !states.contains(c.as_str()) => push(Severity::Error, id, src, format!("role '{}': unknown ISO code '{c}'", r.title)),
                        (None, Some(o)) if !orgs.contains(o.as_str()) => push(Severity::Error, id, src, format!("role '{}': unknown org id '{o}'", r.title)),
                        (None, None) => push(Severity::Error, id, src, format!("role '{}' has neither country nor org", r.title)),
                        _ => {}
                    }
                    if !valid_sector(&r.sector) {
                        push(Severity::Error, id, src, format!("role '{}': unknown sector code '{}'", r.title, r.sector));
                    }
                    for d in [&r.from, &r.to] {
                        if !is_valid_or_empty(d) {
                            push(Severity::Error, id, src, format!("role '{}': malformed date '{d}'", r.title));
                        }
                    }
                    if let (Some(f), Some(t)) = (r.from_date(), r.to_date()) {
                        if t < f {
                            push(Severity::Error, id, src, format!("role '{}': ends ({}) before it starts ({})", r.title, r.to, r.from));
                        }
                    }
                }
                // Overlapping roles with the same holder, place and title.
                for (a, ra) in e.roles.iter().enumerate() {
                    for rb in &e.roles[a + 1..] {
                        if ra.title != rb.title || ra.country != rb.country || ra.org != rb.org {
                            continue;
                        }
                        let (fa, fb) = (ra.from_date(), rb.from_date());
                        let (ta, tb) = (ra.to_date().unwrap_or(chrono::NaiveDate::MAX), rb.to_date().unwrap_or(chrono::NaiveDate::MAX));
                        if let (Some(fa), Some(fb)) = (fa, fb) {
                            if fa < tb && fb < ta {
                                push(Severity::Error, id, src, format!("overlapping roles '{}' ({}..{} and {}..{})", ra.title, ra.from, ra.to, rb.from, rb.to));
                            }
                        }
                    }
                }
            }
        }
    }
    // Alias collisions between different entries (surnames excluded: they are expected to collide).
    let mut keys: Vec<(&str, &[crate::Hit])> = kb.index.all().collect();
    keys.sort_by_key(|k| k.0);
    for (key, hits) in keys {
        let mut ents: Vec<u32> = hits.iter().filter(|h| h.kind != AliasKind::Surname).map(|h| h.entry).collect();
        ents.sort();
        ents.dedup();
        if ents.len() < 2 {
            continue;
        }
        let es: Vec<&crate::Entry> = ents.iter().map(|&i| kb.entry(i as usize)).collect();
        // Same key and one is the parent of the others: intended (UN / UNSC).
        let same_key = es.iter().all(|e| e.key == es[0].key && !e.key.is_empty());
        let ids: Vec<String> = es.iter().map(|e| format!("{}:{}", e.kind.as_str(), e.id)).collect();
        let sev = if same_key { continue } else { Severity::Warning };
        push(sev, &es[0].id, &es[0].source, format!("alias '{key}' is shared by {}", ids.join(", ")));
    }
    out
}
