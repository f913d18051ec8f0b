//! Escalation per dyad (undirected pair of actor keys) and overall: a daily index from
//! asserted events, 7- and 30-day rolling values, and alerts.
//!
//! Why these choices:
//! - The daily value is the sum of PLOVER scores (conflict negative, cooperation positive)
//!   divided by the number of articles that day, so a news surge alone is not an escalation.
//!   Callers that place events on their event date should pass [`reporting_articles`]
//!   (documents reporting events dated that day) as that number, not publication counts.
//! - Events that are the same act (one cluster) count once: copies are not escalation.
//! - A *drop* alert fires when the 7-day mean falls below the mean of the 30 days before
//!   that week by `k` standard deviations (default 2.0; the deviation has a floor so a
//!   perfectly calm baseline does not alert on noise). It fires on the day the condition
//!   starts, not every day it holds.
//! - A *first material conflict* alert fires on the first quad-4 event between a pair.

use std::collections::{BTreeMap, HashSet};

use brink_core::Modality;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The key of the overall series.
pub const OVERALL: &str = "*";

/// One event as escalation needs it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatedEvent {
    pub date: NaiveDate,
    pub source: String,
    pub targets: Vec<String>,
    pub score: f32,
    pub quad: u8,
    pub modality: Modality,
    /// Events with the same cluster id are one act and count once.
    pub cluster: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Params {
    /// Standard deviations below the baseline that raise a drop alert.
    pub k: f32,
    /// Floor for the baseline's standard deviation (index units).
    pub min_sd: f32,
    /// Days of baseline needed before a drop alert can fire.
    pub min_baseline_days: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params { k: 2.0, min_sd: 0.5, min_baseline_days: 14 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SeriesRow {
    /// "A:B" (keys sorted) or "*" for overall.
    pub dyad: String,
    pub date: NaiveDate,
    pub events: usize,
    pub score_sum: f32,
    /// Event counts by quad class 1..4.
    pub quad: [usize; 4],
    pub articles: usize,
    /// score_sum / max(articles, 1).
    pub index: f32,
    /// Mean daily index over the last 7 days (this day included).
    pub index_7d: f32,
    /// Mean daily index over the last 30 days (this day included).
    pub index_30d: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Alert {
    pub dyad: String,
    pub date: NaiveDate,
    /// "drop" or "first_material_conflict".
    pub kind: String,
    pub value: f32,
    pub baseline: Option<f32>,
    pub sd: Option<f32>,
    pub detail: String,
}

/// The dyad key of an undirected pair: keys sorted, joined by ':'.
pub fn dyad_key(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}:{b}")
    } else {
        format!("{b}:{a}")
    }
}

#[derive(Default, Clone)]
struct Day {
    events: usize,
    sum: f32,
    quad: [usize; 4],
}

/// One act for [`compute_acts`]: a [`DatedEvent`] with every source, so that "the US and
/// the UK struck ..." counts for both pairs (and once overall).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Act {
    pub date: NaiveDate,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub score: f32,
    pub quad: u8,
    pub modality: Modality,
    /// Acts with the same cluster id are one act and count once.
    pub cluster: Option<String>,
}

impl From<&DatedEvent> for Act {
    fn from(e: &DatedEvent) -> Act {
        Act {
            date: e.date,
            sources: vec![e.source.clone()],
            targets: e.targets.clone(),
            score: e.score,
            quad: e.quad,
            modality: e.modality,
            cluster: e.cluster.clone(),
        }
    }
}

/// The articles-per-day normaliser that goes with event dates: for each day, the number
/// of distinct documents that report an asserted event dated that day (`(event date,
/// document id)` pairs, one per reported event, copies included).
///
/// Why not articles by publication date: events sit on their resolved event date, which
/// is often days before the article that reports them (or the article has no date at
/// all), so publication counts would divide a day's acts by an unrelated volume. The
/// documents that report a day's events are that day's news volume; a surge of coverage
/// of one act raises the divisor but not the (clustered) act count.
pub fn reporting_articles<'a>(reports: impl IntoIterator<Item = (NaiveDate, &'a str)>) -> BTreeMap<NaiveDate, usize> {
    let mut seen: HashSet<(NaiveDate, &str)> = HashSet::new();
    let mut out: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for (d, doc) in reports {
        if seen.insert((d, doc)) {
            *out.entry(d).or_default() += 1;
        }
    }
    out
}

/// Builds the series (every day from the first to the last event date, per dyad) and alerts.
pub fn compute(events: &[DatedEvent], articles_per_day: &BTreeMap<NaiveDate, usize>, p: &Params) -> (Vec<SeriesRow>, Vec<Alert>) {
    let acts: Vec<Act> = events.iter().map(Act::from).collect();
    compute_acts(&acts, articles_per_day, p, None)
}

/// [`compute`] over acts with any number of sources. With `span`, the rows cover exactly
/// those days (inclusive) and acts outside it are left out; without, every day from the
/// first to the last act.
pub fn compute_acts(
    acts: &[Act],
    articles_per_day: &BTreeMap<NaiveDate, usize>,
    p: &Params,
    span: Option<(NaiveDate, NaiveDate)>,
) -> (Vec<SeriesRow>, Vec<Alert>) {
    let mut seen_clusters = HashSet::new();
    let mut per: BTreeMap<String, BTreeMap<NaiveDate, Day>> = BTreeMap::new();
    let mut first_q4: BTreeMap<String, (NaiveDate, String)> = BTreeMap::new();
    let mut sorted: Vec<&Act> = acts
        .iter()
        .filter(|e| e.modality == Modality::Asserted)
        .filter(|e| span.is_none_or(|(a, b)| a <= e.date && e.date <= b))
        .collect();
    sorted.sort_by_key(|e| e.date);
    let named = |k: &str| !k.is_empty() && k != "*";
    for e in sorted {
        if let Some(c) = &e.cluster {
            if !seen_clusters.insert(c.clone()) {
                continue;
            }
        }
        let mut pairs: Vec<(String, &str)> = Vec::new();
        for s in e.sources.iter().filter(|s| named(s)) {
            for t in e.targets.iter().filter(|t| named(t) && *t != s) {
                pairs.push((dyad_key(s, t), s.as_str()));
            }
        }
        pairs.sort();
        pairs.dedup_by(|a, b| a.0 == b.0);
        for (d, s) in &pairs {
            if e.quad == 4 && !first_q4.contains_key(d) {
                first_q4.insert(d.clone(), (e.date, s.to_string()));
            }
        }
        let mut dyads: Vec<String> = pairs.into_iter().map(|(d, _)| d).collect();
        dyads.push(OVERALL.to_string());
        for d in dyads {
            let day = per.entry(d).or_default().entry(e.date).or_default();
            day.events += 1;
            day.sum += e.score;
            if (1..=4).contains(&e.quad) {
                day.quad[e.quad as usize - 1] += 1;
            }
        }
    }
    let (Some(start), Some(end)) = (
        span.map(|s| s.0).or_else(|| per.values().filter_map(|m| m.keys().next()).min().copied()),
        span.map(|s| s.1).or_else(|| per.values().filter_map(|m| m.keys().last()).max().copied()),
    ) else {
        return (Vec::new(), Vec::new());
    };
    if per.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut rows = Vec::new();
    let mut alerts = Vec::new();
    for (dyad, days) in &per {
        let mut idx: Vec<f32> = Vec::new();
        let mut in_alert = false;
        let mut d = start;
        while d <= end {
            let day = days.get(&d).cloned().unwrap_or_default();
            let articles = articles_per_day.get(&d).copied().unwrap_or(0);
            let index = day.sum / articles.max(1) as f32;
            idx.push(index);
            let n = idx.len();
            let mean = |s: &[f32]| if s.is_empty() { 0.0 } else { s.iter().sum::<f32>() / s.len() as f32 };
            let i7 = mean(&idx[n.saturating_sub(7)..]);
            let i30 = mean(&idx[n.saturating_sub(30)..]);
            rows.push(SeriesRow {
                dyad: dyad.clone(),
                date: d,
                events: day.events,
                score_sum: day.sum,
                quad: day.quad,
                articles,
                index,
                index_7d: i7,
                index_30d: i30,
            });
            // baseline: the 30 days before this week
            let base = &idx[n.saturating_sub(37)..n.saturating_sub(7)];
            let mut firing = false;
            if base.len() >= p.min_baseline_days {
                let mu = mean(base);
                let sd = (base.iter().map(|x| (x - mu) * (x - mu)).sum::<f32>() / base.len() as f32).sqrt().max(p.min_sd);
                firing = i7 < mu - p.k * sd;
                if firing && !in_alert {
                    alerts.push(Alert {
                        dyad: dyad.clone(),
                        date: d,
                        kind: "drop".into(),
                        value: i7,
                        baseline: Some(mu),
                        sd: Some(sd),
                        detail: format!("7-day index {i7:.2} below 30-day baseline {mu:.2} by more than {} sd ({sd:.2})", p.k),
                    });
                }
            }
            in_alert = firing;
            d += Duration::days(1);
        }
    }
    for (dyad, (date, src)) in first_q4 {
        alerts.push(Alert {
            dyad: dyad.clone(),
            date,
            kind: "first_material_conflict".into(),
            value: 0.0,
            baseline: None,
            sd: None,
            detail: format!("first material-conflict event between {dyad} (by {src})"),
        });
    }
    alerts.sort_by(|a, b| (a.date, &a.dyad, &a.kind).cmp(&(b.date, &b.dyad, &b.kind)));
    (rows, alerts)
}
