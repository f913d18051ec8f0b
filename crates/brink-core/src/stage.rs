//! The pipeline: stages that each take the document and add to it.

use crate::Document;

/// One step of the pipeline (clean, sentences, actors, events, quotes, dates, relations).
///
/// A stage must never panic on odd input: article text is untrusted. When it
/// cannot do its work it records a warning on the document and returns.
pub trait Stage: Send + Sync {
    /// A short stable name, used in provenance and timing reports.
    fn name(&self) -> &'static str;
    fn process(&self, doc: &mut Document);
}

/// Stages run in order over one document.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline { stages: Vec::new() }
    }
    pub fn with(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }
    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            stage.process(doc);
        }
    }
}
