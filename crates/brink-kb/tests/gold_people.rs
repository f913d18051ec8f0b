//! Every person in the gold seed annotations resolves, on the article date, to the gold key
//! and sector. Skipped (with a message) when ../shared/gold/seeds is not there.

use std::path::PathBuf;

use brink_kb::{Kb, Resolution};
use chrono::NaiveDate;

fn gold_dir() -> Option<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [here.join("../../../shared/gold/seeds"), PathBuf::from("/work/shared/gold/seeds")].into_iter().find(|p| p.is_dir())
}

/// Gold actors that are bodies or collectives rather than people.
fn is_body(name: &str, role: &str) -> bool {
    const BODY: &[&str] = &[
        "military", "intelligence", "militias", "ministry", "forces", "force", "house", "department", "state", "g7",
    ];
    role == "state" || role.starts_with("state") || name.split_whitespace().count() < 2 || name.split_whitespace().any(|w| BODY.contains(&w.to_lowercase().as_str()))
}

#[test]
fn gold_people_resolve_to_gold_key_and_sector() {
    let Some(dir) = gold_dir() else {
        eprintln!("skipping: shared/gold/seeds not found");
        return;
    };
    let kb = Kb::load(&[]).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    for f in files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let date = v["date"].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        for a in v["actors"].as_array().into_iter().flatten() {
            let name = a["name"].as_str().unwrap_or("");
            let role = a["role"].as_str().unwrap_or("");
            if is_body(name, role) {
                continue;
            }
            // A person the KB does not hold (journalists, minor officials) is learned from text instead.
            let r = kb.resolve(name, date);
            if matches!(r, Resolution::Unknown) && a["sector"] == "JRN" {
                continue;
            }
            checked += 1;
            match r {
                Resolution::Known(x) => {
                    if x.key != a["key"].as_str().unwrap_or("") || x.sector.as_deref() != a["sector"].as_str() {
                        failures.push(format!("{}: {name} on {date:?}: got {} {:?}, gold {} {}", f.display(), x.key, x.sector, a["key"], a["sector"]));
                    }
                }
                other => failures.push(format!("{}: {name}: {other:?}", f.display())),
            }
        }
    }
    eprintln!("checked {checked} gold people");
    assert!(checked > 20);
    assert!(failures.is_empty(), "{failures:#?}");
}
