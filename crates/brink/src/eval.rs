//! `brink eval`: the figures of shared/eval/score.py, computed in-process.
//!
//! Kept deliberately close to score.py (same triple expansion, greedy multiset
//! matching with exact triples before `*` ones, quote matching on the first six
//! words, speaker by last name) so that the two always agree.

use std::collections::HashMap;

use brink_core::{Document, Modality, QuoteKind};
use serde_json::Value;

type Triple = (String, String, String);

#[derive(Default, Debug, Clone)]
pub struct Counts {
    pub ev_tp: usize,
    pub ev_pred: usize,
    pub ev_gold: usize,
    pub src_tp: usize,
    pub false_facts: usize,
    pub nonfact_gold: usize,
    pub q_tp: usize,
    pub q_any: usize,
    pub q_pred: usize,
    pub q_gold: usize,
    pub q_spk: usize,
    pub rel_tp: usize,
    pub rel_pred: usize,
    pub rel_gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.ev_tp += o.ev_tp;
        self.ev_pred += o.ev_pred;
        self.ev_gold += o.ev_gold;
        self.src_tp += o.src_tp;
        self.false_facts += o.false_facts;
        self.nonfact_gold += o.nonfact_gold;
        self.q_tp += o.q_tp;
        self.q_any += o.q_any;
        self.q_pred += o.q_pred;
        self.q_gold += o.q_gold;
        self.q_spk += o.q_spk;
        self.rel_tp += o.rel_tp;
        self.rel_pred += o.rel_pred;
        self.rel_gold += o.rel_gold;
    }
}

pub fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 { tp as f64 / npred as f64 } else { 0.0 };
    let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

fn expand(ty: &str, src: &[String], tgt: &[String]) -> Vec<Triple> {
    let ty = ty.to_uppercase();
    let mut uniq = src.to_vec();
    uniq.sort();
    uniq.dedup();
    if tgt.is_empty() && uniq.len() > 1 {
        let mut out = Vec::new();
        for a in src {
            for b in src {
                if a != b {
                    out.push((ty.clone(), a.clone(), b.clone()));
                }
            }
        }
        return out;
    }
    let dash = vec!["-".to_string()];
    let s = if src.is_empty() { &dash } else { src };
    let t = if tgt.is_empty() { &dash } else { tgt };
    let ty = &ty;
    s.iter().flat_map(|a| t.iter().map(move |b| (ty.clone(), a.clone(), b.clone()))).collect()
}

fn fits(g: &Triple, p: &Triple) -> bool {
    p.0 == g.0 && (g.1 == "*" || g.1 == p.1) && (g.2 == "*" || g.2 == p.2)
}

/// Greedy multiset matching: exact gold triples first, then those with a '*'.
fn match_triples(gold: &[Triple], pred: &[Triple], leftover: Option<&mut Vec<Triple>>) -> usize {
    let mut left: Vec<(Triple, usize)> = Vec::new();
    for p in pred {
        match left.iter_mut().find(|(t, _)| t == p) {
            Some((_, n)) => *n += 1,
            None => left.push((p.clone(), 1)),
        }
    }
    let mut order: Vec<&Triple> = gold.iter().collect();
    order.sort_by_key(|g| g.1 == "*" || g.2 == "*");
    let mut hit = 0;
    for g in order {
        if let Some((_, n)) = left.iter_mut().find(|(t, n)| t == g && *n > 0) {
            *n -= 1;
            hit += 1;
            continue;
        }
        if let Some((_, n)) = left.iter_mut().find(|(t, n)| *n > 0 && fits(g, t)) {
            *n -= 1;
            hit += 1;
        }
    }
    if let Some(out) = leftover {
        for (t, n) in left {
            for _ in 0..n {
                out.push(t.clone());
            }
        }
    }
    hit
}

fn words(s: &str) -> Vec<String> {
    let s = s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn quote_matches(gold_text: &str, pred_text: &str) -> bool {
    let g: Vec<String> = words(gold_text).into_iter().take(6).collect();
    let p = words(pred_text);
    if g.is_empty() {
        return false;
    }
    let n = g.len();
    (0..p.len().saturating_sub(n) + 1).any(|i| p.get(i..i + n) == Some(&g[..]))
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

fn gold_asserted(e: &Value) -> bool {
    e.get("modality").and_then(|m| m.as_str()).unwrap_or("asserted").eq_ignore_ascii_case("asserted")
}

/// Scores one processed document against its gold record.
pub fn score_doc(gold: &Value, doc: &Document) -> Counts {
    let mut c = Counts::default();
    let events = gold.get("events").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let g_trip: Vec<Triple> = events
        .iter()
        .filter(|e| gold_asserted(e))
        .flat_map(|e| expand(e["type"].as_str().unwrap_or(""), &str_list(&e["source"]), &str_list(&e["target"])))
        .collect();
    let keys = |v: &[brink_core::ActorRef]| v.iter().map(|a| a.key.clone()).collect::<Vec<_>>();
    let p_trip: Vec<Triple> = doc
        .events
        .iter()
        .filter(|e| e.modality == Modality::Asserted)
        .flat_map(|e| expand(&e.event_type, &keys(&e.source), &keys(&e.target)))
        .collect();
    let mut unmatched = Vec::new();
    c.ev_tp = match_triples(&g_trip, &p_trip, Some(&mut unmatched));
    c.ev_pred = p_trip.len();
    c.ev_gold = g_trip.len();
    let strip = |v: &[Triple]| v.iter().map(|t| (t.0.clone(), t.1.clone(), "-".to_string())).collect::<Vec<_>>();
    c.src_tp = match_triples(&strip(&g_trip), &strip(&p_trip), None);
    let g_nonfact: Vec<Triple> = events
        .iter()
        .filter(|e| !gold_asserted(e))
        .flat_map(|e| expand(e["type"].as_str().unwrap_or(""), &str_list(&e["source"]), &str_list(&e["target"])))
        .collect();
    c.false_facts = match_triples(&g_nonfact, &unmatched, None);
    c.nonfact_gold = g_nonfact.len();

    let gq = gold.get("quotes").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let mut order: Vec<&Value> = gq.iter().collect();
    order.sort_by_key(|q| q.get("kind").and_then(|k| k.as_str()).unwrap_or("direct") != "direct");
    let mut used = vec![false; doc.quotes.len()];
    for g in order {
        let direct = g.get("kind").and_then(|k| k.as_str()).unwrap_or("direct") == "direct";
        for (i, p) in doc.quotes.iter().enumerate() {
            if !used[i] && quote_matches(g["text"].as_str().unwrap_or(""), &p.text) {
                used[i] = true;
                c.q_any += 1;
                if direct {
                    c.q_tp += 1;
                    c.q_spk += speaker_ok(g, p) as usize;
                }
                break;
            }
        }
    }
    c.q_gold = gq.iter().filter(|q| q.get("kind").and_then(|k| k.as_str()).unwrap_or("direct") == "direct").count();
    c.q_pred = doc.quotes.len();
    let _ = QuoteKind::Direct;

    let (tp, np, ng) = brink_model::score::score_relations(gold, &doc.relations);
    c.rel_tp = tp;
    c.rel_pred = np;
    c.rel_gold = ng;
    c
}

fn speaker_ok(g: &Value, p: &brink_core::Quote) -> bool {
    let gname = g.get("speaker").and_then(|s| s.as_str());
    match (p.named_speaker(), gname) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(sp), Some(gname)) => {
            let glast = words(gname).pop();
            let Some(last) = glast else { return false };
            [sp.name.as_str(), sp.text.as_str(), sp.id.as_str()].iter().any(|n| words(n).contains(&last))
        }
    }
}

/// Reads every gold file in a directory, keyed by its `doc` field (or file stem + ".txt").
pub fn load_gold(dir: &std::path::Path) -> anyhow::Result<HashMap<String, Value>> {
    let mut out = HashMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p)?)
            .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        let doc = v.get("doc").and_then(|d| d.as_str()).map(str::to_string).unwrap_or_else(|| {
            format!("{}.txt", p.file_stem().unwrap_or_default().to_string_lossy())
        });
        out.insert(doc, v);
    }
    Ok(out)
}

pub fn summary_line(t: &Counts) -> String {
    let (ep, er, ef) = prf(t.ev_tp, t.ev_pred, t.ev_gold);
    let (_, _, sf) = prf(t.src_tp, t.ev_pred, t.ev_gold);
    let qp = if t.q_pred > 0 { t.q_any as f64 / t.q_pred as f64 } else { 0.0 };
    let qr = if t.q_gold > 0 { t.q_tp as f64 / t.q_gold as f64 } else { 0.0 };
    let qf = if qp + qr > 0.0 { 2.0 * qp * qr / (qp + qr) } else { 0.0 };
    let spk = if t.q_tp > 0 { t.q_spk as f64 / t.q_tp as f64 } else { 0.0 };
    let (rp, rr, _) = prf(t.rel_tp, t.rel_pred, t.rel_gold);
    format!(
        "events P {ep:.3} R {er:.3} F1 {ef:.3} | type+source F1 {sf:.3} | false facts {}/{} | quotes P {qp:.3} R {qr:.3} F1 {qf:.3} speaker {spk:.3} | relations P {rp:.3} R {rr:.3}",
        t.false_facts, t.nonfact_gold
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joint_acts_expand_to_mirrored_pairs() {
        let t = expand("assault", &["A".into(), "B".into()], &[]);
        assert_eq!(t.len(), 2);
        assert!(t.contains(&("ASSAULT".into(), "A".into(), "B".into())));
        assert_eq!(expand("CONSULT", &["A".into()], &[]), vec![("CONSULT".into(), "A".into(), "-".into())]);
    }

    #[test]
    fn star_in_gold_fits_any_actor_but_exact_matches_go_first() {
        let gold = vec![("X".to_string(), "*".to_string(), "B".to_string()), ("X".into(), "A".into(), "B".into())];
        let pred = vec![("X".to_string(), "A".to_string(), "B".to_string()), ("X".into(), "C".into(), "B".into())];
        assert_eq!(match_triples(&gold, &pred, None), 2);
    }

    #[test]
    fn quotes_match_on_their_first_six_words() {
        assert!(quote_matches("We are engaged in intense diplomacy, pretty much", "Blinken: we are engaged in intense diplomacy around the clock"));
        assert!(!quote_matches("We are engaged", "they are engaged"));
        assert_eq!(words("Iran’s “win”"), vec!["iran", "s", "win"]);
    }
}
