//! The events stage: PLOVER events with modality, source/target, dates and provenance, from data lexicons.

use std::sync::Arc;

use brink_core::{Document, Stage};
use brink_kb::Kb;

pub struct EventStage {
    kb: Arc<Kb>,
}

impl EventStage {
    pub fn new(kb: Arc<Kb>) -> Self {
        EventStage { kb }
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn process(&self, _doc: &mut Document) {
        let _ = &self.kb;
    }
}
