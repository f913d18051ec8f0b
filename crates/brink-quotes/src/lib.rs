//! The quotes stage: direct and indirect quotations, their speakers, and the speech acts they perform.
//! API CONTRACT (stub; the quotes work replaces the body, keeps the signature).

use brink_core::{Document, Stage};

#[derive(Default)]
pub struct QuoteStage;

impl QuoteStage {
    pub fn new() -> Self {
        QuoteStage
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, _doc: &mut Document) {}
}
