//! The resolved KB model: entries with parsed dates, independent of the TOML layout.

use chrono::NaiveDate;
use serde::Serialize;

use crate::date::parse_partial;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    State,
    Institution,
    Igo,
    Group,
    Person,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::State => "state",
            EntryKind::Institution => "institution",
            EntryKind::Igo => "igo",
            EntryKind::Group => "group",
            EntryKind::Person => "person",
        }
    }
}

/// A span of time written with partial dates; `to_raw == ""` means open-ended.
#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    pub country: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

impl Dated {
    pub fn holds_on(&self, date: Option<NaiveDate>) -> bool {
        holds(&self.from, &self.to, date)
    }
}

/// Does the period from..to (partial dates, "" = open) contain `date`? No date → "now", i.e. open-ended only.
pub fn holds(from: &str, to: &str, date: Option<NaiveDate>) -> bool {
    match date {
        None => to.trim().is_empty(),
        Some(d) => {
            let after_start = parse_partial(from).is_none_or(|(f, _)| f <= d);
            let before_end = parse_partial(to).is_none_or(|(_, t)| d <= t);
            after_start && before_end
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Role {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    pub sector: String,
    pub title: String,
    pub from: String,
    pub to: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Role {
    pub fn from_date(&self) -> Option<NaiveDate> {
        parse_partial(&self.from).map(|p| p.0)
    }
    /// Last day of the role; None when still held.
    pub fn to_date(&self) -> Option<NaiveDate> {
        parse_partial(&self.to).map(|p| p.1)
    }
    pub fn is_open(&self) -> bool {
        self.to.trim().is_empty()
    }
}

/// One KB entry of any kind. Fields that do not apply to a kind are empty.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub kind: EntryKind,
    pub id: String,
    /// The gold key for non-people (ISO3 for states and institutions, `key` for IGOs/groups);
    /// for people it depends on the role on the date, so it is empty here.
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjectives: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capitals: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub epithets: Vec<String>,
    pub country: Option<String>,
    /// For institutions that belong to an IGO or group rather than a state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub patrons: Vec<Dated>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub governs: Vec<Dated>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub died: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub official: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub iso2: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// File the entry came from (`kb/states.toml` or an overlay path).
    pub source: String,
}

impl Entry {
    /// The day the person died, from `died` or, failing that, a note such as
    /// "Killed in Tehran 2024-07-31." whose date is the end of the last role.
    pub fn death_date(&self) -> Option<NaiveDate> {
        if let Some(d) = self.died.as_deref().and_then(parse_partial) {
            return Some(d.0);
        }
        let note = self.note.to_ascii_lowercase();
        if !(note.contains("killed") || note.contains("died") || note.contains("assassinated")) {
            return None;
        }
        let last_end = self.roles.iter().filter_map(|r| r.to_date()).max()?;
        let needle = last_end.format("%Y-%m-%d").to_string();
        note.contains(&needle).then_some(last_end)
    }
}

/// Which name form of an entry a pattern came from; decides how a match is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    Name,
    Alias,
    Adjective,
    Demonym,
    Capital,
    Epithet,
    Surname,
}
