//! `dstream`: the engine's command line, and its only I/O edge.
//!
//! `dstream replay [--json] scenario.json` reads a scenario (program plus `nc` input, see
//! `../shared/spec/scenario-format.md`) and prints what Spark would print, or the whole trace
//! as JSON.

use std::process::ExitCode;

use dstream_engine::engine::{console_text, run};
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;

const HELP: &str = "\
dstream: Spark Streaming's DStream model, re-enacted on virtual time

Usage:
  dstream replay [--json] [--counts] SCENARIO.json
        run a scenario; print Spark's console text, or the whole trace as JSON with --json
        (--counts keeps per-key call counts only, without every call's record)
  dstream --help
        this text

Scenario and trace formats: ../shared/spec/scenario-format.md
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("replay") => replay(&args[1..]),
        Some(other) => {
            eprintln!("dstream: unknown command `{other}`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

fn replay(args: &[String]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let detail = if args.iter().any(|a| a == "--counts") {
        Detail::Counts
    } else {
        Detail::Full
    };
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("dstream replay: which scenario? (dstream replay [--json] SCENARIO.json)");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("dstream replay: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let scenario = match Scenario::from_json(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dstream replay: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let trace = run(&scenario, detail);
    if json {
        match serde_json::to_string_pretty(&trace) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("dstream replay: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        for l in trace.log.iter().filter(|l| !l.hidden) {
            eprintln!(
                "{} {}: {}",
                l.level,
                l.logger.rsplit('.').next().unwrap_or(&l.logger),
                l.message
            );
        }
        print!("{}", console_text(&trace));
    }
    ExitCode::SUCCESS
}
