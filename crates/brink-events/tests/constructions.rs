//! One test per construction the events stage handles, on sentences written for these tests.
//! Runs the real pipeline stages before events: clean → sentences → actors → quotes → events.

use std::sync::Arc;

use brink_core::{Document, Modality, Pipeline};
use brink_kb::Kb;

fn run(text: &str, date: &str) -> Document {
    let kb = Arc::new(Kb::load(&[]).expect("built-in KB loads"));
    let pipeline = Pipeline::new()
        .with(brink_read::CleanStage)
        .with(brink_text::SentenceStage)
        .with(brink_actors::ActorStage::new(kb.clone()))
        .with(brink_quotes::QuoteStage::new())
        .with(brink_events::EventStage::new(kb));
    let mut doc = Document::new("t.txt", text);
    doc.date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    pipeline.run(&mut doc);
    doc
}

/// (type, sources, targets, modality) of every event, keys sorted within each side.
fn coded(doc: &Document) -> Vec<(String, String, String, Modality)> {
    doc.events
        .iter()
        .map(|e| {
            let mut s: Vec<&str> = e.source.iter().map(|a| a.key.as_str()).collect();
            let mut t: Vec<&str> = e.target.iter().map(|a| a.key.as_str()).collect();
            s.sort();
            t.sort();
            (e.event_type.clone(), s.join("+"), t.join("+"), e.modality)
        })
        .collect()
}

fn has(doc: &Document, ty: &str, src: &str, tgt: &str, m: Modality) -> bool {
    coded(doc).iter().any(|(a, b, c, d)| a == ty && b == src && c == tgt && *d == m)
}

fn show(doc: &Document) -> String {
    format!("{:#?}", coded(doc))
}

#[test]
fn active_voice_appeal_with_coordinated_targets() {
    let d = run("Germany urged Serbia and Kosovo to show restraint after the border incident.", "2023-05-30");
    assert!(has(&d, "REQUEST", "DEU", "SRB+XKX", Modality::Asserted), "{}", show(&d));
    let e = d.events.iter().find(|e| e.event_type == "REQUEST").unwrap();
    assert_eq!(e.mode.as_deref(), Some("yield"));
    assert!(e.cameo.is_some() && e.score.is_some());
    assert!(e.rule.starts_with("events.tsv:"));
}

#[test]
fn passive_voice_takes_the_by_phrase_as_source() {
    let d = run("The convoy near Goma was attacked by M23 rebels on Friday.", "2024-02-12");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "ASSAULT" && s == "M23" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn nominal_attack_with_adjective_source_and_on_target() {
    let d = run("An Indian strike on a Pakistani air base drew condemnation.", "2025-05-10");
    assert!(has(&d, "ASSAULT", "IND", "PAK", Modality::Asserted), "{}", show(&d));
}

#[test]
fn possessive_source_of_a_noun() {
    let d = run("Russia's invasion of Ukraine entered its third year.", "2024-02-24");
    assert!(has(&d, "ASSAULT", "RUS", "UKR", Modality::Asserted), "{}", show(&d));
}

#[test]
fn negation_is_not_a_fact() {
    let d = run("Turkey has not yet carried out its threat, and Ankara did not attack Kurdish positions.", "2022-11-25");
    let attacks: Vec<_> = coded(&d).into_iter().filter(|e| e.0 == "ASSAULT").collect();
    assert!(!attacks.is_empty(), "{}", show(&d));
    assert!(attacks.iter().all(|e| e.3 == Modality::Negated), "{}", show(&d));
}

#[test]
fn conditional_is_hypothetical() {
    let d = run("Officials said Venezuela would invade Guyana if the referendum passed.", "2023-12-01");
    assert!(has(&d, "ASSAULT", "VEN", "GUY", Modality::Hypothetical), "{}", show(&d));
}

#[test]
fn plans_are_future_but_threats_are_asserted() {
    let d = run("Japan's foreign minister is expected to visit China next week. North Korea threatened South Korea with nuclear retaliation.", "2024-03-01");
    assert!(coded(&d).iter().any(|(t, s, g, m)| t == "CONSULT" && s == "JPN" && g == "CHN" && *m == Modality::Future), "{}", show(&d));
    assert!(has(&d, "THREATEN", "PRK", "KOR", Modality::Asserted), "{}", show(&d));
}

#[test]
fn vowing_to_retaliate_is_a_threat_not_an_attack() {
    let d = run("The Houthis vowed to retaliate against the United States.", "2024-01-12");
    assert!(coded(&d).iter().any(|(t, s, g, m)| t == "THREATEN" && s == "Houthis" && g == "USA" && *m == Modality::Asserted), "{}", show(&d));
    assert!(!has(&d, "ASSAULT", "Houthis", "USA", Modality::Asserted), "{}", show(&d));
}

#[test]
fn reported_speech_codes_the_embedded_act() {
    let d = run("Kenyan officials said Somalia condemned Ethiopia over the port deal.", "2024-01-03");
    assert!(has(&d, "ACCUSE", "SOM", "ETH", Modality::Asserted), "{}", show(&d));
}

#[test]
fn two_sided_hostilities_between_parties() {
    let d = run("Fighting between the RSF and the Sudanese army spread to the capital.", "2023-04-20");
    let e = d.events.iter().find(|e| e.event_type == "ASSAULT").unwrap_or_else(|| panic!("{}", show(&d)));
    let mut keys: Vec<&str> = e.source.iter().chain(e.target.iter()).map(|a| a.key.as_str()).collect();
    keys.sort();
    assert_eq!(keys, vec!["RSF", "SDN"], "{}", show(&d));
}

#[test]
fn dates_resolve_against_the_article_date() {
    let d = run("Egypt hosted talks with Qatar on Tuesday.", "2024-08-15");
    let e = d.events.iter().find(|e| e.event_type == "CONSULT").unwrap_or_else(|| panic!("{}", show(&d)));
    let date = e.date.as_ref().unwrap();
    assert_eq!(date.date.map(|x| x.to_string()).as_deref(), Some("2024-08-13"));
    assert!(!date.from_article_date);
    let d = run("Egypt hosted talks with Qatar.", "2024-08-15");
    let e = d.events.iter().find(|e| e.event_type == "CONSULT").unwrap();
    assert!(e.date.as_ref().unwrap().from_article_date);
}

#[test]
fn same_act_twice_in_one_article_is_one_event() {
    let d = run("France condemned Mali. France condemned Mali again in a statement.", "2022-02-01");
    assert_eq!(coded(&d).iter().filter(|e| e.0 == "ACCUSE").count(), 1, "{}", show(&d));
}

#[test]
fn we_inside_a_quote_is_the_speaker() {
    let d = run("\"We will support Ukraine for as long as it takes,\" Britain's prime minister said.", "2023-06-01");
    assert!(coded(&d).iter().any(|(t, s, g, _)| t == "SUPPORT" && s == "GBR" && g == "UKR"), "{}", show(&d));
}

#[test]
fn odd_input_does_not_panic() {
    for text in ["", "attack", "Israel", "\"\"\"", "by by by by", &"Iran attacked Israel. ".repeat(2000)] {
        let _ = run(text, "2024-01-01");
    }
}

#[test]
fn fighting_is_mutual() {
    let d = run("Armenia has been fighting Azerbaijan along the border for days.", "2022-09-14");
    let e = d.events.iter().find(|e| e.event_type == "ASSAULT").unwrap_or_else(|| panic!("{}", show(&d)));
    let mut keys: Vec<&str> = e.source.iter().map(|a| a.key.as_str()).collect();
    keys.sort();
    assert_eq!(keys, vec!["ARM", "AZE"], "both sides act: {}", show(&d));
    assert!(e.target.is_empty());
}

#[test]
fn a_mediator_without_stated_parties_takes_the_others_in_its_sentence() {
    let d = run(
        "Sudanese army envoys waited in one hotel, RSF delegates in another, and Saudi officials shuttled between them.",
        "2023-05-10",
    );
    let e = d.events.iter().find(|e| e.event_type == "CONSULT").unwrap_or_else(|| panic!("{}", show(&d)));
    assert_eq!(e.mode.as_deref(), Some("third-party"));
    assert_eq!(e.source[0].key, "SAU", "{}", show(&d));
    let mut t: Vec<&str> = e.target.iter().map(|a| a.key.as_str()).collect();
    t.sort();
    assert_eq!(t, vec!["RSF", "SDN"], "{}", show(&d));
}

#[test]
fn stative_participle_is_not_a_passive() {
    let d = run("Norway is engaged in intense diplomacy with Venezuela.", "2019-05-16");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "CONSULT" && s == "NOR" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn ambiguous_forms_take_their_part_of_speech_from_context() {
    // "attacks" after "reprisal" is a noun with no actor: no event from it.
    let d = run("Chile urged Peru and Bolivia to avoid reprisal attacks.", "2024-01-01");
    assert!(!coded(&d).iter().any(|e| e.0 == "ASSAULT"), "{}", show(&d));
    // "the meeting" is not "meet".
    let d = run("Brazil attended the meeting in Lima.", "2024-01-01");
    assert!(!coded(&d).iter().any(|e| e.0 == "CONSULT" && e.2.is_empty()), "{}", show(&d));
}

#[test]
fn reduced_passive_takes_its_by_phrase() {
    let d = run("Villagers killed by RSF fighters were buried in El Fasher on Friday.", "2024-05-02");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "ASSAULT" && s == "RSF" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn an_interception_is_not_an_attack_on_the_next_actor() {
    let d = run("Ukraine said it shot down drones over Kyiv launched from Russia.", "2024-05-02");
    assert!(!coded(&d).iter().any(|(t, s, _, _)| t == "ASSAULT" && s == "UKR"), "{}", show(&d));
}

#[test]
fn irregular_participle_passive() {
    let d = run("Yemen's ports were hit by Israel on Sunday.", "2025-05-12");
    assert!(has(&d, "ASSAULT", "ISR", "YEM", Modality::Asserted), "{}", show(&d));
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let d = run("Russia attacked Ukraine and threatened Moldova.", "2024-01-10");
    assert!(has(&d, "THREATEN", "RUS", "MDA", Modality::Asserted), "{}", show(&d));
    assert!(!coded(&d).iter().any(|(t, s, _, _)| t == "THREATEN" && s == "UKR"), "{}", show(&d));
}

#[test]
fn denials_are_not_facts() {
    let d = run("Rwanda denied attacking Burundi.", "2024-01-10");
    assert!(!has(&d, "ASSAULT", "RWA", "BDI", Modality::Asserted), "{}", show(&d));
}

#[test]
fn claims_of_responsibility_code_the_attack() {
    let d = run("Al-Shabaab claimed responsibility for the bombing in Mogadishu.", "2024-03-15");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "ASSAULT" && s == "al-Shabaab" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn an_attack_on_a_capital_targets_its_state() {
    let d = run("Russia struck Kyiv with missiles overnight.", "2024-07-08");
    assert!(has(&d, "ASSAULT", "RUS", "UKR", Modality::Asserted), "{}", show(&d));
}

#[test]
fn a_conditional_in_a_later_clause_does_not_reach_back() {
    let d = run("ECOWAS imposed sanctions on Niger and threatened to use force if diplomacy fails.", "2023-09-25");
    assert!(has(&d, "SANCTION", "ECOWAS", "NER", Modality::Asserted), "{}", show(&d));
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "THREATEN" && s == "ECOWAS" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn a_relative_clause_takes_its_antecedent_or_nobody() {
    let d = run("Paris recalled its envoy, bowing to pressure from the officers who seized the palace in Niamey.", "2023-09-25");
    assert!(!coded(&d).iter().any(|(t, s, _, _)| t == "COERCE" && s == "FRA"), "{}", show(&d));
}

#[test]
fn unnamed_protesters_are_citizens_of_the_place() {
    let d = run("Thousands of people protested in Niamey against France.", "2023-08-30");
    assert!(has(&d, "PROTEST", "NER", "FRA", Modality::Asserted), "{}", show(&d));
}

#[test]
fn an_agreement_sought_is_not_an_agreement_made() {
    let d = run("The envoy flew to Doha to secure a deal between Congo and Rwanda.", "2025-06-01");
    assert!(!coded(&d).iter().any(|(t, _, _, m)| t == "AGREE" && *m == Modality::Asserted), "{}", show(&d));
    let d = run("A peace agreement between Congo and Rwanda was signed in Washington.", "2025-06-28");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "AGREE" && s.contains("COD") && s.contains("RWA") && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn agreeing_to_a_ceasefire_concedes() {
    let d = run("Ethiopia and the TPLF agreed to a permanent cessation of hostilities.", "2022-11-03");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "CONCEDE" && s.contains("ETH") && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn a_conflict_act_announced_in_ones_own_words_is_a_threat() {
    let d = run("\"We will strike Sudan if the attacks continue,\" the RSF commander Mohamed Hamdan Dagalo said.", "2023-06-01");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "THREATEN" && s == "RSF" && *m == Modality::Asserted), "{}", show(&d));
}

#[test]
fn a_trigger_inside_a_name_does_not_fire() {
    let d = run("The Rapid Support Forces said they would attend.", "2023-05-21");
    assert!(!coded(&d).iter().any(|e| e.0 == "SUPPORT"), "{}", show(&d));
}

#[test]
fn mediators_named_together_are_not_a_joint_act() {
    let d = run("The truce, brokered by Washington and Riyadh, took effect on Monday.", "2023-05-22");
    let med: Vec<_> = coded(&d).into_iter().filter(|e| e.0 == "CONSULT").collect();
    assert!(med.iter().all(|e| !e.1.contains('+')), "each mediator is its own source: {}", show(&d));
}

#[test]
fn a_location_phrase_is_not_an_object() {
    let d = run("Both sides signed a truce in the Saudi port city of Jeddah.", "2023-05-21");
    assert!(!coded(&d).iter().any(|e| e.2 == "SAU"), "{}", show(&d));
}

#[test]
fn a_list_of_actors_doing_one_thing_is_not_a_joint_act() {
    let d = run("Australia, Canada and the Netherlands provided logistical support.", "2024-01-12");
    assert!(coded(&d).iter().all(|(_, s, _, _)| !s.contains('+')), "{}", show(&d));
    let d = run("Ghana and Togo signed a border agreement.", "2024-01-12");
    assert!(coded(&d).iter().any(|(t, s, g, _)| t == "AGREE" && s == "GHA+TGO" && g.is_empty()), "signing is mutual: {}", show(&d));
}

#[test]
fn a_noun_form_is_a_verb_only_after_an_actor_or_in_verb_context() {
    let d = run("Egypt is the main arms supplier to the region and a hub of intelligence support.", "2024-01-12");
    assert!(!coded(&d).iter().any(|e| e.0 == "SUPPORT" || e.0 == "AID"), "{}", show(&d));
    let d = run("Russia and China support the plan.", "2024-01-12");
    assert!(coded(&d).iter().any(|e| e.0 == "SUPPORT"), "{}", show(&d));
}

#[test]
fn a_reporting_clause_is_not_an_object() {
    let d = run("The two sides signed a truce on Saturday, the United States and Saudi Arabia said.", "2023-05-21");
    assert!(!coded(&d).iter().any(|(_, _, g, _)| g.contains("USA") || g.contains("SAU")), "{}", show(&d));
}

#[test]
fn a_parenthetical_relative_clause_is_skipped_for_the_subject() {
    let d = run("Iran, which arms the Houthis, condemned the strikes.", "2024-01-12");
    assert!(coded(&d).iter().any(|(t, s, _, _)| t == "ACCUSE" && s == "IRN"), "{}", show(&d));
}

#[test]
fn fighting_alongside_is_cooperation() {
    let d = run("Rwandan troops fought alongside M23 rebels.", "2025-01-30");
    assert!(!coded(&d).iter().any(|e| e.0 == "ASSAULT"), "{}", show(&d));
    assert!(coded(&d).iter().any(|e| e.0 == "COOPERATE"), "{}", show(&d));
}

#[test]
fn an_imperative_in_a_quote_is_not_an_act() {
    let d = run("\"Meet our demands,\" the Russian foreign minister said.", "2023-07-20");
    assert!(!coded(&d).iter().any(|e| e.0 == "CONSULT"), "{}", show(&d));
}

#[test]
fn an_attack_in_a_country_targets_it() {
    let d = run("India fired missiles at camps at nine sites in Pakistan.", "2025-05-07");
    assert!(has(&d, "ASSAULT", "IND", "PAK", Modality::Asserted), "{}", show(&d));
}

#[test]
fn the_army_of_doing_something_is_still_the_army() {
    let d = run("Sudan's army retook the bridge on Friday. The RSF accused the army of shelling a market.", "2023-05-21");
    assert!(has(&d, "ACCUSE", "RSF", "SDN", Modality::Asserted), "{}", show(&d));
}

#[test]
fn expelled_is_an_inflection_of_expel() {
    let d = run("India expelled Pakistani military advisers.", "2025-04-24");
    assert!(has(&d, "SANCTION", "IND", "PAK", Modality::Asserted), "{}", show(&d));
}

#[test]
fn announced_cooperation_is_an_agreement() {
    let d = run("Kenya said it would send troops to Haiti.", "2024-06-01");
    assert!(coded(&d).iter().any(|(t, s, _, m)| t == "AGREE" && s == "KEN" && *m == Modality::Asserted), "{}", show(&d));
    let d = run("If the council approves, Kenya would send troops to Haiti.", "2024-06-01");
    assert!(!coded(&d).iter().any(|(t, _, _, m)| t == "AGREE" && *m == Modality::Asserted), "a condition stays a condition: {}", show(&d));
}

#[test]
fn agreeing_to_stop_fighting_concedes() {
    let d = run("India and Pakistan agreed on Saturday to stop all military action.", "2025-05-10");
    assert!(coded(&d).iter().any(|(t, s, _, _)| t == "CONCEDE" && s == "IND+PAK"), "{}", show(&d));
}

#[test]
fn a_condemnation_targets_whoever_did_the_named_attack() {
    let d = run(
        "The United States and Britain carried out raids on Houthi sites. The Houthis attacked a tanker. Iran condemned the raids.",
        "2024-01-12",
    );
    assert!(coded(&d).iter().any(|(t, s, g, _)| t == "ACCUSE" && s == "IRN" && g.contains("USA")), "{}", show(&d));
}

#[test]
fn a_protest_against_someone_late_in_the_sentence() {
    let d = run("In Sanaa, thousands rallied after prayers, chanting slogans against Israel.", "2024-01-12");
    assert!(coded(&d).iter().any(|(t, _, g, _)| t == "PROTEST" && g == "ISR"), "{}", show(&d));
}
