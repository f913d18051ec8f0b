//! Smoke test on the shared seed articles (skipped when absent): the stage runs, and the gold
//! actors' keys show up among the mentions.

mod common;

#[test]
fn seed_articles_mention_gold_keys() {
    let dir = std::path::Path::new("/work/shared");
    let dir = if std::path::Path::new("../../../shared/seeds").is_dir() { std::path::Path::new("../../../shared") } else { dir };
    if !dir.join("seeds").is_dir() {
        eprintln!("skipping: shared/seeds not found");
        return;
    }
    let mut missing = Vec::new();
    let mut rd: Vec<_> = std::fs::read_dir(dir.join("gold/seeds")).unwrap().filter_map(|e| e.ok()).collect();
    rd.sort_by_key(|e| e.path());
    for e in rd {
        let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        let text = std::fs::read_to_string(dir.join("seeds").join(g["doc"].as_str().unwrap())).unwrap();
        let d = common::run(&text, g["date"].as_str().unwrap_or(""));
        if std::env::var_os("SHOW").is_some() {
            for s in common::show(&d) {
                println!("{}: {s}", g["doc"]);
            }
        }
        let keys: std::collections::HashSet<&str> = d.mentions.iter().filter_map(|m| m.actor.as_ref()).map(|a| a.key.as_str()).collect();
        for a in g["actors"].as_array().unwrap() {
            let k = a["key"].as_str().unwrap();
            if k != "*" && !keys.contains(k) {
                missing.push(format!("{}: {} ({})", g["doc"], k, a["name"]));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
