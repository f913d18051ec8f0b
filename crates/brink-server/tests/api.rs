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
    assert_eq!((s["documents"].as_i64(), s["events"].as_i64(), s["quotes"].as_i64()), (Some(4), Some(12), Some(3)));

    let r = get(&st, "/api/events?actor=Hezbollah&side=source&type=assault").await.json();
    assert_eq!(r["total"], 4);
    assert!(r["items"].as_array().unwrap().iter().all(|e| e["type"] == "ASSAULT"));
    assert_eq!(get(&st, "/api/events?modality=negated").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?since=2024-08-06&until=2024-08-07").await.json()["total"], 7);
    assert_eq!(get(&st, "/api/events?search=rockets").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?q=rockets").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/events?actor=ISR&actor2=Hezbollah").await.json()["total"], 6);
    let p = get(&st, "/api/events?limit=5&offset=5").await.json();
    assert_eq!((p["items"].as_array().unwrap().len(), p["next_offset"].as_i64()), (5, Some(10)));
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

    assert_eq!(get(&st, "/api/quotes?actor=antony-blinken").await.json()["total"], 1);
    assert_eq!(get(&st, "/api/speakers").await.json()["total"], 3);
    let a = get(&st, "/api/actors?limit=3").await.json();
    assert_eq!(a["items"][0]["key"], "ISR");
    assert_eq!(a["next_offset"], 3);
    let usa = get(&st, "/api/actors/USA").await.json();
    assert_eq!(usa["name"], "United States");
    assert!(usa["entities"].as_array().unwrap().iter().any(|e| e["id"] == "antony-blinken" && e["roles"][0]["role"] == "Secretary of State"));
    let dy = get(&st, "/api/dyads?actor=Hezbollah").await.json();
    assert_eq!(dy["items"][0]["events"], 5);
    assert_eq!(get(&st, "/api/relations?type=patron").await.json()["total"], 1);
    let esc = get(&st, "/api/escalation?actor=ISR&actor2=Hezbollah").await.json();
    assert_eq!(esc["pairs"][0]["series"].as_array().unwrap().len(), 3);
    let top = get(&st, "/api/escalation?limit=2").await.json();
    assert_eq!(top["pairs"].as_array().unwrap().len(), 2);
    let hits = get(&st, "/api/search?q=ceasefire").await.json();
    assert!(hits["total"].as_i64().unwrap() >= 1);
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
        "/api/escalation?limit=50",
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
    for p in ["/api/documents", "/api/events", "/api/quotes", "/api/actors", "/api/dyads", "/api/relations", "/api/escalation", "/api/search"] {
        assert!(o["paths"][p]["get"].is_object(), "{p} missing");
        // every documented list endpoint answers with the documented page shape
        let uri = if p == "/api/search" { format!("{p}?q=Israel") } else { p.to_string() };
        let body = get(&st, &uri).await.json();
        if p != "/api/escalation" {
            assert!(body["items"].is_array() && body["total"].is_i64(), "{p}: {body}");
        }
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
