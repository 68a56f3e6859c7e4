//! Every Scala snippet of the lesson, as written: checked against the lesson's text, run in its
//! host program (`dstream_engine::snippets`), and compared with what real Spark 4.3.0 printed
//! for the same program and input (`tests/lesson/NAME.spark.json`, recorded with
//! `../shared/tools/spark-oracle`; see `tests/lesson/README.md`).
//!
//! Spark runs tasks in parallel, so lines printed by different tasks of one batch come in any
//! order: a batch's stdout is compared as a multiset of lines; everything else exactly. Tasks
//! that `print` without a newline (`rdd.foreach(print)`) even share a line, in an order that
//! changes from run to run on Spark: such a line is compared as its multiset of `(…)` items.

use std::path::{Path, PathBuf};

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::snippets::{Kind, SNIPPETS};
use dstream_engine::trace::Detail;
use serde_json::Value as Json;

/// The lesson's input: one `hello` and two `hi` every second, as its text describes.
fn lesson_batches() -> Vec<Vec<String>> {
    vec![vec!["hello 1".into(), "hi 1".into(), "hi 1".into()]; 7]
}

fn scenario(id: &str, program: String) -> Scenario {
    Scenario {
        name: id.into(),
        program,
        batches: Some(lesson_batches()),
        input_partitions: Some(2),
        ..Scenario::default()
    }
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lesson")
}

/// The lesson's Scala blocks, from the lesson itself.
fn lesson_blocks() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/seed/spark-streaming-lesson.zh.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the repository expects ../shared beside it)",
            path.display()
        )
    });
    let mut blocks = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("```scala\n") {
        rest = &rest[i + "```scala\n".len()..];
        let end = rest.find("```").expect("a closed code block");
        blocks.push(rest[..end].trim_end_matches('\n').to_string());
        rest = &rest[end + 3..];
    }
    blocks
}

#[test]
fn every_snippet_is_the_lessons_text_verbatim() {
    let blocks = lesson_blocks();
    assert_eq!(
        blocks.len(),
        SNIPPETS.len(),
        "one snippet per Scala block of the lesson"
    );
    for (b, s) in blocks.iter().zip(SNIPPETS) {
        assert_eq!(b, s.code, "snippet {} differs from the lesson", s.id);
    }
}

#[test]
fn fragments_appear_verbatim_in_their_host_programs() {
    for s in SNIPPETS {
        let Some(p) = s.program() else {
            if let Kind::InHost(_) = s.kind {
                let hosted = SNIPPETS.iter().filter_map(|h| h.program());
                let line = s.code.trim();
                assert!(
                    hosted
                        .into_iter()
                        .any(|p| p.lines().any(|l| l.trim() == line)),
                    "{} is in no host program",
                    s.id
                );
            }
            continue;
        };
        // The host indents the fragment into `main`'s body: compare line by line.
        let lines: Vec<&str> = p.lines().map(str::trim_start).collect();
        let code: Vec<&str> = s.code.lines().map(str::trim_start).collect();
        assert!(
            lines.windows(code.len()).any(|w| w == code.as_slice()),
            "{}: the program does not hold the fragment as written",
            s.id
        );
    }
}

/// `(stdout_before, [(time, stdout)], shown log lines, error)` of a trace in the oracle's JSON
/// shape, stdout as sorted lines.
type Console = (
    Vec<String>,
    Vec<(i64, Vec<String>)>,
    Vec<String>,
    Option<(String, String)>,
);

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .lines()
        .map(|l| {
            if l.starts_with('(') && l.ends_with(')') && l.contains(")(") {
                // Items printed by several tasks onto one line: their order is a race.
                let mut items: Vec<&str> = l[1..l.len() - 1].split(")(").collect();
                items.sort_unstable();
                format!("({})", items.join(")("))
            } else {
                l.to_string()
            }
        })
        .collect();
    v.sort();
    v
}

fn console_of(j: &Json) -> Console {
    let before = sorted_lines(j["stdout_before"].as_str().unwrap_or(""));
    let batches = j["batches"]
        .as_array()
        .map(|bs| {
            bs.iter()
                .map(|b| {
                    (
                        b["time_ms"].as_i64().unwrap_or(-1),
                        sorted_lines(b["stdout"].as_str().unwrap_or("")),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let log = j["log"]
        .as_array()
        .map(|ls| {
            ls.iter()
                .filter(|l| !l["hidden"].as_bool().unwrap_or(false))
                .filter(|l| {
                    l["logger"]
                        .as_str()
                        .is_some_and(|g| g.starts_with("org.apache.spark"))
                })
                .map(|l| {
                    format!(
                        "{} {}",
                        l["level"].as_str().unwrap_or(""),
                        l["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let error = j["error"].as_object().map(|e| {
        (
            e["class"].as_str().unwrap_or("").to_string(),
            e["message"].as_str().unwrap_or("").to_string(),
        )
    });
    (before, batches, log, error)
}

#[test]
fn every_lesson_program_prints_what_spark_printed() {
    let write = std::env::var("LESSON_WRITE_SCENARIOS").ok();
    let mut checked = 0;
    let mut failures = Vec::new();
    for s in SNIPPETS {
        let runs = [
            ("", s.program()),
            (
                ".preset",
                s.preset().filter(|p| Some(p) != s.program().as_ref()),
            ),
        ];
        for (suffix, program) in runs {
            let Some(program) = program else { continue };
            let name = format!("{}{suffix}", s.id);
            let sc = scenario(&name, program);
            if let Some(out) = &write {
                let path = Path::new(out).join(format!("{name}.json"));
                std::fs::write(&path, serde_json::to_string_pretty(&sc).unwrap()).unwrap();
            }
            let expected = dir().join(format!("{name}.spark.json"));
            let Ok(text) = std::fs::read_to_string(&expected) else {
                failures.push(format!("{name}: no recording {}", expected.display()));
                continue;
            };
            let spark: Json = serde_json::from_str(&text).expect("a recording");
            let ours = serde_json::to_value(run(&sc, Detail::Counts)).unwrap();
            let (want, got) = (console_of(&spark), console_of(&ours));
            if want != got {
                failures.push(format!("{name}:\n  spark {want:?}\n  ours  {got:?}"));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 15, "only {checked} programs checked");
}

/// How often the code that starts with `text` ran in `scope`, over the whole run.
fn runs_of(trace: &dstream_engine::trace::Trace, program: &str, text: &str, scope: &str) -> u32 {
    let all = trace
        .runs_before
        .iter()
        .chain(trace.batches.iter().flat_map(|b| b.runs.iter()));
    all.filter(|r| r.scope == scope && program[r.start as usize..].starts_with(text))
        .map(|r| r.count)
        .sum()
}

#[test]
fn the_broadcast_example_runs_each_statement_in_its_scope() {
    let s = SNIPPETS
        .iter()
        .find(|s| s.id == "scopes_broadcast")
        .unwrap();
    let program = s.program().unwrap();
    let trace = run(&scenario(s.id, program.clone()), Detail::Counts);
    assert!(trace.error.is_none(), "{:?}", trace.error);
    let batches = trace.batches.len() as u32;
    // Application scope: once, while `main` runs.
    assert_eq!(
        runs_of(
            &trace,
            &program,
            "println(\"Son of a bitch Syndra\")",
            "application"
        ),
        1
    );
    assert_eq!(
        runs_of(
            &trace,
            &program,
            "println(\"Son of a bitch Syndra\")",
            "driver"
        ),
        0
    );
    // Job scope: the transform function's body, once per batch on the driver.
    assert_eq!(runs_of(&trace, &program, "jobNum += 1", "driver"), batches);
    assert_eq!(runs_of(&trace, &program, "jobNum += 1", "task"), 0);
    // Task scope: the filter function, once per record (three lines a batch).
    assert_eq!(runs_of(&trace, &program, "x => {", "task"), 3 * batches);
    assert_eq!(runs_of(&trace, &program, "x => {", "driver"), 0);
}
