//! `brink ingest|events|quotes|actors|documents|serve|demo` (owned by the store work).

use clap::Args;

#[derive(Args)]
pub struct IngestArgs {
    pub paths: Vec<std::path::PathBuf>,
    #[arg(long, default_value = "brink.db")]
    pub db: std::path::PathBuf,
}
#[derive(Args)]
pub struct QueryArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: std::path::PathBuf,
}
#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "brink.db")]
    pub db: std::path::PathBuf,
}
#[derive(Args)]
pub struct DemoArgs {}

pub fn run_ingest(_a: &IngestArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink ingest is not built yet")
}
pub fn run_query(_what: &str, _a: &QueryArgs) -> anyhow::Result<i32> {
    anyhow::bail!("store queries are not built yet")
}
pub fn run_serve(_a: &ServeArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink serve is not built yet")
}
pub fn run_demo(_a: &DemoArgs) -> anyhow::Result<i32> {
    anyhow::bail!("brink demo is not built yet")
}
