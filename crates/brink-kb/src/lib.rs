//! The actor knowledge base: data files, time-aware resolution, alias matching, validation.
//! API CONTRACT (stub; the KB work replaces the bodies, keeps the signatures, adds freely).

use std::path::PathBuf;

use brink_core::ActorRef;
use chrono::NaiveDate;

#[derive(Debug)]
pub struct KbError(pub String);

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for KbError {}

/// The outcome of resolving a name on a date.
#[derive(Debug, Clone)]
pub enum Resolution {
    Known(ActorRef),
    Ambiguous(Vec<ActorRef>),
    Unknown,
}

pub struct Kb {}

impl Kb {
    /// The compiled-in KB plus overlay files (`--kb FILE`, later files win).
    pub fn load(overlays: &[PathBuf]) -> Result<Kb, KbError> {
        let _ = overlays;
        Ok(Kb {})
    }
    /// Resolves a name (any alias) as of a date.
    pub fn resolve(&self, name: &str, date: Option<NaiveDate>) -> Resolution {
        let _ = (name, date);
        Resolution::Unknown
    }
}
