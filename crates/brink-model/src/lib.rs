//! The model of the crisis: relations with evidence, escalation per dyad, duplicate documents and event clusters.
//! API CONTRACT (stub; the model work replaces the body, keeps the signature, adds modules).

use brink_core::{Document, Stage};

/// Finds relations stated in one document's text or shown by its events.
#[derive(Default)]
pub struct RelationStage;

impl RelationStage {
    pub fn new() -> Self {
        RelationStage
    }
}

impl Stage for RelationStage {
    fn name(&self) -> &'static str {
        "relations"
    }
    fn process(&self, _doc: &mut Document) {}
}
