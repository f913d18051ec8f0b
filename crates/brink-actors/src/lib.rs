//! The actors stage: finds actor mentions and resolves them against the knowledge base on the article's date.
//! API CONTRACT (stub; the KB work replaces the body, keeps the signature).

use std::sync::Arc;

use brink_core::{Document, Stage};
use brink_kb::Kb;

pub struct ActorStage {
    kb: Arc<Kb>,
}

impl ActorStage {
    pub fn new(kb: Arc<Kb>) -> Self {
        ActorStage { kb }
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn process(&self, _doc: &mut Document) {
        let _ = &self.kb;
    }
}
