//! Helpers shared by the integration tests that score brink with `brink eval`.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The summary line of `brink eval GOLD DOCS`.
pub fn eval_line(gold: &Path, docs: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_brink")).arg("eval").arg(gold).arg(docs).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or("").to_string()
}

/// Parses "events P a R b F1 c | type+source F1 d | false facts n/m | quotes P e R f F1 g speaker h | relations P i R j":
/// each figure is the number after its label within its section.
pub fn figures(line: &str) -> std::collections::HashMap<&'static str, f64> {
    let mut out = std::collections::HashMap::new();
    let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    for section in line.split('|') {
        let w: Vec<&str> = section.split_whitespace().collect();
        let after = |label: &str| w.iter().position(|x| *x == label).and_then(|i| w.get(i + 1)).map(|x| num(x));
        match w.first().copied() {
            Some("events") => {
                out.insert("event_p", after("P").unwrap_or(f64::NAN));
                out.insert("event_r", after("R").unwrap_or(f64::NAN));
                out.insert("event_f1", after("F1").unwrap_or(f64::NAN));
            }
            Some("type+source") => {
                out.insert("type_source_f1", after("F1").unwrap_or(f64::NAN));
            }
            Some("false") => {
                let (n, m) = w.get(2).and_then(|x| x.split_once('/')).unwrap_or(("nan", "nan"));
                out.insert("false_facts", num(n));
                out.insert("nonfacts", num(m));
            }
            Some("quotes") => {
                out.insert("quote_p", after("P").unwrap_or(f64::NAN));
                out.insert("quote_r", after("R").unwrap_or(f64::NAN));
                out.insert("quote_f1", after("F1").unwrap_or(f64::NAN));
                out.insert("speaker", after("speaker").unwrap_or(f64::NAN));
            }
            Some("relations") => {
                out.insert("relation_p", after("P").unwrap_or(f64::NAN));
                out.insert("relation_r", after("R").unwrap_or(f64::NAN));
            }
            _ => {}
        }
    }
    out
}

