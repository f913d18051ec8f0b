mod common;

use axum::http::StatusCode;
use brink_server::AppState;
use common::{fixture_db, get};

#[tokio::test]
async fn every_page_renders() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let ov = get(&st, "/").await;
    assert_eq!(ov.status, StatusCode::OK);
    assert!(ov.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/html"));
    assert!(ov.body.contains("<svg class=\"network\""), "network SVG");
    assert!(ov.body.contains("<svg class=\"chart trend\""), "escalation SVG");
    assert!(ov.body.contains("<polyline class=\"series\""), "a trend line");
    // relations are typed network edges linking to their evidence
    assert!(ov.body.contains("<a class=\"relation rel-patron\" href=\"/relations?actor=IRN&amp;actor2=Hezbollah&amp;type=patron\""), "patron edge");
    assert!(ov.body.contains("class=\"relation rel-mediator\""), "mediator edge");
    assert!(ov.body.contains("marker-end=\"url(#arrow-patron)\""));
    // acts carry their support; the first material conflict is an alert
    assert!(ov.body.contains("class=\"support multi\""), "support badge");
    assert!(ov.body.contains("first material conflict"));
    assert!(ov.body.contains("href=\"/actors/ISR\""));
    assert!(ov.body.contains("href=\"/dyads/Hezbollah/ISR\""));
    assert!(ov.body.contains("class=\"trigger\""), "evidence highlighting");
    for uri in [
        "/actors", "/actors/USA", "/actors/antony-blinken", "/dyads/Hezbollah/ISR", "/dyads/ISR/Hezbollah", "/events",
        "/events?actor=USA&type=REQUEST", "/events?modality=negated&since=2024-08-01", "/documents", "/documents/1", "/documents/2",
        "/quotes", "/quotes?actor=antony-blinken", "/search", "/search?q=Hezbollah", "/static/app.css",
        "/relations", "/relations?actor=IRN&type=patron", "/relations?prior=false", "/events?group=report", "/events?cluster=0&group=report",
        "/dyads/QAT/USA", "/dyads/Nobody/ISR",
    ] {
        let r = get(&st, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", &r.body[..r.body.len().min(500)]);
    }
    let actor = get(&st, "/actors/USA").await.body;
    assert!(actor.contains("Secretary of State"), "role on the dates seen");
    assert!(actor.contains("All parties must refrain"), "quotes");
    let dyad = get(&st, "/dyads/ISR/Hezbollah").await.body;
    assert!(dyad.contains("<svg class=\"balance\"") && dyad.contains("<svg class=\"chart pair\""));
    assert!(dyad.contains("<rect class=\"day\""), "daily index bars");
    assert!(dyad.contains("<polyline class=\"i7\""), "7-day line");
    assert!(dyad.contains("class=\"alert alert-first_material_conflict\""), "alert marker");
    assert!(dyad.contains("3 asserted acts (7 reports"), "acts, not copies");
    assert!(dyad.contains("Days with acts"));
    let actor = get(&st, "/actors/Hezbollah").await.body;
    assert!(actor.contains("class=\"badge rel patron\""), "relations on the actor page");
    assert!(actor.contains("Iran backs Hezbollah with arms and money."), "relation evidence");
    let rels = get(&st, "/relations?actor=IRN&actor2=Hezbollah&type=patron").await.body;
    assert!(rels.contains("class=\"evlink\" href=\"/documents/"), "evidence links to the document");
    // the reports of one act
    let rockets = get(&st, "/api/events?search=rockets").await.json();
    let c = rockets["items"][0]["cluster"].as_i64().unwrap();
    let one = get(&st, &format!("/events?cluster={c}&group=report")).await.body;
    assert!(one.contains("One act, 2 reports") && one.contains("levant-post.example"), "act heading");
    assert_eq!(one.matches("<li class=\"event ").count(), 2);
    let ev = get(&st, "/events?type=ASSAULT").await.body;
    assert!(ev.contains("href=\"/documents/"), "evidence links to its document");
    let bad = get(&st, "/events?limit=9999").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("limit must be"));
    assert_eq!(get(&st, "/actors/Nobody").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, "/no/such/page").await.status, StatusCode::NOT_FOUND);
}

/// An article with a script tag, a javascript: link and HTML inside a quote is shown as text everywhere.
#[tokio::test]
async fn hostile_article_is_shown_as_text() {
    let (_d, db) = fixture_db();
    let st = AppState::open(&db).unwrap();
    let id = get(&st, "/api/documents?search=Beirut").await.json()["items"][0]["id"].as_i64().unwrap();
    let hez = "/actors/Hezbollah";
    let pages = [
        "/".to_string(),
        format!("/documents/{id}"),
        "/documents".into(),
        "/events".into(),
        "/events?search=clashes".into(),
        hez.into(),
        "/dyads/Hezbollah/ISR".into(),
        "/quotes".into(),
        "/search?q=pwned".into(),
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E".into(),
        "/events?actor=%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
    ];
    for uri in &pages {
        let r = get(&st, uri).await;
        let lower = r.body.to_lowercase();
        assert!(!lower.contains("<script"), "{uri}: raw <script> in page");
        assert!(!lower.contains("<img"), "{uri}: raw <img> in page");
        assert!(!lower.contains("<b>we"), "{uri}: raw HTML from a quote");
        assert!(!lower.contains("href=\"javascript:"), "{uri}: javascript: link");
        assert!(!lower.contains(" onerror=alert(2)>"), "{uri}: event handler attribute");
    }
    let doc = get(&st, &format!("/documents/{id}")).await.body;
    assert!(doc.contains("&lt;script&gt;alert(") , "the script is visible as text");
    assert!(doc.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;"), "the link is visible as text");
    assert!(doc.contains("&lt;b&gt;We&lt;"), "quote HTML is visible as text");
    let quotes = get(&st, "/quotes").await.body;
    assert!(quotes.contains("&lt;img src=x onerror=alert(2)&gt;"));
    let r = get(&st, &format!("/documents/{id}")).await;
    assert!(r.headers.get("content-security-policy").unwrap().to_str().unwrap().starts_with("default-src 'none'"));
    // JSON keeps the text as data
    let j = get(&st, &format!("/api/documents/{id}")).await.json();
    assert!(j["text"].as_str().unwrap().contains("<script>alert('pwned')</script>"));
}
