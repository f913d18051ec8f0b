mod common;

use axum::http::StatusCode;
use brink_server::AppState;
use common::{fixture_db, get};

#[tokio::test]
async fn lists_with_filters_and_paging() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();

    let r = get(&st, "/api/stats").await;
    assert_eq!(r.status, StatusCode::OK);
    let s = r.json();
    // four articles and a syndicated copy of the first
    assert_eq!((s["documents"].as_i64(), s["events"].as_i64(), s["quotes"].as_i64()), (Some(5), Some(15), Some(4)));
    assert_eq!((s["document_groups"].as_i64(), s["acts"].as_i64()), (Some(4), Some(10)));

    // one row per act by default, every report with group=report
    let r = get(&st, "/api/events?actor=Hezbollah&side=source&type=assault").await.json();
    assert_eq!(r["total"], 2);
    assert!(r["items"].as_array().unwrap().iter().all(|e| e["type"] == "ASSAULT"));
    assert_eq!(get(&st, "/api/events?actor=Hezbollah&side=source&type=assault&group=report").await.json()["total"], 5);
    assert_eq!(get(&st, "/api/events?modality=negated").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?since=2024-08-06&until=2024-08-07").await.json()["total"], 7);
    assert_eq!(get(&st, "/api/events?search=rockets").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?q=rockets").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?actor=ISR&actor2=Hezbollah").await.json()["total"], 4);
    assert_eq!(get(&st, "/api/events?actor=ISR&actor2=Hezbollah&group=report").await.json()["total"], 8);
    let p = get(&st, "/api/events?limit=4&offset=4").await.json();
    assert_eq!((p["items"].as_array().unwrap().len(), p["next_offset"].as_i64()), (4, Some(8)));
    let e = &get(&st, "/api/events?limit=1").await.json()["items"][0];
    assert!(e["evidence"]["text"].is_string() && e["trigger"]["span"]["start"].is_u64() && e["db_id"].is_i64());
    let id = e["db_id"].as_i64().unwrap();
    assert_eq!(get(&st, &format!("/api/events/{id}")).await.json()["db_id"], id);

    let docs = get(&st, "/api/documents?actor=QAT").await.json();
    assert_eq!(docs["total"], 2);
    let doc_id = docs["items"][0]["id"].as_i64().unwrap();
    let d = get(&st, &format!("/api/documents/{doc_id}")).await.json();
    assert!(d["text"].as_str().unwrap().contains("Qatar"));
    assert!(d["events"].as_array().unwrap().len() >= 3);
    assert!(d["sentences"].as_array().unwrap().len() >= 3);

    assert_eq!(get(&st, "/api/quotes?actor=antony-blinken").await.json()["total"], 2);
    assert_eq!(get(&st, "/api/speakers").await.json()["total"], 3);
    let a = get(&st, "/api/actors?limit=3").await.json();
    assert_eq!(a["items"][0]["key"], "ISR");
    assert_eq!(a["next_offset"], 3);
    let usa = get(&st, "/api/actors/USA").await.json();
    assert_eq!(usa["name"], "United States");
    assert!(usa["entities"].as_array().unwrap().iter().any(|e| e["id"] == "antony-blinken" && e["roles"][0]["role"] == "Secretary of State"));
    let dy = get(&st, "/api/dyads?actor=Hezbollah").await.json();
    assert_eq!((dy["items"][0]["events"].as_i64(), dy["items"][0]["reports"].as_i64()), (Some(3), Some(7)));
    let hits = get(&st, "/api/search?q=ceasefire").await.json();
    assert!(hits["total"].as_i64().unwrap() >= 1);
}

/// Event clusters: support on every event item, the acts list and one act with its reports.
#[tokio::test]
async fn clusters_and_support() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let ev = get(&st, "/api/events?search=rockets").await.json();
    let e = &ev["items"][0];
    assert_eq!((e["support"].as_i64(), e["support_outlets"].as_i64(), e["support_reports"].as_i64()), (Some(2), Some(2), Some(2)));
    let cluster = e["cluster"].as_i64().expect("cluster id");
    let reports = get(&st, &format!("/api/events?cluster={cluster}&group=report")).await.json();
    assert_eq!(reports["total"], 2);

    let acts = get(&st, "/api/clusters").await.json();
    assert_eq!(acts["total"], 10);
    let top = &acts["items"][0];
    // most documents first, then most outlets: an act of the syndicated article
    assert_eq!((top["documents"].as_i64(), top["outlets"].as_i64(), top["reports"].as_i64()), (Some(2), Some(2), Some(2)));
    // the clash reported on the 7th and twice on the 8th (dates within a day): three reports, two documents, one outlet
    let clash = acts["items"].as_array().unwrap().iter().find(|c| c["reports"] == 3).expect("the clash");
    assert_eq!((clash["documents"].as_i64(), clash["outlets"].as_i64()), (Some(2), Some(1)));
    assert_eq!((clash["first_date"].as_str(), clash["last_date"].as_str()), (Some("2024-08-07"), Some("2024-08-08")));
    assert!(top["event"]["evidence"]["text"].is_string());
    let by_actor = get(&st, "/api/clusters?actor=Hezbollah&type=ASSAULT").await.json();
    assert_eq!(by_actor["total"], 3);

    let one = get(&st, &format!("/api/clusters/{cluster}")).await;
    assert_eq!(one.status, StatusCode::OK);
    let one = one.json();
    assert_eq!((one["cluster"].as_i64(), one["documents"].as_i64(), one["outlets"].as_i64()), (Some(cluster), Some(2), Some(2)));
    assert_eq!(one["outlet_names"], serde_json::json!(["fixture wire", "levant-post.example"]));
    let reps = one["reports"].as_array().unwrap();
    assert_eq!(reps.len(), 2);
    assert!(reps.iter().all(|r| r["cluster"] == cluster && r["trigger"]["text"] == "fired rockets"));
    assert_ne!(reps[0]["doc_id"], reps[1]["doc_id"]);
    assert_eq!(get(&st, "/api/clusters/99999").await.status, StatusCode::NOT_FOUND);
}

/// Relations merged across documents, with evidence linked to documents and events.
#[tokio::test]
async fn relations_merged_with_evidence_links() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let all = get(&st, "/api/relations").await.json();
    let items = all["items"].as_array().unwrap();
    assert!(all["total"].as_i64().unwrap() >= 2, "{all}");
    let patron = items.iter().find(|r| r["type"] == "patron").expect("patron");
    assert_eq!((patron["from"]["key"].as_str(), patron["to"]["key"].as_str()), (Some("IRN"), Some("Hezbollah")));
    assert_eq!(patron["from"]["name"], "Iran");
    assert_eq!(patron["prior"], false);
    let ev = &patron["evidence"][0];
    assert_eq!(ev["text"], "Iran backs Hezbollah with arms and money.");
    let doc = get(&st, &format!("/api/documents/{}", ev["doc_id"].as_i64().expect("doc_id"))).await.json();
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let (a, b) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
    assert_eq!(text[a..b].iter().collect::<String>(), ev["text"].as_str().unwrap(), "evidence span in characters");
    // a third-party consultation shows a mediator; its evidence names the event
    let m = items.iter().find(|r| r["type"] == "mediator").expect("mediator");
    assert_eq!(m["from"]["key"], "QAT");
    assert_eq!(m["between"].as_array().unwrap().len(), 2);
    let ev_id = m["evidence"][0]["event_ids"][0].as_i64().expect("event id");
    assert_eq!(get(&st, &format!("/api/events/{ev_id}")).await.json()["type"], "CONSULT");
    // filters: type, both parties (by key or knowledge-base id), priors
    assert_eq!(get(&st, "/api/relations?type=patron").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/relations?actor=IRN&actor2=Hezbollah").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/relations?actor=abbas-araghchi&type=patron").await.json()["total"], 1, "ids resolve to keys");
    assert_eq!(get(&st, "/api/relations?actor=QAT&type=patron").await.json()["total"], 0);
    assert_eq!(get(&st, "/api/relations?prior=false").await.json()["total"], all["total"]);
    assert_eq!(get(&st, "/api/relations?limit=1").await.json()["items"].as_array().unwrap().len(), 1);
}

/// Escalation is brink-model's index, the same as `brink escalation --db`.
#[tokio::test]
async fn escalation_of_a_pair_and_overall() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let r = get(&st, "/api/escalation?dyad=ISR:Hezbollah").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert!(v["method"].as_str().unwrap().contains("counted once"));
    assert!(v["overall"].is_null());
    let p = &v["pairs"][0];
    assert_eq!(p["dyad"], "Hezbollah:ISR");
    assert_eq!((p["a_name"].as_str(), p["b_name"].as_str()), (Some("Hezbollah"), Some("Israel")));
    let series = p["series"].as_array().unwrap();
    let days: Vec<&str> = series.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert_eq!(days, ["2024-08-05", "2024-08-06", "2024-08-07", "2024-08-08"]);
    let first = &series[0];
    // two acts on the 5th, each reported by the article and its copy: 2 documents report that day
    assert_eq!((first["events"].as_i64(), first["articles"].as_i64()), (Some(2), Some(2)));
    assert_eq!(first["quad"], serde_json::json!([0, 0, 0, 2]));
    let idx = first["index"].as_f64().unwrap();
    assert!((idx - first["score_sum"].as_f64().unwrap() / 2.0).abs() < 1e-6 && idx < 0.0);
    assert!(series.iter().all(|r| r["index_7d"].is_number() && r["index_30d"].is_number()));
    assert_eq!(p["alerts"][0]["kind"], "first_material_conflict");
    assert_eq!(p["alerts"][0]["date"], "2024-08-05");
    // either order, keys or ids, actor + actor2
    let same = get(&st, "/api/escalation?actor=Hezbollah&actor2=ISR").await.json();
    assert_eq!(same["pairs"][0]["series"], p["series"]);
    let cut = get(&st, "/api/escalation?dyad=Hezbollah:ISR&since=2024-08-07").await.json();
    assert_eq!(cut["pairs"][0]["series"].as_array().unwrap().len(), 2);
    let strict = get(&st, "/api/escalation?dyad=ISR:Hezbollah&k=9.5").await.json();
    assert_eq!(strict["params"]["k"], 9.5);
    // without a pair: the overall series and the busiest pairs
    let top = get(&st, "/api/escalation?limit=2").await.json();
    assert_eq!(top["pairs"].as_array().unwrap().len(), 2);
    assert_eq!(top["overall"]["dyad"], "*");
    assert_eq!(top["pairs"][0]["dyad"], "Hezbollah:ISR");
    let none = get(&st, "/api/escalation?dyad=QAT:Nobody").await.json();
    assert!(none["pairs"][0]["series"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_parameters_get_400_json() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    for uri in [
        "/api/events?limit=501",
        "/api/events?limit=0",
        "/api/events?limit=abc",
        "/api/events?offset=-3",
        "/api/events?type=BOMBARD",
        "/api/events?modality=perhaps",
        "/api/events?since=yesterday",
        "/api/events?since=2024-09-01&until=2024-08-01",
        "/api/events?colour=red",
        "/api/events?limit=5&limit=6",
        "/api/events?side=left",
        "/api/events?actor2=ISR",
        "/api/events/abc",
        "/api/search",
        "/api/search?q=%22%22%22",
        "/api/relations?type=friend",
        "/api/relations?prior=maybe",
        "/api/relations?doc=1",
        "/api/escalation?limit=50",
        "/api/escalation?dyad=ISR",
        "/api/escalation?dyad=:ISR",
        "/api/escalation?dyad=ISR:Hezbollah&actor=USA",
        "/api/escalation?dyad=ISR:Hezbollah&dyad=USA:IRN",
        "/api/escalation?k=100",
        "/api/escalation?k=abc",
        "/api/events?group=all",
        "/api/clusters?group=report",
        "/api/clusters/abc",
        "/api/stats?x=1",
    ] {
        let r = get(&st, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}: {}", r.body);
        let j = r.json();
        assert!(j["error"].as_str().is_some_and(|m| m.len() > 10), "{uri}: {}", r.body);
        assert_eq!(j["status"], 400);
    }
    let r = get(&st, "/api/events?type=BOMBARD").await.json();
    assert!(r["error"].as_str().unwrap().contains("ASSAULT"), "lists the valid types");
    let r = get(&st, "/api/events/99999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, "/api/nothing").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, "/api/actors/Nobody").await.status, StatusCode::NOT_FOUND);
    let long = format!("/api/events?search={}", "a".repeat(5000));
    assert_eq!(get(&st, &long).await.status, StatusCode::URI_TOO_LONG);
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let r = get(&st, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let o = r.json();
    assert_eq!(o["openapi"], "3.1.0");
    for p in ["/api/documents", "/api/events", "/api/clusters", "/api/quotes", "/api/actors", "/api/dyads", "/api/relations", "/api/escalation", "/api/search"] {
        assert!(o["paths"][p]["get"].is_object(), "{p} missing");
        // every documented list endpoint answers with the documented page shape
        let uri = if p == "/api/search" { format!("{p}?q=Israel") } else { p.to_string() };
        let body = get(&st, &uri).await.json();
        if p != "/api/escalation" {
            assert!(body["items"].is_array() && body["total"].is_i64(), "{p}: {body}");
        }
    }
    for p in ["/api/events/{id}", "/api/clusters/{id}", "/api/documents/{id}", "/api/actors/{key}"] {
        assert!(o["paths"][p]["get"].is_object(), "{p} missing");
    }
    // the parameters and shapes of the model's endpoints are described
    let names = |p: &str| -> Vec<String> {
        o["paths"][p]["get"]["parameters"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect()
    };
    for n in ["dyad", "k", "since", "until", "limit"] {
        assert!(names("/api/escalation").contains(&n.to_string()), "escalation: {n}");
    }
    for n in ["actor", "actor2", "type", "prior"] {
        assert!(names("/api/relations").contains(&n.to_string()), "relations: {n}");
    }
    assert!(names("/api/events").contains(&"group".to_string()));
    for schema in ["Relation", "Cluster", "Escalation", "EscalationRow", "Alert"] {
        assert!(o["components"]["schemas"][schema]["properties"].is_object(), "schema {schema}");
    }
    assert_eq!(o["components"]["schemas"]["Relation"]["properties"]["type"]["enum"], serde_json::json!(["ally", "adversary", "patron", "mediator"]));
    // every $ref points at a component that exists
    let text = o.to_string();
    for part in text.split("\"$ref\":\"#/components/").skip(1) {
        let path: Vec<&str> = part.split('"').next().unwrap().split('/').collect();
        assert!(o["components"][path[0]][path[1]].is_object(), "dangling $ref {path:?}");
    }
}

#[tokio::test]
async fn read_only_and_headers() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let r = get(&st, "/api/events").await;
    let csp = r.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe"));
    assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
    // writes are not routes
    use axum::body::Body;
    use tower::ServiceExt;
    let res = brink_server::router(st.clone())
        .oneshot(axum::http::Request::post("/api/events").body(Body::from("{}")).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    // a missing database is an error, not an empty one
    assert!(AppState::open(db.with_file_name("missing.db")).is_err());
}
