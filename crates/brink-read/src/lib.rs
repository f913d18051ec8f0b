//! Readers for text, HTML and JSONL articles (gzip too), and boilerplate cleaning that keeps offsets.
//!
//! - [`read_paths`] turns files, directories and stdin into documents, lazily; bad input
//!   becomes a [`ReadItem::Failed`] naming the file and the reason, never a panic or an abort.
//! - [`CleanStage`] marks navigation, comment forms, credits and bylines as noise spans.
//!
//! Size limit: a plain or HTML input larger than [`MAX_DOC_BYTES`] (64 MB) is truncated
//! at that size with a warning on the document; a longer JSONL line fails.

mod clean;
mod datestr;
mod decode;
mod html;
mod input;
mod jsonl;
mod plain;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use clean::CleanStage;
pub use datestr::parse_date;
pub use input::MAX_DOC_BYTES;

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date for inputs that carry none (`--date`).
    pub default_date: Option<NaiveDate>,
}

/// One input: a document, or a failure to report (file named, reason given).
#[derive(Debug)]
pub enum ReadItem {
    Doc(Box<brink_core::Document>),
    Failed { origin: String, reason: String },
}

/// Reads files, directories (recursively, sorted) and "-" (stdin), lazily.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Box<dyn Iterator<Item = ReadItem> + Send> {
    Box::new(input::Reader::new(paths, opts))
}

/// Like [`read_paths`] with a smaller size limit per document (for tests and constrained runs).
pub fn read_paths_limited(paths: &[PathBuf], opts: &ReadOptions, max_bytes: usize) -> Box<dyn Iterator<Item = ReadItem> + Send> {
    Box::new(input::Reader::new(paths, opts).with_max_bytes(max_bytes))
}

/// Extracts metadata and article text from an HTML string: (title, url, date, text).
pub fn html_to_text(html_src: &str) -> (Option<String>, Option<String>, Option<NaiveDate>, String) {
    let (m, t, _) = html::extract(html_src);
    (m.title, m.url, m.date, t)
}

#[cfg(test)]
mod tests;
