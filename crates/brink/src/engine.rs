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
            .with(brink_model::RelationStage::new());
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
