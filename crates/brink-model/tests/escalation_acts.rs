//! Acts with several sources, fixed spans and the reporting-articles normaliser.

use std::collections::BTreeMap;

use brink_core::Modality;
use brink_model::escalation::{compute, compute_acts, reporting_articles, Act, DatedEvent, Params, OVERALL};
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, d).unwrap()
}

fn act(d: u32, sources: &[&str], targets: &[&str], score: f32, quad: u8, cluster: &str) -> Act {
    Act {
        date: day(d),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        targets: targets.iter().map(|s| s.to_string()).collect(),
        score,
        quad,
        modality: Modality::Asserted,
        cluster: Some(cluster.into()),
    }
}

#[test]
fn every_source_gets_its_pair_and_the_act_counts_once_overall() {
    let acts = vec![act(3, &["USA", "GBR"], &["Houthis"], -9.5, 4, "c1"), act(3, &["USA", "GBR"], &["Houthis"], -9.5, 4, "c1")];
    let (rows, alerts) = compute_acts(&acts, &BTreeMap::new(), &Params::default(), None);
    let get = |d: &str| rows.iter().find(|r| r.dyad == d).unwrap_or_else(|| panic!("{d}: {rows:#?}"));
    assert_eq!(get("Houthis:USA").events, 1);
    assert_eq!(get("GBR:Houthis").events, 1);
    assert_eq!(get(OVERALL).events, 1, "one act, reported twice, with two sources");
    assert_eq!(get(OVERALL).score_sum, -9.5);
    let firsts: Vec<&str> = alerts.iter().filter(|a| a.kind == "first_material_conflict").map(|a| a.dyad.as_str()).collect();
    assert_eq!(firsts, ["GBR:Houthis", "Houthis:USA"]);
}

#[test]
fn a_span_fixes_the_days_and_leaves_out_acts_outside_it() {
    let acts = vec![act(1, &["A"], &["B"], -2.0, 3, "x"), act(5, &["A"], &["B"], -4.0, 3, "y"), act(20, &["A"], &["B"], 3.0, 1, "z")];
    let (rows, _) = compute_acts(&acts, &BTreeMap::new(), &Params::default(), Some((day(3), day(10))));
    let pair: Vec<_> = rows.iter().filter(|r| r.dyad == "A:B").collect();
    assert_eq!(pair.len(), 8);
    assert_eq!((pair[0].date, pair[7].date), (day(3), day(10)));
    assert_eq!(pair.iter().map(|r| r.events).sum::<usize>(), 1);
    // the same acts without a span: every day from the first to the last act
    let (rows, _) = compute_acts(&acts, &BTreeMap::new(), &Params::default(), None);
    assert_eq!(rows.iter().filter(|r| r.dyad == "A:B").count(), 20);
}

#[test]
fn compute_is_compute_acts_with_one_source() {
    let evs: Vec<DatedEvent> = (1..=9)
        .map(|d| DatedEvent {
            date: day(d),
            source: if d % 2 == 0 { "A".into() } else { "B".into() },
            targets: vec![if d % 2 == 0 { "B".into() } else { "A".into() }],
            score: -(d as f32),
            quad: if d > 6 { 4 } else { 3 },
            modality: Modality::Asserted,
            cluster: None,
        })
        .collect();
    let arts: BTreeMap<NaiveDate, usize> = (1..=9).map(|d| (day(d), 2)).collect();
    let a = compute(&evs, &arts, &Params::default());
    let acts: Vec<Act> = evs.iter().map(Act::from).collect();
    let b = compute_acts(&acts, &arts, &Params::default(), None);
    assert_eq!(a, b);
}

#[test]
fn reporting_articles_counts_documents_per_event_date() {
    let reports = [(day(3), "d1"), (day(3), "d1"), (day(3), "d2"), (day(4), "d1"), (day(6), "d3")];
    let m = reporting_articles(reports.iter().map(|(d, s)| (*d, *s)));
    assert_eq!(m.into_iter().collect::<Vec<_>>(), [(day(3), 2), (day(4), 1), (day(6), 1)]);
}
