//! The store's CLI glue: the ingest summary lists failed inputs; `brink relations|escalation
//! --db` print the model; `brink demo --no-serve` loads the built-in corpus or given articles.

use std::path::{Path, PathBuf};
use std::process::Command;

fn brink() -> Command {
    Command::new(env!("CARGO_BIN_EXE_brink"))
}

fn seeds() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    p.is_dir().then_some(p)
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn ingest_summary_lists_failed_inputs_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("ok.txt"), "title: Test\ndate: 2024-08-05\n---\nIsrael struck Hezbollah positions on Monday.\n").unwrap();
    std::fs::write(input.join("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7]).unwrap();
    let db = dir.path().join("t.db");
    let (code, _, err) = run(brink().arg("ingest").arg(&input).arg(dir.path().join("missing.txt")).arg("--db").arg(&db));
    assert_eq!(code, 1, "{err}");
    let summary = err.rfind("brink ingest:").map(|i| &err[i..]).unwrap_or_else(|| panic!("no summary: {err}"));
    assert!(summary.contains("1 stored") && summary.contains("2 failed"), "{summary}");
    let listed = summary.split("failed inputs:\n").nth(1).unwrap_or_else(|| panic!("no list: {summary}"));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(lines.iter().any(|l| l.contains("blob.txt: ")), "{listed}");
    assert!(lines.iter().any(|l| l.contains("missing.txt: ")), "{listed}");
}

#[test]
fn relations_and_escalation_from_the_store_on_the_seeds() {
    let Some(seeds) = seeds() else {
        eprintln!("skipped: ../shared/seeds not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let (code, _, err) = run(brink().arg("ingest").arg(&seeds).arg("--db").arg(&db));
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(brink().args(["escalation", "--dyad", "ISR:Hezbollah", "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("escalation Hezbollah:ISR"), "{out}");
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("2024-")).collect();
    assert!(rows.len() >= 2, "a series: {out}");
    assert!(rows.iter().any(|r| r.split_whitespace().nth(1).is_some_and(|acts| acts != "0")), "{out}");
    assert!(out.contains("first_material_conflict"), "{out}");
    // the same in JSONL, and the same as from `brink extract` output
    let (_, jsonl, _) = run(brink().args(["escalation", "--dyad", "Hezbollah:ISR", "--format", "jsonl", "--db"]).arg(&db));
    let extracted = dir.path().join("seeds.jsonl");
    let (code, ex, _) = run(brink().arg("extract").arg(&seeds));
    assert_eq!(code, 0);
    std::fs::write(&extracted, ex).unwrap();
    let (_, jsonl2, _) = run(brink().args(["escalation", "--dyad", "Hezbollah:ISR", "--format", "jsonl", "--from-jsonl"]).arg(&extracted));
    let series = |s: &str| s.lines().filter(|l| l.contains("\"kind\":\"escalation\"")).count();
    assert!(series(&jsonl) >= 2);
    assert_eq!(series(&jsonl), series(&jsonl2), "store and JSONL give the same days");

    let (code, out, err) = run(brink().args(["relations", "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l.starts_with("patron") && l.contains("IRN") && l.contains("Hezbollah")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("mediator")), "{out}");
    let (_, js, _) = run(brink().args(["relations", "--type", "patron", "--format", "jsonl", "--db"]).arg(&db));
    let v: serde_json::Value = serde_json::from_str(js.lines().next().unwrap()).unwrap();
    assert_eq!(v["kind"], "relation");
    assert!(v["evidence"][0]["doc_id"].is_i64(), "{v}");
}

#[test]
fn demo_loads_the_built_in_corpus_or_given_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, _, err) = run(brink().args(["demo", "--no-serve", "--db"]).arg(&db));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("built-in demo corpus") && err.contains("10 stored"), "{err}");
    let (_, out, _) = run(brink().args(["events", "--format", "jsonl", "--db"]).arg(&db));
    let max_support = out.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).filter_map(|v| v["support"].as_i64()).max();
    assert_eq!(max_support, Some(2), "the syndicated demo articles report the same acts");
    // again: nothing doubled
    let (_, _, err) = run(brink().args(["demo", "--no-serve", "--db"]).arg(&db));
    assert!(err.contains("0 stored, 10 skipped"), "{err}");

    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("a.txt"), "title: Mine\ndate: 2024-05-01\n---\nQatar hosted talks between Israel and Hamas on Wednesday.\n").unwrap();
    let db2 = dir.path().join("mine.db");
    let (code, _, err) = run(brink().arg("demo").arg(&mine).args(["--no-serve", "--db"]).arg(&db2));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 stored"), "{err}");
    let (_, out, _) = run(brink().args(["documents", "--format", "jsonl", "--db"]).arg(&db2));
    assert_eq!(out.lines().count(), 1, "only the given article: {out}");
}
