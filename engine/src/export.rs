//! Export to real Spark: from a scenario, a `spark-shell` script that runs the same program
//! and a Python 3 script that types the same `nc` lines with the same timing.
//!
//! The learner runs `python3 feed.py | nc -lk 9999` in one terminal and
//! `spark-shell -i program.scala` in another (or pastes the script after `:paste`). The
//! script is the program as written, with its `package` line removed (the shell has no
//! packages), `sc.stop()` first (the shell's own context would clash with the program's), and
//! `Obj.main(Array())` last for a whole `object`; a bare `main` body is wrapped in an object
//! so the shell reads it in one piece. `socketTextStream` stays on the host and port the
//! program names.
//!
//! Timing: stamped `lines` are sent at their `at_ms`; per-batch `batches` lists are sent in
//! the middle of their interval (`i·B + B/2`), so a line lands in the right batch whatever
//! the phase of Spark's real batch clock. The clock starts when the learner presses Enter
//! (after the first batch shows in the shell), or at once with `--no-wait`; `--speed N`
//! divides every delay by `N`. Pure text in, text out: this module does no I/O.

use crate::scenario::Scenario;

/// The two exported files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The `spark-shell` script (`spark-shell -i program.scala`, or `:paste` it).
    pub spark_shell: String,
    /// The Python 3 feeder (`python3 feed.py | nc -lk PORT`).
    pub feeder: String,
    /// The port `nc` should listen on (the program's `socketTextStream` port, else 9999).
    pub port: u16,
}

/// The file names `dstream export` writes.
pub const SPARK_SHELL_FILE: &str = "program.scala";
/// The feeder's file name.
pub const FEEDER_FILE: &str = "feed.py";

/// Both scripts for `scenario`.
pub fn export(scenario: &Scenario) -> Export {
    let port = socket_port(&scenario.program).unwrap_or(9999);
    Export {
        spark_shell: spark_shell_script(scenario, port),
        feeder: feeder_script(scenario, port),
        port,
    }
}

/// Every line to send, as `(ms after the start, text)`, in order.
pub fn schedule(scenario: &Scenario) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    if let Some(batches) = &scenario.batches {
        let b = batch_ms(&scenario.program);
        for (i, lines) in batches.iter().enumerate() {
            for l in lines {
                out.push((i as i64 * b + b / 2, l.clone()));
            }
        }
    } else if let Some(lines) = &scenario.lines {
        let mut ls: Vec<_> = lines.iter().filter(|l| l.at_ms >= 0).collect();
        crate::sort::sort_by_key(&mut ls, |l| l.at_ms);
        out.extend(ls.into_iter().map(|l| (l.at_ms, l.text.clone())));
    }
    out
}

/// The batch interval the program sets (`Seconds(n)`, `Milliseconds(n)`, `Minutes(n)` or
/// `Duration(n)` in `new StreamingContext(...)`), in ms; 1000 if it cannot be read.
pub fn batch_ms(program: &str) -> i64 {
    let Some(i) = program.find("StreamingContext(") else {
        return 1000;
    };
    let args = &program[i + "StreamingContext(".len()..];
    for (unit, mult) in [
        ("Milliseconds(", 1),
        ("Seconds(", 1000),
        ("Minutes(", 60_000),
        ("Duration(", 1),
    ] {
        if let Some(j) = args.find(unit) {
            let n: String = args[j + unit.len()..]
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = n.parse::<i64>() {
                if n > 0 {
                    return n * mult;
                }
            }
        }
    }
    1000
}

/// The port of the first `socketTextStream(host, port)`, when written as a number.
pub fn socket_port(program: &str) -> Option<u16> {
    let i = program.find("socketTextStream(")?;
    let args = &program[i + "socketTextStream(".len()..];
    let close = args.find(')')?;
    let port = args[..close].split(',').nth(1)?.trim();
    port.parse().ok()
}

/// The program as a `spark-shell` script.
pub fn spark_shell_script(scenario: &Scenario, port: u16) -> String {
    let program = &scenario.program;
    let (file, _) = crate::scala::parser::parse(program);
    let mut out = String::new();
    out.push_str(&format!(
        "// Exported from the DStream playground{}.\n\
         // Feed it first: python3 {FEEDER_FILE} | nc -lk {port}\n\
         // Then: spark-shell -i {SPARK_SHELL_FILE}   (or type :paste, paste this, Ctrl-D)\n\
         // Stop with Ctrl-C: ssc.awaitTermination() runs until the stream stops.\n\n\
         // spark-shell made a SparkContext already; the program makes its own.\n\
         sc.stop()\n\n\
         import org.apache.spark.{{SparkConf, SparkContext}}\n\
         import org.apache.spark.streaming._\n\
         import org.apache.spark.streaming.dstream.DStream\n\
         import org.apache.spark.rdd.RDD\n\n",
        if scenario.name.is_empty() {
            String::new()
        } else {
            format!(": {}", scenario.name)
        }
    ));
    let body = strip_package(program);
    match &file.object_name {
        Some(name) => {
            out.push_str(body.trim_end());
            out.push_str(&format!("\n\n{name}.main(Array())\n"));
        }
        None => {
            // Imports of a bare body stay at top level; the rest goes inside `main`.
            let mut imports = String::new();
            let mut rest = String::new();
            for line in body.lines() {
                if line.trim_start().starts_with("import ") {
                    imports.push_str(line.trim());
                    imports.push('\n');
                } else {
                    rest.push_str("    ");
                    rest.push_str(line);
                    rest.push('\n');
                }
            }
            out.push_str(&imports);
            if !imports.is_empty() {
                out.push('\n');
            }
            out.push_str("object PlaygroundProgram {\n  def main(args: Array[String]): Unit = {\n");
            out.push_str(rest.trim_end_matches('\n'));
            out.push_str("\n  }\n}\n\nPlaygroundProgram.main(Array())\n");
        }
    }
    out
}

/// The program without its `package` line.
fn strip_package(program: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for line in program.lines() {
        let t = line.trim_start();
        if !done && t.starts_with("package ") {
            done = true;
            continue;
        }
        if !t.is_empty() && !t.starts_with("//") && !t.starts_with("/*") && !t.starts_with('*') {
            done = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The Python 3 feeder.
pub fn feeder_script(scenario: &Scenario, port: u16) -> String {
    let sched = schedule(scenario);
    let items = sched
        .iter()
        .map(|(at, text)| {
            format!(
                "    ({at}, {}),",
                serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        r#"#!/usr/bin/env python3
"""Types the playground scenario's nc lines with the same timing.

Usage: python3 {FEEDER_FILE} | nc -lk {port}
Start it, start the Spark program, and press Enter here when the first batch shows.
Options: --speed N (divide every delay by N), --no-wait (start the clock at once).
"""
import sys
import time

# (milliseconds after the start, line)
LINES = [
{items}
]


def main(argv):
    speed = 1.0
    wait = True
    i = 1
    while i < len(argv):
        if argv[i] == "--speed" and i + 1 < len(argv):
            speed = float(argv[i + 1])
            i += 1
        elif argv[i] == "--no-wait":
            wait = False
        i += 1
    if wait:
        sys.stderr.write("Press Enter to start sending %d line(s)... " % len(LINES))
        sys.stderr.flush()
        try:
            with open("/dev/tty") as tty:
                tty.readline()
        except OSError:
            pass
    start = time.monotonic()
    for at_ms, text in LINES:
        delay = start + at_ms / 1000.0 / speed - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    sys.stderr.write("all lines sent; nc keeps listening (Ctrl-C to stop)\n")


if __name__ == "__main__":
    main(sys.argv)
"#
    )
}
