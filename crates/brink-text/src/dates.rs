//! Date expressions in text, resolved against the article date.
//!
//! Each pattern is a small regex with its own resolver; all patterns run over the
//! text and the longest match wins where they overlap. Resolution rules (documented
//! because news text is ambiguous and the rule has to be predictable):
//!
//! - absolute dates ("July 29, 2024", "29 July 2024", "2024-07-29") resolve without an
//!   article date; a month and day without a year ("on August 15", "Aug. 15") is the
//!   latest such day on or before the article date, unless the next one is nearer and
//!   at most 90 days ahead (announced meetings); after "since"/"after"/"from" it is always
//!   the latest on or before ("since October 7");
//! - a weekday ("on Tuesday", "Tuesday", "late Monday", "Monday night") is the most recent
//!   such day on or before the article date (the article's own weekday is that day);
//!   "last Tuesday" is the most recent strictly before; "next Tuesday" the first strictly
//!   after; "this Tuesday" the one in the article's Monday–Sunday week;
//! - "yesterday"/"last night" = day before; "today"/"tonight"/"this morning"/"hours
//!   earlier"/"earlier in the day" = the article date; "tomorrow" = day after;
//! - weeks run Monday–Sunday: "this week", "last week", "next week", "earlier this week"
//!   (precision week); "past week" is the seven days ending on the article date;
//! - weekends are Saturday–Sunday (precision week): "over the weekend"/"last weekend" is the
//!   latest weekend whose Saturday is before the article date; "this weekend" is the current
//!   weekend on a Saturday or Sunday, else the coming one; "next weekend" the one after that;
//! - a month alone ("in April", "since January", "early March") is the latest such month
//!   on or before the article's month; "next April" the first after; "this April" the one in
//!   the article's year; "last month"/"this month"/"next month"/"earlier this month";
//! - "last year"/"this year"/"next year", "in 2022"/"since 2022" (precision year);
//! - "N days/weeks/months/years ago" count back from the article date, at the unit's precision
//!   ("a few" = 3, "several" = 5).
//!
//! Without an article date, relative expressions are still returned, with `date: None`.

use std::sync::OnceLock;

use brink_core::{DatePrecision, Span};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex, RegexSet};

/// A date expression found in text and resolved against the article date.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    /// Byte span in the text passed to `find_dates`, shifted by `base`.
    pub span: Span,
    pub text: String,
    pub date: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
}

type Resolved = (Option<NaiveDate>, Option<NaiveDate>, DatePrecision);
type Resolver = fn(&Captures, Option<NaiveDate>) -> Option<Resolved>;

const MONTH: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Sept)";
const WEEKDAY: &str = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// The patterns, and a [`RegexSet`] of the same patterns: one scan of the text says which
/// patterns match at all, so only those run their (much slower) capturing search. Most
/// sentences contain no date, and `find_dates` runs once per event.
fn patterns() -> &'static (Vec<(Regex, Resolver)>, RegexSet) {
    static P: OnceLock<(Vec<(Regex, Resolver)>, RegexSet)> = OnceLock::new();
    P.get_or_init(|| {
        let m = MONTH;
        let w = WEEKDAY;
        let pre = r"(?:(?P<pre>(?i:on|since|by|until|till|from|before|after|in|of|during|through))\s+)?";
        let defs: Vec<(String, Resolver)> = vec![
            (format!(r"{pre}\b(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b"), iso),
            (format!(r"{pre}\b{m}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"), month_day),
            (format!(r"{pre}\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m}(?:,?\s+(?P<y>\d{{4}})\b)?"), month_day),
            (format!(r"{pre}\b{m},?\s+(?P<y>(?:19|20)\d\d)\b"), month_year),
            (
                format!(r"\b(?P<pre>(?i:in|since|by|until|till|from|during|last|this|next|early|late|mid|mid-|earlier in|later in|through|before|after))\s*\b{m}(?:\b|$)"),
                month_alone,
            ),
            (
                format!(r"(?:\b(?P<pre>(?i:on|last|this|next|since|by|until|late|early|from|before|after))\s+)?\b{w}(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b"),
                weekday,
            ),
            (
                r"(?i)\b(?P<rel>the day before yesterday|yesterday|last night|today|tonight|tomorrow|this (?:morning|afternoon|evening)|earlier today|later today|hours (?:earlier|later)|earlier in the day|overnight)\b".to_string(),
                relative_day,
            ),
            (
                r"(?i)\b(?P<rel>(?:earlier |later )?this week|last week|next week|the previous week|the past week|past week|the following week|the week before)\b".to_string(),
                relative_week,
            ),
            (
                r"(?i)\b(?P<rel>over the weekend|last weekend|this weekend|next weekend|the weekend)\b".to_string(),
                weekend,
            ),
            (
                r"(?i)\b(?P<rel>(?:earlier |later )?this month|last month|next month|the previous month|the past month|past month)\b".to_string(),
                relative_month,
            ),
            (
                r"(?i)\b(?P<rel>(?:earlier |later )?this year|last year|next year|the previous year|the past year|past year)\b".to_string(),
                relative_year,
            ),
            (
                r"\b(?P<pre>(?i:in|since|by|until|till|from|during|through|before|after|early|late|mid-|end of|start of))\s+(?P<y>(?:19|20)\d\d)\b(?:-|\s)?(?P<not>\d)?".to_string(),
                year,
            ),
            (
                r"(?i)\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|several)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)\b".to_string(),
                ago,
            ),
        ];
        let pats: Vec<(Regex, Resolver)> = defs.into_iter().filter_map(|(p, f)| Regex::new(&p).ok().map(|r| (r, f))).collect();
        let set = RegexSet::new(pats.iter().map(|(r, _)| r.as_str())).expect("the date patterns compiled one by one");
        (pats, set)
    })
}

/// Words one of which every date expression contains (case aside): month-name stems, "day"
/// (weekdays, today, yesterday, "days ago"), "night" (tonight, overnight), and the rest of
/// the relative expressions. The other patterns need an ASCII digit (a resolver parses it).
const DATE_WORDS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "day", "night", "tomorrow",
    "morning", "afternoon", "evening", "hours", "week", "month", "year",
];

/// A cheap necessary condition for `find_dates` to find anything: most sentences have no
/// date, and `find_dates` runs for every event. Case-insensitive patterns also match ſ for s
/// and the Kelvin sign for k (Unicode case folding), so text with those takes the full path.
fn may_hold_date(text: &str) -> bool {
    static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    text.bytes().any(|b| b.is_ascii_digit())
        || text.contains(['\u{17F}', '\u{212A}'])
        || WORDS
            .get_or_init(|| {
                aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(DATE_WORDS).expect("date words automaton")
            })
            .is_match(text)
}

/// Finds date expressions ("on Tuesday", "last week", "in April", "July 29, 2024",
/// "since October 7") in `text`; spans are offset by `base`.
pub fn find_dates(text: &str, base: usize, article_date: Option<NaiveDate>) -> Vec<FoundDate> {
    find(text, base, article_date, true)
}

/// `find_dates`; `filter: false` tries every pattern on any text (the reference the filters
/// are tested against).
fn find(text: &str, base: usize, article_date: Option<NaiveDate>, filter: bool) -> Vec<FoundDate> {
    let mut cands: Vec<(usize, usize, Resolved)> = Vec::new();
    if filter && !may_hold_date(text) {
        return Vec::new();
    }
    let (pats, set) = patterns();
    // On ASCII text the set's one scan is fast. On other text (curly quotes are enough) the
    // regex engine cannot run its DFA with Unicode word boundaries, and the set's fallback is
    // slower than trying each pattern, so every pattern is tried as before.
    let matched = (filter && text.is_ascii()).then(|| set.matches(text));
    for (_, (re, f)) in pats.iter().enumerate().filter(|(i, _)| matched.as_ref().is_none_or(|m| m.matched(*i))) {
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if let Some(r) = f(&c, article_date) {
                cands.push((m.start(), m.end(), r));
            }
        }
    }
    // Longest first at each start; then drop anything overlapping an accepted match.
    cands.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    let mut out: Vec<FoundDate> = Vec::new();
    let mut taken_end = 0usize;
    let mut accepted: Vec<(usize, usize, Resolved)> = Vec::new();
    // Prefer longer matches even when a shorter one starts earlier.
    let mut by_len = cands.clone();
    by_len.sort_by_key(|c| (std::cmp::Reverse(c.1 - c.0), c.0));
    for c in by_len {
        if accepted.iter().all(|a| c.1 <= a.0 || c.0 >= a.1) {
            accepted.push(c);
        }
    }
    accepted.sort_by_key(|c| c.0);
    for (s, e, (date, end, precision)) in accepted {
        if s < taken_end {
            continue;
        }
        taken_end = e;
        out.push(FoundDate { span: Span::new(base + s, base + e), text: text[s..e].to_string(), date, end, precision });
    }
    out
}

/// How far ahead a month-and-day without a year may resolve ("talks on August 15"
/// in an article of August 6); beyond this the past occurrence is taken.
const FUTURE_WINDOW_DAYS: i64 = 90;

fn month_num(name: &str) -> Option<u32> {
    let l = name.get(..3)?.to_ascii_lowercase();
    Some(match l.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(name: &str) -> Option<Weekday> {
    name.parse::<Weekday>().ok()
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((start, end))
}

/// Checked date arithmetic: dates near the ends of chrono's range must not panic.
fn add(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(n))
}

fn sub(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(n))
}

fn week_start(d: NaiveDate) -> Option<NaiveDate> {
    sub(d, d.weekday().num_days_from_monday() as u64)
}

fn on_or_before(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    sub(d, back as u64)
}

fn day(d: Option<NaiveDate>) -> Option<Resolved> {
    Some((d, d, DatePrecision::Day))
}

fn pre(c: &Captures) -> String {
    c.name("pre").map(|p| p.as_str().to_ascii_lowercase()).unwrap_or_default()
}

fn iso(c: &Captures, _: Option<NaiveDate>) -> Option<Resolved> {
    let d = NaiveDate::from_ymd_opt(c["y"].parse().ok()?, c["m"].parse().ok()?, c["d"].parse().ok()?)?;
    day(Some(d))
}

fn month_day(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let m = month_num(&c["mon"])?;
    let d: u32 = c["d"].parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    if let Some(y) = c.name("y") {
        return day(Some(NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d)?));
    }
    // Validate the day against a leap year so "Feb 29" is kept.
    NaiveDate::from_ymd_opt(2024, m, d)?;
    let Some(art) = art else { return day(None) };
    let p = pre(c);
    let cands: Vec<NaiveDate> =
        [art.year() - 1, art.year(), art.year() + 1].iter().filter_map(|y| NaiveDate::from_ymd_opt(*y, m, d)).collect();
    let past = cands.iter().copied().filter(|x| *x <= art).max();
    let future = cands.iter().copied().filter(|x| *x > art).min();
    let pick = match (past, future) {
        _ if matches!(p.as_str(), "since" | "after" | "from") => past,
        (Some(pa), Some(fu)) if (fu - art).num_days() <= FUTURE_WINDOW_DAYS && fu - art < art - pa => Some(fu),
        (None, f) => f,
        (pa, _) => pa,
    };
    day(pick)
}

fn month_year(c: &Captures, _: Option<NaiveDate>) -> Option<Resolved> {
    let m = month_num(&c["mon"])?;
    let (s, e) = month_bounds(c["y"].parse().ok()?, m)?;
    Some((Some(s), Some(e), DatePrecision::Month))
}

fn month_alone(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let m = month_num(&c["mon"])?;
    // "May" is usually the verb: only with a preposition that makes it a month.
    let p = pre(c);
    let Some(art) = art else { return Some((None, None, DatePrecision::Month)) };
    let y = match p.as_str() {
        "next" => {
            if m > art.month() {
                art.year()
            } else {
                art.year() + 1
            }
        }
        "this" => art.year(),
        "last" => {
            if m < art.month() {
                art.year()
            } else {
                art.year() - 1
            }
        }
        _ => {
            if m <= art.month() {
                art.year()
            } else {
                art.year() - 1
            }
        }
    };
    let (s, e) = month_bounds(y, m)?;
    Some((Some(s), Some(e), DatePrecision::Month))
}

fn weekday(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let wd = weekday_of(&c["wd"])?;
    let Some(art) = art else { return day(None) };
    let d = match pre(c).as_str() {
        "last" => on_or_before(art.pred_opt()?, wd)?,
        "next" => on_or_before(add(art, 7)?, wd)?,
        "this" => add(week_start(art)?, wd.num_days_from_monday() as u64)?,
        _ => on_or_before(art, wd)?,
    };
    day(Some(d))
}

fn rel(c: &Captures) -> String {
    c["rel"].to_ascii_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn relative_day(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let r = rel(c);
    let Some(art) = art else { return day(None) };
    let d = match r.as_str() {
        "the day before yesterday" => sub(art, 2)?,
        "yesterday" | "last night" => art.pred_opt()?,
        "tomorrow" => art.succ_opt()?,
        _ => art,
    };
    day(Some(d))
}

fn relative_week(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let r = rel(c);
    let Some(art) = art else { return Some((None, None, DatePrecision::Week)) };
    let ws = week_start(art)?;
    let (s, e) = match r.as_str() {
        "last week" | "the previous week" | "the week before" => (sub(ws, 7)?, sub(ws, 1)?),
        "next week" | "the following week" => (add(ws, 7)?, add(ws, 13)?),
        "past week" | "the past week" => (sub(art, 6)?, art),
        "earlier this week" => (ws, art),
        "later this week" => (art, add(ws, 6)?),
        _ => (ws, add(ws, 6)?),
    };
    Some((Some(s), Some(e), DatePrecision::Week))
}

fn weekend(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let r = rel(c);
    let Some(art) = art else { return Some((None, None, DatePrecision::Week)) };
    let this = if matches!(art.weekday(), Weekday::Sat | Weekday::Sun) {
        on_or_before(art, Weekday::Sat)?
    } else {
        on_or_before(add(art, 6)?, Weekday::Sat)?
    };
    let sat = match r.as_str() {
        "this weekend" => this,
        "next weekend" => add(this, 7)?,
        _ => on_or_before(art.pred_opt()?, Weekday::Sat)?,
    };
    Some((Some(sat), Some(add(sat, 1)?), DatePrecision::Week))
}

fn relative_month(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let r = rel(c);
    let Some(art) = art else { return Some((None, None, DatePrecision::Month)) };
    let first = NaiveDate::from_ymd_opt(art.year(), art.month(), 1)?;
    let base = match r.as_str() {
        "last month" | "the previous month" => first.checked_sub_months(Months::new(1))?,
        "next month" => first.checked_add_months(Months::new(1))?,
        "past month" | "the past month" => {
            return Some((art.checked_sub_months(Months::new(1)), Some(art), DatePrecision::Month));
        }
        "earlier this month" => return Some((Some(first), Some(art), DatePrecision::Month)),
        _ => first,
    };
    let (s, e) = month_bounds(base.year(), base.month())?;
    Some((Some(s), Some(e), DatePrecision::Month))
}

fn relative_year(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let r = rel(c);
    let Some(art) = art else { return Some((None, None, DatePrecision::Year)) };
    let y = match r.as_str() {
        "last year" | "the previous year" => art.year() - 1,
        "next year" => art.year() + 1,
        "past year" | "the past year" => {
            return Some((art.checked_sub_months(Months::new(12)), Some(art), DatePrecision::Year));
        }
        "earlier this year" => return Some((NaiveDate::from_ymd_opt(art.year(), 1, 1), Some(art), DatePrecision::Year)),
        _ => art.year(),
    };
    Some((NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31), DatePrecision::Year))
}

fn year(c: &Captures, _: Option<NaiveDate>) -> Option<Resolved> {
    if c.name("not").is_some() {
        return None; // "in 2022-23", "in 2024 1" are not plain years
    }
    let y: i32 = c["y"].parse().ok()?;
    Some((NaiveDate::from_ymd_opt(y, 1, 1), NaiveDate::from_ymd_opt(y, 12, 31), DatePrecision::Year))
}

fn ago(c: &Captures, art: Option<NaiveDate>) -> Option<Resolved> {
    let n: u32 = match c["n"].to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" | "a couple of" => 2,
        "three" | "a few" => 3,
        "four" => 4,
        "five" | "several" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        s => s.parse().ok()?,
    };
    let unit = c["unit"].to_ascii_lowercase();
    let prec = match unit.as_str() {
        "day" => DatePrecision::Day,
        "week" => DatePrecision::Week,
        "month" => DatePrecision::Month,
        _ => DatePrecision::Year,
    };
    let Some(art) = art else { return Some((None, None, prec)) };
    let d = match unit.as_str() {
        "day" => art.checked_sub_days(Days::new(n as u64)),
        "week" => art.checked_sub_days(Days::new(7 * n as u64)),
        "month" => art.checked_sub_months(Months::new(n)),
        _ => art.checked_sub_months(Months::new(12 * n)),
    };
    Some((d, d, prec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Tuesday 6 August 2024.
    fn art() -> Option<NaiveDate> {
        Some(ymd(2024, 8, 6))
    }

    fn one(text: &str) -> FoundDate {
        let f = find_dates(text, 0, art());
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.into_iter().next().unwrap()
    }

    fn d(text: &str) -> (NaiveDate, NaiveDate, DatePrecision) {
        let f = one(text);
        (f.date.unwrap(), f.end.unwrap(), f.precision)
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(d("It happened on July 29, 2024 in the north.").0, ymd(2024, 7, 29));
        assert_eq!(d("It happened 29 July 2024.").0, ymd(2024, 7, 29));
        assert_eq!(d("It happened 2024-07-29.").0, ymd(2024, 7, 29));
        assert_eq!(one("It happened on July 29, 2024 in the north.").text, "on July 29, 2024");
        // No year: the nearest such day (future allowed).
        assert_eq!(d("Talks resume on August 15.").0, ymd(2024, 8, 15));
        assert_eq!(d("Talks resume Aug. 15 in Cairo.").0, ymd(2024, 8, 15));
        assert_eq!(d("The raid on December 28 killed ten.").0, ymd(2023, 12, 28));
        assert_eq!(d("The raid on August 2 killed ten.").0, ymd(2024, 8, 2));
        // "since" looks back.
        let f = one("Fighting has raged since October 7.");
        assert_eq!((f.date, f.text.as_str(), f.precision), (Some(ymd(2023, 10, 7)), "since October 7", DatePrecision::Day));
        // Absolute dates resolve without an article date.
        assert_eq!(find_dates("on July 29, 2024", 0, None)[0].date, Some(ymd(2024, 7, 29)));
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("They met on Tuesday.").0, ymd(2024, 8, 6)); // same day counts
        assert_eq!(d("They met on Monday.").0, ymd(2024, 8, 5));
        assert_eq!(d("They met on Wednesday.").0, ymd(2024, 7, 31));
        assert_eq!(d("They met last Tuesday.").0, ymd(2024, 7, 30));
        assert_eq!(d("They meet next Friday.").0, ymd(2024, 8, 9));
        assert_eq!(d("He said late Monday that it was over.").0, ymd(2024, 8, 5));
        let f = one("Strikes hit Monday night.");
        assert_eq!((f.text.as_str(), f.date), ("Monday night", Some(ymd(2024, 8, 5))));
    }

    #[test]
    fn relative_days_weeks_weekends() {
        assert_eq!(d("He left yesterday.").0, ymd(2024, 8, 5));
        assert_eq!(d("He leaves today.").0, ymd(2024, 8, 6));
        assert_eq!(d("He speaks tonight.").0, ymd(2024, 8, 6));
        assert_eq!(d("Hours earlier, they fired.").0, ymd(2024, 8, 6));
        assert_eq!(d("They met this week."), (ymd(2024, 8, 5), ymd(2024, 8, 11), DatePrecision::Week));
        assert_eq!(d("They met last week."), (ymd(2024, 7, 29), ymd(2024, 8, 4), DatePrecision::Week));
        assert_eq!(d("They met over the weekend."), (ymd(2024, 8, 3), ymd(2024, 8, 4), DatePrecision::Week));
        assert_eq!(d("They meet this weekend.").0, ymd(2024, 8, 10));
        assert_eq!(d("They met last weekend.").0, ymd(2024, 8, 3));
    }

    #[test]
    fn months_and_years() {
        assert_eq!(d("They met last month."), (ymd(2024, 7, 1), ymd(2024, 7, 31), DatePrecision::Month));
        assert_eq!(d("Iran struck in April."), (ymd(2024, 4, 1), ymd(2024, 4, 30), DatePrecision::Month));
        assert_eq!(d("Talks began in October."), (ymd(2023, 10, 1), ymd(2023, 10, 31), DatePrecision::Month));
        assert_eq!(d("Talks resume next month.").0, ymd(2024, 9, 1));
        assert_eq!(d("They met earlier this month."), (ymd(2024, 8, 1), ymd(2024, 8, 6), DatePrecision::Month));
        assert_eq!(d("They met last year."), (ymd(2023, 1, 1), ymd(2023, 12, 31), DatePrecision::Year));
        assert_eq!(d("They met in 2022."), (ymd(2022, 1, 1), ymd(2022, 12, 31), DatePrecision::Year));
        assert_eq!(d("It began in January 2020.").0, ymd(2020, 1, 1));
        assert_eq!(d("They met three days ago.").0, ymd(2024, 8, 3));
        assert_eq!(d("They met 2 weeks ago.").0, ymd(2024, 7, 23));
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find_dates("Iran may strike soon.", 0, art()).is_empty());
        assert_eq!(d("Iran struck in May.").0, ymd(2024, 5, 1));
    }

    #[test]
    fn spans_are_offset_and_no_date_still_found() {
        let f = find_dates("xx on Tuesday", 100, None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span, Span::new(103, 113));
        assert_eq!(f[0].date, None);
        assert_eq!(f[0].text, "on Tuesday");
    }

    #[test]
    fn several_in_order_without_overlap() {
        let f = find_dates("On Monday, a week after talks in April, and yesterday too.", 0, art());
        let t: Vec<_> = f.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(t, vec!["On Monday", "in April", "yesterday"]);
    }

    #[test]
    fn filters_change_nothing() {
        let mut texts: Vec<String> = [
            "On Monday, a week after talks in April, and yesterday too.",
            "Talks resume Aug. 15 in Cairo; they met 2 weeks ago and last weekend.",
            "The raid on December 28 killed ten, hours earlier, overnight, this morning.",
            "He left the day before yesterday; ties date from 1994-05-02 and since 2022.",
            "It was a yeſterday and a wee\u{212A} ago; THREE DAYS AGO; Iran may strike.",
            "No date here at all, just words about the market.",
            "“Since October 7,” he said on Tuesday night, “nothing has changed.”",
            "In ٢٠٢٤ and ٣ days ago, earlier this month, next year, the past week.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(texts.clone().iter().map(|t| t.to_uppercase()));
        texts.extend(texts.clone().iter().map(|t| t.to_lowercase()));
        for t in &texts {
            for art in [art(), None] {
                assert_eq!(find(t, 7, art, true), find(t, 7, art, false), "{t}");
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "February 30", "on Feb. 31, 2024", "in 0000", "99999 days ago", "on Monday".repeat(1000).as_str(), "Décembre 2024"] {
            let _ = find_dates(t, 0, art());
            let _ = find_dates(t, 0, None);
            let _ = find_dates(t, 0, NaiveDate::from_ymd_opt(1, 1, 1));
            let _ = find_dates(t, 0, Some(NaiveDate::MAX));
        }
    }
}
