//! Read queries shared by the CLI (`brink events|quotes|actors|documents`) and the HTTP API.
//!
//! Every list query takes a [`Filter`] (validated by [`Filter::check`]) and returns a
//! [`Page`]: the items, the total number matching, and the paging used.


use chrono::NaiveDate;
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{Result, Store, StoreError};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;
pub const MAX_OFFSET: i64 = 1_000_000;

/// The score that stands for an event's tone, from -10 (conflict) to +10 (cooperation):
/// the PLOVER score, else the Goldstein value, else a value by quad class.
pub const TONE_SQL: &str = "COALESCE(e.score, e.goldstein, CASE e.quad WHEN 1 THEN 2.5 WHEN 2 THEN 7.0 WHEN 3 THEN -3.0 WHEN 4 THEN -8.0 ELSE 0 END)";

/// Support of the event's act (its cluster): documents, distinct outlets, reports (event rows).
/// An event without a cluster is its own act.
const SUPPORT_SQL: &str = "CASE WHEN e.cluster_id IS NULL THEN 1 ELSE (SELECT COUNT(DISTINCT x.doc_id) FROM events x WHERE x.cluster_id = e.cluster_id) END,
    CASE WHEN e.cluster_id IS NULL THEN (d.outlet IS NOT NULL AND d.outlet <> '') ELSE
      (SELECT COUNT(DISTINCT NULLIF(xd.outlet, '')) FROM events x JOIN documents xd ON xd.id = x.doc_id WHERE x.cluster_id = e.cluster_id) END,
    CASE WHEN e.cluster_id IS NULL THEN 1 ELSE (SELECT COUNT(*) FROM events x WHERE x.cluster_id = e.cluster_id) END";

/// The act an event row reports: its cluster, else itself (cluster ids are >= 0, event ids > 0).
pub const ACT_SQL: &str = "COALESCE(e.cluster_id, -e.id)";

/// Filters common to the list queries. Not every query uses every field; see each method.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filter {
    /// Actor key ("USA", "Hezbollah") or knowledge-base id ("antony-blinken").
    pub actor: Option<String>,
    /// With `actor`: only events between the two (either direction).
    pub actor2: Option<String>,
    /// With `actor`: "source" or "target".
    pub side: Option<String>,
    /// PLOVER event type for events; relation type (ally, adversary, patron, mediator) for relations.
    pub typ: Option<String>,
    pub modality: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Full-text search (words; the last one also matches as a prefix).
    pub search: Option<String>,
    /// Database id of a document.
    pub doc: Option<i64>,
    /// Event cluster id.
    pub cluster: Option<i64>,
    /// Events: "act" (default: one row per event cluster, its first report) or "report" (every copy).
    pub group: Option<String>,
    /// Relations: false leaves knowledge-base priors out.
    pub prior: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Filter {
    /// Checks values and normalises the type (upper case for PLOVER types).
    pub fn check(&mut self) -> Result<()> {
        let bad = |s: String| Err(StoreError::BadRequest(s));
        if let Some(l) = self.limit {
            if !(1..=MAX_LIMIT).contains(&l) {
                return bad(format!("limit must be between 1 and {MAX_LIMIT}, got {l}"));
            }
        }
        if let Some(o) = self.offset {
            if !(0..=MAX_OFFSET).contains(&o) {
                return bad(format!("offset must be between 0 and {MAX_OFFSET}, got {o}"));
            }
        }
        if let Some(m) = &self.modality {
            if brink_core::Modality::parse(m).is_none() {
                return bad(format!("modality must be one of asserted, negated, hypothetical, future; got '{m}'"));
            }
        }
        if let Some(s) = &self.side {
            if s != "source" && s != "target" {
                return bad(format!("side must be 'source' or 'target', got '{s}'"));
            }
        }
        if let (Some(a), Some(b)) = (self.since, self.until) {
            if a > b {
                return bad(format!("since ({a}) is after until ({b})"));
            }
        }
        if let Some(s) = &self.search {
            if s.chars().count() > 200 {
                return bad("search text is longer than 200 characters".into());
            }
            fts_query(s)?;
        }
        for (name, v) in [("actor", &self.actor), ("actor2", &self.actor2)] {
            if let Some(v) = v {
                if v.is_empty() || v.len() > 200 {
                    return bad(format!("{name} must be 1 to 200 characters"));
                }
            }
        }
        if self.actor2.is_some() && self.actor.is_none() {
            return bad("actor2 needs actor".into());
        }
        if let Some(g) = &self.group {
            if g != "act" && g != "report" {
                return bad(format!("group must be 'act' (one row per act) or 'report' (every report), got '{g}'"));
            }
        }
        Ok(())
    }

    fn event_type(&self) -> Result<Option<String>> {
        match &self.typ {
            None => Ok(None),
            Some(t) => {
                let up = t.to_ascii_uppercase();
                if brink_core::Ontology::get().is_type(&up) {
                    Ok(Some(up))
                } else {
                    let names: Vec<&str> = brink_core::Ontology::get().types.iter().map(|t| t.name.as_str()).collect();
                    Err(StoreError::BadRequest(format!("type must be a PLOVER event type ({}); got '{t}'", names.join(", "))))
                }
            }
        }
    }

    /// One row per act (the default) rather than per report?
    pub fn by_act(&self) -> bool {
        self.group.as_deref() != Some("report")
    }

    fn relation_type(&self) -> Result<Option<String>> {
        match self.typ.as_deref() {
            None => Ok(None),
            Some(t @ ("ally" | "adversary" | "patron" | "mediator")) => Ok(Some(t.to_string())),
            Some(t) => Err(StoreError::BadRequest(format!("type must be one of ally, adversary, patron, mediator; got '{t}'"))),
        }
    }

    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }
    pub fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).clamp(0, MAX_OFFSET)
    }
}

/// Turns user text into a safe FTS5 query: each word quoted, all required, the last also as a prefix.
pub fn fts_query(text: &str) -> Result<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| w.replace('"', ""))
        .collect();
    if words.is_empty() {
        return Err(StoreError::BadRequest("search needs at least one word".into()));
    }
    let n = words.len();
    Ok(words
        .iter()
        .enumerate()
        .map(|(i, w)| if i + 1 == n { format!("\"{w}\"*") } else { format!("\"{w}\"") })
        .collect::<Vec<_>>()
        .join(" "))
}

/// One page of results.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    /// Offset of the next page, when there is one.
    pub next_offset: Option<i64>,
}

impl<T> Page<T> {
    pub(crate) fn new(items: Vec<T>, total: i64, f: &Filter) -> Page<T> {
        let (limit, offset) = (f.limit(), f.offset());
        let next_offset = (offset + (items.len() as i64) < total && !items.is_empty()).then_some(offset + items.len() as i64);
        Page { items, total, limit, offset, next_offset }
    }
}

#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Sql>,
}

impl Where {
    fn add(&mut self, clause: &str, params: impl IntoIterator<Item = Sql>) {
        self.clauses.push(clause.to_string());
        self.params.extend(params);
    }
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn s(v: &str) -> Sql {
    Sql::Text(v.to_string())
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub doc: String,
    pub origin: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub content_hash: String,
    pub chars: i64,
    pub sentences: i64,
    pub mentions: i64,
    pub events: i64,
    pub quotes: i64,
    pub relations: i64,
    pub dup_group: Option<i64>,
    pub warnings: Vec<String>,
    pub ingested_at: String,
}

const DOC_COLS: &str = "d.id, d.doc, d.origin, d.title, d.url, d.source, d.date, d.content_hash, d.chars, d.n_sentences,
    d.n_mentions, d.n_events, d.n_quotes, d.n_relations, d.dup_group, d.warnings, d.ingested_at";

fn doc_row(r: &Row) -> rusqlite::Result<DocumentRow> {
    let w: String = r.get(15)?;
    Ok(DocumentRow {
        id: r.get(0)?,
        doc: r.get(1)?,
        origin: r.get(2)?,
        title: r.get(3)?,
        url: r.get(4)?,
        source: r.get(5)?,
        date: r.get(6)?,
        content_hash: r.get(7)?,
        chars: r.get(8)?,
        sentences: r.get(9)?,
        mentions: r.get(10)?,
        events: r.get(11)?,
        quotes: r.get(12)?,
        relations: r.get(13)?,
        dup_group: r.get(14)?,
        warnings: serde_json::from_str(&w).unwrap_or_default(),
        ingested_at: r.get(16)?,
    })
}

/// A stored document with its text and every annotation (spans in characters).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub row: DocumentRow,
    pub text: String,
    pub sentences: Vec<Value>,
    pub mentions: Vec<Value>,
    pub events: Vec<Value>,
    pub quotes: Vec<Value>,
    pub relations: Vec<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorSummary {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub mentions: i64,
    pub documents: i64,
    pub events_as_source: i64,
    pub events_as_target: i64,
    pub quotes: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// A role an entity held on the dates it was seen.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSeen {
    pub role: Option<String>,
    pub role_from: Option<String>,
    pub role_to: Option<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub mentions: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub roles: Vec<RoleSeen>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorDetail {
    #[serde(flatten)]
    pub summary: ActorSummary,
    /// The knowledge-base entities seen under this key (the state, its officials, ...).
    pub entities: Vec<Entity>,
}

/// Events between two actors (undirected pair, `a` < `b`), asserted events only.
#[derive(Debug, Clone, Serialize)]
pub struct Dyad {
    pub a: String,
    pub b: String,
    pub a_name: String,
    pub b_name: String,
    /// Acts (event clusters) between the two; copies of one act count once.
    pub events: i64,
    /// Event reports behind those acts (copies included).
    pub reports: i64,
    pub a_to_b: i64,
    pub b_to_a: i64,
    /// Acts of quad 3 and 4 (verbal and material conflict).
    pub conflict: i64,
    /// Acts of quad 1 and 2 (verbal and material cooperation).
    pub cooperation: i64,
    /// Mean tone from -10 (conflict) to +10 (cooperation).
    pub mean_tone: f64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// An act: the reports of one real-world act across documents (brink-model clusters).
#[derive(Debug, Clone, Serialize)]
pub struct ClusterSummary {
    pub cluster: i64,
    /// Documents that report the act.
    pub documents: i64,
    /// Distinct outlets among them (a document's source, else its URL's host).
    pub outlets: i64,
    /// Event reports (a document may report the act twice).
    pub reports: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The act's first report, as an event item.
    pub event: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterDetail {
    #[serde(flatten)]
    pub summary: ClusterSummary,
    pub outlet_names: Vec<String>,
    /// Every report, as event items.
    pub reports: Vec<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchPart {
    pub text: String,
    #[serde(rename = "match")]
    pub is_match: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// "document", "event" or "quote".
    pub kind: String,
    /// Database id of the hit (document, event or quote).
    pub id: i64,
    pub doc_id: i64,
    pub title: Option<String>,
    pub date: Option<String>,
    pub snippet: String,
    pub snippet_parts: Vec<SearchPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub schema_version: i64,
    pub documents: i64,
    /// Groups of near-duplicate documents (a document alone is its own group).
    pub document_groups: i64,
    pub events: i64,
    /// Event clusters: reports of the same act count once.
    pub acts: i64,
    pub quotes: i64,
    pub relations: i64,
    pub mentions: i64,
    pub actors: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

fn json_col(r: &Row, i: usize) -> rusqlite::Result<Value> {
    let t: String = r.get(i)?;
    Ok(serde_json::from_str(&t).unwrap_or(Value::Null))
}

const ACTOR_MATCH: &str = "(key = ? OR actor_id = ?)";

impl Store {
    pub fn stats(&self) -> Result<Stats> {
        let c = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let (first_date, last_date) =
            self.conn.query_row("SELECT MIN(date), MAX(date) FROM documents", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            documents: c("SELECT COUNT(*) FROM documents")?,
            document_groups: c("SELECT COUNT(DISTINCT COALESCE(dup_group, -id)) FROM documents")?,
            events: c("SELECT COUNT(*) FROM events")?,
            acts: c("SELECT COUNT(DISTINCT COALESCE(cluster_id, -id)) FROM events")?,
            quotes: c("SELECT COUNT(*) FROM quotes")?,
            relations: c("SELECT COUNT(*) FROM relations")?,
            mentions: c("SELECT COUNT(*) FROM mentions")?,
            actors: c("SELECT COUNT(DISTINCT key) FROM actors WHERE key <> '*'")?,
            first_date,
            last_date,
        })
    }

    fn count(&self, sql: &str, w: &Where) -> Result<i64> {
        Ok(self.conn.query_row(&format!("SELECT COUNT(*) FROM ({sql}{})", w.sql()), params_from_iter(w.params.iter()), |r| r.get(0))?)
    }

    // ---------------------------------------------------------------- documents

    /// Documents, newest first. Uses actor (mentioned), type (has an event of it), since/until
    /// (publication date), search (title and text), limit/offset.
    pub fn documents(&self, f: &Filter) -> Result<Page<DocumentRow>> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.add("d.id IN (SELECT doc_id FROM mentions WHERE (actor_key = ? OR actor_id = ?))", [s(a), s(a)]);
        }
        if let Some(t) = f.event_type()? {
            w.add("d.id IN (SELECT doc_id FROM events WHERE type = ?)", [Sql::Text(t)]);
        }
        if let Some(d) = f.since {
            w.add("d.date >= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.until {
            w.add("d.date <= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(q) = &f.search {
            w.add("d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)", [Sql::Text(fts_query(q)?)]);
        }
        let base = "SELECT d.id FROM documents d";
        let total = self.count(base, &w)?;
        let sql = format!("SELECT {DOC_COLS} FROM documents d{} ORDER BY d.date DESC, d.id DESC LIMIT {} OFFSET {}", w.sql(), f.limit(), f.offset());
        let mut st = self.conn.prepare(&sql)?;
        let items = st.query_map(params_from_iter(w.params.iter()), doc_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }

    pub fn document(&self, id: i64) -> Result<DocumentDetail> {
        let row = self
            .conn
            .query_row(&format!("SELECT {DOC_COLS} FROM documents d WHERE d.id = ?1"), [id], doc_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let text: String = self.conn.query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
        let mut st = self.conn.prepare_cached("SELECT idx, start, end, headline FROM sentences WHERE doc_id = ?1 ORDER BY idx")?;
        let sentences = st
            .query_map([id], |r| {
                Ok(json!({"index": r.get::<_, i64>(0)?, "start": r.get::<_, i64>(1)?, "end": r.get::<_, i64>(2)?, "headline": r.get::<_, bool>(3)?}))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT m.start, m.end, m.text, m.actor_key, m.actor_id, a.name, m.role, m.rule, m.confidence, m.is_place, m.sentence
             FROM mentions m LEFT JOIN actors a ON a.actor_id = m.actor_id WHERE m.doc_id = ?1 ORDER BY m.start",
        )?;
        let mentions = st
            .query_map([id], |r| {
                Ok(json!({
                    "start": r.get::<_, i64>(0)?, "end": r.get::<_, i64>(1)?, "text": r.get::<_, String>(2)?,
                    "key": r.get::<_, Option<String>>(3)?, "id": r.get::<_, Option<String>>(4)?,
                    "name": r.get::<_, Option<String>>(5)?, "role": r.get::<_, Option<String>>(6)?,
                    "rule": r.get::<_, String>(7)?, "confidence": r.get::<_, f64>(8)?, "is_place": r.get::<_, bool>(9)?,
                    "sentence": r.get::<_, i64>(10)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let events = self.events(&Filter { doc: Some(id), group: Some("report".into()), limit: Some(MAX_LIMIT), ..Default::default() })?.items;
        let quotes = self.quotes(&Filter { doc: Some(id), limit: Some(MAX_LIMIT), ..Default::default() })?.items;
        let relations = self.stored_relations(&Filter { doc: Some(id), limit: Some(MAX_LIMIT), ..Default::default() })?.items;
        Ok(DocumentDetail { row, text, sentences, mentions, events, quotes, relations })
    }

    // ---------------------------------------------------------------- events

    fn event_where(&self, f: &Filter) -> Result<Where> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            if let Some(b) = &f.actor2 {
                w.add(
                    "e.id IN (SELECT x.event FROM event_actors x JOIN event_actors y ON x.event = y.event AND x.side <> y.side
                      WHERE (x.key = ? OR x.actor_id = ?) AND (y.key = ? OR y.actor_id = ?))",
                    [s(a), s(a), s(b), s(b)],
                );
            } else if let Some(side) = &f.side {
                w.add(&format!("e.id IN (SELECT event FROM event_actors WHERE {ACTOR_MATCH} AND side = ?)"), [s(a), s(a), s(side)]);
            } else {
                w.add(&format!("e.id IN (SELECT event FROM event_actors WHERE {ACTOR_MATCH})"), [s(a), s(a)]);
            }
        }
        if let Some(t) = f.event_type()? {
            w.add("e.type = ?", [Sql::Text(t)]);
        }
        if let Some(m) = &f.modality {
            w.add("e.modality = ?", [s(m)]);
        }
        if let Some(d) = f.since {
            w.add("e.date >= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.until {
            w.add("e.date <= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(q) = &f.search {
            w.add("e.id IN (SELECT ref FROM evidence_fts WHERE evidence_fts MATCH ? AND kind = 'event')", [Sql::Text(fts_query(q)?)]);
        }
        if let Some(d) = f.doc {
            w.add("e.doc_id = ?", [Sql::Integer(d)]);
        }
        if let Some(c) = f.cluster {
            w.add("e.cluster_id = ?", [Sql::Integer(c)]);
        }
        if f.by_act() {
            // the first matching report of each act
            let mut g = Where::default();
            g.add(&format!("e.id IN (SELECT MIN(e.id) FROM events e{} GROUP BY {ACT_SQL})", w.sql()), w.params);
            return Ok(g);
        }
        Ok(w)
    }

    /// Events, newest first (in text order within a document). Uses every filter field
    /// except `typ` as a relation type; `group` "act" (default) gives one row per act (the first
    /// report of each event cluster), "report" every copy. Each item is the `brink extract`
    /// event record plus `db_id`, `doc_id`, `date_resolved` (event date, else article date),
    /// `tone`, `cluster` and its support: `support` (documents), `support_outlets`, `support_reports`.
    pub fn events(&self, f: &Filter) -> Result<Page<Value>> {
        let w = self.event_where(f)?;
        let total = self.count("SELECT e.id FROM events e", &w)?;
        let order = if f.doc.is_some() { "e.id" } else { "e.date DESC, e.doc_id DESC, e.id" };
        // Sort and cut the ids first, then read the wide columns of that page only.
        let sql = format!(
            "SELECT e.id, e.doc_id, e.date, e.cluster_id, {TONE_SQL}, e.json, d.date, {SUPPORT_SQL}
             FROM (SELECT e.id FROM events e{} ORDER BY {order} LIMIT {} OFFSET {}) page
             JOIN events e ON e.id = page.id JOIN documents d ON d.id = e.doc_id ORDER BY {order}",
            w.sql(),
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let items = st.query_map(params_from_iter(w.params.iter()), event_value)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }

    pub fn event(&self, id: i64) -> Result<Value> {
        self.conn
            .query_row(
                &format!("SELECT e.id, e.doc_id, e.date, e.cluster_id, {TONE_SQL}, e.json, d.date, {SUPPORT_SQL} FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id = ?1"),
                [id],
                event_value,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("event {id}")))
    }

    // ---------------------------------------------------------------- event clusters (acts)

    /// Acts (event clusters), most widely reported first. The event filters pick the acts (an
    /// act matches when one of its reports does); support counts every report of the act.
    pub fn clusters(&self, f: &Filter) -> Result<Page<ClusterSummary>> {
        let mut fr = f.clone();
        fr.group = Some("report".into());
        let w = self.event_where(&fr)?;
        let picked = format!("SELECT DISTINCT e.cluster_id FROM events e{} {} e.cluster_id IS NOT NULL", w.sql(), if w.clauses.is_empty() { "WHERE" } else { "AND" });
        let total: i64 = self.conn.query_row(&format!("SELECT COUNT(*) FROM ({picked})"), params_from_iter(w.params.iter()), |r| r.get(0))?;
        let sql = format!(
            "SELECT x.cluster_id, COUNT(DISTINCT x.doc_id) AS docs, COUNT(DISTINCT NULLIF(xd.outlet, '')) AS outs, COUNT(*), MIN(x.date), MAX(x.date), MIN(x.id)
             FROM events x JOIN documents xd ON xd.id = x.doc_id WHERE x.cluster_id IN ({picked})
             GROUP BY x.cluster_id ORDER BY docs DESC, outs DESC, MAX(x.date) DESC, x.cluster_id LIMIT {} OFFSET {}",
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(w.params.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?, r.get(4)?, r.get(5)?, r.get::<_, i64>(6)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (cluster, documents, outlets, reports, first_date, last_date, rep) in rows {
            items.push(ClusterSummary { cluster, documents, outlets, reports, first_date, last_date, event: self.event(rep)? });
        }
        Ok(Page::new(items, total, f))
    }

    /// One act: its support, the outlets that report it and every report.
    pub fn cluster(&self, id: i64) -> Result<ClusterDetail> {
        let summary = self
            .clusters(&Filter { cluster: Some(id), limit: Some(1), ..Default::default() })?
            .items
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("event cluster {id}")))?;
        let outlets: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT d.outlet FROM events x JOIN documents d ON d.id = x.doc_id WHERE x.cluster_id = ?1 AND d.outlet <> '' ORDER BY d.outlet",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let reports = self.events(&Filter { cluster: Some(id), group: Some("report".into()), limit: Some(MAX_LIMIT), ..Default::default() })?.items;
        Ok(ClusterDetail { summary, outlet_names: outlets, reports })
    }

    // ---------------------------------------------------------------- quotes

    /// Quotes, newest first. Uses actor (speaker), since/until, search, doc, limit/offset.
    pub fn quotes(&self, f: &Filter) -> Result<Page<Value>> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.add("(q.speaker_key = ? OR q.speaker_id = ?)", [s(a), s(a)]);
        }
        if let Some(d) = f.since {
            w.add("q.date >= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.until {
            w.add("q.date <= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(q) = &f.search {
            w.add("q.id IN (SELECT ref FROM evidence_fts WHERE evidence_fts MATCH ? AND kind = 'quote')", [Sql::Text(fts_query(q)?)]);
        }
        if let Some(d) = f.doc {
            w.add("q.doc_id = ?", [Sql::Integer(d)]);
        }
        let total = self.count("SELECT q.id FROM quotes q", &w)?;
        let order = if f.doc.is_some() { "q.id" } else { "q.date DESC, q.doc_id DESC, q.id" };
        let sql = format!(
            "SELECT q.id, q.doc_id, q.json FROM (SELECT q.id FROM quotes q{} ORDER BY {order} LIMIT {} OFFSET {}) page
             JOIN quotes q ON q.id = page.id ORDER BY {order}",
            w.sql(),
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let items = st
            .query_map(params_from_iter(w.params.iter()), |r| {
                let mut v = json_col(r, 2)?;
                v["db_id"] = json!(r.get::<_, i64>(0)?);
                v["doc_id"] = json!(r.get::<_, i64>(1)?);
                Ok(v)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }

    /// Speakers with their number of quotes, most quoted first.
    pub fn speakers(&self, f: &Filter) -> Result<Page<Value>> {
        let mut w = Where::default();
        w.add("q.speaker_id IS NOT NULL", []);
        if let Some(a) = &f.actor {
            w.add("(q.speaker_key = ? OR q.speaker_id = ?)", [s(a), s(a)]);
        }
        let base = "SELECT q.speaker_id FROM quotes q";
        let total = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM (SELECT DISTINCT q.speaker_id FROM quotes q{})", w.sql()),
            params_from_iter(w.params.iter()),
            |r| r.get(0),
        )?;
        let _ = base;
        let sql = format!(
            "SELECT q.speaker_id, MAX(q.speaker_key), MAX(q.speaker_name), COUNT(*), MIN(q.date), MAX(q.date) FROM quotes q{}
             GROUP BY q.speaker_id ORDER BY COUNT(*) DESC, q.speaker_id LIMIT {} OFFSET {}",
            w.sql(),
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let items = st
            .query_map(params_from_iter(w.params.iter()), |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?, "key": r.get::<_, Option<String>>(1)?, "name": r.get::<_, Option<String>>(2)?,
                    "quotes": r.get::<_, i64>(3)?, "first_seen": r.get::<_, Option<String>>(4)?, "last_seen": r.get::<_, Option<String>>(5)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }

    // ---------------------------------------------------------------- actors

    /// Actors (by key), most active first. Uses actor (exact key), search (key or name), limit/offset.
    pub fn actors(&self, f: &Filter) -> Result<Page<ActorSummary>> {
        let mut w = Where::default();
        w.add("k.key <> '*'", []);
        if let Some(a) = &f.actor {
            w.add("(k.key = ? OR k.key IN (SELECT key FROM actors WHERE actor_id = ?))", [s(a), s(a)]);
        }
        if let Some(q) = &f.search {
            let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            w.add(
                "k.key IN (SELECT key FROM actors WHERE key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')",
                [Sql::Text(like.clone()), Sql::Text(like)],
            );
        }
        let keys = "SELECT DISTINCT k.key FROM actors k";
        let total = self.count(keys, &w)?;
        let sql = format!(
            "WITH keys AS ({keys}{}),
             stats AS (SELECT key,
                (SELECT COUNT(*) FROM mentions m WHERE m.actor_key = keys.key) AS n_m,
                (SELECT COUNT(DISTINCT doc_id) FROM mentions m WHERE m.actor_key = keys.key) AS n_d,
                (SELECT COUNT(DISTINCT {ACT_SQL}) FROM event_actors x JOIN events e ON e.id = x.event WHERE x.key = keys.key AND x.side = 'source') AS n_s,
                (SELECT COUNT(DISTINCT {ACT_SQL}) FROM event_actors x JOIN events e ON e.id = x.event WHERE x.key = keys.key AND x.side = 'target') AS n_t,
                (SELECT COUNT(*) FROM quotes q WHERE q.speaker_key = keys.key) AS n_q
              FROM keys)
             SELECT key, n_m, n_d, n_s, n_t, n_q FROM stats
             ORDER BY (n_s + n_t) DESC, n_m DESC, key LIMIT {} OFFSET {}",
            w.sql(),
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(w.params.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for (key, n_m, n_d, n_s, n_t, n_q) in rows {
            let (name, kind, country, sector) = self.key_identity(&key)?;
            let (first_seen, last_seen) = self.conn.query_row(
                "SELECT MIN(d.date), MAX(d.date) FROM documents d WHERE d.id IN
                   (SELECT doc_id FROM mentions WHERE actor_key = ?1 UNION SELECT e.doc_id FROM events e JOIN event_actors x ON x.event = e.id WHERE x.key = ?1)",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            items.push(ActorSummary {
                key,
                name,
                kind,
                country,
                sector,
                mentions: n_m,
                documents: n_d,
                events_as_source: n_s,
                events_as_target: n_t,
                quotes: n_q,
                first_seen,
                last_seen,
            });
        }
        Ok(Page::new(items, total, f))
    }

    /// Name, kind, country and sector that stand for a key: the entity whose id is the key,
    /// else a state, group or international body under it, else any entity.
    fn key_identity(&self, key: &str) -> Result<(String, String, Option<String>, Option<String>)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT name, kind, country, sector FROM actors WHERE key = ?1
                 ORDER BY (actor_id = ?1 OR lower(actor_id) = lower(?1)) DESC, kind IN ('state', 'igo', 'group') DESC, actor_id LIMIT 1",
            )?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?
            .unwrap_or_else(|| (key.to_string(), "unknown".into(), None, None)))
    }

    /// One actor by key or knowledge-base id: who it is, and which entities and roles were seen under it.
    pub fn actor(&self, key_or_id: &str) -> Result<ActorDetail> {
        let key: String = self
            .conn
            .query_row("SELECT key FROM actors WHERE key = ?1 OR actor_id = ?1 ORDER BY key = ?1 DESC LIMIT 1", [key_or_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("actor {key_or_id}")))?;
        let summary = self
            .actors(&Filter { actor: Some(key.clone()), limit: Some(1), ..Default::default() })?
            .items
            .into_iter()
            .find(|a| a.key == key)
            .ok_or_else(|| StoreError::NotFound(format!("actor {key_or_id}")))?;
        let mut st = self.conn.prepare_cached("SELECT actor_id, name, kind, country, sector FROM actors WHERE key = ?1 ORDER BY actor_id")?;
        let ents = st
            .query_map([&key], |r| {
                Ok(Entity { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, country: r.get(3)?, sector: r.get(4)?, roles: vec![] })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut entities = Vec::new();
        for mut e in ents {
            let mut st = self.conn.prepare_cached(
                "SELECT m.role, m.role_from, m.role_to, MIN(d.date), MAX(d.date), COUNT(*) FROM mentions m JOIN documents d ON d.id = m.doc_id
                 WHERE m.actor_id = ?1 GROUP BY m.role, m.role_from, m.role_to ORDER BY MIN(d.date)",
            )?;
            e.roles = st
                .query_map([&e.id], |r| {
                    Ok(RoleSeen {
                        role: r.get(0)?,
                        role_from: r.get(1)?,
                        role_to: r.get(2)?,
                        first_seen: r.get(3)?,
                        last_seen: r.get(4)?,
                        mentions: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            entities.push(e);
        }
        // Keep the entity that stands for the key first.
        entities.sort_by_key(|e| (e.id != key && !e.id.eq_ignore_ascii_case(&key), e.kind != "state" && e.kind != "igo" && e.kind != "group"));
        Ok(ActorDetail { summary, entities })
    }

    pub(crate) fn name_of(&self, key: &str) -> Result<String> {
        Ok(self.key_identity(key)?.0)
    }

    // ---------------------------------------------------------------- dyads and escalation

    /// Pairs of actors with asserted events between them, busiest first. Uses actor (one side),
    /// actor2 (the other), since/until, type, limit/offset.
    pub fn dyads(&self, f: &Filter) -> Result<Page<Dyad>> {
        let mut w = Where::default();
        w.add("e.modality = 'asserted'", []);
        if let Some(d) = f.since {
            w.add("e.date >= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.until {
            w.add("e.date <= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(t) = f.event_type()? {
            w.add("e.type = ?", [Sql::Text(t)]);
        }
        // one row per (act, pair, direction): copies of an act count once
        let inner = format!(
            "SELECT {ACT_SQL} AS act, MIN(p.a, p.b) AS a, MAX(p.a, p.b) AS b, p.a AS src, MIN(e.quad) AS quad, AVG({TONE_SQL}) AS tone,
                MIN(e.date) AS date, MAX(e.date) AS last, COUNT(DISTINCT e.id) AS reports
             FROM event_dyads p JOIN events e ON e.id = p.event{} GROUP BY 1, 2, 3, 4",
            w.sql()
        );
        let mut outer = Where::default();
        if let Some(a) = &f.actor {
            let k = self.resolve_key(a)?;
            outer.add("(a = ? OR b = ?)", [s(&k), s(&k)]);
            if let Some(b) = &f.actor2 {
                let k2 = self.resolve_key(b)?;
                outer.add("(a = ? OR b = ?)", [s(&k2), s(&k2)]);
            }
        }
        let mut params = w.params.clone();
        params.extend(outer.params.iter().cloned());
        let grouped = format!(
            "SELECT a, b, COUNT(DISTINCT act) AS n, COUNT(DISTINCT CASE WHEN src = a THEN act END), COUNT(DISTINCT CASE WHEN src = b THEN act END),
                COUNT(DISTINCT CASE WHEN quad >= 3 THEN act END), COUNT(DISTINCT CASE WHEN quad IN (1, 2) THEN act END), AVG(tone), MIN(date), MAX(last),
                SUM(reports)
             FROM ({inner}){} GROUP BY a, b",
            outer.sql()
        );
        let total: i64 = self.conn.query_row(&format!("SELECT COUNT(*) FROM ({grouped})"), params_from_iter(params.iter()), |r| r.get(0))?;
        let sql = format!("{grouped} ORDER BY n DESC, a, b LIMIT {} OFFSET {}", f.limit(), f.offset());
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(params.iter()), |r| {
                Ok(Dyad {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    a_name: String::new(),
                    b_name: String::new(),
                    events: r.get(2)?,
                    reports: r.get(10)?,
                    a_to_b: r.get(3)?,
                    b_to_a: r.get(4)?,
                    conflict: r.get(5)?,
                    cooperation: r.get(6)?,
                    mean_tone: r.get::<_, Option<f64>>(7)?.unwrap_or(0.0),
                    first: r.get(8)?,
                    last: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for mut d in rows {
            d.a_name = self.name_of(&d.a)?;
            d.b_name = self.name_of(&d.b)?;
            items.push(d);
        }
        Ok(Page::new(items, total, f))
    }

    /// The key an actor key or id stands for (unknown values are returned unchanged).
    pub fn resolve_key(&self, key_or_id: &str) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT key FROM actors WHERE key = ?1 OR actor_id = ?1 ORDER BY key = ?1 DESC LIMIT 1", [key_or_id], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| key_or_id.to_string()))
    }

    // ---------------------------------------------------------------- relations

    /// Relations as each document states them (records of `brink extract`; see
    /// [`Store::merged_relations`] for one relation per type and actors). Uses actor (either
    /// end or a mediated party), typ (ally, adversary, patron, mediator), since/until (article
    /// date), doc, limit/offset.
    pub fn stored_relations(&self, f: &Filter) -> Result<Page<Value>> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            let k = self.resolve_key(a)?;
            w.add("(r.from_key = ? OR r.to_key = ? OR r.between_keys LIKE ?)", [s(&k), s(&k), Sql::Text(format!("%{}%", serde_json::to_string(&k)?))]);
        }
        if let Some(t) = f.relation_type()? {
            w.add("r.type = ?", [Sql::Text(t)]);
        }
        if let Some(d) = f.since {
            w.add("r.date >= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.until {
            w.add("r.date <= ?", [Sql::Text(d.to_string())]);
        }
        if let Some(d) = f.doc {
            w.add("r.doc_id = ?", [Sql::Integer(d)]);
        }
        let total = self.count("SELECT r.id FROM relations r", &w)?;
        let sql = format!("SELECT r.id, r.doc_id, r.json FROM relations r{} ORDER BY r.date DESC, r.id LIMIT {} OFFSET {}", w.sql(), f.limit(), f.offset());
        let mut st = self.conn.prepare(&sql)?;
        let items = st
            .query_map(params_from_iter(w.params.iter()), |r| {
                let mut v = json_col(r, 2)?;
                v["db_id"] = json!(r.get::<_, i64>(0)?);
                v["doc_id"] = json!(r.get::<_, i64>(1)?);
                Ok(v)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }

    // ---------------------------------------------------------------- search

    /// Full-text search over article titles and text, event evidence and quotes.
    pub fn search(&self, f: &Filter) -> Result<Page<SearchHit>> {
        let q = fts_query(f.search.as_deref().ok_or_else(|| StoreError::BadRequest("q (the search text) is required".into()))?)?;
        let union = "SELECT 'document' AS kind, doc_fts.rowid AS id, doc_fts.rowid AS doc_id,
                    snippet(doc_fts, 1, char(2), char(3), '…', 16) AS snip, bm25(doc_fts) AS rank
                FROM doc_fts WHERE doc_fts MATCH ?1
             UNION ALL
             SELECT kind, CAST(ref AS INTEGER), CAST(doc_id AS INTEGER), snippet(evidence_fts, 0, char(2), char(3), '…', 24), bm25(evidence_fts)
                FROM evidence_fts WHERE evidence_fts MATCH ?1";
        let total: i64 = self.conn.query_row(&format!("SELECT COUNT(*) FROM ({union})"), [&q], |r| r.get(0))?;
        let sql = format!(
            "SELECT h.kind, h.id, h.doc_id, d.title, d.date, h.snip FROM ({union}) h JOIN documents d ON d.id = h.doc_id
             ORDER BY h.rank, h.kind, h.id LIMIT {} OFFSET {}",
            f.limit(),
            f.offset()
        );
        let mut st = self.conn.prepare(&sql)?;
        let items = st
            .query_map([&q], |r| {
                let snip: String = r.get(5)?;
                Ok(SearchHit {
                    kind: r.get(0)?,
                    id: r.get(1)?,
                    doc_id: r.get(2)?,
                    title: r.get(3)?,
                    date: r.get(4)?,
                    snippet: snip.replace(['\u{2}', '\u{3}'], ""),
                    snippet_parts: split_snippet(&snip),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(items, total, f))
    }
}

fn event_value(r: &Row) -> rusqlite::Result<Value> {
    let mut v = json_col(r, 5)?;
    v["db_id"] = json!(r.get::<_, i64>(0)?);
    v["doc_id"] = json!(r.get::<_, i64>(1)?);
    v["date_resolved"] = json!(r.get::<_, Option<String>>(2)?);
    v["cluster"] = json!(r.get::<_, Option<i64>>(3)?);
    v["tone"] = json!(r.get::<_, f64>(4)?);
    v["doc_date"] = json!(r.get::<_, Option<String>>(6)?);
    v["support"] = json!(r.get::<_, i64>(7)?);
    v["support_outlets"] = json!(r.get::<_, i64>(8)?);
    v["support_reports"] = json!(r.get::<_, i64>(9)?);
    Ok(v)
}

fn split_snippet(s: &str) -> Vec<SearchPart> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_match = false;
    for c in s.chars() {
        match c {
            '\u{2}' | '\u{3}' => {
                if !cur.is_empty() {
                    out.push(SearchPart { text: std::mem::take(&mut cur), is_match: in_match });
                }
                in_match = c == '\u{2}';
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(SearchPart { text: cur, is_match: in_match });
    }
    out
}
