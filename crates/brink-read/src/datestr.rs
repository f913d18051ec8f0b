//! Publication dates written in metadata: ISO dates and datetimes, RFC 2822,
//! and the common English forms ("August 6, 2024", "6 Aug 2024").

use chrono::NaiveDate;

/// Parses a date or datetime string to the calendar date as written (a datetime's
/// own date, not converted to UTC: "2024-08-06T23:30:00-04:00" is 6 August).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    // ISO: the first 10 chars as YYYY-MM-DD (or with / or .).
    if s.len() >= 10 && s.is_char_boundary(10) {
        let head = &s[..10];
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                let rest = &s[10..];
                if rest.is_empty() || rest.starts_with(['T', 't', ' ', '_']) {
                    return Some(d);
                }
            }
        }
    }
    // Compact 20240806.
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
            return Some(d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    let cleaned: String = s.replace([',', '.'], " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // Try the first three or four words (a weekday may lead, a time may follow).
    for skip in 0..=1 {
        if words.len() < skip + 3 {
            break;
        }
        let three = words[skip..skip + 3].join(" ");
        for fmt in ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y %B %d", "%Y %b %d"] {
            if let Ok(d) = NaiveDate::parse_from_str(&three, fmt) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let d = NaiveDate::from_ymd_opt(2024, 8, 6);
        assert_eq!(parse_date("2024-08-06"), d);
        assert_eq!(parse_date("2024-08-06T23:30:00-04:00"), d);
        assert_eq!(parse_date("2024-08-06 10:00"), d);
        assert_eq!(parse_date("Tue, 06 Aug 2024 10:00:00 +0000"), d);
        assert_eq!(parse_date("August 6, 2024"), d);
        assert_eq!(parse_date("Aug. 6, 2024"), d);
        assert_eq!(parse_date("6 August 2024"), d);
        assert_eq!(parse_date("Tuesday, August 6, 2024 10:00"), d);
        assert_eq!(parse_date("20240806"), d);
        assert_eq!(parse_date("2024-13-06"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("ééééééééééé"), None);
    }
}
