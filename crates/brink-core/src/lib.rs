//! brink-core: the one document model that every stage of brink annotates.
//!
//! A [`Document`] owns the text of one article. Every annotation a stage adds
//! (noise, sentences, tokens, actor mentions, events, quotes, relations) points
//! back into that text with a [`Span`] of byte offsets, so any output field can be
//! traced to the exact characters it came from. Stages implement [`Stage`] and
//! run in order over the same `Document` (spaCy's model, in Rust).

pub mod actor;
pub mod document;
pub mod event;
pub mod fasthash;
pub mod ontology;
pub mod quote;
pub mod relation;
pub mod span;
pub mod stage;

pub use actor::{ActorKind, ActorRef, Mention, MentionRule};
pub use document::{DateOrigin, Document, NoiseSpan, Sentence, Token, TokenKind};
pub use event::{DatePrecision, Event, EventDate, Modality, Place};
pub use ontology::Ontology;
pub use quote::{Quote, QuoteKind};
pub use relation::{Relation, RelationEvidence, RelationType};
pub use span::Span;
pub use stage::{Pipeline, Stage};
