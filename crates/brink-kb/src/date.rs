//! Partial dates as KB authors write them: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
//!
//! A partial date is a range; a role's `from` uses its first day and its `to` its last day,
//! so "from 2020 to 2024-04-01" holds on every day it could have held.

use chrono::NaiveDate;

/// Parses a KB date into (first day, last day). `None` for "" (open) or malformed input.
pub fn parse_partial(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as i32;
            Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
        }
        [y, m] => {
            let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            Some((first, next.pred_opt()?))
        }
        [y, m, d] => {
            let d = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// Is `s` empty or a well-formed partial date?
pub fn is_valid_or_empty(s: &str) -> bool {
    s.trim().is_empty() || parse_partial(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn partial_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_partial("2024"), Some((d(2024, 1, 1), d(2024, 12, 31))));
        assert_eq!(parse_partial("2024-02"), Some((d(2024, 2, 1), d(2024, 2, 29))));
        assert_eq!(parse_partial("2024-07-31"), Some((d(2024, 7, 31), d(2024, 7, 31))));
        assert_eq!(parse_partial("2024-13"), None);
        assert_eq!(parse_partial("24-01-01"), None);
        assert!(is_valid_or_empty(""));
    }
}
