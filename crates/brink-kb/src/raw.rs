//! The TOML shapes of KB files, exactly as authors write them (see docs/KB.md).
//!
//! Every field has a default so that a missing optional field is never a load error;
//! `brink kb check` reports what is missing instead. Kept separate from the resolved model
//! (`model.rs`) so the file format can evolve without touching the matcher.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawFile {
    pub state: Vec<RawState>,
    pub institution: Vec<RawInstitution>,
    pub igo: Vec<RawIgo>,
    pub group: Vec<RawGroup>,
    pub person: Vec<RawPerson>,
    pub agent: Vec<RawAgent>,
    pub title: Vec<RawTitle>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawState {
    pub id: String,
    pub name: String,
    pub official: String,
    pub iso2: String,
    pub status: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    pub epithets: Vec<String>,
    pub region: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawInstitution {
    pub id: String,
    pub name: String,
    pub country: String,
    /// Some bodies belong to an IGO or group rather than a state.
    pub org: String,
    pub sector: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub parent: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawIgo {
    pub id: String,
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub sector: String,
    pub parent: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawDated {
    pub country: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawGroup {
    pub id: String,
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub adjectives: Vec<String>,
    pub country: String,
    pub sector: String,
    pub patrons: Vec<RawDated>,
    pub governs: Vec<RawDated>,
    pub parent: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawRole {
    pub country: String,
    pub org: String,
    pub sector: String,
    pub title: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawPerson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<RawRole>,
    /// Date of death; a person who died in office keeps that role afterwards (not "former").
    pub died: String,
    /// "m" | "f" when known; lets "he"/"she" skip a person of the other gender.
    pub gender: String,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawAgent {
    pub sector: String,
    pub nouns: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RawTitle {
    pub sector: String,
    pub titles: Vec<String>,
}
