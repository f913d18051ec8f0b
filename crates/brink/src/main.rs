//! The `brink` binary: a thin command-line layer over the brink crates.
//!
//! Each subcommand lives in its own module; this file only parses arguments
//! and dispatches. Exit codes: 0 success, 1 some inputs failed, 2 usage or fatal error.

mod bench;
mod cmd_extract;
mod cmd_kb;
mod cmd_model;
mod cmd_store;
mod engine;
mod eval;
mod output;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "brink", version, about = "Turns news about international crises into an evidence-linked model of the crisis.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract actors, events, quotes and relations from articles (text, HTML, JSONL, .gz, directories, -).
    Extract(cmd_extract::ExtractArgs),
    /// Score extraction against gold annotations (same figures as shared/eval/score.py).
    Eval(cmd_extract::EvalArgs),
    /// Measure throughput (sentences/s, MB/s) and peak memory on a generated corpus.
    Bench(cmd_extract::BenchArgs),
    /// The actor knowledge base: list, resolve, check, unknown.
    Kb(cmd_kb::KbArgs),
    /// Run the pipeline over articles and store the results in a SQLite database.
    Ingest(cmd_store::IngestArgs),
    /// Query stored events.
    Events(cmd_store::QueryArgs),
    /// Query stored quotes.
    Quotes(cmd_store::QueryArgs),
    /// Query stored actors.
    Actors(cmd_store::QueryArgs),
    /// Query stored documents.
    Documents(cmd_store::QueryArgs),
    /// Serve the HTTP API and the analyst dashboard.
    Serve(cmd_store::ServeArgs),
    /// Load the built-in demo corpus into a database and serve the dashboard.
    Demo(cmd_store::DemoArgs),
    /// Query stored relations (ally, adversary, patron, mediator).
    Relations(cmd_model::RelationsArgs),
    /// Escalation index per pair of actors over time, with alerts.
    Escalation(cmd_model::EscalationArgs),
}

/// `brink events | head` must end quietly when the reader goes away, as other Unix tools
/// do: restore the default SIGPIPE action (Rust ignores it, which turns every later
/// print into a panic).
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() {
    restore_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd_extract::run_extract(&a),
        Command::Eval(a) => cmd_extract::run_eval(&a),
        Command::Bench(a) => cmd_extract::run_bench(&a),
        Command::Kb(a) => cmd_kb::run(&a),
        Command::Ingest(a) => cmd_store::run_ingest(&a),
        Command::Events(a) => cmd_store::run_query("events", &a),
        Command::Quotes(a) => cmd_store::run_query("quotes", &a),
        Command::Actors(a) => cmd_store::run_query("actors", &a),
        Command::Documents(a) => cmd_store::run_query("documents", &a),
        Command::Serve(a) => cmd_store::run_serve(&a),
        Command::Demo(a) => cmd_store::run_demo(&a),
        Command::Relations(a) => cmd_model::run_relations(&a),
        Command::Escalation(a) => cmd_model::run_escalation(&a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("brink: error: {e:#}");
            std::process::exit(2);
        }
    }
}
