//! Relation stage on hand-built documents: text patterns, event rules, priors, merging, scoring.

mod common;

use brink_core::{Modality, Relation, RelationType, Stage};
use brink_model::{merge_relations, rel_key, score_relations, RelationStage};
use common::*;

fn keys(rels: &[Relation]) -> Vec<String> {
    let mut v: Vec<String> = rels
        .iter()
        .map(|r| {
            let k = rel_key(r);
            format!("{}:{}>{}{}", k.relation_type.as_str(), k.from, k.others.join(","), if r.prior { " (prior)" } else { "" })
        })
        .collect();
    v.sort();
    v
}

fn run(mut d: brink_core::Document) -> Vec<String> {
    RelationStage::new().process(&mut d);
    keys(&d.relations)
}

#[test]
fn hyphen_backed_binds_the_group_after_the_modifier() {
    let d = doc_with("d", "Fighting between Syria-backed Hamas and Israel went on.", &[("Syria", "SYR", true), ("Hamas", "Hamas", false), ("Israel", "ISR", false)]);
    assert_eq!(run(d), vec!["adversary:Hamas>ISR", "patron:SYR>Hamas"]);
}

#[test]
fn proxy_group_and_unnamed_militias() {
    let d = doc_with(
        "d",
        "Officials named the Russian proxy group Wagner. Some Russia-backed militia groups in Mali attacked.",
        &[("Russian", "RUS", true), ("Wagner", "Wagner", false), ("Russia", "RUS", true)],
    );
    assert_eq!(run(d), vec!["patron:RUS>*", "patron:RUS>Wagner"]);
}

#[test]
fn a_backed_state_is_an_ally_not_a_proxy() {
    let d = doc_with("d", "The US-backed Ukraine held the line.", &[("US", "USA", true), ("Ukraine", "UKR", false)]);
    assert_eq!(run(d), vec!["ally:UKR>USA"]);
}

#[test]
fn war_between_and_allied_with() {
    let d = doc_with(
        "d",
        "The war between Ethiopia and Eritrea ended. The Sudanese government is allied with Egypt.",
        &[("Ethiopia", "ETH", false), ("Eritrea", "ERI", false), ("Sudanese government", "SDN", false), ("Egypt", "EGY", false)],
    );
    assert_eq!(run(d), vec!["adversary:ERI>ETH", "ally:EGY>SDN"]);
}

#[test]
fn negation_voids_a_statement() {
    let d = doc_with("d", "Chad is not allied with Libya.", &[("Chad", "TCD", false), ("Libya", "LBY", false)]);
    assert!(run(d).is_empty());
}

#[test]
fn possessive_pronoun_refers_to_the_subject() {
    let d = doc_with(
        "d",
        "Russia has cultivated closer ties with Iran since the start of its war with Ukraine.",
        &[("Russia", "RUS", false), ("Iran", "IRN", false), ("Ukraine", "UKR", false)],
    );
    assert_eq!(run(d), vec!["adversary:RUS>UKR", "ally:IRN>RUS"]);
}

#[test]
fn mediator_with_parties_and_mediator_from_context() {
    let d = doc_with(
        "d",
        "Norway is working on a plan to mediate a truce between Colombia and the ELN. Talks were later brokered by Cuba.",
        &[("Norway", "NOR", false), ("Colombia", "COL", false), ("ELN", "ELN", false), ("Cuba", "CUB", false)],
    );
    assert_eq!(run(d), vec!["adversary:COL>ELN", "mediator:CUB>COL,ELN", "mediator:NOR>COL,ELN"]);
}

#[test]
fn coordinated_mediators() {
    let d = doc_with(
        "d",
        "The ceasefire between Israel and Hamas was mediated by Qatar, Egypt and the United States.",
        &[("Israel", "ISR", false), ("Hamas", "Hamas", false), ("Qatar", "QAT", false), ("Egypt", "EGY", false), ("United States", "USA", false)],
    );
    assert_eq!(
        run(d),
        vec!["adversary:Hamas>ISR", "mediator:EGY>Hamas,ISR", "mediator:QAT>Hamas,ISR", "mediator:USA>Hamas,ISR"]
    );
}

#[test]
fn quote_speaker_resolves_we() {
    let mut d = doc_with("d", "\u{201c}We will defend Poland,\u{201d} Smith said.", &[("Poland", "POL", false), ("Smith", "USA", false)]);
    let sp = d.mentions[1].actor.clone();
    d.quotes.push(brink_core::Quote {
        id: "q0".into(),
        kind: brink_core::QuoteKind::Direct,
        text: "We will defend Poland,".into(),
        spans: vec![brink_core::Span::new(3, 27)],
        speaker: sp,
        speaker_span: None,
        cue: None,
        cue_span: None,
        speech_act: None,
        events: vec![],
        sentence: 0,
        rule: "test".into(),
        confidence: 0.9,
    });
    assert_eq!(run(d), vec!["ally:POL>USA"]);
}

#[test]
fn events_show_relations_only_when_asserted() {
    let mut d = doc_with("d", "Nothing stated.", &[]);
    d.events = vec![
        event("e0", "ASSAULT", &["RUS"], &["UKR"], Some("2024-08-01"), Modality::Asserted),
        event("e1", "ASSAULT", &["IND"], &["PAK"], Some("2024-08-01"), Modality::Hypothetical),
        event("e2", "THREATEN", &["PRK"], &["KOR"], None, Modality::Asserted),
        event("e3", "THREATEN", &["KOR"], &["PRK"], None, Modality::Asserted),
        event("e4", "THREATEN", &["CHN"], &["TWN"], None, Modality::Asserted),
        event("e5", "AID", &["IRN"], &["Houthis"], None, Modality::Asserted),
        event("e6", "COOPERATE", &["FRA"], &["DEU"], None, Modality::Asserted),
        event("e7", "AID", &["*"], &["Houthis"], None, Modality::Asserted),
    ];
    let mut c = event("e8", "CONSULT", &["QAT"], &["USA", "Taliban"], None, Modality::Asserted);
    c.mode = Some("third-party".into());
    d.events.push(c);
    let got = run(d.clone());
    assert_eq!(
        got,
        vec!["adversary:KOR>PRK", "adversary:RUS>UKR", "ally:DEU>FRA", "mediator:QAT>Taliban,USA", "patron:IRN>Houthis"]
    );
    RelationStage::new().process(&mut d);
    let adv = d.relations.iter().find(|r| r.relation_type == RelationType::Adversary && r.from.key == "RUS").unwrap();
    assert_eq!(adv.evidence[0].events, vec!["e0".to_string()]);
    assert_eq!(adv.first_seen.as_deref(), Some("2024-08-01"));
}

#[test]
fn cooperation_with_an_enemy_is_not_an_alliance() {
    let mut d = doc_with("d", "x", &[]);
    d.events = vec![
        event("e0", "ASSAULT", &["ISR"], &["Hamas"], None, Modality::Asserted),
        event("e1", "COOPERATE", &["ISR"], &["Hamas"], None, Modality::Asserted),
    ];
    assert_eq!(run(d), vec!["adversary:Hamas>ISR"]);
}

fn patron_prior(from: &str, to: &str) -> Relation {
    Relation {
        relation_type: RelationType::Patron,
        from: actor(from, kind_of(from)),
        to: Some(actor(to, kind_of(to))),
        between: vec![],
        confidence: 0.5,
        first_seen: None,
        last_seen: None,
        prior: true,
        evidence: vec![],
    }
}

#[test]
fn priors_need_both_actors_and_a_proxy_description() {
    let stage = RelationStage::with_priors(vec![patron_prior("IRN", "Houthis"), patron_prior("IRN", "Hamas")]);
    let mut d = doc_with(
        "d",
        "Iran said so. The Yemeni militia, the Houthis, fired again. Hamas leaders met.",
        &[("Iran", "IRN", false), ("Houthis", "Houthis", false), ("Hamas", "Hamas", false)],
    );
    stage.process(&mut d);
    assert_eq!(keys(&d.relations), vec!["patron:IRN>Houthis (prior)"]);
    assert!(d.relations[0].evidence.is_empty());
    // evidence replaces the prior
    let mut d2 = doc_with("d2", "Iran-backed Houthis fired.", &[("Iran", "IRN", true), ("Houthis", "Houthis", false)]);
    stage.process(&mut d2);
    assert_eq!(keys(&d2.relations), vec!["patron:IRN>Houthis"]);
}

#[test]
fn merge_across_documents_keeps_one_relation_with_all_evidence() {
    let mut a = doc_with("a", "The war between Armenia and Azerbaijan.", &[("Armenia", "ARM", false), ("Azerbaijan", "AZE", false)]);
    let mut b = doc_with("b", "Azerbaijan's offensive against Armenia.", &[("Azerbaijan", "AZE", false), ("Armenia", "ARM", false)]);
    b.date = chrono::NaiveDate::from_ymd_opt(2024, 9, 1);
    let s = RelationStage::new();
    s.process(&mut a);
    s.process(&mut b);
    let m = merge_relations(a.relations.into_iter().chain(b.relations));
    assert_eq!(m.len(), 1);
    let docs: std::collections::BTreeSet<&str> = m[0].evidence.iter().map(|e| e.doc.as_str()).collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), vec!["a", "b"]);
    assert_eq!(m[0].first_seen.as_deref(), Some("2024-08-06"));
    assert_eq!(m[0].last_seen.as_deref(), Some("2024-09-01"));
    assert!(m[0].confidence > 0.8);
}

#[test]
fn scorer_mirrors_rel_keys() {
    let gold: serde_json::Value = serde_json::json!({"relations": [
        {"type": "ally", "from": "USA", "to": "ISR"},
        {"type": "mediator", "from": "OMN", "between": ["USA", "IRN"]},
        {"type": "patron", "from": "IRN", "to": "Hezbollah"},
        {"type": "adversary", "from": "ISR", "to": "Hamas"}
    ]});
    let mk = |t: RelationType, f: &str, to: Option<&str>, between: &[&str]| Relation {
        relation_type: t,
        from: actor(f, kind_of(f)),
        to: to.map(|k| actor(k, kind_of(k))),
        between: between.iter().map(|k| actor(k, kind_of(k))).collect(),
        confidence: 0.5,
        first_seen: None,
        last_seen: None,
        prior: false,
        evidence: vec![],
    };
    let pred = vec![
        mk(RelationType::Ally, "ISR", Some("USA"), &[]),               // symmetric: hit
        mk(RelationType::Mediator, "OMN", None, &["IRN", "USA"]),      // set of parties: hit
        mk(RelationType::Patron, "Hezbollah", Some("IRN"), &[]),       // directed: miss
        mk(RelationType::Ally, "USA", Some("ISR"), &[]),               // duplicate key: counted once
    ];
    assert_eq!(score_relations(&gold, &pred), (2, 3, 4));
}
