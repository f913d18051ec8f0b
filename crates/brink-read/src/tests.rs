//! Reader tests: every format, and every kind of bad input, on files written here.

use std::io::Write;
use std::path::{Path, PathBuf};

use brink_core::{DateOrigin, Document};
use chrono::NaiveDate;

use crate::{read_paths, read_paths_limited, ReadItem, ReadOptions};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn read_all(paths: &[PathBuf]) -> Vec<ReadItem> {
    read_paths(paths, &ReadOptions::default()).collect()
}

fn one_doc(p: &Path) -> Document {
    let items = read_all(&[p.to_path_buf()]);
    assert_eq!(items.len(), 1, "{items:?}");
    match items.into_iter().next().unwrap() {
        ReadItem::Doc(d) => *d,
        ReadItem::Failed { origin, reason } => panic!("{origin}: {reason}"),
    }
}

fn one_failure(p: &Path) -> (String, String) {
    let items = read_all(&[p.to_path_buf()]);
    assert_eq!(items.len(), 1, "{items:?}");
    match items.into_iter().next().unwrap() {
        ReadItem::Doc(d) => panic!("expected failure, got doc {:?}", d.text),
        ReadItem::Failed { origin, reason } => (origin, reason),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn plain_text_with_front_matter() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "a.txt", b"title: Envoys meet\ndate: 2023-03-04\nurl: https://example.org/x\n---\nThe envoys met in Rome.\n");
    let d = one_doc(&p);
    assert_eq!(d.id, "a.txt");
    assert_eq!(d.origin, p.display().to_string());
    assert_eq!(d.text, "The envoys met in Rome.");
    assert_eq!(d.title.as_deref(), Some("Envoys meet"));
    assert_eq!(d.date, ymd(2023, 3, 4));
    assert_eq!(d.date_origin, Some(DateOrigin::FrontMatter));
    assert_eq!(d.content_hash, brink_core::document::fnv1a_hex(d.text.as_bytes()));
}

#[test]
fn plain_text_with_date_line_and_default_date() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "b.txt", b" date 2023-03-04 The envoys met in Rome.\n\nThey left.");
    let d = one_doc(&p);
    assert!(d.text.starts_with("The envoys met"));
    assert_eq!(d.date_origin, Some(DateOrigin::DateLine));
    let q = write(t.path(), "c.txt", b"The envoys met.");
    let opts = ReadOptions { default_date: ymd(2022, 1, 2) };
    let items: Vec<_> = read_paths(&[q], &opts).collect();
    let ReadItem::Doc(d) = &items[0] else { panic!() };
    assert_eq!(d.date, ymd(2022, 1, 2));
    assert_eq!(d.date_origin, Some(DateOrigin::CommandLine));
}

#[test]
fn directories_recursive_sorted_skip_hidden() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "b.txt", b"Second.");
    write(t.path(), "a.txt", b"First.");
    write(t.path(), "c/d.txt", b"Third.");
    write(t.path(), ".hidden.txt", b"Hidden.");
    let ids: Vec<String> = read_all(&[t.path().to_path_buf()])
        .into_iter()
        .map(|i| match i {
            ReadItem::Doc(d) => d.id,
            ReadItem::Failed { origin, .. } => origin,
        })
        .collect();
    assert_eq!(ids, vec!["a.txt", "b.txt", "d.txt"]);
}

#[test]
fn gzip_by_magic_and_extension() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "a.txt.gz", &gz(b"The envoys met."));
    assert_eq!(one_doc(&p).text, "The envoys met.");
    // gzip content without a .gz name
    let p = write(t.path(), "b.txt", &gz(b"Second text."));
    assert_eq!(one_doc(&p).text, "Second text.");
    // jsonl.gz
    let p = write(t.path(), "c.jsonl.gz", &gz(b"{\"id\":\"x1\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n"));
    let items = read_all(&[p]);
    assert_eq!(items.len(), 2);
}

#[test]
fn corrupt_gzip_fails_clearly() {
    let t = tempfile::tempdir().unwrap();
    let mut bytes = gz(b"The envoys met in Rome and talked for hours.");
    let n = bytes.len();
    bytes.truncate(n / 2);
    let p = write(t.path(), "bad.txt.gz", &bytes);
    let (_, reason) = one_failure(&p);
    assert!(reason.contains("gzip"), "{reason}");
}

#[test]
fn html_article_extraction() {
    let html = r#"<!DOCTYPE html><html><head><title>Site | Envoys meet</title>
<meta property="og:title" content="Envoys meet in Rome">
<meta property="article:published_time" content="2023-03-04T10:00:00Z">
<link rel="canonical" href="https://example.org/envoys">
<script>var x = "Menu script text";</script><style>.a{}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="sidebar"><p>Most popular stories that are long enough to count as a paragraph here.</p></div>
<article><h1>Envoys meet in Rome</h1>
<p>The envoys of two countries met in Rome on Tuesday to discuss a truce.</p>
<p>They agreed to meet again<br>next week, officials said.</p>
<div class="share-bar"><a>Share on Facebook</a></div>
<ul><li>First point of the plan</li><li>Second point</li></ul>
</article>
<div id="comments"><form><p>Leave a Reply</p></form></div>
<footer><p>Copyright 2023 Example Media, all rights reserved worldwide.</p></footer></body></html>"#;
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "page.html", html.as_bytes());
    let d = one_doc(&p);
    assert_eq!(d.title.as_deref(), Some("Envoys meet in Rome"));
    assert_eq!(d.url.as_deref(), Some("https://example.org/envoys"));
    assert_eq!(d.date, ymd(2023, 3, 4));
    assert_eq!(d.date_origin, Some(DateOrigin::Html));
    assert!(d.text.contains("The envoys of two countries met in Rome on Tuesday to discuss a truce.\n\nThey agreed"), "{}", d.text);
    assert!(d.text.contains("First point of the plan\n\nSecond point"), "{}", d.text);
    for junk in ["Home", "Share on Facebook", "Leave a Reply", "Copyright", "Menu script", "Most popular"] {
        assert!(!d.text.contains(junk), "{junk} in {}", d.text);
    }
}

#[test]
fn html_sniffed_and_jsonld_date_and_time() {
    let t = tempfile::tempdir().unwrap();
    let html = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2022-11-05T08:00:00+02:00"}]}</script></head>
<body><main><p>The ministers met on Saturday and spoke for a long time about the border.</p></main></body></html>"#;
    let p = write(t.path(), "noext", html.as_bytes());
    let d = one_doc(&p);
    assert_eq!(d.date, ymd(2022, 11, 5));
    assert!(d.text.starts_with("The ministers met"));
    let html2 = r#"<!doctype html><body><div><time datetime="2021-06-07">June 7</time><p>A long paragraph about the talks held between the delegations this week.</p></div></body>"#;
    let p = write(t.path(), "x.htm", html2.as_bytes());
    assert_eq!(one_doc(&p).date, ymd(2021, 6, 7));
}

#[test]
fn html_without_text_fails() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "e.html", b"<html><body><script>x()</script></body></html>");
    let (_, reason) = one_failure(&p);
    assert!(reason.contains("no article text"));
}

#[test]
fn jsonl_fields_ids_and_bad_lines() {
    let t = tempfile::tempdir().unwrap();
    let body = concat!(
        "{\"id\":\"art-1\",\"text\":\"First article.\",\"title\":\"T1\",\"date\":\"2023-01-02\",\"url\":\"https://e.org/1\"}\n",
        "\n",
        "{\"body\":\"Second article.\",\"published_at\":\"2023-01-03T09:00:00Z\"}\n",
        "{not json}\n",
        "{\"title\":\"no text here\"}\n",
        "{\"content\":\"Fourth.\",\"published\":\"whenever\"}\n",
        "[1,2]\n",
        "{\"id\": 7, \"text\": [\"Para one.\", \"Para two.\"]}\n",
    );
    let p = write(t.path(), "feed.jsonl", body.as_bytes());
    let items = read_all(std::slice::from_ref(&p));
    let origin = p.display().to_string();
    assert_eq!(items.len(), 7, "{items:?}");
    let ReadItem::Doc(d) = &items[0] else { panic!("{:?}", items[0]) };
    assert_eq!((d.id.as_str(), d.text.as_str(), d.title.as_deref()), ("art-1", "First article.", Some("T1")));
    assert_eq!(d.date, ymd(2023, 1, 2));
    assert_eq!(d.date_origin, Some(DateOrigin::Jsonl));
    assert_eq!(d.origin, format!("{origin}:1"));
    let ReadItem::Doc(d) = &items[1] else { panic!() };
    assert_eq!(d.id, "feed.jsonl:3");
    assert_eq!(d.date, ymd(2023, 1, 3));
    let ReadItem::Failed { origin: o, reason } = &items[2] else { panic!() };
    assert_eq!(o, &format!("{origin}:4"));
    assert!(reason.contains("invalid JSON"), "{reason}");
    let ReadItem::Failed { reason, .. } = &items[3] else { panic!() };
    assert!(reason.contains("no text field"), "{reason}");
    let ReadItem::Doc(d) = &items[4] else { panic!() };
    assert!(d.warnings.iter().any(|w| w.contains("date not understood")));
    assert!(matches!(&items[5], ReadItem::Failed { reason, .. } if reason.contains("not an object")));
    let ReadItem::Doc(d) = &items[6] else { panic!() };
    assert_eq!((d.id.as_str(), d.text.as_str()), ("7", "Para one.\n\nPara two."));
}

#[test]
fn json_extension_one_object_per_line_or_single() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "a.json", b"{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n");
    assert_eq!(read_all(&[p]).len(), 2);
    let p = write(t.path(), "b.json", b"{\n  \"text\": \"Pretty printed.\"\n}\n");
    assert_eq!(one_doc(&p).text, "Pretty printed.");
    let p = write(t.path(), "c.json", b"{\"text\": ");
    assert!(one_failure(&p).1.contains("invalid JSON"));
}

#[test]
fn missing_path_fails_and_run_continues() {
    let t = tempfile::tempdir().unwrap();
    let good = write(t.path(), "ok.txt", b"Fine text.");
    let items = read_all(&[t.path().join("nope.txt"), good]);
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0], ReadItem::Failed { reason, .. } if reason == "no such file"));
    assert!(matches!(&items[1], ReadItem::Doc(_)));
}

#[test]
fn binary_and_empty_files_fail() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "x.bin", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
    assert_eq!(one_failure(&p).1, "binary file");
    let p = write(t.path(), "ctrl.txt", &[1u8, 2, 3, 4, 5, 6, 7, 8, b'a', b'b'].repeat(20));
    assert_eq!(one_failure(&p).1, "binary file");
    let p = write(t.path(), "empty.txt", b"");
    assert_eq!(one_failure(&p).1, "empty");
    let p = write(t.path(), "blank.txt", b"  \n\n\t ");
    assert_eq!(one_failure(&p).1, "empty");
    let p = write(t.path(), "empty.jsonl", b"\n\n");
    assert_eq!(one_failure(&p).1, "empty");
    let p = write(t.path(), "fm-only.txt", b"title: x\n---\n");
    assert_eq!(one_failure(&p).1, "empty");
    let p = write(t.path(), "bin.jsonl", b"{\"text\":\0\0\0}\n");
    assert_eq!(one_failure(&p).1, "binary file");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_warning() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "latin1.txt", b"Caf\xe9 talks resumed.");
    let d = one_doc(&p);
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.warnings.iter().any(|w| w == "invalid UTF-8 decoded lossily"));
    let p = write(t.path(), "l.jsonl", b"{\"text\":\"Caf\xe9.\"}\n");
    let d = one_doc(&p);
    assert!(d.warnings.iter().any(|w| w == "invalid UTF-8 decoded lossily"));
}

#[test]
fn utf16_and_bom() {
    let t = tempfile::tempdir().unwrap();
    let mut b = vec![0xFF, 0xFE];
    for u in "Talks resumed.".encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(t.path(), "u16.txt", &b);
    assert_eq!(one_doc(&p).text, "Talks resumed.");
    let p = write(t.path(), "bom.txt", b"\xEF\xBB\xBFTalks resumed.");
    assert_eq!(one_doc(&p).text, "Talks resumed.");
}

#[test]
fn oversized_documents_are_truncated_with_warning() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "big.txt", "Ünïcode text. ".repeat(100).as_bytes());
    let items: Vec<_> = read_paths_limited(&[p], &ReadOptions::default(), 101).collect();
    let ReadItem::Doc(d) = &items[0] else { panic!("{items:?}") };
    assert!(d.text.len() <= 101);
    assert!(d.warnings.iter().any(|w| w.contains("truncated")));
    assert!(!d.warnings.iter().any(|w| w.contains("UTF-8")), "{:?}", d.warnings);
    let p = write(t.path(), "big.jsonl", format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok.\"}}\n", "x".repeat(500)).as_bytes());
    let items: Vec<_> = read_paths_limited(&[p], &ReadOptions::default(), 100).collect();
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0], ReadItem::Failed { reason, .. } if reason.contains("longer than")));
    assert!(matches!(&items[1], ReadItem::Doc(_)));
}

#[cfg(unix)]
#[test]
fn unreadable_file_fails() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "secret.txt", b"Hidden text.");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        return; // running as root: permissions are not enforced
    }
    assert!(one_failure(&p).1.starts_with("unreadable"));
}

#[test]
fn random_bytes_never_panic() {
    let t = tempfile::tempdir().unwrap();
    let mut x: u64 = 0x2545F4914F6CDD1D;
    for i in 0..60 {
        let n = (i * 37) % 700;
        let bytes: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if i % 2 == 0 { (x as u8) | 0x20 } else { x as u8 }
            })
            .collect();
        for ext in ["txt", "html", "jsonl", "json", "gz"] {
            let p = write(t.path(), &format!("r{i}.{ext}"), &bytes);
            let _ = read_all(&[p]);
        }
    }
    let p = write(t.path(), "deep.html", "<div>".repeat(5000).as_bytes());
    let _ = read_all(&[p]);
    let p = write(t.path(), "long.txt", "x".repeat(1 << 20).as_bytes());
    assert_eq!(one_doc(&p).text.len(), 1 << 20);
}
