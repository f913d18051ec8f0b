//! Mentions the actors stage produces, on sentences written for these tests.

mod common;
use brink_core::{ActorKind, MentionRule};
use common::*;

macro_rules! expect {
    ($doc:expr, $($m:expr),+ $(,)?) => {{
        let shown = show(&$doc);
        $( assert!(shown.iter().any(|s| s == $m), "missing {:?} in {:#?}", $m, shown); )+
    }};
}

#[test]
fn states_names_and_possessives() {
    let d = run("The United States and Israel met on Monday. Iran's response was swift, the U.S. said.", "2024-08-06");
    expect!(d, "United States|USA|GOV", "Israel|ISR|GOV", "Iran|IRN|GOV", "U.S.|USA|GOV");
}

#[test]
fn country_agent_nouns() {
    let d = run(
        "Israeli warplanes struck again as Iranian officials met U.S. troops. Senior Egyptian and Israeli officials talked. Omani officials carried messages while Israeli forces and the Israeli military leadership prepared. The Syrian government and Iran's Foreign ministry objected.",
        "2024-08-06",
    );
    expect!(
        d,
        "Israeli warplanes|ISR|MIL",
        "Iranian officials|IRN|GOV",
        "U.S. troops|USA|MIL",
        "Egyptian|EGY|GOV",
        "Israeli officials|ISR|GOV",
        "Omani officials|OMN|GOV",
        "Israeli forces|ISR|MIL",
        "Israeli military|ISR|MIL", // the KB institution alias "Israeli military" wins; the key and sector are what matter
        "Syrian government|SYR|GOV",
        "Iran's Foreign ministry|IRN|GOV",
    );
    assert_eq!(find(&d, "Israeli warplanes").actor.as_ref().unwrap().kind, ActorKind::Agent);
}

#[test]
fn adjective_modifiers_and_hyphenated_compounds() {
    let d = run("An Israeli strike hit the port after the Iranian strike. Iranian projectiles fell. Iran-backed Hezbollah and Lebanon-based Hezbollah watched Israeli-US preparations.", "2024-08-06");
    expect!(d, "Israeli|ISR|-|mod", "Iranian|IRN|-|mod", "Iran|IRN|-|mod", "Lebanon|LBN|-|mod", "US|USA|-|mod", "Hezbollah|Hezbollah|REB");
}

#[test]
fn demonyms_epithets_groups() {
    let d = run("Israelis and Americans were told to leave. Hamas fighters held out while the Jewish state weighed its options.", "2024-08-06");
    expect!(d, "Israelis|ISR|CVL", "Americans|USA|CVL", "Hamas fighters|Hamas|REB");
}

#[test]
fn capitals_as_places_and_speakers() {
    let d = run("Crowds gathered in Beirut on Friday. Beirut said it would respond. Tehran pressed Moscow for more. Strikes hit Beirut's southern suburbs.", "2024-08-06");
    let places: Vec<bool> = d.mentions.iter().filter(|m| d.slice(m.span) == "Beirut").map(|m| m.is_place).collect();
    assert_eq!(places, vec![true, false, true], "{:#?}", show(&d));
    expect!(d, "Tehran|IRN|GOV", "Moscow|RUS|GOV");
}

#[test]
fn us_pronoun_is_not_the_united_states() {
    let d = run("Let us hope the US responds. Tell us more.", "2024-08-06");
    assert_eq!(d.mentions.iter().filter(|m| m.actor.as_ref().is_some_and(|a| a.key == "USA")).count(), 1, "{:#?}", show(&d));
}

#[test]
fn lowercase_common_words_are_not_states() {
    let d = run("They ate turkey near the niger delta and a hanging chad.", "2024-08-06");
    assert!(d.mentions.is_empty(), "{:#?}", show(&d));
}

#[test]
fn people_by_full_name_with_title() {
    let d = run("Israeli Prime Minister Benjamin Netanyahu spoke. Hamas leader Ismail Haniyeh replied.", "2024-07-01");
    let m = find(&d, "Israeli Prime Minister Benjamin Netanyahu");
    let a = m.actor.as_ref().unwrap();
    assert_eq!((a.key.as_str(), a.sector.as_deref(), a.kind), ("ISR", Some("GOV"), ActorKind::Person));
    let m = find(&d, "Hamas leader Ismail Haniyeh");
    let a = m.actor.as_ref().unwrap();
    assert_eq!((a.key.as_str(), a.name.as_str(), a.sector.as_deref()), ("Hamas", "Ismail Haniyeh", Some("REB")));
    assert_eq!(d.mentions.len(), 2, "the context is absorbed: {:#?}", show(&d));
}

#[test]
fn learning_from_titles_and_appositions() {
    let d = run(
        "Zephyr Quillfeather, a senior adviser at the White House, flew in. Emirati Energy Minister Borak Talwani agreed. The commander of Iran's Quds Force, General Farid Moshtaghi, was killed.",
        "2024-08-06",
    );
    let a = find(&d, "Zephyr Quillfeather").actor.clone().unwrap();
    assert_eq!((a.key.as_str(), a.sector.as_deref(), a.kind, a.id.as_str()), ("USA", Some("GOV"), ActorKind::Learned, "learned:Zephyr Quillfeather"));
    assert!(matches!(find(&d, "Zephyr Quillfeather").rule, MentionRule::Learned(_)));
    let a = find(&d, "Emirati Energy Minister Borak Talwani").actor.clone().unwrap();
    assert_eq!((a.key.as_str(), a.sector.as_deref(), a.role.as_deref()), ("ARE", Some("GOV"), Some("Energy Minister")));
    let m = d.mentions.iter().find(|m| m.actor.as_ref().is_some_and(|a| a.name == "Farid Moshtaghi")).unwrap_or_else(|| panic!("{:#?}", show(&d)));
    let a = m.actor.as_ref().unwrap();
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("IRN", Some("MIL")));
}

#[test]
fn surnames_after_full_names_and_pronouns() {
    let d = run(
        "Zephyr Quillfeather, the White House national security communications adviser, spoke on Monday. Quillfeather said talks would go on. He added that nobody wanted war.",
        "2024-08-06",
    );
    let m = find(&d, "Quillfeather");
    assert!(matches!(m.rule, MentionRule::Surname(_)));
    assert_eq!(m.actor.as_ref().unwrap().id, "learned:Zephyr Quillfeather");
    let m = find(&d, "He");
    assert!(matches!(m.rule, MentionRule::Pronoun(_)));
    assert_eq!(m.actor.as_ref().unwrap().name, "Zephyr Quillfeather");
    assert!(m.confidence < 0.8);
}

#[test]
fn kb_surnames_need_full_name_when_common() {
    // "Austin" alone is a city; after "Lloyd Austin" it is the Secretary of Defense.
    let d = run("Austin is hot in summer.", "2024-04-14");
    assert!(d.mentions.iter().all(|m| m.actor.as_ref().is_none_or(|a| a.id != "lloyd-austin")), "{:#?}", show(&d));
    let d = run("Lloyd Austin flew to Israel. Austin said the U.S. would help.", "2024-04-14");
    assert_eq!(find(&d, "Austin").actor.as_ref().unwrap().id, "lloyd-austin");
    // A distinctive surname of a current office-holder resolves alone.
    let d = run("Netanyahu said Israel would respond.", "2024-04-14");
    assert_eq!(find(&d, "Netanyahu").actor.as_ref().unwrap().key, "ISR");
}

#[test]
fn time_aware_people_in_text() {
    let d = run("Antony Blinken met Kaja Kallas.", "2026-02-01");
    let b = find(&d, "Antony Blinken").actor.clone().unwrap();
    assert_eq!((b.key.as_str(), b.sector.as_deref()), ("USA", Some("ELI")));
    assert_eq!(find(&d, "Kaja Kallas").actor.as_ref().unwrap().key, "EU");
    let d = run("Kaja Kallas met Hassan Nasrallah.", "2023-03-01");
    assert_eq!(find(&d, "Kaja Kallas").actor.as_ref().unwrap().key, "EST");
    assert_eq!(find(&d, "Hassan Nasrallah").actor.as_ref().unwrap().key, "Hezbollah");
}

#[test]
fn jordan_the_person_versus_the_state() {
    let dir = std::env::temp_dir().join(format!("brink-jordan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("overlay.toml");
    std::fs::write(
        &p,
        r#"[[person]]
id = "jim-jordan-test"
name = "Jim Jordan"
roles = [{ country = "USA", sector = "LEG", title = "Representative", from = "2007-01-03" }]
"#,
    )
    .unwrap();
    let kb = std::sync::Arc::new(brink_kb::Kb::load(&[p]).unwrap());
    let d = run_with(kb.clone(), "Jordan closed its airspace. Jordan's foreign minister spoke.", "2024-08-06");
    assert!(d.mentions.iter().filter(|m| d.slice(m.span) == "Jordan").all(|m| m.actor.as_ref().is_some_and(|a| a.key == "JOR")), "{:#?}", show(&d));
    let d = run_with(kb, "Jim Jordan criticised the plan. Jordan said Congress would vote.", "2024-08-06");
    let m = d.mentions.iter().find(|m| d.slice(m.span) == "Jordan").unwrap_or_else(|| panic!("{:#?}", show(&d)));
    assert_eq!(m.actor.as_ref().unwrap().id, "jim-jordan-test");
    assert!(matches!(m.rule, MentionRule::Surname(_)));
}

#[test]
fn georgia_alone_stays_ambiguous() {
    let d = run("Georgia voted on Tuesday.", "2024-08-06");
    let m = find(&d, "Georgia");
    assert!(m.actor.is_none());
    assert!(m.candidates.contains(&"GEO".to_string()));
    let d = run("Georgian officials met in Tbilisi. Georgia voted on Tuesday.", "2024-08-06");
    assert_eq!(find(&d, "Georgia").actor.as_ref().unwrap().key, "GEO");
}
