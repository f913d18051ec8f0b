//! Events: who did what to whom, coded on PLOVER, with modality, date and provenance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ActorRef, Span};

/// Whether the text reports the act as having happened.
/// Only `Asserted` events are facts; the others exist so they are not reported as facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Negated,
    Hypothetical,
    Future,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::Future => "future",
        }
    }
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "negated" => Modality::Negated,
            "hypothetical" => Modality::Hypothetical,
            "future" => Modality::Future,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

/// When an event happened, resolved against the article date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// First day of the resolved interval (None when no article date is known).
    pub date: Option<NaiveDate>,
    /// Last day of the interval (same as `date` for day precision).
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// The expression that gave the date ("on Tuesday", "last week"); None when defaulted.
    pub text: Option<String>,
    pub span: Option<Span>,
    /// True when nothing in the text dated the event and the article date was used.
    pub from_article_date: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    pub span: Span,
    /// ISO alpha-3 of the country the place is in, when known.
    pub country: Option<String>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique within the document: "e0", "e1", ...
    pub id: String,
    /// PLOVER event type (AGREE ... ASSAULT).
    pub event_type: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
    /// CAMEO code from the crosswalk.
    pub cameo: Option<String>,
    /// PLOVER intensity score (mode score, else the type's base score).
    pub score: Option<f32>,
    /// Goldstein value of the CAMEO code.
    pub goldstein: Option<f32>,
    /// 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.
    pub quad: u8,
    pub modality: Modality,
    /// The cue that set a non-asserted modality ("has not", "if", "expected to").
    pub modality_cue: Option<String>,
    pub source: Vec<ActorRef>,
    pub target: Vec<ActorRef>,
    /// Spans of the source and target mentions (same order as the actor lists).
    pub source_spans: Vec<Span>,
    pub target_spans: Vec<Span>,
    /// The trigger word(s) that fired.
    pub trigger: Span,
    /// The evidence: usually the sentence.
    pub evidence: Span,
    pub sentence: usize,
    pub date: Option<EventDate>,
    pub place: Option<Place>,
    /// The lexicon entry or rule that fired ("verbs.tsv:urge", "quote-act:warn").
    pub rule: String,
    pub confidence: f32,
    /// The quote this event was coded from, when it is a speech act.
    pub quote: Option<String>,
}
