//! A calm month then a week of strikes raises exactly the expected alerts.

use std::collections::BTreeMap;

use brink_core::Modality;
use brink_model::escalation::{compute, DatedEvent, Params, OVERALL};
use chrono::{Duration, NaiveDate};

fn ev(date: NaiveDate, s: &str, t: &str, score: f32, quad: u8, cluster: Option<String>) -> DatedEvent {
    DatedEvent { date, source: s.into(), targets: vec![t.into()], score, quad, modality: Modality::Asserted, cluster }
}

fn scenario() -> (Vec<DatedEvent>, BTreeMap<NaiveDate, usize>) {
    let start = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    let mut evs = Vec::new();
    let mut arts = BTreeMap::new();
    for d in 0..38 {
        let day = start + Duration::days(d);
        let strike_week = d >= 31;
        arts.insert(day, if strike_week { 20 } else { 5 });
        // a calm pair, every day, also through the strike week
        evs.push(ev(day, "USA", "QAT", 2.5, 1, None));
        if !strike_week {
            if d % 5 == 0 {
                evs.push(ev(day, "Hezbollah", "ISR", -3.5, 3, None)); // verbal threats, not material
            }
        } else {
            for k in 0..4 {
                // each strike reported by four copies: one cluster
                let cl = format!("c{d}-{k}");
                for _copy in 0..4 {
                    evs.push(ev(day, if k % 2 == 0 { "ISR" } else { "Hezbollah" }, if k % 2 == 0 { "Hezbollah" } else { "ISR" }, -9.0, 4, Some(cl.clone())));
                }
            }
            // a hypothetical strike never counts
            let mut h = ev(day, "IRN", "ISR", -9.0, 4, None);
            h.modality = Modality::Hypothetical;
            evs.push(h);
        }
    }
    (evs, arts)
}

#[test]
fn calm_month_then_strikes() {
    let (evs, arts) = scenario();
    let (rows, alerts) = compute(&evs, &arts, &Params::default());
    let summary: Vec<(String, String, String)> =
        alerts.iter().map(|a| (a.dyad.clone(), a.kind.clone(), a.date.to_string())).collect();
    assert_eq!(
        summary,
        vec![
            ("Hezbollah:ISR".to_string(), "first_material_conflict".to_string(), "2024-08-01".to_string()),
            // overall: baseline 0.36 (sd floor 0.5); the 7-day mean passes -0.64 on the fourth day
            (OVERALL.to_string(), "drop".to_string(), "2024-08-04".to_string()),
            // the pair: baseline -0.14; passes -1.14 on the fifth day
            ("Hezbollah:ISR".to_string(), "drop".to_string(), "2024-08-05".to_string()),
        ],
        "{alerts:#?}"
    );
    // clusters, not copies: four strikes a day, not sixteen
    let aug3 = rows.iter().find(|r| r.dyad == "Hezbollah:ISR" && r.date.to_string() == "2024-08-03").unwrap();
    assert_eq!(aug3.events, 4);
    assert_eq!(aug3.quad, [0, 0, 0, 4]);
    assert_eq!(aug3.articles, 20);
    assert!((aug3.index - (-36.0 / 20.0)).abs() < 1e-5);
    // every day of the span has a row per dyad
    assert_eq!(rows.iter().filter(|r| r.dyad == "QAT:USA").count(), 38);
    assert!(rows.iter().all(|r| r.dyad != "IRN:ISR"));
}

#[test]
fn a_news_surge_alone_is_not_an_escalation() {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut evs = Vec::new();
    let mut arts = BTreeMap::new();
    for d in 0..45 {
        let day = start + Duration::days(d);
        let surge = d >= 35;
        let n_art = if surge { 50 } else { 5 };
        arts.insert(day, n_art);
        // coverage scales with the surge: more articles report proportionally more (distinct) events
        let n = if surge { 10 } else { 1 };
        for k in 0..n {
            evs.push(ev(day, "ARM", "AZE", -2.0, 3, Some(format!("{d}-{k}"))));
        }
    }
    let (_, alerts) = compute(&evs, &arts, &Params::default());
    assert!(alerts.is_empty(), "{alerts:#?}");
}

#[test]
fn sensitivity_parameter() {
    let (evs, arts) = scenario();
    let strict = Params { k: 10.0, ..Params::default() };
    let (_, alerts) = compute(&evs, &arts, &strict);
    assert!(alerts.iter().all(|a| a.kind == "first_material_conflict"));
    assert!(compute(&[], &BTreeMap::new(), &Params::default()).0.is_empty());
}
