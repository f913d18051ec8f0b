//! Boilerplate cleaning (filled in by the clean step).

use brink_core::{Document, Stage};

/// Marks boilerplate (navigation, comment forms, credits) as noise spans.
pub struct CleanStage;

impl Stage for CleanStage {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn process(&self, _doc: &mut Document) {}
}
