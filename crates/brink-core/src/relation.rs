//! Standing relations between actors: ally, adversary, patron, mediator.

use serde::{Deserialize, Serialize};

use crate::{ActorRef, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    /// Symmetric.
    Ally,
    /// Symmetric.
    Adversary,
    /// `from` backs `to` (arms, funds, directs).
    Patron,
    /// `from` carries messages or brokers talks `between` two parties.
    Mediator,
}

impl RelationType {
    pub fn as_str(&self) -> &'static str {
        match self {
            RelationType::Ally => "ally",
            RelationType::Adversary => "adversary",
            RelationType::Patron => "patron",
            RelationType::Mediator => "mediator",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationEvidence {
    pub doc: String,
    pub span: Span,
    /// The evidence text, copied so a relation can be shown without its document.
    pub text: String,
    /// The pattern or event rule that found it ("text:iran-backed", "events:third-party-consult").
    pub rule: String,
    pub events: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub relation_type: RelationType,
    pub from: ActorRef,
    /// For ally, adversary, patron.
    pub to: Option<ActorRef>,
    /// For mediator: the two parties.
    pub between: Vec<ActorRef>,
    pub confidence: f32,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// A knowledge-base prior, not evidence from the text.
    pub prior: bool,
    pub evidence: Vec<RelationEvidence>,
}
