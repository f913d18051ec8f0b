//! Quotations and their speakers.

use serde::{Deserialize, Serialize};

use crate::{ActorKind, ActorRef, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// In quotation marks.
    Direct,
    /// Reported speech with an explicit speaker ("Blinken said that ...").
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Unique within the document: "q0", "q1", ...
    pub id: String,
    pub kind: QuoteKind,
    /// The quoted words, without the quotation marks; parts of a split quote joined by " ".
    pub text: String,
    /// Span of each part (a quote split by "she said" has two).
    pub spans: Vec<Span>,
    pub speaker: Option<ActorRef>,
    /// Span of the speaker mention that was used (may be a pronoun).
    pub speaker_span: Option<Span>,
    /// The attribution cue ("said", "told reporters", "according to").
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    /// The speech act it performs, if any: REQUEST, THREATEN, ACCUSE, AGREE, REJECT, SUPPORT.
    pub speech_act: Option<String>,
    /// Events coded from this quote.
    pub events: Vec<String>,
    pub sentence: usize,
    /// How the speaker was found ("cue-after", "cue-before", "pronoun", "surname").
    pub rule: String,
    pub confidence: f32,
}

impl Quote {
    /// The person or body that spoke, when the text names one. An unnamed source
    /// ("a senior U.S. official", "Iranian officials") is a generic agent: it has an
    /// affiliation (see [`Quote::speaker_affiliation`]) but no identity, so it is not
    /// reported as the speaker.
    pub fn named_speaker(&self) -> Option<&ActorRef> {
        self.speaker.as_ref().filter(|s| s.kind != ActorKind::Agent)
    }

    /// The country or organisation of an unnamed speaker.
    pub fn speaker_affiliation(&self) -> Option<&ActorRef> {
        self.speaker.as_ref().filter(|s| s.kind == ActorKind::Agent)
    }
}
