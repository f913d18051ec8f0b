//! One story in ten syndicated variants is one document group and one cluster per act
//! (support 10); ten different stories stay apart.

#![allow(clippy::manual_is_multiple_of)] // is_multiple_of needs Rust 1.87; the workspace supports 1.85

mod common;

use brink_core::{Document, Modality, Place, Span};
use brink_model::clusters::{act_key, outlet, same_act, url_host, Clusterer};
use brink_model::dedupe::{lsh_bands, minhash, similarity, DocGrouper};
use common::*;

const BODY: &[&str] = &[
    "Israeli warplanes struck a building in the southern suburbs of Beirut on Thursday, killing a senior Hezbollah commander and two other people, the Lebanese health ministry said.",
    "The Israeli military said the strike targeted the commander responsible for a rocket attack on the Golan Heights that killed twelve children at a football pitch last weekend.",
    "Hezbollah said in a statement that the group would respond at a time and place of its choosing, and thousands of residents fled the area overnight.",
    "Qatar's prime minister met United States envoys in Doha to discuss ways to contain the fighting, according to two officials briefed on the talks.",
    "The exchange of fire across the border has displaced tens of thousands of people on both sides since October, and diplomats fear a wider regional war.",
    "Airlines suspended flights to Beirut after the strike, and several governments urged their citizens to leave Lebanon while commercial flights remain available.",
];

const HEADLINES: &[&str] = &[
    "Israeli strike on Beirut kills Hezbollah commander",
    "Israel hits Beirut suburb, says it killed top Hezbollah figure",
    "Hezbollah vows response after Israeli strike in Beirut",
    "Top Hezbollah commander killed in Israeli air strike",
    "BREAKING: Beirut strike kills senior Hezbollah official",
    "Israel strikes Beirut's southern suburbs",
    "Lebanon: Israeli raid kills Hezbollah commander, two others",
    "Fears of regional war grow after Beirut strike",
    "Israeli jets hit Hezbollah stronghold in Beirut",
    "Hezbollah commander killed as Israel retaliates for Golan attack",
];

const BOILER: &[(&str, &str)] = &[
    ("By Reuters staff", "Reporting by Laila Bassam; editing by Tom Hogue."),
    ("BEIRUT (AP) —", "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
    ("AFP", "Sign up for our daily newsletter to get the latest headlines delivered to your inbox."),
    ("Staff and agencies", "Share this article on social media. Follow us for more updates."),
    ("From our correspondent", "This article was updated with additional reporting."),
    ("By Sarah Khan", "Read more: what we know about the conflict. Related coverage below."),
    ("Wire report", "Additional reporting by agencies. The story has been corrected to fix a typo."),
    ("Newsroom", "Advertisement. Continue reading the main story below."),
    ("BEIRUT:", "Download our app for breaking news alerts."),
    ("International desk", "Comments are closed for this article."),
];

fn variant(i: usize) -> String {
    let mut body: Vec<String> = BODY.iter().map(|s| s.to_string()).collect();
    // rewrites: a reworded sentence, a dropped sentence, curly quotes and case differences
    match i % 4 {
        1 => body[0] = body[0].replace("struck a building", "hit a building").replace("on Thursday", "Thursday"),
        2 => {
            body.pop();
        }
        3 => body[2] = body[2].to_uppercase(),
        _ => {}
    }
    format!("{}\n\n{}\n\n{}\n\n{}", HEADLINES[i], BOILER[i].0, body.join(" "), BOILER[i].1)
}

const OTHER: &[&str] = &[
    "Russian forces launched a large drone attack on the Ukrainian capital overnight, the city's military administration said, as air defence units shot down most of the incoming drones over Kyiv.",
    "Sudan's army and the Rapid Support Forces clashed again in the city of El Fasher, aid agencies reported, warning that famine conditions were spreading through the camps for displaced families.",
    "The foreign ministers of India and China agreed to resume border patrol talks after a meeting in Beijing, saying both sides wanted to keep the frontier peaceful ahead of winter.",
    "Armed men kidnapped dozens of students from a school in northern Nigeria, police said, the latest in a string of mass abductions for ransom in the region.",
    "The United Nations Security Council failed to agree on a resolution about the crisis in Haiti, where gangs control most of the capital and the police mission is short of funds.",
    "North Korea fired two short-range ballistic missiles into the sea off its east coast, South Korea's joint chiefs of staff said, days after joint military drills ended.",
    "Colombia's government and the ELN rebel group extended their ceasefire for six more months after talks in Caracas hosted by Venezuela and mediated by Norway and Cuba.",
    "Protesters in Nairobi marched against a new finance bill for a third day, and police fired tear gas to disperse crowds gathered near parliament.",
    "Armenia and Azerbaijan said they had agreed on the text of a peace treaty, though disputes remain over the constitution and the reopening of transport links.",
    "The European Union announced new sanctions on Iranian officials over the supply of drones and missiles to Russia, and summoned Iran's envoy in Brussels.",
];

#[test]
fn minhash_basics() {
    let a = minhash(&variant(0));
    assert_eq!(a.len(), 128);
    assert_eq!(minhash(&variant(0)), a, "deterministic");
    assert!(similarity(&a, &minhash(&variant(1))) > 0.6);
    assert!(similarity(&a, &minhash(OTHER[0])) < 0.1);
    assert_eq!(lsh_bands(&a).len(), 32);
    assert_eq!(similarity(&minhash(""), &minhash("")), 0.0);
}

#[test]
fn ten_syndicated_variants_form_one_group() {
    let mut g = DocGrouper::new();
    let ids: Vec<u64> = (0..10).map(|i| g.add(&variant(i))).collect();
    assert!(ids.iter().all(|x| *x == ids[0]), "{ids:?}");
}

#[test]
fn ten_different_stories_stay_apart() {
    let mut g = DocGrouper::new();
    let first = g.add(&variant(0));
    let ids: Vec<u64> = OTHER.iter().map(|t| g.add(t)).collect();
    let mut u = ids.clone();
    u.sort();
    u.dedup();
    assert_eq!(u.len(), 10);
    assert!(!ids.contains(&first));
}

fn syndicated_doc(i: usize) -> Document {
    let mut d = Document::new(format!("v{i}"), variant(i));
    d.url = Some(format!("https://www.outlet{i}.example/world/{i}"));
    // half of the copies date the strike a day later (time zones, late pick-up)
    let day = if i % 2 == 0 { "2024-07-30" } else { "2024-07-31" };
    let mut strike = event("e0", "ASSAULT", &["ISR"], &["Hezbollah"], Some(day), Modality::Asserted);
    strike.place = Some(Place { text: if i % 3 == 0 { "beirut".into() } else { "Beirut".into() }, span: Span::new(0, 0), country: None });
    let talks = event("e1", "CONSULT", &["QAT"], &["USA"], Some(day), Modality::Asserted);
    let vow = event("e2", "THREATEN", &["Hezbollah"], &["ISR"], Some(day), Modality::Asserted);
    d.events = vec![strike, talks, vow];
    d
}

#[test]
fn one_cluster_per_act_with_support_ten() {
    let mut c = Clusterer::new();
    for i in 0..10 {
        c.add_document(&syndicated_doc(i));
    }
    assert_eq!(c.clusters().len(), 3);
    for cl in c.clusters() {
        assert_eq!(cl.support(), 10);
        assert_eq!(cl.outlet_support(), 10);
        assert_eq!(cl.members.len(), 10);
    }
}

#[test]
fn different_acts_stay_apart() {
    let mut c = Clusterer::new();
    let mk = |t: &str, s: &str, g: &str, d: &str| event("e", t, &[s], &[g], Some(d), Modality::Asserted);
    let evs = vec![
        mk("ASSAULT", "RUS", "UKR", "2024-07-01"),
        mk("ASSAULT", "RUS", "UKR", "2024-07-05"), // days apart
        mk("ASSAULT", "UKR", "RUS", "2024-07-01"), // reversed
        mk("ASSAULT", "SDN", "RSF", "2024-07-01"),
        mk("CONSULT", "IND", "CHN", "2024-07-01"),
        mk("ABDUCT", "*", "NGA", "2024-07-01"),
        mk("REJECT", "UN", "HTI", "2024-07-01"),
        mk("THREATEN", "PRK", "KOR", "2024-07-01"),
        mk("AGREE", "COL", "ELN", "2024-07-01"),
        mk("PROTEST", "KEN", "KEN", "2024-07-01"),
    ];
    let ids: Vec<u64> = evs.iter().enumerate().map(|(i, e)| c.add(&format!("d{i}"), None, e)).collect();
    let mut u = ids.clone();
    u.dedup();
    assert_eq!(u.len(), 10);
    // same act, other place: not the same
    let mut a = mk("ASSAULT", "ISR", "Hezbollah", "2024-07-30");
    let mut b = a.clone();
    a.place = Some(Place { text: "Beirut".into(), span: Span::new(0, 0), country: Some("LBN".into()) });
    b.place = Some(Place { text: "Tyre".into(), span: Span::new(0, 0), country: Some("LBN".into()) });
    assert!(same_act(&act_key(&a), &act_key(&b)), "same country counts as the same place");
    b.place.as_mut().unwrap().country = Some("SYR".into());
    assert!(!same_act(&act_key(&a), &act_key(&b)));
}

#[test]
fn outlets() {
    let mut d = Document::new("x", "t");
    d.url = Some("https://www.Reuters.com/world/x?y=1".into());
    assert_eq!(outlet(&d).as_deref(), Some("reuters.com"));
    d.source = Some("AP".into());
    assert_eq!(outlet(&d).as_deref(), Some("ap"));
    assert_eq!(url_host("http://user@news.example:8080/a").as_deref(), Some("news.example"));
}
