//! Plain-text articles: optional front matter (`key: value` lines closed by `---`)
//! or a leading date line (" date 2024-08-06 The United States ..."), then the text.

use brink_core::DateOrigin;
use chrono::NaiveDate;

use crate::datestr::parse_date;

/// Metadata found in front of an article's text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_origin: Option<DateOrigin>,
}

/// Most front-matter lines we look through before deciding there is none.
const MAX_FRONT_MATTER_LINES: usize = 40;

/// Splits metadata from text. Returns the metadata, the article text (trimmed), and warnings.
pub fn parse_plain(input: &str) -> (Meta, String, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some((meta, body)) = front_matter(input, &mut warnings) {
        return (meta, body.trim().to_string(), warnings);
    }
    if let Some((date, body)) = date_line(input) {
        let meta = Meta { date: Some(date), date_origin: Some(DateOrigin::DateLine), ..Default::default() };
        return (meta, body.trim().to_string(), warnings);
    }
    (Meta::default(), input.trim().to_string(), warnings)
}

/// `key: value` lines (optionally opened by `---`) closed by a `---` line.
fn front_matter<'a>(input: &'a str, warnings: &mut Vec<String>) -> Option<(Meta, &'a str)> {
    let mut meta = Meta::default();
    let mut pos = 0usize;
    let mut known = 0usize;
    for (n, line) in input.split_inclusive('\n').enumerate() {
        if n > MAX_FRONT_MATTER_LINES {
            return None;
        }
        pos += line.len();
        let l = line.trim();
        if l == "---" {
            if n == 0 {
                continue;
            }
            return (known > 0).then_some((meta, &input[pos..]));
        }
        if l.is_empty() {
            continue;
        }
        let (key, value) = l.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
        let slot = match key.as_str() {
            "url" | "link" => &mut meta.url,
            "title" | "headline" => &mut meta.title,
            "source" | "site" | "publisher" => &mut meta.source,
            "id" => &mut meta.id,
            "date" | "published" | "published_at" | "pubdate" => {
                known += 1;
                match parse_date(&value) {
                    Some(d) => {
                        meta.date = Some(d);
                        meta.date_origin = Some(DateOrigin::FrontMatter);
                    }
                    None if value.is_empty() => {}
                    None => warnings.push(format!("front matter date not understood: {value:?}")),
                }
                continue;
            }
            _ => continue,
        };
        known += 1;
        if !value.is_empty() {
            *slot = Some(value);
        }
    }
    None
}

/// A first line " date YYYY-MM-DD ...": the date, and the text after the marker.
fn date_line(input: &str) -> Option<(NaiveDate, &str)> {
    let t = input.trim_start();
    let rest = t.get(..4).filter(|h| h.eq_ignore_ascii_case("date")).map(|_| &t[4..])?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '\t']);
    let date = rest.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?;
    let after = &rest[10..];
    // The marker must end at the date: "2024-08-06 The ..." or end of line.
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some((date, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_parsed_and_removed() {
        let (m, body, w) = parse_plain("title: Talks resume\nurl: https://example.org/a\ndate: 2023-05-01\nsource: Example Wire\nid: ex-1\n---\nThe envoys met.\n");
        assert_eq!(m.title.as_deref(), Some("Talks resume"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.source.as_deref(), Some("Example Wire"));
        assert_eq!(m.id.as_deref(), Some("ex-1"));
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2023, 5, 1));
        assert_eq!(m.date_origin, Some(DateOrigin::FrontMatter));
        assert_eq!(body, "The envoys met.");
        assert!(w.is_empty());
    }

    #[test]
    fn yaml_style_opening_dashes() {
        let (m, body, _) = parse_plain("---\ndate: 2023-05-01T10:00:00Z\n---\nText here.");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2023, 5, 1));
        assert_eq!(body, "Text here.");
    }

    #[test]
    fn colon_lines_without_closing_are_text() {
        let text = "Update: talks resume\nThe envoys met: all of them.";
        let (m, body, _) = parse_plain(text);
        assert_eq!(m, Meta::default());
        assert_eq!(body, text);
    }

    #[test]
    fn bad_front_matter_date_warns() {
        let (m, _, w) = parse_plain("date: sometime\n---\nBody.");
        assert_eq!(m.date, None);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn date_line_is_stripped() {
        let (m, body, _) = parse_plain(" date 2023-02-03 The envoys met in Rome.\n\nMore.");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2023, 2, 3));
        assert_eq!(m.date_origin, Some(DateOrigin::DateLine));
        assert!(body.starts_with("The envoys met in Rome."));
        let (m, body, _) = parse_plain("date 2023-02-03\nThe envoys met.");
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2023, 2, 3));
        assert_eq!(body, "The envoys met.");
    }

    #[test]
    fn date_word_starting_text_is_not_a_marker() {
        let (m, body, _) = parse_plain("Date palms grow in the oasis.");
        assert_eq!(m.date, None);
        assert_eq!(body, "Date palms grow in the oasis.");
        let (m, _, _) = parse_plain("date 2023-02-031 x");
        assert_eq!(m.date, None);
    }
}
