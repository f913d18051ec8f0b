//! The `brink extract` command end to end: output contract and bad input.

use std::process::Command;

fn brink() -> Command {
    Command::new(env!("CARGO_BIN_EXE_brink"))
}

fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout).lines().map(|l| serde_json::from_str(l).expect("every line is JSON")).collect()
}

#[test]
fn jsonl_has_document_actor_event_and_quote_records_with_spans() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    std::fs::write(
        &p,
        "title: Border talks\ndate: 2024-03-05\n---\nEgypt urged Ethiopia to resume talks on the dam on Monday. \
         \"We will not accept a fait accompli,\" Egypt's foreign minister said.\n",
    )
    .unwrap();
    let out = brink().args(["extract", "--format", "jsonl"]).arg(&p).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out.stdout);
    let doc = recs.iter().find(|r| r["kind"] == "document").expect("a document record");
    assert_eq!(doc["doc"], "story.txt");
    assert_eq!(doc["date"], "2024-03-05");
    assert_eq!(doc["title"], "Border talks");
    let text = std::fs::read_to_string(&p).unwrap();
    let body = &text[text.find("---\n").unwrap() + 4..];
    for e in recs.iter().filter(|r| r["kind"] == "event") {
        let span = &e["evidence"]["span"];
        let (s, t) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        let chars: String = body.chars().skip(s).take(t - s).collect();
        assert_eq!(chars, e["evidence"]["text"].as_str().unwrap(), "evidence span points at its text");
        assert!(e["rule"].as_str().unwrap().len() > 3);
        assert!(["asserted", "negated", "hypothetical", "future"].contains(&e["modality"].as_str().unwrap()));
    }
    assert!(recs.iter().any(|r| r["kind"] == "event" && r["type"] == "REQUEST"), "{recs:#?}");
    assert!(recs.iter().any(|r| r["kind"] == "quote"), "{recs:#?}");
    assert!(recs.iter().any(|r| r["kind"] == "actor" && r["key"] == "EGY"), "{recs:#?}");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Kenya condemned the attack on its embassy.").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Chad \xe9lections: Chad accused Sudan of shelling.").unwrap();
    std::fs::write(dir.path().join("bad.jsonl"), "{\"text\": \"Mali expelled France's ambassador.\"}\n{not json\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = brink().args(["extract", "--format", "jsonl"]).arg(dir.path()).arg(&missing).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "non-zero exit when any input failed; stderr: {stderr}");
    for name in ["empty.txt", "binary.txt", "bad.jsonl", "missing.txt"] {
        assert!(stderr.contains(name), "stderr names {name}: {stderr}");
    }
    assert!(stderr.contains("latin1.txt"), "lossy decoding is reported: {stderr}");
    let recs = records(&out.stdout);
    let docs: Vec<&str> = recs.iter().filter(|r| r["kind"] == "document").map(|r| r["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"good.txt") && docs.contains(&"latin1.txt"), "{docs:?}");
    assert!(docs.iter().any(|d| d.starts_with("bad.jsonl")), "the valid JSONL line is still read: {docs:?}");
}

#[test]
fn csv_and_table_formats_and_stdin() {
    use std::io::Write;
    let mut child = brink()
        .args(["extract", "--format", "csv", "--date", "2024-01-10", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Somalia accused Ethiopia of violating its sovereignty.").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("doc,event,type"), "{s}");
    assert!(s.contains("ACCUSE"), "{s}");
    let out = brink().args(["extract", "--format", "table", "--date", "nonsense", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad --date is a usage error");
}
