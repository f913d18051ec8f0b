//! Helpers to build documents, mentions and events by hand for the tests.
#![allow(dead_code)]

use brink_core::*;
use chrono::NaiveDate;

pub fn actor(key: &str, kind: ActorKind) -> ActorRef {
    ActorRef {
        text: key.into(),
        key: key.into(),
        id: key.to_lowercase(),
        name: key.into(),
        kind,
        country: None,
        sector: if kind == ActorKind::Group { Some("REB".into()) } else { None },
        role: None,
        role_from: None,
        role_to: None,
    }
}

pub fn kind_of(key: &str) -> ActorKind {
    if key.len() == 3 && key.chars().all(|c| c.is_ascii_uppercase()) { ActorKind::State } else { ActorKind::Group }
}

/// A document whose mentions are the given (surface text, key, modifier) in order of first occurrence
/// after the previous one.
pub fn doc_with(id: &str, text: &str, mentions: &[(&str, &str, bool)]) -> Document {
    let mut d = Document::new(id, text);
    d.date = NaiveDate::from_ymd_opt(2024, 8, 6);
    let mut from = 0;
    for (surf, key, modifier) in mentions {
        let p = from + text[from..].find(surf).unwrap_or_else(|| panic!("{surf} not in text"));
        let span = Span::new(p, p + surf.len());
        from = span.end;
        let mut a = actor(key, kind_of(key));
        a.text = surf.to_string();
        d.mentions.push(Mention {
            span,
            sentence: 0,
            actor: Some(a),
            candidates: vec![],
            rule: MentionRule::KbAlias(surf.to_string()),
            confidence: 0.9,
            is_place: false,
            modifier: *modifier,
        });
    }
    d
}

pub fn event(id: &str, typ: &str, src: &[&str], tgt: &[&str], date: Option<&str>, modality: Modality) -> Event {
    let o = Ontology::get();
    Event {
        id: id.into(),
        event_type: typ.into(),
        mode: None,
        context: vec![],
        cameo: None,
        score: o.score(typ, None),
        goldstein: None,
        quad: o.quad(typ),
        modality,
        modality_cue: None,
        source: src.iter().map(|k| actor(k, kind_of(k))).collect(),
        target: tgt.iter().map(|k| actor(k, kind_of(k))).collect(),
        source_spans: vec![],
        target_spans: vec![],
        trigger: Span::new(0, 0),
        evidence: Span::new(0, 0),
        sentence: 0,
        date: date.map(|d| EventDate {
            date: NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
            end: NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
            precision: DatePrecision::Day,
            text: None,
            span: None,
            from_article_date: false,
        }),
        place: None,
        rule: "test".into(),
        confidence: 0.9,
        quote: None,
    }
}
