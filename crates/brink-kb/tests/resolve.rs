//! Time-aware resolution, ambiguity and overlays through `Kb::resolve`.

use std::io::Write;

use brink_kb::{Kb, Resolution};
use chrono::NaiveDate;

fn d(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

fn kb() -> &'static Kb {
    static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| Kb::load(&[]).expect("built-in KB loads"))
}

fn known(name: &str, date: Option<NaiveDate>) -> brink_core::ActorRef {
    match kb().resolve(name, date) {
        Resolution::Known(a) => a,
        other => panic!("{name} on {date:?}: expected known, got {other:?}"),
    }
}

#[test]
fn blinken_in_office_then_former() {
    let a = known("Antony Blinken", d("2024-08-06"));
    assert_eq!((a.key.as_str(), a.sector.as_deref(), a.role.as_deref()), ("USA", Some("GOV"), Some("Secretary of State")));
    let a = known("Antony Blinken", d("2026-03-01"));
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("USA", Some("ELI")));
    assert!(a.role.unwrap().starts_with("former"));
    // Between roles (2018: after Deputy Secretary, before Secretary): former too.
    assert_eq!(known("Antony Blinken", d("2018-05-01")).sector.as_deref(), Some("ELI"));
}

#[test]
fn kallas_estonia_then_eu() {
    let a = known("Kaja Kallas", d("2023-06-01"));
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("EST", Some("GOV")));
    let a = known("Kaja Kallas", d("2025-06-01"));
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("EU", Some("IGO")));
}

#[test]
fn nasrallah_dies_in_office_and_qassem_succeeds() {
    // Killed as Secretary-General: later articles still call him Hezbollah's leader, not "former".
    let a = known("Hassan Nasrallah", d("2024-10-15"));
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("Hezbollah", Some("REB")));
    let q = known("Naim Qassem", d("2025-01-10"));
    assert_eq!(q.key, "Hezbollah");
    assert!(q.role.unwrap().to_lowercase().contains("secretary"));
}

#[test]
fn titles_before_a_name_are_skipped_for_people() {
    for (name, date, key, sector) in [
        ("President Joe Biden", "2023-10-20", "USA", "GOV"),
        ("Chinese President Xi Jinping", "2025-04-01", "CHN", "GOV"),
        ("Israel's Prime Minister Benjamin Netanyahu", "2024-01-10", "ISR", "GOV"),
        ("Chancellor Olaf Scholz", "2024-06-01", "DEU", "GOV"),
        ("former Secretary of State Antony Blinken", "2025-06-01", "USA", "ELI"),
    ] {
        let a = known(name, d(date));
        assert_eq!((a.key.as_str(), a.sector.as_deref()), (key, Some(sector)), "{name}");
        assert_eq!(a.text, name);
    }
    // A title alone, or a title before an unknown name, stays unknown.
    assert!(matches!(kb().resolve("Prime Minister", d("2024-01-01")), Resolution::Unknown));
    assert!(matches!(kb().resolve("President Zzyzx Qwertyuiop", d("2024-01-01")), Resolution::Unknown));
}

#[test]
fn loose_spellings_fall_back() {
    // Forms not written in the KB: hyphen/space, doubled letters, Slavic endings.
    for (name, date, key) in [
        ("Abdul Malik al Houthi", "2025-06-01", "Houthis"),
        ("Volodymyr Zelenskyi", "2024-01-10", "UKR"),
        ("Mohamad Shia al-Sudani", "2023-06-01", "IRQ"),
        ("Hossein Amir Abdollahian", "2023-01-10", "IRN"),
    ] {
        assert_eq!(known(name, d(date)).key, key, "{name}");
    }
}

#[test]
fn died_in_office_keeps_the_role() {
    // `died` on the entry (Amir-Abdollahian died with Raisi, 2024-05-19).
    let a = known("Hossein Amir-Abdollahian", d("2024-07-01"));
    assert_eq!((a.key.as_str(), a.sector.as_deref()), ("IRN", Some("GOV")));
    // Out of office when killed: former (Abe resigned 2020, was killed 2022).
    assert_eq!(known("Shinzo Abe", d("2022-08-01")).sector.as_deref(), Some("ELI"));
}

#[test]
fn no_date_means_latest_role() {
    let a = known("Kaja Kallas", None);
    assert_eq!(a.key, "EU");
}

#[test]
fn states_adjectives_and_capitals_resolve_to_iso3() {
    assert_eq!(known("United States", None).key, "USA");
    assert_eq!(known("the United States", None).key, "USA");
    assert_eq!(known("U.S.", None).key, "USA");
    assert_eq!(known("Israeli", None).key, "ISR");
    assert_eq!(known("Beirut", None).key, "LBN");
    assert!(matches!(kb().resolve("us", None), Resolution::Unknown), "the pronoun is not the US");
}

#[test]
fn unknown_names_are_unknown() {
    assert!(matches!(kb().resolve("Zorblax Quintavious", None), Resolution::Unknown));
}

#[test]
fn common_word_surnames_are_not_resolved_alone() {
    // Lloyd Austin was Secretary of Defense in 2024, but "Austin" is a city.
    match kb().resolve("Austin", d("2024-04-14")) {
        Resolution::Ambiguous(c) => assert!(c.iter().any(|a| a.id == "lloyd-austin")),
        other => panic!("expected ambiguous, got {other:?}"),
    }
    // A distinctive surname of a current office-holder resolves.
    assert_eq!(known("Netanyahu", d("2024-08-06")).key, "ISR");
}

#[test]
fn overlay_adds_and_overrides_entries() {
    let dir = tempfile::tempdir().unwrap();
    let p1 = dir.path().join("a.toml");
    let p2 = dir.path().join("b.toml");
    writeln!(
        std::fs::File::create(&p1).unwrap(),
        r#"[[person]]
id = "zorblax-quintavious"
name = "Zorblax Quintavious"
roles = [{{ country = "FRA", sector = "GOV", title = "Envoy", from = "2020-01-01", to = "" }}]

[[person]]
id = "antony-blinken"
name = "Antony Blinken"
roles = [{{ country = "USA", sector = "GOV", title = "Secretary of State", from = "2021-01-26", to = "" }}]
"#
    )
    .unwrap();
    writeln!(
        std::fs::File::create(&p2).unwrap(),
        r#"[[person]]
id = "zorblax-quintavious"
name = "Zorblax Quintavious"
roles = [{{ country = "DEU", sector = "GOV", title = "Envoy", from = "2020-01-01", to = "" }}]
"#
    )
    .unwrap();
    let kb = Kb::load(&[p1.clone(), p2]).unwrap();
    let Resolution::Known(z) = kb.resolve("Zorblax Quintavious", d("2024-01-01")) else { panic!() };
    assert_eq!(z.key, "DEU", "the later overlay wins");
    let Resolution::Known(b) = kb.resolve("Antony Blinken", d("2026-01-01")) else { panic!() };
    assert_eq!(b.sector.as_deref(), Some("GOV"), "the overlay replaced the built-in entry");
    assert!(brink_kb::check::check(&kb).iter().all(|f| f.severity != brink_kb::check::Severity::Error || !f.source.contains("a.toml")));
}

#[test]
fn check_catches_a_bad_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(
        &p,
        r#"[[person]]
id = "bad-person"
name = "Bad Person"
roles = [
  { country = "XXX", sector = "GOV", title = "Minister", from = "2020-13-01", to = "" },
  { org = "no-such-org", sector = "ZZZ", title = "Chair", from = "2020", to = "" },
  { country = "FRA", sector = "GOV", title = "Envoy", from = "2020-01-01", to = "2022-01-01" },
  { country = "FRA", sector = "GOV", title = "Envoy", from = "2021-01-01", to = "" },
]

[[person]]
id = "bad-person"
name = "Bad Person Again"
"#,
    )
    .unwrap();
    let kb = Kb::load(&[p]).unwrap();
    let errors: Vec<String> =
        brink_kb::check::check(&kb).into_iter().filter(|f| f.severity == brink_kb::check::Severity::Error).map(|f| f.message).collect();
    let has = |s: &str| errors.iter().any(|e| e.contains(s));
    assert!(has("duplicate id"), "{errors:?}");
    let kb2 = {
        // The first entry is replaced by the duplicate; check the roles through a single-entry overlay.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad2.toml");
        std::fs::write(
            &p,
            r#"[[person]]
id = "bad-person"
name = "Bad Person"
roles = [
  { country = "XXX", sector = "GOV", title = "Minister", from = "2020-13-01", to = "" },
  { org = "no-such-org", sector = "ZZZ", title = "Chair", from = "2020", to = "" },
  { country = "FRA", sector = "GOV", title = "Envoy", from = "2020-01-01", to = "2022-01-01" },
  { country = "FRA", sector = "GOV", title = "Envoy", from = "2021-01-01", to = "" },
]
"#,
        )
        .unwrap();
        Kb::load(&[p]).unwrap()
    };
    let errors: Vec<String> =
        brink_kb::check::check(&kb2).into_iter().filter(|f| f.severity == brink_kb::check::Severity::Error).map(|f| f.message).collect();
    let has = |s: &str| errors.iter().any(|e| e.contains(s));
    assert!(has("unknown ISO code 'XXX'"), "{errors:?}");
    assert!(has("malformed date '2020-13-01'"), "{errors:?}");
    assert!(has("unknown org id 'no-such-org'"), "{errors:?}");
    assert!(has("unknown sector code 'ZZZ'"), "{errors:?}");
    assert!(has("overlapping roles"), "{errors:?}");
}

#[test]
fn builtin_kb_has_no_errors() {
    let errors: Vec<_> = brink_kb::check::check(kb()).into_iter().filter(|f| f.severity == brink_kb::check::Severity::Error).collect();
    assert!(errors.is_empty(), "{:#?}", &errors[..errors.len().min(20)]);
}
