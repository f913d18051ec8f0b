//! An ingest killed with SIGKILL leaves a consistent database; a re-run completes it with
//! nothing lost and nothing doubled.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use brink_store::rusqlite::{Connection, OpenFlags};

const N: usize = 600;

fn write_corpus(dir: &Path) {
    let actors = [("Israel", "Hezbollah"), ("The United States", "Iran"), ("Qatar", "Egypt"), ("Russia", "Ukraine"), ("The Houthis", "Saudi Arabia")];
    let verbs = ["attacked", "condemned", "urged", "met", "warned", "struck"];
    for i in 0..N {
        let (a, b) = actors[i % actors.len()];
        let v = verbs[i % verbs.len()];
        let text = format!(
            "title: Report number {i}\ndate: 2024-0{}-{:02}\nsource: Test Wire\n---\n\
             {a} {v} {b} on Monday, officials said in statement {i}. \
             \"We will respond to this,\" a spokesman for {b} said on Tuesday after incident {i}.\n\n\
             {b} rejected the claims made in report {i}. Diplomats met in Doha to discuss case {i} and urged calm.\n",
            1 + i % 9,
            1 + i % 28
        );
        std::fs::write(dir.join(format!("a{i:04}.txt")), text).unwrap();
    }
}

fn counts(db: &Path) -> (i64, i64, i64, i64, i64) {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    (
        q("SELECT COUNT(*) FROM documents"),
        q("SELECT COUNT(*) FROM events"),
        q("SELECT COUNT(*) FROM quotes"),
        q("SELECT COUNT(*) FROM mentions"),
        q("SELECT COUNT(*) FROM sentences"),
    )
}

fn documents_now(db: &Path) -> i64 {
    let Ok(c) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else { return 0 };
    c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0)).unwrap_or(0)
}

fn check_consistent(db: &Path) {
    let c = Connection::open(db).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    // Every stored document has all its rows: the counts recorded with it match the child tables.
    let bad: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM documents d WHERE
               d.n_events <> (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) OR
               d.n_quotes <> (SELECT COUNT(*) FROM quotes q WHERE q.doc_id = d.id) OR
               d.n_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id) OR
               d.n_sentences <> (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "documents with missing rows");
    let orphans: i64 = c.query_row("SELECT COUNT(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)", [], |r| r.get(0)).unwrap();
    assert_eq!(orphans, 0);
    let fts: i64 = c.query_row("SELECT COUNT(*) FROM evidence_fts", [], |r| r.get(0)).unwrap();
    let ev: i64 = c.query_row("SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM quotes)", [], |r| r.get(0)).unwrap();
    assert_eq!(fts, ev, "search index in step");
    let dups: i64 = c.query_row("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(dups, 0);
}

fn ingest(corpus: &Path, db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_brink"));
    c.arg("ingest").arg(corpus).arg("--db").arg(db).args(["--batch", "8", "--threads", "1"]).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

#[test]
fn killed_ingest_resumes_without_loss_or_doubling() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus);

    // Reference: one uninterrupted ingest.
    let reference = tmp.path().join("ref.db");
    let out = ingest(&corpus, &reference).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = counts(&reference);
    assert_eq!(want.0, N as i64, "reader must see every file");

    // Kill a second ingest once some batches are committed, several times over.
    let db = tmp.path().join("killed.db");
    let mut kills = 0;
    for _round in 0..3 {
        let before = documents_now(&db);
        if before >= N as i64 {
            break;
        }
        let mut child = ingest(&corpus, &db).spawn().unwrap();
        let t0 = Instant::now();
        loop {
            let n = documents_now(&db);
            if n > before || t0.elapsed() > Duration::from_secs(120) {
                break;
            }
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(30));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        let _ = child.wait();
        check_consistent(&db);
        eprintln!("after round {_round}: {} documents", documents_now(&db));
    }
    assert!(kills >= 1, "the ingest finished before it could be killed; make the corpus larger");
    let partial = documents_now(&db);
    assert!(partial < N as i64, "killed ingest stored everything");

    // Re-run to completion: it skips what is stored and completes the rest.
    let out = ingest(&corpus, &db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains(&format!("{} stored", N as i64 - partial)), "{summary}");
    assert!(summary.contains(&format!("{partial} skipped")), "{summary}");
    check_consistent(&db);
    assert_eq!(counts(&db), want, "nothing lost, nothing doubled");

    // And once more: everything is skipped.
    let out = ingest(&corpus, &db).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("0 stored, {N} skipped")));
    assert_eq!(counts(&db), want);
}
