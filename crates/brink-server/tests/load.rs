//! Drives the API on 127.0.0.1 with many concurrent requests; reports errors (none allowed)
//! and latency percentiles. Bounded: a fixed number of requests, a time limit.

mod common;

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn fetch(addr: std::net::SocketAddr, path: &str) -> Result<u16, String> {
    let mut s = tokio::net::TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.map_err(|e| e.to_string())?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(64)]).to_string();
    head.split(' ').nth(1).and_then(|c| c.parse().ok()).ok_or_else(|| format!("bad response: {head:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_on_loopback() {
    let (_d, db) = common::fixture_db();
    // Also a bigger database: the fixture corpus copied under new hashes.
    {
        let mut s = brink_store::Store::open(&db).unwrap();
        let mut docs = Vec::new();
        for i in 0..150 {
            for mut d in brink_store::fixtures::sample_corpus() {
                d.id = format!("{i}-{}", d.id);
                d.text.push_str(&format!(" Copy {i}."));
                d.content_hash = brink_core::document::fnv1a_hex(d.text.as_bytes());
                docs.push(d);
            }
        }
        s.insert_batch(&docs).unwrap();
    }
    let state = brink_server::AppState::open(&db).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    let server = tokio::spawn(async move { axum::serve(listener, brink_server::router(state)).await });

    let paths = [
        "/api/events?limit=50",
        "/api/events?actor=Hezbollah&type=ASSAULT",
        "/api/events?search=rockets&limit=20",
        "/api/documents?limit=20",
        "/api/actors",
        "/api/dyads",
        "/api/escalation?limit=3",
        "/api/search?q=Hezbollah",
        "/api/quotes?actor=USA",
        "/",
        "/events?type=ASSAULT",
        "/actors/ISR",
    ];
    for p in paths {
        let t = Instant::now();
        fetch(addr, p).await.unwrap();
        eprintln!("  single {p:<45} {:?}", t.elapsed());
    }
    const CLIENTS: usize = 32;
    const PER_CLIENT: usize = 25;
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            for i in 0..PER_CLIENT {
                let p = paths[(c + i) % paths.len()];
                let t = Instant::now();
                let r = tokio::time::timeout(Duration::from_secs(30), fetch(addr, p)).await;
                out.push((p, r.map_err(|_| "timeout".to_string()).and_then(|x| x), t.elapsed()));
            }
            out
        }));
    }
    let mut lat = Vec::new();
    let mut errors = Vec::new();
    let mut by_path: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    for t in tasks {
        for (p, r, d) in t.await.unwrap() {
            match r {
                Ok(200) => {
                    lat.push(d);
                    by_path.entry(p).or_default().push(d);
                }
                Ok(code) => errors.push(format!("{p}: HTTP {code}")),
                Err(e) => errors.push(format!("{p}: {e}")),
            }
        }
    }
    let wall = t0.elapsed();
    lat.sort();
    let pct = |q: f64| lat[((lat.len() as f64 * q) as usize).min(lat.len() - 1)];
    let total = CLIENTS * PER_CLIENT;
    eprintln!(
        "load: {total} requests, {CLIENTS} concurrent clients, {} errors, {:.0} req/s, p50 {:?}, p95 {:?}, max {:?}",
        errors.len(),
        total as f64 / wall.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        lat.last().unwrap()
    );
    for (p, mut v) in by_path {
        v.sort();
        eprintln!("  {p:<45} p50 {:?}", v[v.len() / 2]);
    }
    assert!(errors.is_empty(), "errors: {:?}", &errors[..errors.len().min(10)]);
    assert!(wall < Duration::from_secs(120), "took {wall:?}");
    server.abort();
}
