//! Assembles the pipeline: read → clean → sentences → actors → quotes → events → relations.
//!
//! Every command that processes articles (extract, eval, bench, ingest, demo) goes
//! through [`Engine`], so they all see the same stages in the same order.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use brink_core::{Document, Pipeline};
use brink_kb::Kb;
use brink_read::{ReadItem, ReadOptions};
use chrono::NaiveDate;

#[allow(dead_code)]
pub struct Engine {
    pub kb: Arc<Kb>,
    pipeline: Pipeline,
}

impl Engine {
    /// Loads the compiled-in knowledge base plus `--kb` overlay files and builds the stages.
    pub fn new(kb_overlays: &[PathBuf]) -> anyhow::Result<Engine> {
        let kb = Arc::new(Kb::load(kb_overlays).context("loading the knowledge base")?);
        let pipeline = Pipeline::new()
            .with(brink_read::CleanStage)
            .with(brink_text::SentenceStage)
            .with(brink_actors::ActorStage::new(kb.clone()))
            .with(brink_quotes::QuoteStage::new())
            .with(brink_events::EventStage::new(kb.clone()))
            .with(brink_model::RelationStage::with_priors(patron_priors(&kb)));
        Ok(Engine { kb, pipeline })
    }

    pub fn process(&self, doc: &mut Document) {
        self.pipeline.run(doc);
    }

    #[allow(dead_code)]
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.pipeline.stage_names()
    }
}

/// Reads every input lazily; failures come through as `ReadItem::Failed` to be reported, never fatal.
pub fn read_inputs(paths: &[PathBuf], default_date: Option<NaiveDate>) -> Box<dyn Iterator<Item = ReadItem> + Send> {
    brink_read::read_paths(paths, &ReadOptions { default_date })
}

/// Parses a `--date YYYY-MM-DD` flag.
pub fn parse_date_flag(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

/// Knowledge-base patrons of armed groups ("Iran backs Hezbollah since 1982") as prior
/// relations. The relation stage shows a prior only where an article mentions both
/// actors on a date inside the patronage, marked `prior` and never counted as evidence.
fn patron_priors(kb: &Kb) -> Vec<brink_core::Relation> {
    let mut out = Vec::new();
    for (gi, group) in kb.entries().iter().enumerate() {
        for p in &group.patrons {
            let Some(si) = kb.entry_index(&p.country) else { continue };
            let from = kb.actor_ref(si, None, &kb.entry(si).name);
            let to = kb.actor_ref(gi, None, &group.name);
            out.push(brink_core::Relation {
                relation_type: brink_core::RelationType::Patron,
                from,
                to: Some(to),
                between: Vec::new(),
                confidence: 0.5,
                first_seen: Some(p.from.clone()).filter(|d| !d.is_empty()),
                last_seen: Some(p.to.clone()).filter(|d| !d.is_empty()),
                prior: true,
                evidence: Vec::new(),
            });
        }
    }
    out
}
