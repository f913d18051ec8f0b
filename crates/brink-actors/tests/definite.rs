//! Definite descriptions refer back to the actor named before.

use std::sync::Arc;

use brink_core::{Document, Pipeline};

fn mentions(text: &str) -> Vec<(String, String, Option<String>)> {
    let kb = Arc::new(brink_kb::Kb::load(&[]).unwrap());
    let p = Pipeline::new().with(brink_text::SentenceStage).with(brink_actors::ActorStage::new(kb));
    let mut d = Document::new("t", text);
    d.date = chrono::NaiveDate::from_ymd_opt(2024, 5, 1);
    p.run(&mut d);
    d.mentions.iter().filter_map(|m| m.actor.as_ref().map(|a| (d.slice(m.span).to_string(), a.key.clone(), a.sector.clone()))).collect()
}

#[test]
fn the_army_is_the_last_state_named() {
    let m = mentions("Sudan's army said it had retaken the bridge. On Friday the army struck RSF units near the palace.");
    assert!(m.iter().any(|(t, k, s)| t == "army" && k == "SDN" && s.as_deref() == Some("MIL")), "{m:?}");
}

#[test]
fn the_rebels_are_the_last_group_named() {
    let m = mentions("M23 fighters entered the town at dawn. Residents said the rebels looted shops.");
    assert!(m.iter().any(|(t, k, _)| t == "rebels" && k == "M23"), "{m:?}");
}

#[test]
fn no_antecedent_no_mention() {
    let m = mentions("The army said the situation was calm.");
    assert!(!m.iter().any(|(t, _, _)| t == "army"), "{m:?}");
}

#[test]
fn both_sides_are_the_two_parties_last_named() {
    let m = mentions("Armenia and Azerbaijan exchanged fire overnight. Both sides agreed to a truce on Friday.");
    let keys: Vec<&str> = m.iter().filter(|(t, _, _)| t == "Both sides").map(|(_, k, _)| k.as_str()).collect();
    assert!(keys.contains(&"ARM") && keys.contains(&"AZE"), "{m:?}");
}

#[test]
fn a_sentence_may_open_with_a_bare_agent() {
    let m = mentions("Kenya's government raised taxes last month. Police detained two protesters in Nairobi on Monday.");
    assert!(m.iter().any(|(t, k, _)| t == "Police" && k == "KEN"), "{m:?}");
}
