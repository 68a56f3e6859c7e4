//! The engine's benchmark workloads as plain functions, for comparing the engine compiled to
//! wasm (in headless Chromium) with the engine compiled natively on the same scenarios:
//! the windowed word count with the inverse (1 s batches, a 30 s window, 1,000 keys) and the
//! running count over 100,000 keys with `updateStateByKey` and `mapWithState`; and the
//! playground's lesson-sized replay (the default program on 200 stamped lines over 60 batches,
//! every call recorded: what an edit asks of the engine on the page). Each returns
//! the words it fed; the caller times it (`performance.now()` in the page, `Instant` natively).

use dstream_engine::engine::run_with;
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::Detail;

const HEAD: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("bench")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val pairs = lines.flatMap(_.split(" ")).map((_, 1))
"#;
const TAIL: &str = "\nssc.start()\nssc.awaitTermination()\n";

/// The workloads, by name.
pub const NAMES: [&str; 4] = ["windowed", "updateStateByKey", "mapWithState", "lesson"];

/// `batches` batches of `words` words each over `keys` keys, ten words a line, from a fixed
/// linear congruential sequence.
fn input(batches: usize, words: usize, keys: u64) -> Vec<Vec<String>> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..batches)
        .map(|_| {
            let mut lines = Vec::new();
            let mut line = Vec::new();
            for _ in 0..words {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push(format!("w{}", (x >> 33) % keys));
                if line.len() == 10 {
                    lines.push(line.join(" "));
                    line.clear();
                }
            }
            lines
        })
        .collect()
}

/// Runs workload `name` once with per-key counts (`Detail::Counts`); returns the words fed,
/// or 0 for an unknown name or a run that failed.
pub fn run_workload(name: &str) -> u32 {
    if name == "lesson" {
        return lesson();
    }
    let (body, batches) = match name {
        "windowed" => (
            "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(30), Seconds(1)).print()",
            input(300, 280, 1000),
        ),
        "updateStateByKey" => (
            "pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))).print()",
            input(5, 50_000, 100_000),
        ),
        "mapWithState" => (
            "pairs.mapWithState(StateSpec.function((k: String, v: Option[Int], s: State[Int]) => {\n  val n = v.getOrElse(0) + s.getOption.getOrElse(0)\n  s.update(n)\n  (k, n)\n})).print()",
            input(5, 50_000, 100_000),
        ),
        _ => return 0,
    };
    let words: usize = batches.iter().flatten().map(|l| l.split(' ').count()).sum();
    let scenario = Scenario {
        name: name.into(),
        program: format!("{HEAD}{body}{TAIL}"),
        batches: Some(batches),
        ..Scenario::default()
    };
    let trace = run_with(&scenario, Detail::Counts, &mut |_| {});
    if trace.error.is_some() {
        return 0;
    }
    words as u32
}

/// The lesson-sized replay, as `engine/benches/lesson_replay.rs` and the page's benchmark
/// build it: three words a line, 200 lines spread evenly over 60 one-second batches, the
/// default program, `Detail::Full`. Run ten times (one run is a few ms, below the clocks'
/// resolution); returns the words fed over the ten.
fn lesson() -> u32 {
    const WORDS: [&str; 8] = [
        "hello", "hi", "spark", "stream", "window", "batch", "key", "dstream",
    ];
    let (batches, lines) = (60, 200);
    let span = batches * 1000;
    let stamped = (0..lines)
        .map(|i| {
            let w = |k: i64| WORDS[((i * 3 + k) % 8) as usize];
            StampedLine {
                at_ms: i * span / lines,
                text: format!("{} {} {}", w(0), w(1), w(5)),
            }
        })
        .collect();
    let scenario = Scenario {
        name: "lesson".into(),
        program: dstream_engine::snippets::DEFAULT_PROGRAM.into(),
        lines: Some(stamped),
        run_batches: Some(batches as usize),
        ..Scenario::default()
    };
    for _ in 0..10 {
        let mut ran = 0;
        let trace = run_with(&scenario, Detail::Full, &mut |_| ran += 1);
        if trace.error.is_some() || ran != batches {
            return 0;
        }
    }
    (10 * lines * 3) as u32
}

/// The wasm entry point: `run(name)` from JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run(name: &str) -> u32 {
    run_workload(name)
}
