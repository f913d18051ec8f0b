//! One event per real-world act: events from different documents that report the same
//! act (same type, same source and target key sets, dates within a day, same place when
//! both know it) share a cluster id, with support counts (documents, distinct outlets).
//!
//! Why: ten outlets reporting one strike are one strike; escalation counts clusters, and
//! support tells an analyst how widely an act is reported.

use std::collections::{BTreeSet, HashMap};

use brink_core::{Document, Event};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What identifies an act across documents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActKey {
    pub event_type: String,
    pub source: BTreeSet<String>,
    pub target: BTreeSet<String>,
    pub date: Option<NaiveDate>,
    /// ISO alpha-3 of the place, when the event has one.
    pub place_country: Option<String>,
    /// The place as written, lowercased, when the event has one.
    pub place: Option<String>,
}

fn keys(v: &[brink_core::ActorRef]) -> BTreeSet<String> {
    v.iter().map(|a| a.key.clone()).filter(|k| !k.is_empty()).collect()
}

pub fn act_key(e: &Event) -> ActKey {
    ActKey {
        event_type: e.event_type.clone(),
        source: keys(&e.source),
        target: keys(&e.target),
        date: e.date.as_ref().and_then(|d| d.date),
        place_country: e.place.as_ref().and_then(|p| p.country.clone()),
        place: e.place.as_ref().map(|p| p.text.trim().to_lowercase()).filter(|s| !s.is_empty()),
    }
}

/// Same act: same type and actor key sets, dates within one day (or both unknown),
/// and the same place when both events name one (country if both know it, else the name).
pub fn same_act(a: &ActKey, b: &ActKey) -> bool {
    if a.event_type != b.event_type || a.source != b.source || a.target != b.target {
        return false;
    }
    let dates_ok = match (a.date, b.date) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= 1,
        (None, None) => true,
        _ => false,
    };
    if !dates_ok {
        return false;
    }
    match (&a.place_country, &b.place_country) {
        (Some(x), Some(y)) if x != y => return false,
        (Some(_), Some(_)) => return true,
        _ => {}
    }
    match (&a.place, &b.place) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The outlet of a document: its `source`, else the host of its URL (without "www.").
pub fn outlet(doc: &Document) -> Option<String> {
    if let Some(s) = doc.source.as_ref().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        return Some(s.to_lowercase());
    }
    doc.url.as_deref().and_then(url_host)
}

pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// One cluster of events that report the same act.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    pub id: u64,
    pub key: ActKey,
    /// (document id, event id) of every member.
    pub members: Vec<(String, String)>,
    pub documents: BTreeSet<String>,
    pub outlets: BTreeSet<String>,
}

impl Cluster {
    /// Documents that report the act.
    pub fn support(&self) -> usize {
        self.documents.len()
    }
    pub fn outlet_support(&self) -> usize {
        self.outlets.len()
    }
}

/// Assigns cluster ids to events as they arrive (in memory; the store persists the ids).
#[derive(Default)]
pub struct Clusterer {
    clusters: Vec<Cluster>,
    /// (type, source, target) → indices into `clusters`.
    index: HashMap<(String, BTreeSet<String>, BTreeSet<String>), Vec<usize>>,
}

impl Clusterer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one event of a document; returns its cluster id.
    pub fn add(&mut self, doc_id: &str, outlet: Option<&str>, e: &Event) -> u64 {
        self.add_key(doc_id, &e.id, outlet, act_key(e))
    }

    /// Adds every event of a document; returns the cluster ids in event order.
    pub fn add_document(&mut self, doc: &Document) -> Vec<u64> {
        let o = outlet(doc);
        doc.events.iter().map(|e| self.add(&doc.id, o.as_deref(), e)).collect()
    }

    pub fn add_key(&mut self, doc_id: &str, event_id: &str, outlet: Option<&str>, key: ActKey) -> u64 {
        let ik = (key.event_type.clone(), key.source.clone(), key.target.clone());
        let slot = self.index.entry(ik).or_default();
        let found = slot.iter().copied().find(|&i| same_act(&self.clusters[i].key, &key));
        let i = match found {
            Some(i) => i,
            None => {
                let id = self.clusters.len() as u64;
                self.clusters.push(Cluster {
                    id,
                    key,
                    members: Vec::new(),
                    documents: BTreeSet::new(),
                    outlets: BTreeSet::new(),
                });
                slot.push(id as usize);
                id as usize
            }
        };
        let c = &mut self.clusters[i];
        c.members.push((doc_id.to_string(), event_id.to_string()));
        c.documents.insert(doc_id.to_string());
        if let Some(o) = outlet {
            c.outlets.insert(o.to_string());
        }
        c.id
    }

    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }
    pub fn get(&self, id: u64) -> Option<&Cluster> {
        self.clusters.get(id as usize)
    }
}
