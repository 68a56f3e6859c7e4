//! `dstream`: the engine's command line, and its only I/O edge.
//!
//! `dstream replay [--json] scenario.json` reads a scenario (program plus `nc` input, see
//! `../shared/spec/scenario-format.md`) and prints what Spark would print, or the whole trace
//! as JSON.

use std::process::ExitCode;

const HELP: &str = "\
dstream: Spark Streaming's DStream model, re-enacted on virtual time

Usage:
  dstream replay [--json] SCENARIO.json   run a scenario; print Spark's console text,
                                          or the whole trace as JSON with --json
  dstream --help                          this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("dstream: unknown command `{other}`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}
