//! `brink relations|escalation` (owned by the model work).

use clap::Args;

#[derive(Args)]
pub struct RelationsArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: std::path::PathBuf,
}
#[derive(Args)]
pub struct EscalationArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: std::path::PathBuf,
}

pub fn run_relations(_a: &RelationsArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink relations is not built yet")
}
pub fn run_escalation(_a: &EscalationArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink escalation is not built yet")
}
