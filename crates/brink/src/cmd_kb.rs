//! `brink kb list|resolve|check|unknown` (owned by the knowledge-base work).

use clap::Args;

#[derive(Args)]
pub struct KbArgs {
    #[arg(trailing_var_arg = true)]
    pub rest: Vec<String>,
}

pub fn run(_a: &KbArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink kb is not built yet")
}
