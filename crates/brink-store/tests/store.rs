use brink_store::fixtures::sample_corpus;
use brink_store::{Filter, Store, SCHEMA_VERSION};

fn loaded() -> Store {
    let mut s = Store::in_memory().unwrap();
    let r = s.insert_batch(&sample_corpus()).unwrap();
    assert_eq!(r.stored, 4);
    s
}

#[test]
fn ingest_counts_and_idempotence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let docs = sample_corpus();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let r = s.insert_batch(&docs[..2]).unwrap();
    assert_eq!((r.stored, r.skipped), (2, 0));
    let r = s.insert_batch(&docs).unwrap();
    assert_eq!((r.stored, r.skipped), (2, 2));
    let r = s.insert_batch(&docs).unwrap();
    assert_eq!((r.stored, r.skipped), (0, 4));
    let st = s.stats().unwrap();
    assert_eq!(st.documents, 4);
    assert_eq!(st.events, docs.iter().map(|d| d.events.len() as i64).sum::<i64>());
    assert_eq!(st.quotes, 3);
    assert_eq!(st.relations, 1);
    drop(s);
    // Reopen: migrations are a no-op, read-only works.
    let s = Store::open(&path).unwrap();
    assert_eq!(s.stats().unwrap().documents, 4);
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.stats().unwrap().events, st.events);
    // Duplicates inside one batch are stored once.
    let mut m = Store::in_memory().unwrap();
    let r = m.insert_batch(&[docs[0].clone(), docs[0].clone()]).unwrap();
    assert_eq!((r.stored, r.skipped), (1, 1));
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::open(&path).unwrap());
    let c = rusqlite_conn(&path);
    c.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1)).unwrap();
    drop(c);
    let e = Store::open(&path).err().expect("must refuse");
    assert!(e.to_string().contains("newer brink"), "{e}");
}

fn rusqlite_conn(p: &std::path::Path) -> brink_store::rusqlite::Connection {
    brink_store::rusqlite::Connection::open(p).unwrap()
}

#[test]
fn event_filters() {
    let s = loaded();
    let all = s.events(&Filter::default()).unwrap();
    assert_eq!(all.total, 12);
    // newest first
    assert_eq!(all.items[0]["date_resolved"], "2024-08-08");
    let f = |f: Filter| s.events(&f).unwrap().total;
    assert_eq!(f(Filter { actor: Some("Hezbollah".into()), ..Default::default() }), 6);
    assert_eq!(f(Filter { actor: Some("Hezbollah".into()), side: Some("source".into()), ..Default::default() }), 4);
    assert_eq!(f(Filter { actor: Some("antony-blinken".into()), ..Default::default() }), 1);
    assert_eq!(f(Filter { actor: Some("USA".into()), side: Some("source".into()), ..Default::default() }), 2);
    assert_eq!(f(Filter { typ: Some("assault".into()), ..Default::default() }), 6);
    assert_eq!(f(Filter { modality: Some("negated".into()), ..Default::default() }), 1);
    let since = chrono::NaiveDate::from_ymd_opt(2024, 8, 6);
    let until = chrono::NaiveDate::from_ymd_opt(2024, 8, 7);
    assert_eq!(f(Filter { since, until, ..Default::default() }), 7);
    assert_eq!(f(Filter { search: Some("rockets".into()), ..Default::default() }), 1);
    assert_eq!(f(Filter { search: Some("rock".into()), ..Default::default() }), 1, "prefix search");
    assert_eq!(f(Filter { actor: Some("ISR".into()), actor2: Some("Hezbollah".into()), ..Default::default() }), 6);
    // paging
    let p = s.events(&Filter { limit: Some(5), offset: Some(10), ..Default::default() }).unwrap();
    assert_eq!((p.items.len(), p.next_offset), (2, None));
    let p = s.events(&Filter { limit: Some(5), ..Default::default() }).unwrap();
    assert_eq!(p.next_offset, Some(5));
    // spans are characters and slice the text
    let e = &s.events(&Filter { search: Some("rockets".into()), ..Default::default() }).unwrap().items[0];
    let doc = s.document(e["doc_id"].as_i64().unwrap()).unwrap();
    let chars: Vec<char> = doc.text.chars().collect();
    let sp = &e["trigger"]["span"];
    let t: String = chars[sp["start"].as_u64().unwrap() as usize..sp["end"].as_u64().unwrap() as usize].iter().collect();
    assert_eq!(t, "fired rockets");
}

#[test]
fn bad_filters_are_rejected() {
    let s = loaded();
    for mut f in [
        Filter { typ: Some("BOMB".into()), ..Default::default() },
        Filter { modality: Some("maybe".into()), ..Default::default() },
        Filter { limit: Some(501), ..Default::default() },
        Filter { limit: Some(0), ..Default::default() },
        Filter { offset: Some(-1), ..Default::default() },
        Filter { search: Some("***".into()), ..Default::default() },
        Filter { side: Some("left".into()), ..Default::default() },
    ] {
        let checked = f.check();
        let run = s.events(&f);
        assert!(checked.is_err() || run.is_err(), "{f:?} accepted");
    }
    // FTS syntax in user text is neutralised, not an error.
    assert_eq!(s.events(&Filter { search: Some("rockets\" OR NEAR(".into()), ..Default::default() }).unwrap().total, 0);
    assert_eq!(s.search(&Filter { search: Some("AND OR NOT".into()), ..Default::default() }).unwrap().total, 0);
}

#[test]
fn documents_quotes_actors_relations_search() {
    let s = loaded();
    let docs = s.documents(&Filter::default()).unwrap();
    assert_eq!(docs.total, 4);
    assert_eq!(docs.items[0].date.as_deref(), Some("2024-08-08"));
    assert_eq!(s.documents(&Filter { search: Some("Tyre".into()), ..Default::default() }).unwrap().total, 1);
    assert_eq!(s.documents(&Filter { actor: Some("QAT".into()), ..Default::default() }).unwrap().total, 2);
    assert_eq!(s.documents(&Filter { typ: Some("CONSULT".into()), ..Default::default() }).unwrap().total, 2);

    let q = s.quotes(&Filter { actor: Some("USA".into()), ..Default::default() }).unwrap();
    assert_eq!(q.total, 1);
    assert_eq!(q.items[0]["speaker"]["name"], "Antony Blinken");
    assert_eq!(s.quotes(&Filter { search: Some("choosing".into()), ..Default::default() }).unwrap().total, 1);
    let sp = s.speakers(&Filter::default()).unwrap();
    assert_eq!(sp.total, 3);

    let actors = s.actors(&Filter::default()).unwrap();
    let keys: Vec<&str> = actors.items.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys[0], "ISR", "{keys:?}");
    assert!(keys.contains(&"Hezbollah") && keys.contains(&"QAT"));
    let usa = actors.items.iter().find(|a| a.key == "USA").unwrap();
    assert_eq!(usa.name, "United States");
    assert_eq!(s.actors(&Filter { search: Some("blink".into()), ..Default::default() }).unwrap().items[0].key, "USA");

    let d = s.actor("antony-blinken").unwrap();
    assert_eq!(d.summary.key, "USA");
    assert_eq!(d.entities[0].id, "USA");
    let b = d.entities.iter().find(|e| e.id == "antony-blinken").unwrap();
    assert_eq!(b.roles[0].role.as_deref(), Some("Secretary of State"));
    assert_eq!(b.roles[0].first_seen.as_deref(), Some("2024-08-05"));
    assert!(s.actor("nobody").is_err());

    let rel = s.relations(&Filter { actor: Some("Hezbollah".into()), ..Default::default() }).unwrap();
    assert_eq!(rel.total, 1);
    assert_eq!(rel.items[0]["type"], "patron");
    assert!(s.relations(&Filter { typ: Some("friend".into()), ..Default::default() }).is_err());
    assert_eq!(s.relation_types_by_pair().unwrap().len(), 1);

    let hits = s.search(&Filter { search: Some("Hezbollah".into()), ..Default::default() }).unwrap();
    assert!(hits.total >= 5);
    assert!(hits.items.iter().any(|h| h.kind == "document"));
    assert!(hits.items.iter().any(|h| h.kind == "event"));
    assert!(hits.items[0].snippet_parts.iter().any(|p| p.is_match));
}

#[test]
fn dyads_and_escalation() {
    let s = loaded();
    let d = s.dyads(&Filter::default()).unwrap();
    let top = &d.items[0];
    assert_eq!((top.a.as_str(), top.b.as_str()), ("Hezbollah", "ISR"));
    // asserted only: the negated ceasefire does not count
    assert_eq!(top.events, 5);
    assert_eq!(top.a_to_b + top.b_to_a, 5);
    assert_eq!(top.conflict, 5);
    assert!(top.mean_tone < -5.0);
    let only_qat = s.dyads(&Filter { actor: Some("QAT".into()), ..Default::default() }).unwrap();
    assert!(only_qat.items.iter().all(|d| d.a == "QAT" || d.b == "QAT"));
    let series = s.escalation("ISR", "Hezbollah", None, None).unwrap();
    assert_eq!(series.iter().map(|p| p.date.as_str()).collect::<Vec<_>>(), ["2024-08-05", "2024-08-07", "2024-08-08"]);
    assert!(series[2].index > series[0].index, "{series:?}");
    assert!(series.iter().all(|p| p.conflict > 0.0));
}

#[test]
fn document_detail_has_all_annotations() {
    let s = loaded();
    let id = s.documents(&Filter { search: Some("Tyre".into()), ..Default::default() }).unwrap().items[0].id;
    let d = s.document(id).unwrap();
    assert_eq!(d.events.len(), 4);
    assert!(d.mentions.len() >= 5);
    assert!(d.sentences.len() >= 3);
    assert!(s.document(999).is_err());
    assert!(s.event(9999).is_err());
    assert_eq!(s.event(1).unwrap()["db_id"], 1);
}

#[test]
fn duplicates_grouped_and_events_clustered_across_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let docs = sample_corpus();
    {
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&docs).unwrap();
    }
    // A syndicated copy of the first article: another outlet, a new headline, a tagline added.
    let mut copy = docs[0].clone();
    copy.id = "copy.txt".into();
    copy.source = Some("Other Outlet".into());
    copy.title = Some("Jets hit Hezbollah".into());
    copy.text.push_str(" (Reporting by the desk.)");
    copy.content_hash = brink_core::document::fnv1a_hex(copy.text.as_bytes());
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.insert_batch(&[copy]).unwrap().stored, 1);
    let docs = s.documents(&brink_store::Filter::default()).unwrap().items;
    let group = |name: &str| docs.iter().find(|d| d.doc == name).unwrap().dup_group;
    assert!(group("fx-001.txt").is_some());
    assert_eq!(group("copy.txt"), group("fx-001.txt"));
    assert_ne!(group("fx-002.txt"), group("fx-001.txt"));
    let ev = s.events(&Filter { search: Some("rockets".into()), ..Default::default() }).unwrap().items;
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0]["cluster"], ev[1]["cluster"]);
    assert_eq!(ev[0]["support"], 2);
    let other = s.events(&Filter { search: Some("Tyre".into()), ..Default::default() }).unwrap().items;
    assert_ne!(other[0]["cluster"], ev[0]["cluster"]);
    assert_eq!(s.events(&Filter { cluster: ev[0]["cluster"].as_i64(), ..Default::default() }).unwrap().total, 2);
}
