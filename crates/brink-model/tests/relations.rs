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

// ---------------------------------------------------------------------------------------
// Shapes found on other conflicts (sentences written for these tests)

fn set_kind(d: &mut brink_core::Document, key: &str, kind: brink_core::ActorKind) {
    for m in d.mentions.iter_mut() {
        if let Some(a) = m.actor.as_mut() {
            if a.key == key {
                a.kind = kind;
            }
        }
    }
}

/// An event whose trigger is the first occurrence of `trigger` in the document text.
fn event_at(d: &brink_core::Document, id: &str, typ: &str, src: &[&str], tgt: &[&str], trigger: &str) -> brink_core::Event {
    let mut e = event(id, typ, src, tgt, None, Modality::Asserted);
    let p = d.text.find(trigger).unwrap();
    e.trigger = brink_core::Span::new(p, p + trigger.len());
    e.evidence = brink_core::Span::new(0, d.text.len());
    e
}

#[test]
fn close_ties_to() {
    let d = doc_with("d", "Chad, which has close ties to the Libyan government, stayed silent.", &[("Chad", "TCD", false), ("Libyan government", "LBY", false)]);
    assert_eq!(run(d), vec!["ally:LBY>TCD"]);
}

#[test]
fn hyphenated_coordinated_brokers_mediate_the_pair_in_conflict() {
    let d = doc_with(
        "d",
        "The war between Colombia and the ELN flared again, weeks after the rebels left the Norway- and Cuba-brokered accord.",
        &[("Colombia", "COL", false), ("ELN", "ELN", false), ("Norway", "NOR", true), ("Cuba", "CUB", true)],
    );
    assert_eq!(run(d), vec!["adversary:COL>ELN", "mediator:CUB>COL,ELN", "mediator:NOR>COL,ELN"]);
}

#[test]
fn a_co_mediator_is_not_a_party() {
    let d = doc_with(
        "d",
        "Colombia and the ELN signed a truce on Monday. The accord, brokered by Norway and Cuba after talks between Cuba and ELN envoys, starts today.",
        &[("Colombia", "COL", false), ("ELN", "ELN", false), ("Norway", "NOR", false), ("Cuba", "CUB", false), ("Cuba", "CUB", false), ("ELN envoys", "ELN", false)],
    );
    let got = run(d);
    assert!(got.contains(&"mediator:NOR>COL,ELN".to_string()), "{got:?}");
    assert!(got.contains(&"mediator:CUB>COL,ELN".to_string()), "{got:?}");
    assert!(got.contains(&"adversary:COL>ELN".to_string()), "{got:?}");
    assert!(!got.iter().any(|k| k.starts_with("mediator:NOR>CUB")), "{got:?}");
}

#[test]
fn arms_supplier_of_a_state_is_a_patron() {
    let d = doc_with(
        "d",
        "Belarus, which is Serbia's main arms supplier, said nothing.",
        &[("Belarus", "BLR", false), ("Serbia", "SRB", false)],
    );
    assert_eq!(run(d), vec!["patron:BLR>SRB"]);
}

#[test]
fn coordinated_subject_expels_and_turns_to_a_patron() {
    let d = doc_with(
        "d",
        "Chad and Sudan expelled Libyan advisers last year and have since turned to Egypt for military support.",
        &[("Chad", "TCD", false), ("Sudan", "SDN", false), ("Libyan", "LBY", true), ("Egypt", "EGY", false)],
    );
    assert_eq!(run(d), vec!["adversary:LBY>SDN", "adversary:LBY>TCD", "patron:EGY>SDN", "patron:EGY>TCD"]);
}

#[test]
fn members_of_an_armed_alliance_are_allies_but_not_members_of_a_bloc() {
    let mut d = doc_with(
        "d",
        "The Northern Front, made up of the Kachin Army (KA), the Shan Army and the Wa Army, said nothing. The West African Bloc, made up of Ghana, Togo and Benin, met.",
        &[
            ("Northern Front", "Northern Front", false),
            ("Kachin Army", "Kachin Army", false),
            ("Shan Army", "Shan Army", false),
            ("Wa Army", "Wa Army", false),
            ("West African Bloc", "WAB", false),
            ("Ghana", "GHA", false),
            ("Togo", "TGO", false),
            ("Benin", "BEN", false),
        ],
    );
    set_kind(&mut d, "WAB", brink_core::ActorKind::Igo);
    assert_eq!(run(d), vec!["ally:Kachin Army>Shan Army", "ally:Kachin Army>Wa Army", "ally:Shan Army>Wa Army"]);
}

#[test]
fn fighting_alongside_is_an_alliance_unless_it_is_patronage() {
    let d = doc_with("d", "Chadian troops fought alongside Nigerien forces.", &[("Chadian troops", "TCD", false), ("Nigerien", "NER", true)]);
    assert_eq!(run(d), vec!["ally:NER>TCD"]);
    let d = doc_with(
        "d",
        "The Burundi-backed Red Tabara rebels are growing. Burundian soldiers fought alongside the Red Tabara rebels.",
        &[("Burundi", "BDI", true), ("Red Tabara", "Red Tabara", false), ("Burundian soldiers", "BDI", false), ("Red Tabara", "Red Tabara", false)],
    );
    assert_eq!(run(d), vec!["patron:BDI>Red Tabara"]);
}

#[test]
fn appositive_closest_partner() {
    let d = doc_with("d", "Serbia, Russia's closest partner in the Balkans, abstained.", &[("Serbia", "SRB", false), ("Russia", "RUS", false)]);
    assert_eq!(run(d), vec!["ally:RUS>SRB"]);
}

#[test]
fn truces_and_disputes_show_adversaries() {
    let d = doc_with(
        "d",
        "Chad's army and the FACT rebels have signed a five-day truce. Peru and Ecuador agreed on Friday to halt all fighting. Belize and Guatemala agreed that neither side would use force in their border dispute.",
        &[("Chad's army", "TCD", false), ("FACT", "FACT", false), ("Peru", "PER", false), ("Ecuador", "ECU", false), ("Belize", "BLZ", false), ("Guatemala", "GTM", false)],
    );
    assert_eq!(run(d), vec!["adversary:BLZ>GTM", "adversary:ECU>PER", "adversary:FACT>TCD"]);
}

#[test]
fn eliminating_the_threat_posed_by_a_group() {
    let d = doc_with("d", "Uganda says it must eliminate the threat posed by the ADF.", &[("Uganda", "UGA", false), ("ADF", "ADF", false)]);
    assert_eq!(run(d), vec!["adversary:ADF>UGA"]);
}

#[test]
fn condemning_a_strike_is_not_striking() {
    let d = doc_with("d", "France condemned the strikes on Ukraine.", &[("France", "FRA", false), ("Ukraine", "UKR", false)]);
    assert!(run(d).is_empty());
}

#[test]
fn talks_hosted_by_the_head_of_a_body() {
    let mut d = doc_with(
        "d",
        "Sudan and South Sudan agreed to end their border war. The leaders met in talks hosted by Ali Musa, who chairs the African Union (AU), and Kenya.",
        &[("Sudan", "SDN", false), ("South Sudan", "SSD", false), ("Ali Musa", "ETH", false), ("African Union", "AU", false), ("AU", "AU", false), ("Kenya", "KEN", false)],
    );
    set_kind(&mut d, "AU", brink_core::ActorKind::Igo);
    assert_eq!(run(d), vec!["adversary:SDN>SSD", "mediator:AU>SDN,SSD", "mediator:KEN>SDN,SSD"]);
}

#[test]
fn negotiations_led_by_an_envoy_and_a_deal_brokered() {
    let d = doc_with(
        "d",
        "The truce between Armenia and Azerbaijan held. It followed negotiations in the Kazakh capital led by the OSCE's envoy. Washington had brokered the deal.",
        &[("Armenia", "ARM", false), ("Azerbaijan", "AZE", false), ("Kazakh", "KAZ", true), ("OSCE", "OSCE", false), ("Washington", "USA", false)],
    );
    assert_eq!(run(d), vec!["adversary:ARM>AZE", "mediator:OSCE>ARM,AZE", "mediator:USA>ARM,AZE"]);
}

#[test]
fn signed_in_the_presence_of_a_witness() {
    let d = doc_with(
        "d",
        "A peace agreement between Serbia and Kosovo was signed in Ohrid in the presence of Josep Borrell.",
        &[("Serbia", "SRB", false), ("Kosovo", "XKX", false), ("Josep Borrell", "EU", false)],
    );
    assert_eq!(run(d), vec!["adversary:SRB>XKX", "mediator:EU>SRB,XKX"]);
}

#[test]
fn role_noun_inside_a_mention_is_read() {
    let d = doc_with(
        "d",
        "The United States has held talks with the Taliban through Qatari mediators.",
        &[("United States", "USA", false), ("Taliban", "Taliban", false), ("Qatari mediators", "QAT", false)],
    );
    assert_eq!(run(d), vec!["mediator:QAT>Taliban,USA"]);
}

#[test]
fn events_joint_strikes_territory_truces_and_repeated_hostility() {
    let mut d = doc_with("d", "French and Belgian jets struck Wagner-held towns.", &[("French", "FRA", true), ("Belgian", "BEL", true), ("Wagner", "Wagner", true)]);
    let mut e = event("e0", "ASSAULT", &["FRA", "BEL"], &["Wagner"], None, Modality::Asserted);
    e.target_spans = vec![d.mentions[2].span];
    d.events = vec![e];
    assert_eq!(run(d), vec!["adversary:BEL>Wagner", "adversary:FRA>Wagner", "ally:BEL>FRA"]);

    let mut d = doc_with("d", "Peru and Ecuador signed a truce. Peru accused Ecuador and imposed sanctions on it.", &[]);
    let e0 = event_at(&d, "e0", "AGREE", &["PER", "ECU"], &[], "signed");
    let e1 = event_at(&d, "e1", "ACCUSE", &["CHL"], &["BOL"], "accused");
    let e2 = event_at(&d, "e2", "SANCTION", &["CHL"], &["BOL"], "imposed");
    let e3 = event_at(&d, "e3", "THREATEN", &["ARG"], &["URY"], "imposed");
    d.events = vec![e0, e1, e2, e3];
    assert_eq!(run(d), vec!["adversary:BOL>CHL", "adversary:ECU>PER"]);
}

#[test]
fn welcoming_is_not_an_alliance() {
    let mut d = doc_with("d", "Norway welcomed the deal and praised Kenya. Spain backed Italy.", &[]);
    let e0 = event_at(&d, "e0", "SUPPORT", &["NOR"], &["KEN"], "praised");
    let e1 = event_at(&d, "e1", "SUPPORT", &["ESP"], &["ITA"], "backed");
    d.events = vec![e0, e1];
    assert_eq!(run(d), vec!["ally:ESP>ITA"]);
}

fn with_country(d: &mut brink_core::Document, key: &str, country: &str) {
    for m in d.mentions.iter_mut() {
        if let Some(a) = m.actor.as_mut() {
            if a.key == key {
                a.country = Some(country.into());
            }
        }
    }
}

#[test]
fn rebels_attacking_army_posts_fight_their_own_state() {
    let mut d = doc_with(
        "d",
        "In the north the Red Tabara rebels have overrun dozens of army posts. Al-Shabaab attacked Kenyan police stations.",
        &[("Red Tabara", "Red Tabara", false), ("Al-Shabaab", "al-Shabaab", false), ("Kenyan", "KEN", true)],
    );
    with_country(&mut d, "Red Tabara", "BDI");
    with_country(&mut d, "al-Shabaab", "SOM");
    // the Kenyan posts are Kenya's, not Somalia's: no own-state rule there
    let got = run(d);
    assert!(got.contains(&"adversary:BDI>Red Tabara".to_string()), "{got:?}");
    assert!(!got.iter().any(|k| k.contains("SOM")), "{got:?}");
}

#[test]
fn rebels_seizing_a_city_of_their_country() {
    let mut d = doc_with("d", "The rebels occupied Gitega.", &[("rebels", "Red Tabara", false), ("Gitega", "BDI", false)]);
    with_country(&mut d, "Red Tabara", "BDI");
    d.mentions[1].is_place = true;
    let mut e = event("e0", "COERCE", &["Red Tabara"], &["BDI"], None, Modality::Asserted);
    e.mode = Some("seize".into());
    e.source[0].country = Some("BDI".into());
    e.target_spans = vec![d.mentions[1].span];
    d.events = vec![e];
    assert_eq!(run(d), vec!["adversary:BDI>Red Tabara"]);
}

#[test]
fn working_with_the_mediator_is_not_an_alliance() {
    let d = doc_with(
        "d",
        "The war between Chad and the FACT rebels ended in talks mediated by Togo. Chad said it was ready to work with Togo.",
        &[("Chad", "TCD", false), ("FACT", "FACT", false), ("Togo", "TGO", false), ("Chad", "TCD", false), ("Togo", "TGO", false)],
    );
    assert_eq!(run(d), vec!["adversary:FACT>TCD", "mediator:TGO>FACT,TCD"]);
    let d = doc_with("d", "Chad said it was ready to work with Togo.", &[("Chad", "TCD", false), ("Togo", "TGO", false)]);
    assert_eq!(run(d), vec!["ally:TCD>TGO"]);
}

#[test]
fn support_someone_is_accused_of_is_no_alliance() {
    let mut d = doc_with("d", "Chad, which has been accused by Libyan officials of backing the FACT rebels, kept quiet.", &[]);
    let e0 = event_at(&d, "e0", "SUPPORT", &["TCD"], &["FACT"], "backing");
    d.events = vec![e0];
    assert!(run(d).is_empty());
}
