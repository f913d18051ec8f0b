//! The PLOVER ontology, the CAMEO↔PLOVER crosswalk and the Goldstein scale.
//!
//! Data files (in `data/`, compiled in) come from `shared/reference/`:
//! - `plover-ontology.json`: PLOVER manual DRAFT 2.0 (Open Event Data Alliance, CC BY-SA 4.0);
//! - `cameo-to-plover.tsv`: PLOVER's CAMEO2PLOVER crosswalk (CC BY-SA 4.0), modes normalised;
//! - `cameo-goldstein.tsv`: Goldstein values from phoenix_pipeline (MIT).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const ONTOLOGY_JSON: &str = include_str!("../data/plover-ontology.json");
const CROSSWALK_TSV: &str = include_str!("../data/cameo-to-plover.tsv");
const GOLDSTEIN_TSV: &str = include_str!("../data/cameo-goldstein.tsv");

#[derive(Debug, Clone, Deserialize)]
pub struct ModeInfo {
    pub name: String,
    pub score: Option<f32>,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventTypeInfo {
    pub name: String,
    pub quad: u8,
    pub requires_recipient: bool,
    pub base_score: f32,
    pub modes: Vec<ModeInfo>,
    pub definition: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SectorInfo {
    pub code: String,
    pub meaning: String,
}

#[derive(Debug, Clone)]
pub struct CrosswalkRow {
    pub cameo: String,
    pub plover_type: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub name: String,
}

#[derive(Deserialize)]
struct RawOntology {
    event_types: Vec<EventTypeInfo>,
    sectors: Vec<SectorInfo>,
    contexts: serde_json::Value,
}

/// The ontology tables, parsed once.
pub struct Ontology {
    pub types: Vec<EventTypeInfo>,
    pub sectors: Vec<SectorInfo>,
    pub contexts: Vec<String>,
    pub crosswalk: Vec<CrosswalkRow>,
    goldstein: HashMap<String, f32>,
    by_type: HashMap<String, usize>,
}

impl Ontology {
    /// The compiled-in ontology (parsed on first use).
    pub fn get() -> &'static Ontology {
        static ONT: OnceLock<Ontology> = OnceLock::new();
        ONT.get_or_init(Ontology::load)
    }

    fn load() -> Ontology {
        let raw: RawOntology = serde_json::from_str(ONTOLOGY_JSON).expect("compiled-in PLOVER ontology is valid JSON");
        let contexts = match &raw.contexts {
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|c| c.get("name").and_then(|n| n.as_str()).or_else(|| c.as_str()).map(str::to_string))
                .collect(),
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let crosswalk = CROSSWALK_TSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let get = |i: usize| f.get(i).copied().unwrap_or("").trim();
                CrosswalkRow {
                    cameo: get(0).to_string(),
                    plover_type: get(1).to_string(),
                    mode: Some(get(2)).filter(|m| !m.is_empty()).map(str::to_string),
                    contexts: get(3).split(';').filter(|c| !c.is_empty()).map(str::to_string).collect(),
                    name: get(4).to_string(),
                }
            })
            .collect();
        let goldstein = GOLDSTEIN_TSV
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let code = f.next()?.trim().to_string();
                let v = f.next()?.trim().parse().ok()?;
                Some((code, v))
            })
            .collect();
        let by_type = raw.event_types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        Ontology { types: raw.event_types, sectors: raw.sectors, contexts, crosswalk, goldstein, by_type }
    }

    pub fn event_type(&self, name: &str) -> Option<&EventTypeInfo> {
        self.by_type.get(name).map(|&i| &self.types[i])
    }

    pub fn is_type(&self, name: &str) -> bool {
        self.by_type.contains_key(name)
    }

    pub fn is_mode(&self, event_type: &str, mode: &str) -> bool {
        self.event_type(event_type).is_some_and(|t| t.modes.iter().any(|m| m.name == mode))
    }

    pub fn is_sector(&self, code: &str) -> bool {
        self.sectors.iter().any(|s| s.code == code)
    }

    /// PLOVER score: the mode's score where it has one, else the type's base score.
    pub fn score(&self, event_type: &str, mode: Option<&str>) -> Option<f32> {
        let t = self.event_type(event_type)?;
        if let Some(m) = mode {
            if let Some(s) = t.modes.iter().find(|x| x.name == m).and_then(|x| x.score) {
                return Some(s);
            }
        }
        Some(t.base_score)
    }

    pub fn quad(&self, event_type: &str) -> u8 {
        self.event_type(event_type).map(|t| t.quad).unwrap_or(0)
    }

    /// The CAMEO code for a PLOVER type and mode: the first crosswalk row with both,
    /// else the first row of the type with no mode, else the first row of the type.
    pub fn cameo_for(&self, event_type: &str, mode: Option<&str>) -> Option<&CrosswalkRow> {
        let rows = || self.crosswalk.iter().filter(move |r| r.plover_type == event_type);
        if let Some(m) = mode {
            if let Some(r) = rows().find(|r| r.mode.as_deref() == Some(m)) {
                return Some(r);
            }
        }
        rows().find(|r| r.mode.is_none()).or_else(|| rows().next())
    }

    pub fn crosswalk_row(&self, cameo: &str) -> Option<&CrosswalkRow> {
        self.crosswalk.iter().find(|r| r.cameo == cameo)
    }

    /// Goldstein value of a CAMEO code, falling back to its two-digit root.
    pub fn goldstein(&self, cameo: &str) -> Option<f32> {
        self.goldstein.get(cameo).copied().or_else(|| cameo.get(..2).and_then(|r| self.goldstein.get(r).copied()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_sixteen_types_with_scores() {
        let o = Ontology::get();
        assert_eq!(o.types.len(), 16);
        assert_eq!(o.quad("ASSAULT"), 4);
        assert_eq!(o.score("ACCUSE", None), Some(-3.0));
        assert!(o.is_mode("CONSULT", "third-party"));
        assert!(!o.is_mode("CONSULT", "aerial"));
        assert!(o.is_sector("REB"));
    }

    #[test]
    fn crosswalk_and_goldstein_agree_on_a_known_code() {
        let o = Ontology::get();
        let row = o.cameo_for("ASSAULT", Some("aerial")).expect("aerial assault has a CAMEO code");
        assert!(row.cameo.starts_with("19") || row.cameo.starts_with("18") || row.cameo.starts_with("20"));
        assert!(o.goldstein(&row.cameo).unwrap() < 0.0);
        assert!(o.goldstein("0999").is_some(), "falls back to the root code");
    }
}
