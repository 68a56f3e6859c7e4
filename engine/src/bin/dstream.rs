//! `dstream`: the engine's command line, and its only I/O edge.
//!
//! `dstream replay [--json] scenario.json` reads a scenario (program plus `nc` input, see
//! `../shared/spec/scenario-format.md`) and prints what Spark would print, or the whole trace
//! as JSON. `dstream export scenario.json [--out DIR]` writes a `spark-shell` script and a
//! feeder for `nc` that take the same experiment to real Spark. `dstream lessons --out DIR`
//! writes the course's pages as JSON (`static/lessons/`, which the site fetches).

use std::process::ExitCode;

use dstream_engine::engine::{console_text, run};
use dstream_engine::export::{self, FEEDER_FILE, SPARK_SHELL_FILE};
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;

const HELP: &str = "\
dstream: Spark Streaming's DStream model, re-enacted on virtual time

Usage:
  dstream replay [--json] [--counts] SCENARIO.json
        run a scenario; print Spark's console text, or the whole trace as JSON with --json
        (--counts keeps per-key call counts only, without every call's record)
  dstream export SCENARIO.json [--out DIR]
        write DIR/program.scala (the program as a spark-shell script) and DIR/feed.py (types
        the scenario's nc lines with the same timing: python3 feed.py | nc -lk PORT);
        DIR defaults to the current directory
  dstream lessons [--out DIR]
        write the lessons as JSON for the site: DIR/index.json and DIR/<slug>.json (their
        texts, presets, steps and exercises); DIR defaults to static/lessons
  dstream --help
        this text

Scenario and trace formats: ../shared/spec/scenario-format.md
";

/// The stack the commands run on: the interpreter recurses on it, up to
/// `MAX_EVAL_DEPTH` nested expressions (a few MB natively), whatever the shell's `ulimit -s`.
const STACK_BYTES: usize = 64 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || command(&args))
        .and_then(|t| {
            t.join()
                .map_err(|_| std::io::Error::other("the command panicked"))
        })
        .unwrap_or_else(|e| {
            eprintln!("dstream: {e}");
            ExitCode::FAILURE
        })
}

fn command(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("--help") | Some("-h") | Some("help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("replay") => replay(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("lessons") => lessons(&args[1..]),
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
    let mut trace = run(&scenario, detail);
    trace.locate(&scenario.program);
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

fn export(args: &[String]) -> ExitCode {
    let mut out_dir = ".".to_string();
    let mut path = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--out" => match args.get(i + 1) {
                Some(d) => {
                    out_dir = d.clone();
                    i += 1;
                }
                None => {
                    eprintln!("dstream export: --out needs a directory");
                    return ExitCode::from(2);
                }
            },
            a if a.starts_with("--") => {
                eprintln!("dstream export: unknown option `{a}`");
                return ExitCode::from(2);
            }
            a => path = Some(a.to_string()),
        }
        i += 1;
    }
    let Some(path) = path else {
        eprintln!("dstream export: which scenario? (dstream export SCENARIO.json [--out DIR])");
        return ExitCode::from(2);
    };
    let scenario = match std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {path}: {e}"))
        .and_then(|t| Scenario::from_json(&t).map_err(|e| format!("{path}: {e}")))
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dstream export: {e}");
            return ExitCode::from(2);
        }
    };
    let ex = export::export(&scenario);
    let dir = std::path::Path::new(&out_dir);
    let written = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(dir.join(SPARK_SHELL_FILE), &ex.spark_shell))
        .and_then(|_| std::fs::write(dir.join(FEEDER_FILE), &ex.feeder));
    if let Err(e) = written {
        eprintln!("dstream export: cannot write to {out_dir}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {d}/{SPARK_SHELL_FILE} and {d}/{FEEDER_FILE}\n\
         1. python3 {d}/{FEEDER_FILE} | nc -lk {p}\n\
         2. spark-shell -i {d}/{SPARK_SHELL_FILE}\n\
         3. press Enter in the first terminal when the first batch shows",
        d = out_dir,
        p = ex.port
    );
    ExitCode::SUCCESS
}

fn lessons(args: &[String]) -> ExitCode {
    let out_dir = match args {
        [] => "static/lessons",
        [flag, dir] if flag == "--out" => dir.as_str(),
        _ => {
            eprintln!("dstream lessons: usage: dstream lessons [--out DIR]");
            return ExitCode::from(2);
        }
    };
    let dir = std::path::Path::new(out_dir);
    let files = dstream_engine::lessons::page::files();
    let written = std::fs::create_dir_all(dir).and_then(|_| {
        files
            .iter()
            .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
    });
    if let Err(e) = written {
        eprintln!("dstream lessons: cannot write to {out_dir}: {e}");
        return ExitCode::FAILURE;
    }
    println!("wrote {} files to {out_dir}", files.len());
    ExitCode::SUCCESS
}
