//! The model of the crisis: relations with evidence, escalation per dyad, duplicate documents and event clusters.
//!
//! - [`RelationStage`] (last pipeline stage) fills `doc.relations` from text patterns
//!   (`data/relation_patterns.tsv`), asserted events and knowledge-base priors.
//! - [`escalation`] turns dated events into per-dyad daily series, rolling indices and alerts.
//! - [`dedupe`] groups near-duplicate documents (MinHash + LSH); [`clusters`] groups events
//!   from different documents that are the same real-world act.
//! - [`score`] scores relations the way shared/eval/score.py does.

pub mod clusters;
pub mod dedupe;
pub mod escalation;
pub mod patterns;
pub mod relations;
pub mod score;

use brink_core::{Document, Relation, Stage};

pub use relations::{merge_relations, rel_key, EventLite, RelKey};
pub use score::score_relations;

/// Finds relations stated in one document's text or shown by its events.
pub struct RelationStage {
    patterns: patterns::PatternSet,
    priors: Vec<Relation>,
}

impl Default for RelationStage {
    fn default() -> Self {
        Self::new()
    }
}

impl RelationStage {
    pub fn new() -> Self {
        RelationStage { patterns: patterns::PatternSet::new(patterns::builtin_patterns().to_vec()), priors: Vec::new() }
    }

    /// Knowledge-base priors (e.g. a group's patrons), passed as relations with `prior = true`.
    /// A prior is output (marked prior, without evidence) only where a document mentions both
    /// actors and, for a patron, calls the group a militia or proxy; it is never evidence.
    pub fn with_priors(priors: Vec<Relation>) -> Self {
        RelationStage { patterns: patterns::PatternSet::new(patterns::builtin_patterns().to_vec()), priors }
    }

    /// Replaces the patterns with those of a TSV in the same format as the built-in file.
    pub fn with_patterns_tsv(mut self, tsv: &str) -> Result<Self, String> {
        self.patterns = patterns::PatternSet::new(patterns::parse_patterns(tsv)?);
        Ok(self)
    }
}

impl Stage for RelationStage {
    fn name(&self) -> &'static str {
        "relations"
    }
    fn process(&self, doc: &mut Document) {
        doc.relations = relations::document_relations(doc, &self.patterns, &self.priors);
    }
}
