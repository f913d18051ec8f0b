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
    assert!(ov.body.contains("<svg class=\"chart\""), "escalation SVG");
    assert!(ov.body.contains("href=\"/actors/ISR\""));
    assert!(ov.body.contains("href=\"/dyads/Hezbollah/ISR\""));
    assert!(ov.body.contains("class=\"trigger\""), "evidence highlighting");
    for uri in [
        "/actors", "/actors/USA", "/actors/antony-blinken", "/dyads/Hezbollah/ISR", "/dyads/ISR/Hezbollah", "/events",
        "/events?actor=USA&type=REQUEST", "/events?modality=negated&since=2024-08-01", "/documents", "/documents/1", "/documents/2",
        "/quotes", "/quotes?actor=antony-blinken", "/search", "/search?q=Hezbollah", "/static/app.css",
    ] {
        let r = get(&st, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", &r.body[..r.body.len().min(500)]);
    }
    let actor = get(&st, "/actors/USA").await.body;
    assert!(actor.contains("Secretary of State"), "role on the dates seen");
    assert!(actor.contains("All parties must refrain"), "quotes");
    let dyad = get(&st, "/dyads/ISR/Hezbollah").await.body;
    assert!(dyad.contains("<svg class=\"balance\"") && dyad.contains("<svg class=\"chart\""));
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
