//! Readers for text, HTML and JSONL articles (gzip too), and boilerplate cleaning that keeps offsets.
//! API CONTRACT (stub; the read/text work replaces the bodies, keeps the signatures).

use std::path::PathBuf;

use brink_core::{Document, Stage};
use chrono::NaiveDate;

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date for inputs that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
}

/// One input: a document, or a failure to report (file named, reason given).
#[derive(Debug)]
pub enum ReadItem {
    Doc(Box<Document>),
    Failed { origin: String, reason: String },
}

/// Reads files, directories (recursively, sorted) and "-" (stdin), lazily.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Box<dyn Iterator<Item = ReadItem> + Send> {
    let _ = (paths, opts);
    Box::new(std::iter::empty())
}

/// Marks boilerplate (navigation, comment forms, credits) as noise spans.
pub struct CleanStage;

impl Stage for CleanStage {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn process(&self, _doc: &mut Document) {}
}
