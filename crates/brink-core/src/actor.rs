//! Actors as the output reports them, and their mentions in the text.

use serde::{Deserialize, Serialize};

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Igo,
    Group,
    Person,
    Institution,
    /// A generic agent with a country ("Iranian officials", "Israeli warplanes").
    Agent,
    /// Someone the text names but the KB lacks, learned from the text ("Amos Hochstein, a senior adviser at the White House").
    Learned,
    Unknown,
}

/// A resolved actor: who a mention refers to on the article's date.
///
/// `key` is the analyst's actor key (see shared/gold/FORMAT.md): the ISO 3166
/// alpha-3 code for any state actor (government, military, officials, citizens),
/// the canonical short name for a non-state group or international body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The mention's text as written.
    pub text: String,
    /// Gold-style key: "USA", "Hezbollah", "UN".
    pub key: String,
    /// The knowledge-base id ("antony-blinken", "USA", "hezbollah"); learned actors get "learned:<name>".
    pub id: String,
    /// Canonical name of the entity ("Antony Blinken", "United States").
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166 alpha-3 code, where the actor has one.
    pub country: Option<String>,
    /// PLOVER sector code (GOV, MIL, REB, ...).
    pub sector: Option<String>,
    /// Title held on the article date ("Secretary of State"), for people.
    pub role: Option<String>,
    /// Dates of that role, ISO strings, where known.
    pub role_from: Option<String>,
    pub role_to: Option<String>,
}

/// How a mention was resolved; shown as provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "detail")]
pub enum MentionRule {
    /// A KB alias matched; detail is the alias.
    KbAlias(String),
    /// Country adjective/name + agent noun ("Israeli warplanes"); detail is the agent noun.
    CountryAgent(String),
    /// Learned from an apposition or title in this document; detail is the pattern.
    Learned(String),
    /// Surname of a person named earlier in the document.
    Surname(String),
    /// A pronoun or definite description resolved to an earlier mention.
    Pronoun(String),
    Other(String),
}

/// One place in the text that refers to an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub sentence: usize,
    /// The resolved actor; None when ambiguous or unknown (see `candidates`).
    pub actor: Option<ActorRef>,
    /// For ambiguous mentions, the keys/ids it could be; empty otherwise.
    pub candidates: Vec<String>,
    pub rule: MentionRule,
    pub confidence: f32,
    /// The mention is used as a place ("in Beirut"), not as an actor.
    pub is_place: bool,
    /// A bare country adjective or name modifying a following noun that is not an
    /// agent ("Israeli" in "an Israeli strike", "Iran" in "Iran attack"): events use it
    /// as the actor of that noun.
    pub modifier: bool,
}
