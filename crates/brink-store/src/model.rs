//! The model over the store: escalation (brink-model's `escalation::compute_acts`) and
//! relations merged across documents (brink-model's `Collector` plus the cross-document
//! event rules). The CLI (`brink escalation|relations --db`), the API and the dashboard all
//! call these, so they show the same numbers.
//!
//! Loading is separate from computing ([`EscalationData`], [`RelationSet`]) so the server
//! can keep one loaded copy per database state and answer many pairs from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use brink_core::{Modality, Relation};
use brink_model::escalation::{compute_acts, dyad_key, reporting_articles, Act, Alert, Params, SeriesRow, OVERALL};
use brink_model::relations::{event_relations, Collector};
use brink_model::{rel_key, EventLite};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::json::{event_from_json, relation_from_json};
use crate::query::{Filter, Page, TONE_SQL};
use crate::{Result, Store, StoreError};

/// How the escalation index is computed, for API users (docs/MODEL.md has the reasons).
pub const ESCALATION_METHOD: &str = "Per day: the sum of PLOVER scores (conflict negative, cooperation positive) of asserted events, each event cluster (reports of one act) counted once on its earliest event date, divided by the number of documents that report asserted events dated that day; index_7d and index_30d are trailing means over 7 and 30 days. Alerts: 'drop' when the 7-day index falls below the mean of the 30 days before that week by k standard deviations (floor min_sd, at least min_baseline_days of baseline); 'first_material_conflict' on a pair's first quad-4 act.";

/// One stored report of an event, as escalation needs it.
#[derive(Debug, Clone)]
pub struct Report {
    /// The reporting document (any id that is unique per document).
    pub doc: String,
    pub date: NaiveDate,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub score: f32,
    pub quad: u8,
    pub modality: Modality,
    /// Reports with the same cluster are one act.
    pub cluster: Option<String>,
}

/// Acts and the per-day normaliser, ready for any pair.
#[derive(Debug, Clone, Default)]
pub struct EscalationData {
    acts: Vec<Act>,
    articles: BTreeMap<NaiveDate, usize>,
    span: Option<(NaiveDate, NaiveDate)>,
}

/// A pair's (or the overall) escalation series and alerts.
#[derive(Debug, Clone, Serialize)]
pub struct Escalation {
    /// "A:B" (keys sorted) or "*" for every event.
    pub dyad: String,
    pub a: Option<String>,
    pub b: Option<String>,
    pub a_name: Option<String>,
    pub b_name: Option<String>,
    pub params: Params,
    /// One row per day of the corpus's event dates (cut to since/until), oldest first.
    pub series: Vec<SeriesRow>,
    pub alerts: Vec<Alert>,
}

impl Escalation {
    /// Days with at least one act.
    pub fn active_days(&self) -> usize {
        self.series.iter().filter(|r| r.events > 0).count()
    }
}

impl EscalationData {
    /// Builds acts from reports: asserted reports only; the normaliser counts every reporting
    /// document per event date (copies included), the acts count each cluster once.
    pub fn from_reports(reports: Vec<Report>) -> EscalationData {
        let reports: Vec<Report> = reports.into_iter().filter(|r| r.modality == Modality::Asserted).collect();
        let articles = reporting_articles(reports.iter().map(|r| (r.date, r.doc.as_str())));
        let span = match (reports.iter().map(|r| r.date).min(), reports.iter().map(|r| r.date).max()) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let acts = reports
            .into_iter()
            .map(|r| Act { date: r.date, sources: r.sources, targets: r.targets, score: r.score, quad: r.quad, modality: r.modality, cluster: r.cluster })
            .collect();
        EscalationData { acts, articles, span }
    }

    /// First and last event date of the corpus.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.span
    }

    pub fn articles_per_day(&self) -> &BTreeMap<NaiveDate, usize> {
        &self.articles
    }

    /// The series of one pair (keys, either order), or overall with `None`. Rolling values and
    /// baselines use the whole corpus; `since`/`until` only cut what is returned.
    pub fn series(&self, pair: Option<(&str, &str)>, since: Option<NaiveDate>, until: Option<NaiveDate>, p: &Params) -> Escalation {
        let (dyad, acts): (String, Vec<Act>) = match pair {
            Some((a, b)) => (
                dyad_key(a, b),
                self.acts
                    .iter()
                    .filter(|e| {
                        let has = |v: &[String], k: &str| v.iter().any(|x| x == k);
                        (has(&e.sources, a) && has(&e.targets, b)) || (has(&e.sources, b) && has(&e.targets, a))
                    })
                    .map(|e| {
                        // only this pair's sides, so the rows are this pair's
                        let keep = |v: &[String]| v.iter().filter(|x| *x == a || *x == b).cloned().collect();
                        Act { sources: keep(&e.sources), targets: keep(&e.targets), ..e.clone() }
                    })
                    .collect(),
            ),
            None => (OVERALL.to_string(), self.acts.iter().map(|e| Act { targets: vec![], ..e.clone() }).collect()),
        };
        let (rows, alerts) = compute_acts(&acts, &self.articles, p, self.span);
        let inside = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        let (a, b) = match pair {
            Some((x, y)) if x <= y => (Some(x.to_string()), Some(y.to_string())),
            Some((x, y)) => (Some(y.to_string()), Some(x.to_string())),
            None => (None, None),
        };
        Escalation {
            series: rows.into_iter().filter(|r| r.dyad == dyad && inside(r.date)).collect(),
            alerts: alerts.into_iter().filter(|al| al.dyad == dyad && inside(al.date)).collect(),
            dyad,
            a,
            b,
            a_name: None,
            b_name: None,
            params: p.clone(),
        }
    }

    /// The alerts of every pair and the overall series, oldest first.
    pub fn all_alerts(&self, p: &Params) -> Vec<Alert> {
        let mut by_pair: BTreeMap<(String, String), ()> = BTreeMap::new();
        for e in &self.acts {
            for s in e.sources.iter().filter(|s| !s.is_empty() && *s != "*") {
                for t in e.targets.iter().filter(|t| !t.is_empty() && *t != "*" && *t != s) {
                    let (x, y) = if s <= t { (s, t) } else { (t, s) };
                    by_pair.insert((x.clone(), y.clone()), ());
                }
            }
        }
        let mut out = self.series(None, None, None, p).alerts;
        for (a, b) in by_pair.keys() {
            out.extend(self.series(Some((a, b)), None, None, p).alerts);
        }
        out.sort_by(|x, y| (x.date, &x.dyad, &x.kind).cmp(&(y.date, &y.dyad, &y.kind)));
        out
    }
}

// ---------------------------------------------------------------------------------------
// Relations

/// An actor as relations show it: key and the name that stands for the key.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorBrief {
    pub key: String,
    pub name: String,
}

/// One piece of evidence of a merged relation, with links into the store.
#[derive(Debug, Clone, Serialize)]
pub struct RelationEvidenceView {
    /// The document's file id, as in `brink extract` output.
    pub doc: String,
    /// Database id of the document (link: /documents/{doc_id}), when stored.
    pub doc_id: Option<i64>,
    pub doc_title: Option<String>,
    pub text: String,
    /// Character span in the document.
    pub start: usize,
    pub end: usize,
    /// The pattern or event rule that found it ("text:iran-backed", "events:third-party-consult").
    pub rule: String,
    /// Database ids of the events it rests on (link: /documents/{doc_id}#e{id}).
    pub event_ids: Vec<i64>,
}

/// A relation merged across documents: one per type and actors, with all its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    /// Stable identity: "type:from>others" (others sorted for symmetric types and mediators).
    pub id: String,
    #[serde(rename = "type")]
    pub relation_type: String,
    pub from: ActorBrief,
    /// ally, adversary, patron: the other party.
    pub to: Option<ActorBrief>,
    /// mediator: the two parties.
    pub between: Vec<ActorBrief>,
    pub confidence: f32,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// A knowledge-base prior, not evidence from the text.
    pub prior: bool,
    /// Distinct documents among the evidence.
    pub documents: usize,
    pub evidence: Vec<RelationEvidenceView>,
}

impl RelationView {
    /// Every actor key the relation involves.
    pub fn keys(&self) -> Vec<&str> {
        let mut v = vec![self.from.key.as_str()];
        v.extend(self.to.as_ref().map(|a| a.key.as_str()));
        v.extend(self.between.iter().map(|a| a.key.as_str()));
        v
    }

    /// The undirected pairs the relation links, for network edges: from–to, or mediator–each party.
    pub fn edges(&self) -> Vec<(&str, &str)> {
        match &self.to {
            Some(t) => vec![(self.from.key.as_str(), t.key.as_str())],
            None => self.between.iter().map(|b| (self.from.key.as_str(), b.key.as_str())).collect(),
        }
    }
}

/// Every merged relation of a database (or of a JSONL file), strongest first.
#[derive(Debug, Clone, Default)]
pub struct RelationSet {
    pub relations: Vec<RelationView>,
}

/// Relations and events as read from records, before merging.
pub struct RelationInputs {
    pub relations: Vec<Relation>,
    pub events: Vec<EventLite>,
}

/// Database id and title of a document, by its file id.
pub type DocLookup<'a> = &'a dyn Fn(&str) -> Option<(i64, Option<String>)>;
/// Database id of an event, by document file id and event id.
pub type EventLookup<'a> = &'a dyn Fn(&str, &str) -> Option<i64>;

fn rel_id(r: &Relation) -> String {
    let k = rel_key(r);
    format!("{}:{}>{}", k.relation_type.as_str(), k.from, k.others.join("+"))
}

impl RelationSet {
    /// Merges per-document relations, adds the cross-document event rules (threats repeated
    /// across documents), and resolves names, document and event ids with the lookups given.
    pub fn build(
        inputs: RelationInputs,
        name_of: &mut dyn FnMut(&str) -> String,
        doc_of: DocLookup,
        event_of: EventLookup,
    ) -> RelationSet {
        let mut c = Collector::new();
        for r in inputs.relations {
            c.add(r);
        }
        event_relations(&inputs.events, &mut c);
        let mut rels = c.into_vec();
        rels.sort_by(|x, y| y.confidence.partial_cmp(&x.confidence).unwrap_or(std::cmp::Ordering::Equal).then_with(|| rel_key(x).cmp(&rel_key(y))));
        let mut brief = |a: &brink_core::ActorRef| ActorBrief { key: a.key.clone(), name: name_of(&a.key) };
        let relations = rels
            .iter()
            .map(|r| {
                let docs: BTreeSet<&str> = r.evidence.iter().map(|e| e.doc.as_str()).collect();
                RelationView {
                    id: rel_id(r),
                    relation_type: r.relation_type.as_str().to_string(),
                    from: brief(&r.from),
                    to: r.to.as_ref().map(&mut brief),
                    between: r.between.iter().map(&mut brief).collect(),
                    confidence: r.confidence,
                    first_seen: r.first_seen.clone(),
                    last_seen: r.last_seen.clone(),
                    prior: r.prior,
                    documents: docs.len(),
                    evidence: r
                        .evidence
                        .iter()
                        .map(|e| {
                            let d = doc_of(&e.doc);
                            RelationEvidenceView {
                                doc: e.doc.clone(),
                                doc_id: d.as_ref().map(|x| x.0),
                                doc_title: d.and_then(|x| x.1),
                                text: e.text.clone(),
                                start: e.span.start,
                                end: e.span.end,
                                rule: e.rule.clone(),
                                event_ids: e.events.iter().filter_map(|id| event_of(&e.doc, id)).collect(),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        RelationSet { relations }
    }

    /// Relations matching a filter: `actor` (any party), `actor2` (with actor: both involved),
    /// `typ` (ally, adversary, patron, mediator), `since`/`until` (seen in the period),
    /// `prior` (false: leave knowledge-base priors out), limit/offset.
    pub fn page(&self, f: &Filter) -> Result<Page<RelationView>> {
        let items = self.matching(f)?;
        let total = items.len() as i64;
        let page = items.into_iter().skip(f.offset() as usize).take(f.limit() as usize).cloned().collect();
        Ok(Page::new(page, total, f))
    }

    /// Every relation matching the filter (paging ignored).
    pub fn matching(&self, f: &Filter) -> Result<Vec<&RelationView>> {
        if let Some(t) = &f.typ {
            if !["ally", "adversary", "patron", "mediator"].contains(&t.as_str()) {
                return Err(StoreError::BadRequest(format!("type must be one of ally, adversary, patron, mediator; got '{t}'")));
            }
        }
        Ok(self
            .relations
            .iter()
            .filter(|r| f.typ.as_deref().is_none_or(|t| r.relation_type == t))
            .filter(|r| f.actor.as_deref().is_none_or(|a| r.keys().contains(&a)))
            .filter(|r| f.actor2.as_deref().is_none_or(|a| r.keys().contains(&a)))
            .filter(|r| f.prior.is_none_or(|p| p || !r.prior))
            .filter(|r| f.since.is_none_or(|s| r.last_seen.as_deref().is_none_or(|l| l >= s.to_string().as_str())))
            .filter(|r| f.until.is_none_or(|u| r.first_seen.as_deref().is_none_or(|x| x <= u.to_string().as_str())))
            .collect())
    }
}

// ---------------------------------------------------------------------------------------
// Loading from the store

impl Store {
    /// Changes whenever documents are added (the server's cache key for the model).
    pub fn fingerprint(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM documents", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    /// Every asserted, dated event with its actor keys and cluster, for escalation.
    pub fn escalation_data(&self) -> Result<EscalationData> {
        let mut sides: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
        {
            let mut st = self.conn.prepare(
                "SELECT x.event, x.side, x.key FROM event_actors x JOIN events e ON e.id = x.event
                 WHERE e.modality = 'asserted' AND e.date IS NOT NULL ORDER BY x.event, x.side, x.pos",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let (ev, side, key): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let e = sides.entry(ev).or_default();
                let v = if side == "source" { &mut e.0 } else { &mut e.1 };
                if !v.contains(&key) {
                    v.push(key);
                }
            }
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT e.id, e.doc_id, e.date, {TONE_SQL}, e.quad, e.cluster_id FROM events e WHERE e.modality = 'asserted' AND e.date IS NOT NULL"
        ))?;
        let mut rows = st.query([])?;
        let mut reports = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let date: String = r.get(2)?;
            let Ok(date) = NaiveDate::parse_from_str(date.get(..10).unwrap_or(&date), "%Y-%m-%d") else { continue };
            let (sources, targets) = sides.remove(&id).unwrap_or_default();
            reports.push(Report {
                doc: r.get::<_, i64>(1)?.to_string(),
                date,
                sources,
                targets,
                score: r.get::<_, f64>(3)? as f32,
                quad: r.get::<_, i64>(4)?.clamp(0, 4) as u8,
                modality: Modality::Asserted,
                cluster: Some(match r.get::<_, Option<i64>>(5)? {
                    Some(c) => format!("c{c}"),
                    None => format!("e{id}"),
                }),
            });
        }
        Ok(EscalationData::from_reports(reports))
    }

    /// The escalation of a pair (keys or ids, either order), or overall with `None`.
    pub fn escalation(&self, pair: Option<(&str, &str)>, since: Option<NaiveDate>, until: Option<NaiveDate>, p: &Params) -> Result<Escalation> {
        let data = self.escalation_data()?;
        self.escalation_from(&data, pair, since, until, p)
    }

    /// [`Store::escalation`] over data loaded before (resolves keys and names here).
    pub fn escalation_from(
        &self,
        data: &EscalationData,
        pair: Option<(&str, &str)>,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        p: &Params,
    ) -> Result<Escalation> {
        let keys = match pair {
            Some((a, b)) => Some((self.resolve_key(a)?, self.resolve_key(b)?)),
            None => None,
        };
        let mut e = data.series(keys.as_ref().map(|(a, b)| (a.as_str(), b.as_str())), since, until, p);
        if let (Some(a), Some(b)) = (&e.a, &e.b) {
            e.a_name = Some(self.name_of(a)?);
            e.b_name = Some(self.name_of(b)?);
        }
        Ok(e)
    }

    /// Stored relations and events, read back for merging.
    pub fn relation_inputs(&self) -> Result<RelationInputs> {
        let mut relations = Vec::new();
        {
            let mut st = self.conn.prepare("SELECT json FROM relations ORDER BY id")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                if let Ok(v) = serde_json::from_str::<Value>(&r.get::<_, String>(0)?) {
                    relations.extend(relation_from_json(&v));
                }
            }
        }
        let mut events = Vec::new();
        {
            let mut st = self.conn.prepare(
                "SELECT d.doc, d.date, e.json FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.modality = 'asserted' ORDER BY e.id",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let doc: String = r.get(0)?;
                let date = r.get::<_, Option<String>>(1)?.and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").ok());
                if let Ok(mut v) = serde_json::from_str::<Value>(&r.get::<_, String>(2)?) {
                    if v.get("doc").is_none() {
                        v["doc"] = Value::String(doc);
                    }
                    events.extend(event_from_json(&v, date).map(|p| p.event));
                }
            }
        }
        Ok(RelationInputs { relations, events })
    }

    /// Every relation merged across documents, with names and links resolved.
    pub fn relation_set(&self) -> Result<RelationSet> {
        let inputs = self.relation_inputs()?;
        let mut docs: HashMap<String, (i64, Option<String>)> = HashMap::new();
        {
            let mut st = self.conn.prepare("SELECT doc, id, title FROM documents ORDER BY id DESC")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                // lowest id wins for a file id seen twice
                docs.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        }
        let mut names: HashMap<String, String> = HashMap::new();
        let mut name_err = None;
        let mut name_of = |k: &str| -> String {
            if let Some(n) = names.get(k) {
                return n.clone();
            }
            let n = match self.name_of(k) {
                Ok(n) => n,
                Err(e) => {
                    name_err = Some(e);
                    k.to_string()
                }
            };
            names.insert(k.to_string(), n.clone());
            n
        };
        let doc_of = |d: &str| docs.get(d).cloned();
        let mut ev_st = self.conn.prepare("SELECT id FROM events WHERE doc_id = ?1 AND event_id = ?2")?;
        let ev_cache = std::cell::RefCell::new(&mut ev_st);
        let event_of = |d: &str, id: &str| -> Option<i64> {
            let (doc_id, _) = docs.get(d)?;
            ev_cache.borrow_mut().query_row(rusqlite::params![doc_id, id], |r| r.get(0)).ok()
        };
        let set = RelationSet::build(inputs, &mut name_of, &doc_of, &event_of);
        if let Some(e) = name_err {
            return Err(e);
        }
        Ok(set)
    }

    /// Relations merged across documents (see [`RelationSet::page`] for the filter).
    pub fn merged_relations(&self, f: &Filter) -> Result<Page<RelationView>> {
        self.relation_set()?.page(f)
    }
}

/// Relation types of a merged set by undirected pair of keys (for the network), priors left out.
pub fn types_by_pair(set: &RelationSet) -> BTreeMap<(String, String), Vec<String>> {
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for r in set.relations.iter().filter(|r| !r.prior) {
        for (a, b) in r.edges() {
            let k = if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
            let v = out.entry(k).or_default();
            if !v.contains(&r.relation_type) {
                v.push(r.relation_type.clone());
            }
        }
    }
    out
}
