use brink_store::fixtures::sample_corpus;
use brink_store::{EscalationParams, Filter, Store, SCHEMA_VERSION};

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
    // every report
    let all = s.events(&Filter { group: Some("report".into()), ..Default::default() }).unwrap();
    assert_eq!(all.total, 12);
    // newest first
    assert_eq!(all.items[0]["date_resolved"], "2024-08-08");
    // one row per act by default: the two reports of the clash of the 8th are one act, and
    // the model's clusters join it with the same attack reported for the 7th (dates within a day)
    let acts = s.events(&Filter::default()).unwrap();
    assert_eq!(acts.total, 10);
    assert!(acts.items.iter().any(|e| e["support_reports"] == 3), "the act's three reports are counted");
    let f = |mut f: Filter| {
        f.group = Some("report".into());
        s.events(&f).unwrap().total
    };
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
    let p = s.events(&Filter { limit: Some(5), offset: Some(10), group: Some("report".into()), ..Default::default() }).unwrap();
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

    // as each document states them
    let rel = s.stored_relations(&Filter { actor: Some("Hezbollah".into()), ..Default::default() }).unwrap();
    assert_eq!(rel.total, 1);
    assert_eq!(rel.items[0]["type"], "patron");
    assert!(s.stored_relations(&Filter { typ: Some("friend".into()), ..Default::default() }).is_err());
    // merged across documents, with the cross-document event rules, names and evidence links
    let merged = s.merged_relations(&Filter::default()).unwrap();
    let patron = merged.items.iter().find(|r| r.relation_type == "patron").expect("patron");
    assert_eq!((patron.from.key.as_str(), patron.to.as_ref().unwrap().key.as_str()), ("IRN", "Hezbollah"));
    assert_eq!(patron.from.name, "Iran");
    let ev = &patron.evidence[0];
    assert_eq!(ev.text, "Iran backs Hezbollah with arms and money.");
    let doc = s.document(ev.doc_id.expect("evidence links to its document")).unwrap();
    assert_eq!(doc.text.chars().skip(ev.start).take(ev.end - ev.start).collect::<String>(), ev.text, "character span");
    let mediator = merged.items.iter().find(|r| r.relation_type == "mediator").expect("third-party consult makes a mediator");
    assert_eq!(mediator.from.key, "QAT");
    let mut parties: Vec<&str> = mediator.between.iter().map(|a| a.key.as_str()).collect();
    parties.sort();
    assert_eq!(parties, ["IRN", "USA"]);
    assert!(!mediator.evidence[0].event_ids.is_empty(), "event evidence links to its events");
    assert!(s.merged_relations(&Filter { typ: Some("friend".into()), ..Default::default() }).is_err());
    let only = s.merged_relations(&Filter { actor: Some("IRN".into()), actor2: Some("Hezbollah".into()), ..Default::default() }).unwrap();
    assert_eq!(only.total, 1);

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
    // asserted only: the negated ceasefire does not count; acts, not reports
    assert_eq!((top.events, top.reports), (3, 5));
    assert_eq!(top.a_to_b + top.b_to_a, 3);
    assert_eq!(top.conflict, 3);
    assert!(top.mean_tone < -5.0);
    let only_qat = s.dyads(&Filter { actor: Some("QAT".into()), ..Default::default() }).unwrap();
    assert!(only_qat.items.iter().all(|d| d.a == "QAT" || d.b == "QAT"));
}

#[test]
fn escalation_counts_acts_and_normalises_by_reporting_documents() {
    let mut s = loaded();
    let p = EscalationParams::default();
    let e = s.escalation(Some(("ISR", "hezbollah")), None, None, &p).unwrap();
    assert_eq!(e.dyad, "Hezbollah:ISR");
    assert_eq!((e.a_name.as_deref(), e.b_name.as_deref()), (Some("Hezbollah"), Some("Israel")));
    let days: Vec<(String, usize, usize)> = e.series.iter().map(|r| (r.date.to_string(), r.events, r.articles)).collect();
    // every day of the corpus's event dates; the reports of the clash of the 7th and 8th are
    // one act (one cluster), placed on its first date
    assert_eq!(
        days,
        [("2024-08-05".into(), 2, 1), ("2024-08-06".into(), 0, 1), ("2024-08-07".into(), 1, 1), ("2024-08-08".into(), 0, 1)]
    );
    assert!(e.series.iter().all(|r| r.index <= 0.0 && r.quad[0] + r.quad[1] == 0), "{e:#?}");
    let strikes = e.series[0].index;
    assert!(strikes < -10.0, "{strikes}");
    let kinds: Vec<(String, String)> = e.alerts.iter().map(|a| (a.kind.clone(), a.date.to_string())).collect();
    assert_eq!(kinds, [("first_material_conflict".to_string(), "2024-08-05".to_string())]);
    // since/until cut the rows, not the rolling windows
    let cut = s.escalation(Some(("Hezbollah", "ISR")), chrono::NaiveDate::from_ymd_opt(2024, 8, 7), None, &p).unwrap();
    assert_eq!(cut.series.len(), 2);
    assert_eq!(cut.series[1].index_7d, e.series[3].index_7d);
    assert_eq!(cut.series[1].index_30d, e.series[3].index_30d);
    assert!(cut.alerts.is_empty());
    let overall = s.escalation(None, None, None, &p).unwrap();
    assert_eq!(overall.dyad, "*");
    assert_eq!(overall.series.iter().map(|r| r.events).collect::<Vec<_>>(), [3, 3, 3, 0]);

    // A syndicated copy of the strikes story from another outlet: one more reporting document
    // that day, the same acts. They still count once and the index is divided by two.
    let mut copy = sample_corpus()[0].clone();
    copy.id = "copy-001.txt".into();
    copy.source = Some("Other Outlet".into());
    copy.text.push_str(" (Wire copy.)");
    copy.content_hash = brink_core::document::fnv1a_hex(copy.text.as_bytes());
    s.insert_batch(&[copy]).unwrap();
    let e2 = s.escalation(Some(("ISR", "Hezbollah")), None, None, &p).unwrap();
    let first = &e2.series[0];
    assert_eq!((first.events, first.articles), (2, 2));
    assert!((first.index - strikes / 2.0).abs() < 1e-4, "{} vs {}", first.index, strikes);
    // the pair's acts, not its copies
    let d = s.dyads(&Filter { actor: Some("ISR".into()), actor2: Some("Hezbollah".into()), ..Default::default() }).unwrap();
    assert_eq!((d.items[0].events, d.items[0].reports), (3, 7));
    let ev = s.events(&Filter { actor: Some("ISR".into()), actor2: Some("Hezbollah".into()), modality: Some("asserted".into()), ..Default::default() }).unwrap();
    assert_eq!(ev.total, 3);
    let copies = s.events(&Filter { actor: Some("ISR".into()), actor2: Some("Hezbollah".into()), modality: Some("asserted".into()), group: Some("report".into()), ..Default::default() }).unwrap();
    assert_eq!(copies.total, 7);
    let rockets = ev.items.iter().find(|e| e["trigger"]["text"] == "fired rockets").unwrap();
    assert_eq!((rockets["support"].as_i64(), rockets["support_outlets"].as_i64(), rockets["support_reports"].as_i64()), (Some(2), Some(2), Some(2)));
    let acts = s.clusters(&Filter::default()).unwrap();
    assert_eq!(acts.items[0].documents, 2);
    assert_eq!(acts.items[0].outlets, 2);
    let detail = s.cluster(acts.items[0].cluster).unwrap();
    assert_eq!(detail.reports.len() as i64, detail.summary.reports);
    assert_eq!(detail.outlet_names, ["fixture wire", "other outlet"]);
    assert!(s.cluster(99_999).is_err());
    let st = s.stats().unwrap();
    assert_eq!((st.documents, st.document_groups), (5, 4));
    assert!(st.acts < st.events);
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
    let ev = s.events(&Filter { search: Some("rockets".into()), group: Some("report".into()), ..Default::default() }).unwrap().items;
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0]["cluster"], ev[1]["cluster"]);
    assert_eq!(ev[0]["support"], 2);
    let other = s.events(&Filter { search: Some("Tyre".into()), ..Default::default() }).unwrap().items;
    assert_ne!(other[0]["cluster"], ev[0]["cluster"]);
    assert_eq!(s.events(&Filter { cluster: ev[0]["cluster"].as_i64(), group: Some("report".into()), ..Default::default() }).unwrap().total, 2);
    assert_eq!(s.events(&Filter { cluster: ev[0]["cluster"].as_i64(), ..Default::default() }).unwrap().total, 1, "one act");
}

/// A database from schema v2 (no outlet column) is migrated on open and its outlets filled in.
#[test]
fn schema_v2_database_gets_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let mut s = Store::open(&path).unwrap();
        let mut docs = sample_corpus();
        docs.push(brink_store::fixtures::wire_copy());
        s.insert_batch(&docs).unwrap();
    }
    let c = rusqlite_conn(&path);
    c.execute_batch("DROP INDEX events_doc_event; ALTER TABLE documents DROP COLUMN outlet; PRAGMA user_version = 2;").unwrap();
    drop(c);
    assert!(Store::open_read_only(&path).is_err(), "an old schema is refused read-only");
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let outlets: Vec<String> = s
        .conn()
        .prepare("SELECT DISTINCT outlet FROM documents ORDER BY outlet")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(outlets, ["fixture wire", "levant-post.example"]);
    let e = &s.events(&Filter { search: Some("rockets".into()), ..Default::default() }).unwrap().items[0];
    assert_eq!((e["support"].as_i64(), e["support_outlets"].as_i64()), (Some(2), Some(2)));
}
