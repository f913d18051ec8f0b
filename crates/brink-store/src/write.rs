//! Writing processed documents: one transaction per batch, skipping stored content hashes.

use std::collections::HashSet;

use brink_core::{ActorRef, Document};
use brink_model::clusters::{act_key, outlet, ActKey, Clusterer};
use brink_model::dedupe::{minhash, DocGrouper};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use crate::json::{event_json, quote_json, relation_json, CharMap};
use crate::{Result, Store};

/// What one batch did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BatchReport {
    /// Documents written.
    pub stored: usize,
    /// Documents already in the database (same content hash), or repeated within the batch.
    pub skipped: usize,
    pub events: usize,
    pub quotes: usize,
    pub relations: usize,
    pub mentions: usize,
}

impl BatchReport {
    pub fn add(&mut self, o: &BatchReport) {
        self.stored += o.stored;
        self.skipped += o.skipped;
        self.events += o.events;
        self.quotes += o.quotes;
        self.relations += o.relations;
        self.mentions += o.mentions;
    }
}

fn hash_of(doc: &Document) -> String {
    if doc.content_hash.is_empty() {
        brink_core::document::fnv1a_hex(doc.text.as_bytes())
    } else {
        doc.content_hash.clone()
    }
}

fn enum_str<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl Store {
    /// Is a document with this content hash stored?
    pub fn contains_hash(&self, hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE content_hash = ?1", [hash], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Writes a batch of processed documents in one transaction. Documents whose
    /// content hash is already stored are skipped, so re-running an ingest is safe.
    pub fn insert_batch(&mut self, docs: &[Document]) -> Result<BatchReport> {
        if self.model.is_none() {
            self.model = Some(ModelState::load(&self.conn)?);
        }
        let mut model = self.model.take().unwrap_or_default();
        let r = self.insert_batch_with(docs, &mut model);
        // After a failed batch the in-memory state may hold documents that were rolled back: reload next time.
        if r.is_ok() {
            self.model = Some(model);
        }
        r
    }

    fn insert_batch_with(&mut self, docs: &[Document], model: &mut ModelState) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let tx = self.conn.transaction()?;
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut in_batch: HashSet<String> = HashSet::new();
        for doc in docs {
            let hash = hash_of(doc);
            let exists = tx
                .query_row("SELECT 1 FROM documents WHERE content_hash = ?1", [&hash], |_| Ok(()))
                .optional()?
                .is_some();
            if exists || !in_batch.insert(hash.clone()) {
                report.skipped += 1;
                continue;
            }
            insert_document(&tx, doc, &hash, &now, &mut report, model)?;
            report.stored += 1;
        }
        tx.commit()?;
        Ok(report)
    }
}

fn upsert_actor(tx: &Transaction, a: &ActorRef) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO actors(actor_id, key, name, kind, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(actor_id) DO UPDATE SET key = excluded.key,
           -- a state/IGO/group description is not replaced by an agent's ('Omani officials')
           name = CASE WHEN actors.kind IN ('state', 'igo', 'group') AND excluded.kind NOT IN ('state', 'igo', 'group')
                       THEN actors.name ELSE excluded.name END,
           kind = CASE WHEN actors.kind IN ('state', 'igo', 'group') AND excluded.kind NOT IN ('state', 'igo', 'group')
                       THEN actors.kind ELSE excluded.kind END,
           country = COALESCE(excluded.country, actors.country), sector = COALESCE(actors.sector, excluded.sector)",
    )?
    .execute(params![a.id, a.key, a.name, enum_str(&a.kind), a.country, a.sector])?;
    Ok(())
}

/// Near-duplicate groups and event clusters (brink-model), kept in step with the database.
#[derive(Default)]
pub(crate) struct ModelState {
    grouper: DocGrouper,
    clusterer: Clusterer,
}

fn sig_to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn blob_to_sig(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// The act key of a stored event record (the same fields `act_key` reads from an Event).
fn stored_act_key(v: &serde_json::Value) -> ActKey {
    let keys = |side: &str| -> std::collections::BTreeSet<String> {
        v[side].as_array().into_iter().flatten().filter_map(|a| a["key"].as_str()).filter(|k| !k.is_empty()).map(str::to_string).collect()
    };
    ActKey {
        event_type: v["type"].as_str().unwrap_or("").to_string(),
        source: keys("source"),
        target: keys("target"),
        date: v["date"]["date"].as_str().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        place_country: v["place"]["country"].as_str().map(str::to_string),
        place: v["place"]["text"].as_str().map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()),
    }
}

/// Fills `documents.outlet` where a database from schema v2 or earlier left it empty.
pub(crate) fn backfill_outlets(conn: &rusqlite::Connection) -> Result<()> {
    let rows: Vec<(i64, Option<String>, Option<String>)> = conn
        .prepare("SELECT id, source, url FROM documents WHERE outlet IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    {
        let mut st = tx.prepare("UPDATE documents SET outlet = ?2 WHERE id = ?1")?;
        for (id, source, url) in rows {
            let d = Document { source, url, ..Default::default() };
            st.execute(params![id, outlet(&d).unwrap_or_default()])?;
        }
    }
    tx.commit()?;
    Ok(())
}

impl ModelState {
    /// Replays every stored document and event, in insertion order, so new ids continue the stored ones.
    fn load(conn: &rusqlite::Connection) -> Result<ModelState> {
        let mut m = ModelState::default();
        let mut missing: Vec<(i64, Vec<u8>)> = Vec::new();
        {
            let mut st = conn.prepare("SELECT id, minhash, text FROM documents ORDER BY id")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let sig = match r.get::<_, Option<Vec<u8>>>(1)? {
                    Some(b) => blob_to_sig(&b),
                    None => {
                        let sig = minhash(&r.get::<_, String>(2)?);
                        missing.push((id, sig_to_blob(&sig)));
                        sig
                    }
                };
                m.grouper.add_signature(sig);
            }
        }
        // Databases from schema v1 get their signatures and groups filled in once.
        if !missing.is_empty() {
            let mut st = conn.prepare("UPDATE documents SET minhash = ?2, dup_group = ?3 WHERE id = ?1")?;
            let ids: Vec<i64> = conn.prepare("SELECT id FROM documents ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for (id, blob) in missing {
                let i = ids.iter().position(|x| *x == id).unwrap_or(0);
                st.execute(params![id, blob, m.grouper.group_of(i).map(|g| g as i64)])?;
            }
        }
        let mut st = conn.prepare("SELECT e.doc_id, e.event_id, e.json, d.source, d.url FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY e.id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let doc_id: i64 = r.get(0)?;
            let event_id: String = r.get(1)?;
            let v: serde_json::Value = serde_json::from_str(&r.get::<_, String>(2)?)?;
            let d = Document { source: r.get(3)?, url: r.get(4)?, ..Default::default() };
            m.clusterer.add_key(&doc_id.to_string(), &event_id, outlet(&d).as_deref(), stored_act_key(&v));
        }
        Ok(m)
    }
}

fn insert_document(tx: &Transaction, doc: &Document, hash: &str, now: &str, report: &mut BatchReport, model: &mut ModelState) -> Result<()> {
    let cm = CharMap::new(&doc.text);
    let doc_date = doc.date.map(|d| d.to_string());
    tx.prepare_cached(
        "INSERT INTO documents(doc, origin, title, url, source, date, date_origin, content_hash, text, chars,
            n_sentences, n_mentions, n_events, n_quotes, n_relations, warnings, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        doc.id,
        doc.origin,
        doc.title,
        doc.url,
        doc.source,
        doc_date,
        doc.date_origin.as_ref().map(enum_str),
        hash,
        doc.text,
        doc.text.chars().count() as i64,
        doc.sentences.len() as i64,
        doc.mentions.len() as i64,
        doc.events.len() as i64,
        doc.quotes.len() as i64,
        doc.relations.len() as i64,
        serde_json::to_string(&doc.warnings)?,
        now,
    ])?;
    let doc_id = tx.last_insert_rowid();
    let sig = minhash(&doc.text);
    let blob = sig_to_blob(&sig);
    let group = model.grouper.add_signature(sig) as i64;
    let doc_outlet = outlet(doc);
    tx.prepare_cached("UPDATE documents SET minhash = ?2, dup_group = ?3, outlet = ?4 WHERE id = ?1")?.execute(params![
        doc_id,
        blob,
        group,
        doc_outlet.as_deref().unwrap_or("")
    ])?;
    tx.prepare_cached("INSERT INTO doc_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![doc_id, doc.title.as_deref().unwrap_or(""), doc.text])?;

    {
        let mut st = tx.prepare_cached("INSERT INTO sentences(doc_id, idx, start, end, headline) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, s) in doc.sentences.iter().enumerate() {
            st.execute(params![doc_id, i as i64, cm.char_of(s.span.start) as i64, cm.char_of(s.span.end) as i64, s.headline])?;
        }
    }

    for m in &doc.mentions {
        if let Some(a) = &m.actor {
            upsert_actor(tx, a)?;
        }
        let rule = serde_json::to_value(&m.rule)?;
        let rule = match (&rule["rule"], &rule["detail"]) {
            (serde_json::Value::String(r), serde_json::Value::String(d)) => format!("{r}:{d}"),
            (serde_json::Value::String(r), _) => r.clone(),
            _ => rule.to_string(),
        };
        tx.prepare_cached(
            "INSERT INTO mentions(doc_id, sentence, start, end, text, actor_key, actor_id, role, role_from, role_to,
                rule, confidence, is_place, candidates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            doc_id,
            m.sentence as i64,
            cm.char_of(m.span.start) as i64,
            cm.char_of(m.span.end) as i64,
            doc.slice(m.span),
            m.actor.as_ref().map(|a| &a.key),
            m.actor.as_ref().map(|a| &a.id),
            m.actor.as_ref().and_then(|a| a.role.as_ref()),
            m.actor.as_ref().and_then(|a| a.role_from.as_ref()),
            m.actor.as_ref().and_then(|a| a.role_to.as_ref()),
            rule,
            m.confidence as f64,
            m.is_place,
            serde_json::to_string(&m.candidates)?,
        ])?;
        report.mentions += 1;
    }

    for e in &doc.events {
        for a in e.source.iter().chain(&e.target) {
            upsert_actor(tx, a)?;
        }
        let mut j = event_json(doc, &cm, e);
        j["doc_title"] = json!(doc.title);
        let date = e.date.as_ref().and_then(|d| d.date).map(|d| d.to_string()).or_else(|| doc_date.clone());
        let cluster = model.clusterer.add_key(&doc_id.to_string(), &e.id, doc_outlet.as_deref(), act_key(e)) as i64;
        tx.prepare_cached(
            "INSERT INTO events(doc_id, event_id, type, mode, modality, quad, score, goldstein, cameo, date, sentence,
                trigger, evidence, rule, confidence, json, cluster_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            doc_id,
            e.id,
            e.event_type,
            e.mode,
            e.modality.as_str(),
            e.quad as i64,
            e.score.map(|x| x as f64),
            e.goldstein.map(|x| x as f64),
            e.cameo,
            date,
            e.sentence as i64,
            doc.slice(e.trigger),
            doc.slice(e.evidence),
            e.rule,
            e.confidence as f64,
            j.to_string(),
            cluster,
        ])?;
        let ev = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached("INSERT OR IGNORE INTO event_actors(event, side, pos, key, actor_id) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (i, a) in e.source.iter().enumerate() {
                st.execute(params![ev, "source", i as i64, a.key, a.id])?;
            }
            for (i, a) in e.target.iter().enumerate() {
                st.execute(params![ev, "target", i as i64, a.key, a.id])?;
            }
        }
        tx.prepare_cached("INSERT INTO evidence_fts(text, kind, ref, doc_id) VALUES (?1, 'event', ?2, ?3)")?
            .execute(params![doc.slice(e.evidence), ev, doc_id])?;
        report.events += 1;
    }

    for q in &doc.quotes {
        if let Some(a) = &q.speaker {
            upsert_actor(tx, a)?;
        }
        let mut j = quote_json(doc, &cm, q);
        j["doc_title"] = json!(doc.title);
        j["date"] = json!(doc_date);
        tx.prepare_cached(
            "INSERT INTO quotes(doc_id, quote_id, kind, text, speaker_key, speaker_id, speaker_name, speech_act, sentence,
                date, confidence, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            doc_id,
            q.id,
            enum_str(&q.kind),
            q.text,
            q.speaker.as_ref().map(|a| &a.key),
            q.speaker.as_ref().map(|a| &a.id),
            q.speaker.as_ref().map(|a| &a.name),
            q.speech_act,
            q.sentence as i64,
            doc_date,
            q.confidence as f64,
            j.to_string(),
        ])?;
        let qid = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO evidence_fts(text, kind, ref, doc_id) VALUES (?1, 'quote', ?2, ?3)")?
            .execute(params![q.text, qid, doc_id])?;
        report.quotes += 1;
    }

    for r in &doc.relations {
        for a in std::iter::once(&r.from).chain(r.to.iter()).chain(&r.between) {
            upsert_actor(tx, a)?;
        }
        let between: Vec<&str> = r.between.iter().map(|a| a.key.as_str()).collect();
        tx.prepare_cached(
            "INSERT INTO relations(doc_id, type, from_key, to_key, between_keys, confidence, prior, date, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            doc_id,
            r.relation_type.as_str(),
            r.from.key,
            r.to.as_ref().map(|a| &a.key),
            serde_json::to_string(&between)?,
            r.confidence as f64,
            r.prior,
            doc_date,
            relation_json(doc, &cm, r).to_string(),
        ])?;
        report.relations += 1;
    }
    Ok(())
}
