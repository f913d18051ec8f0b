//! Development measurement on shared/seeds with a tiny stand-in actor tagger, so the
//! relation rules can be tuned before the real actors stage lands. Ignored by default:
//! `BRINK_SHARED=/work/shared cargo test -p brink-model --test seeds_dev -- --ignored --nocapture`.

use brink_core::{ActorKind, ActorRef, Document, Mention, MentionRule, Span, Stage};
use brink_model::{score_relations, RelationStage};

const GAZ: &[(&str, &str, ActorKind)] = &[
    ("United States", "USA", ActorKind::State), ("U.S.", "USA", ActorKind::State), ("US", "USA", ActorKind::State),
    ("Washington", "USA", ActorKind::State), ("White House", "USA", ActorKind::State), ("American", "USA", ActorKind::State),
    ("Americans", "USA", ActorKind::State), ("Biden", "USA", ActorKind::Person), ("Blinken", "USA", ActorKind::Person),
    ("Kirby", "USA", ActorKind::Person), ("Sullivan", "USA", ActorKind::Person), ("McGurk", "USA", ActorKind::Person),
    ("Jean-Pierre", "USA", ActorKind::Person), ("Hochstein", "USA", ActorKind::Person), ("Lew", "USA", ActorKind::Person),
    ("Iran", "IRN", ActorKind::State), ("Iranian", "IRN", ActorKind::State), ("Tehran", "IRN", ActorKind::State),
    ("Khamenei", "IRN", ActorKind::Person), ("Islamic Republic", "IRN", ActorKind::State),
    ("Israel", "ISR", ActorKind::State), ("Israeli", "ISR", ActorKind::State), ("Jewish state", "ISR", ActorKind::State),
    ("IDF", "ISR", ActorKind::State), ("Netanyahu", "ISR", ActorKind::Person), ("Jerusalem", "ISR", ActorKind::State),
    ("Hezbollah", "Hezbollah", ActorKind::Group), ("Nasrallah", "Hezbollah", ActorKind::Person), ("Shukr", "Hezbollah", ActorKind::Person),
    ("Hamas", "Hamas", ActorKind::Group), ("Haniyeh", "Hamas", ActorKind::Person), ("Sinwar", "Hamas", ActorKind::Person),
    ("Russia", "RUS", ActorKind::State), ("Russian", "RUS", ActorKind::State), ("Moscow", "RUS", ActorKind::State),
    ("Kremlin", "RUS", ActorKind::State), ("Putin", "RUS", ActorKind::Person), ("Shoigu", "RUS", ActorKind::Person),
    ("Ukraine", "UKR", ActorKind::State), ("Egypt", "EGY", ActorKind::State), ("Egyptian", "EGY", ActorKind::State),
    ("Cairo", "EGY", ActorKind::State), ("Qatar", "QAT", ActorKind::State), ("Qatari", "QAT", ActorKind::State),
    ("Doha", "QAT", ActorKind::State), ("Oman", "OMN", ActorKind::State), ("Omani", "OMN", ActorKind::State),
    ("France", "FRA", ActorKind::State), ("Syria", "SYR", ActorKind::State), ("Syrian", "SYR", ActorKind::State),
    ("Damascus", "SYR", ActorKind::State), ("Lebanon", "LBN", ActorKind::State), ("Lebanese", "LBN", ActorKind::State),
    ("Beirut", "LBN", ActorKind::State), ("Turkish", "TUR", ActorKind::State), ("Saudi Arabia", "SAU", ActorKind::State),
    ("Gaza", "PSE", ActorKind::State), ("G7", "G7", ActorKind::Igo), ("Iraq", "IRQ", ActorKind::State),
];
const AGENT_NOUNS: &[&str] = &["officials", "forces", "government", "military", "intelligence", "sources", "leaders", "troops",
    "counterparts", "media", "warplanes", "politicians", "official", "source", "administration", "president", "diplomat"];

fn tag(doc: &mut Document) {
    let text = doc.text.clone();
    let bytes = text.as_bytes();
    let mut taken = vec![false; text.len()];
    let mut ms = Vec::new();
    let mut gaz: Vec<_> = GAZ.to_vec();
    gaz.sort_by_key(|g| std::cmp::Reverse(g.0.len()));
    for (surf, key, kind) in gaz {
        let mut from = 0;
        while let Some(p) = text[from..].find(surf) {
            let s = from + p;
            let e = s + surf.len();
            from = e;
            let wb = |i: usize| i >= bytes.len() || !(bytes[i] as char).is_alphanumeric();
            if (s > 0 && !wb(s - 1)) || !wb(e) || taken[s..e].iter().any(|x| *x) {
                continue;
            }
            let rest = &text[e..];
            let next: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
            let adjective = surf.ends_with("ian") || surf.ends_with("eli") || surf.ends_with("ese") || surf.ends_with("ish")
                || surf.ends_with("ani") || surf.ends_with("ari") || surf.ends_with("ptian") || surf == "American" || surf == "Russian";
            let mut end = e;
            let mut modifier = rest.starts_with('-');
            if AGENT_NOUNS.contains(&next.as_str()) {
                end = e + rest.find(&next[..1]).unwrap_or(0) + next.len();
                end = end.min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
            } else if adjective && !next.is_empty() {
                modifier = true;
            }
            let prev: String = text[..s].trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
            let place = matches!(prev.as_str(), "in" | "at") && !adjective;
            for t in taken.iter_mut().take(end).skip(s) { *t = true; }
            ms.push(Mention {
                span: Span::new(s, end), sentence: 0,
                actor: Some(ActorRef { text: text[s..end].into(), key: key.into(), id: key.to_lowercase(), name: key.into(), kind,
                    country: None, sector: None, role: None, role_from: None, role_to: None }),
                candidates: vec![], rule: MentionRule::KbAlias(surf.into()), confidence: 0.9, is_place: place, modifier,
            });
        }
    }
    ms.sort_by_key(|m| m.span.start);
    doc.mentions = ms;
}

#[test]
#[ignore]
fn seeds_relations() {
    let shared = std::env::var("BRINK_SHARED").unwrap_or_else(|_| "/work/shared".into());
    let mut tot = (0, 0, 0);
    let hez = ActorRef { text: "Hezbollah".into(), key: "Hezbollah".into(), id: "hezbollah".into(), name: "Hezbollah".into(),
        kind: ActorKind::Group, country: Some("LBN".into()), sector: Some("REB".into()), role: None, role_from: None, role_to: None };
    let irn = ActorRef { text: "Iran".into(), key: "IRN".into(), id: "IRN".into(), name: "Iran".into(), kind: ActorKind::State,
        country: Some("IRN".into()), sector: None, role: None, role_from: None, role_to: None };
    let mut hamas = hez.clone();
    hamas.key = "Hamas".into();
    let prior = |to: ActorRef| brink_core::Relation { relation_type: brink_core::RelationType::Patron, from: irn.clone(), to: Some(to), between: vec![],
        confidence: 0.5, first_seen: None, last_seen: None, prior: true, evidence: vec![] };
    let stage = RelationStage::with_priors(vec![prior(hez.clone()), prior(hamas)]);
    for e in std::fs::read_dir(format!("{shared}/seeds")).unwrap() {
        let p = e.unwrap().path();
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("{shared}/gold/seeds/{stem}.json")).unwrap()).unwrap();
        let mut doc = Document::new(stem.clone(), std::fs::read_to_string(&p).unwrap());
        tag(&mut doc);
        stage.process(&mut doc);
        let (tp, np, ng) = score_relations(&gold, &doc.relations);
        println!("== {stem}: {tp}/{np}/{ng}");
        for r in &doc.relations {
            let k = brink_model::rel_key(r);
            println!("  {:?} {} {:?} {:.2} prior={} | {}", k.relation_type, k.from, k.others, r.confidence, r.prior,
                r.evidence.iter().map(|e| format!("[{}] {}", e.rule, e.text)).collect::<Vec<_>>().join(" || "));
        }
        tot = (tot.0 + tp, tot.1 + np, tot.2 + ng);
    }
    println!("relations P {:.3} R {:.3} ({}/{}/{})", tot.0 as f64 / tot.1.max(1) as f64, tot.0 as f64 / tot.2.max(1) as f64, tot.0, tot.1, tot.2);
}
