//! Hand-built annotated documents for tests (store, server, browser screenshots) that must
//! not depend on the extraction stages. Not part of the stable API.
#![doc(hidden)]

use brink_core::{
    ActorKind, ActorRef, DateOrigin, DatePrecision, Document, Event, EventDate, Mention, MentionRule, Modality, Ontology, Quote,
    QuoteKind, Relation, RelationEvidence, RelationType, Sentence, Span,
};
use chrono::NaiveDate;

pub fn actor(key: &str, id: &str, name: &str, kind: ActorKind, country: Option<&str>, sector: Option<&str>) -> ActorRef {
    ActorRef {
        text: name.to_string(),
        key: key.to_string(),
        id: id.to_string(),
        name: name.to_string(),
        kind,
        country: country.map(str::to_string),
        sector: sector.map(str::to_string),
        role: None,
        role_from: None,
        role_to: None,
    }
}

pub fn state(code: &str, name: &str) -> ActorRef {
    actor(code, code, name, ActorKind::State, Some(code), Some("GOV"))
}

pub fn group(key: &str, name: &str) -> ActorRef {
    actor(key, &key.to_lowercase(), name, ActorKind::Group, None, Some("REB"))
}

pub fn person(key: &str, id: &str, name: &str, role: &str, from: &str) -> ActorRef {
    let mut a = actor(key, id, name, ActorKind::Person, Some(key), Some("GOV"));
    a.role = Some(role.into());
    a.role_from = Some(from.into());
    a
}

/// Builds a document by finding phrases in its text.
pub struct DocBuilder {
    pub doc: Document,
}

impl DocBuilder {
    pub fn new(id: &str, title: &str, date: &str, text: &str) -> DocBuilder {
        let mut doc = Document::new(id, text);
        doc.origin = format!("fixtures/{id}");
        doc.title = Some(title.into());
        doc.date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        doc.date_origin = Some(DateOrigin::FrontMatter);
        doc.source = Some("Fixture Wire".into());
        // Naive sentences: split after ". " / ".\n" / "!" / "?".
        let b = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            let end_here = matches!(b[i], b'.' | b'!' | b'?') && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\n')
                || (b[i] == b'\n' && i + 1 < b.len() && b[i + 1] == b'\n');
            if end_here || i + 1 == b.len() {
                let e = i + 1;
                let (s0, e0) = trim(text, start, e);
                if e0 > s0 {
                    doc.sentences.push(Sentence { span: Span::new(s0, e0), token_start: 0, token_end: 0, headline: false });
                }
                start = e;
            }
            i += 1;
        }
        DocBuilder { doc }
    }

    /// Span of the `nth` occurrence of `needle`; panics if missing (fixture bug).
    pub fn find_nth(&self, needle: &str, nth: usize) -> Span {
        let mut from = 0;
        for k in 0..=nth {
            let i = self.doc.text[from..].find(needle).unwrap_or_else(|| panic!("fixture: '{needle}' #{nth} not in {}", self.doc.id)) + from;
            if k == nth {
                return Span::new(i, i + needle.len());
            }
            from = i + needle.len();
        }
        unreachable!()
    }
    pub fn find(&self, needle: &str) -> Span {
        self.find_nth(needle, 0)
    }

    fn sentence_of(&self, s: Span) -> usize {
        self.doc.sentence_at(s.start).unwrap_or(0)
    }

    /// A mention at every occurrence of `text`.
    pub fn mention(mut self, text: &str, a: &ActorRef) -> Self {
        let mut from = 0;
        while let Some(i) = self.doc.text[from..].find(text) {
            let span = Span::new(from + i, from + i + text.len());
            let mut a = a.clone();
            a.text = text.into();
            let sentence = self.sentence_of(span);
            self.doc.mentions.push(Mention {
                span,
                sentence,
                actor: Some(a),
                candidates: vec![],
                rule: MentionRule::KbAlias(text.into()),
                confidence: 0.9,
                is_place: false,
                modifier: false,
            });
            from += i + text.len();
        }
        self.doc.mentions.sort_by_key(|m| m.span.start);
        self
    }

    /// An event: `src`/`tgt` are (mention text, actor); `trigger` is found in the text.
    pub fn event(mut self, typ: &str, mode: Option<&str>, src: &[(&str, &ActorRef)], tgt: &[(&str, &ActorRef)], trigger: &str, modality: Modality) -> Self {
        let ont = Ontology::get();
        let trig = self.find(trigger);
        let sentence = self.sentence_of(trig);
        let evidence = self.doc.sentences.get(sentence).map(|s| s.span).unwrap_or(trig);
        let locate = |t: &str| -> Span {
            let ev = &self.doc.text[evidence.start..evidence.end];
            match ev.find(t) {
                Some(i) => Span::new(evidence.start + i, evidence.start + i + t.len()),
                None => self.find(t),
            }
        };
        let mk = |v: &[(&str, &ActorRef)]| -> (Vec<ActorRef>, Vec<Span>) {
            v.iter()
                .map(|(t, a)| {
                    let mut a = (*a).clone();
                    a.text = t.to_string();
                    (a, locate(t))
                })
                .unzip()
        };
        let (source, source_spans) = mk(src);
        let (target, target_spans) = mk(tgt);
        let cameo = ont.cameo_for(typ, mode).map(|r| r.cameo.clone());
        let n = self.doc.events.len();
        self.doc.events.push(Event {
            id: format!("e{n}"),
            event_type: typ.into(),
            mode: mode.map(str::to_string),
            context: vec![],
            goldstein: cameo.as_deref().and_then(|c| ont.goldstein(c)),
            cameo,
            score: ont.score(typ, mode),
            quad: ont.quad(typ),
            modality,
            modality_cue: None,
            source,
            target,
            source_spans,
            target_spans,
            trigger: trig,
            evidence,
            sentence,
            date: Some(EventDate {
                date: self.doc.date,
                end: self.doc.date,
                precision: DatePrecision::Day,
                text: None,
                span: None,
                from_article_date: true,
            }),
            place: None,
            rule: format!("fixture:{}", trigger.to_lowercase()),
            confidence: 0.8,
            quote: None,
        });
        self
    }

    /// A direct quote of `text` (found in the document) by `speaker` (mention text, actor).
    pub fn quote(mut self, text: &str, speaker: (&str, &ActorRef), speech_act: Option<&str>) -> Self {
        let span = self.find(text);
        let sentence = self.sentence_of(span);
        let sp = self.find(speaker.0);
        let mut a = speaker.1.clone();
        a.text = speaker.0.into();
        let n = self.doc.quotes.len();
        self.doc.quotes.push(Quote {
            id: format!("q{n}"),
            kind: QuoteKind::Direct,
            text: text.into(),
            spans: vec![span],
            speaker: Some(a),
            speaker_span: Some(sp),
            cue: Some("said".into()),
            cue_span: None,
            speech_act: speech_act.map(str::to_string),
            events: vec![],
            sentence,
            rule: "cue-after".into(),
            confidence: 0.9,
        });
        self
    }

    pub fn relation(mut self, t: RelationType, from: &ActorRef, to: &ActorRef, evidence: &str) -> Self {
        let span = self.find(evidence);
        self.doc.relations.push(Relation {
            relation_type: t,
            from: from.clone(),
            to: Some(to.clone()),
            between: vec![],
            confidence: 0.7,
            first_seen: self.doc.date.map(|d| d.to_string()),
            last_seen: self.doc.date.map(|d| d.to_string()),
            prior: false,
            evidence: vec![RelationEvidence { doc: self.doc.id.clone(), span, text: evidence.into(), rule: "fixture".into(), events: vec![] }],
        });
        self
    }

    pub fn build(self) -> Document {
        self.doc
    }
}

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// The marker an article smuggles in; tests assert it never reaches a page unescaped.
pub const HOSTILE_SCRIPT: &str = "<script>alert('pwned')</script>";

/// A small annotated corpus: three days of an Israel–Hezbollah–Iran crisis with US and Qatari
/// diplomacy, plus one hostile article whose text holds a script tag, a javascript: link
/// and HTML inside a quote.
pub fn sample_corpus() -> Vec<Document> {
    let usa = state("USA", "United States");
    let isr = state("ISR", "Israel");
    let irn = state("IRN", "Iran");
    let lbn = state("LBN", "Lebanon");
    let qat = state("QAT", "Qatar");
    let hez = group("Hezbollah", "Hezbollah");
    let blinken = person("USA", "antony-blinken", "Antony Blinken", "Secretary of State", "2021-01-26");
    let araghchi = person("IRN", "abbas-araghchi", "Abbas Araghchi", "Foreign Minister", "2024-08-21");

    let d1 = DocBuilder::new(
        "fx-001.txt",
        "Israel strikes Hezbollah targets in southern Lebanon",
        "2024-08-05",
        "Israeli jets struck Hezbollah positions in southern Lebanon on Monday. Hezbollah fired rockets at northern Israel in response. \
US Secretary of State Antony Blinken urged Israel and Iran to show restraint. \
\"All parties must refrain from escalation,\" Blinken said.",
    )
    .mention("Israeli", &isr)
    .mention("Hezbollah", &hez)
    .mention("Lebanon", &lbn)
    .mention("Antony Blinken", &blinken)
    .mention("Blinken", &blinken)
    .event("ASSAULT", Some("aerial"), &[("Israeli", &isr)], &[("Hezbollah", &hez)], "struck", Modality::Asserted)
    .event("ASSAULT", Some("heavy-weapons"), &[("Hezbollah", &hez)], &[("Israel", &isr)], "fired rockets", Modality::Asserted)
    .event("REQUEST", Some("yield"), &[("Antony Blinken", &blinken)], &[("Israel", &isr), ("Iran", &irn)], "urged", Modality::Asserted)
    .quote("All parties must refrain from escalation,", ("Blinken", &blinken), Some("REQUEST"))
    .build();

    let d2 = DocBuilder::new(
        "fx-002.txt",
        "Qatar hosts talks as Iran warns Israel",
        "2024-08-06",
        "Qatar hosted talks with US and Iranian envoys in Doha on Tuesday. \
Iran warned Israel that it would retaliate for the killing of a commander. \
Iranian Foreign Minister Abbas Araghchi condemned the Israeli strikes. \
\"We will respond at a time of our choosing,\" Araghchi said. Iran backs Hezbollah with arms and money.",
    )
    .mention("Qatar", &qat)
    .mention("US", &usa)
    .mention("Iranian envoys", &irn)
    .mention("Abbas Araghchi", &araghchi)
    .mention("Araghchi", &araghchi)
    .event("CONSULT", Some("third-party"), &[("Qatar", &qat)], &[("US", &usa), ("Iranian envoys", &irn)], "hosted talks", Modality::Asserted)
    .event("THREATEN", Some("violence"), &[("Iran", &irn)], &[("Israel", &isr)], "warned", Modality::Asserted)
    .event("ACCUSE", Some("disapprove"), &[("Abbas Araghchi", &araghchi)], &[("Israeli", &isr)], "condemned", Modality::Asserted)
    .quote("We will respond at a time of our choosing,", ("Araghchi", &araghchi), Some("THREATEN"))
    .relation(RelationType::Patron, &irn, &hez, "Iran backs Hezbollah with arms and money.")
    .build();

    let d3 = DocBuilder::new(
        "fx-003.txt",
        "Ceasefire talks stall; Israel hits Lebanon again",
        "2024-08-07",
        "Israel struck targets near Tyre in Lebanon on Wednesday. Hezbollah attacked an Israeli army post. \
Israel has not agreed to a ceasefire, officials said. The United States and Qatar met to discuss a truce.",
    )
    .mention("Israel", &isr)
    .mention("Hezbollah", &hez)
    .mention("Lebanon", &lbn)
    .mention("United States", &usa)
    .mention("Qatar", &qat)
    .event("ASSAULT", Some("aerial"), &[("Israel", &isr)], &[("Lebanon", &lbn)], "struck", Modality::Asserted)
    .event("ASSAULT", None, &[("Hezbollah", &hez)], &[("Israeli", &isr)], "attacked", Modality::Asserted)
    .event("AGREE", None, &[("Israel", &isr)], &[("Hezbollah", &hez)], "agreed to a ceasefire", Modality::Negated)
    .event("CONSULT", None, &[("United States", &usa)], &[("Qatar", &qat)], "met", Modality::Asserted)
    .build();

    let hostile_text = format!(
        "Officials in Beirut reported new clashes {HOSTILE_SCRIPT} on Thursday. \
Click <a href=\"javascript:alert(1)\">here</a> for details. \
Hezbollah attacked Israel near the border. \
\"<b>We</b> <img src=x onerror=alert(2)> will not stop,\" a Hezbollah commander said."
    );
    let d4 = DocBuilder::new("fx-004-<script>.txt", "Hostile <script>alert('title')</script> headline", "2024-08-08", &hostile_text)
        .mention("Hezbollah", &hez)
        .mention("Israel", &isr)
        .event("ASSAULT", None, &[("Hezbollah", &hez)], &[("Israel", &isr)], "attacked", Modality::Asserted)
        .event("ASSAULT", None, &[("Hezbollah", &hez)], &[("Israel", &isr)], "clashes <script>", Modality::Asserted)
        .quote("<b>We</b> <img src=x onerror=alert(2)> will not stop,", ("Hezbollah", &hez), Some("THREATEN"))
        .build();
    vec![d1, d2, d3, d4]
}

/// A syndicated copy of the first sample article: another outlet (known by its URL), a new
/// headline and a tagline; its events are the same acts (one cluster each, support 2).
pub fn wire_copy() -> Document {
    let mut copy = sample_corpus().remove(0);
    copy.id = "fx-001-copy.txt".into();
    copy.origin = "fixtures/fx-001-copy.txt".into();
    copy.source = None;
    copy.url = Some("https://www.levant-post.example/2024/08/05/jets-hit-hezbollah".into());
    copy.title = Some("Jets hit Hezbollah in the south; rockets answer".into());
    copy.text.push_str(" (Wire copy; reporting by the Levant Post desk.)");
    copy.content_hash = brink_core::document::fnv1a_hex(copy.text.as_bytes());
    copy
}
