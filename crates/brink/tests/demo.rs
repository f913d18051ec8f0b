//! `brink demo --no-serve` with no --db keeps a database holding the built-in corpus.

use std::process::Command;

#[test]
fn demo_without_a_database_path_loads_the_built_in_corpus() {
    let out = Command::new(env!("CARGO_BIN_EXE_brink")).args(["demo", "--no-serve"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("no article could be read"), "{stderr}");
    let db = stderr.split("brink serve --db ").nth(1).map(|s| s.trim().to_string()).expect("prints where the database is");
    let docs = Command::new(env!("CARGO_BIN_EXE_brink")).args(["documents", "--db", &db, "--format", "jsonl"]).output().unwrap();
    let n = String::from_utf8_lossy(&docs.stdout).lines().count();
    assert!(n >= 8, "the demo database holds the corpus ({n} documents)");
    if let Some(dir) = std::path::Path::new(&db).parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}
