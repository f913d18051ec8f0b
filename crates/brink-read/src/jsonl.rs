//! JSONL / NDJSON articles: one JSON object per line.
//!
//! Field names vary by scraper, so several spellings are accepted: text from
//! `text`|`body`|`content`|`article`|`maintext` (a string, or an array of paragraph strings),
//! or from `html` run through the HTML extractor; `title`; `date`|`published`|`published_at`|...
//! (ISO dates and datetimes); `url`|`link`; `id`; `source`|`site`.

use brink_core::{DateOrigin, Document};
use serde_json::Value;

use crate::datestr::parse_date;
use crate::html;
use crate::plain::Meta;

const TEXT_FIELDS: [&str; 6] = ["text", "body", "content", "article", "maintext", "full_text"];
const DATE_FIELDS: [&str; 8] =
    ["date", "published", "published_at", "publish_date", "pubdate", "date_publish", "datePublished", "publication_date"];

fn str_field<'a>(o: &'a serde_json::Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| o.get(*n).and_then(Value::as_str)).map(str::trim).filter(|s| !s.is_empty())
}

fn text_field(o: &serde_json::Map<String, Value>) -> Option<String> {
    for n in TEXT_FIELDS {
        match o.get(n) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(s.clone()),
            Some(Value::Array(a)) => {
                let parts: Vec<&str> = a.iter().filter_map(Value::as_str).filter(|s| !s.trim().is_empty()).collect();
                if !parts.is_empty() {
                    return Some(parts.join("\n\n"));
                }
            }
            _ => {}
        }
    }
    None
}

/// Builds a document from one JSON line; Err is the reason it failed.
/// `fallback_id` is `<file name>:<line>`.
pub fn parse_line(line: &str, fallback_id: &str) -> Result<Document, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(o) = v else {
        return Err("JSON line is not an object".to_string());
    };
    let mut meta = Meta::default();
    let mut warnings = Vec::new();
    let text = match text_field(&o) {
        Some(t) => t,
        None => match str_field(&o, &["html", "raw_html"]) {
            Some(h) => {
                let (m, t, w) = html::extract(h);
                meta = m;
                warnings.extend(w);
                t
            }
            None => return Err(format!("no text field (expected one of: {}, html)", TEXT_FIELDS.join(", "))),
        },
    };
    if text.trim().is_empty() {
        return Err("empty text".to_string());
    }
    let id = match o.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id.to_string(),
    };
    let mut doc = Document::new(id, text.trim());
    doc.title = str_field(&o, &["title", "headline"]).map(str::to_string).or(meta.title);
    doc.url = str_field(&o, &["url", "link", "canonical_url"]).map(str::to_string).or(meta.url);
    doc.source = str_field(&o, &["source", "site", "source_domain", "publisher"]).map(str::to_string).or(meta.source);
    if let Some(raw) = str_field(&o, &DATE_FIELDS) {
        match parse_date(raw) {
            Some(d) => {
                doc.date = Some(d);
                doc.date_origin = Some(DateOrigin::Jsonl);
            }
            None => warnings.push(format!("date not understood: {raw:?}")),
        }
    }
    if doc.date.is_none() && meta.date.is_some() {
        doc.date = meta.date;
        doc.date_origin = meta.date_origin;
    }
    doc.warnings = warnings;
    Ok(doc)
}

/// Is this (a .json file's) text one object per line rather than one JSON document?
pub fn looks_like_jsonl(text: &str) -> bool {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    matches!(first, Some(l) if l.starts_with('{') && serde_json::from_str::<Value>(l).is_ok())
}
