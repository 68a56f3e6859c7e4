//! Benchmark: the stateful operators over 100,000 keys, as issue 9 states it. A word count
//! keeps a running total per word with `updateStateByKey` (which calls `updateFunc` for every
//! key in the state, every batch) and with `mapWithState` (which calls `mappingFunc` only for
//! the keys of the batch), over the same words, beside a plain Rust hash-map running count
//! (the practical limit). Prints words per second and the ratio to the hash map; run with
//! `cargo bench -p dstream-engine --bench state_100k_keys`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::time::Instant;

use dstream_engine::engine::run_with;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;

const BATCHES: usize = 20;
const WORDS_PER_BATCH: usize = 50_000;
const KEYS: u64 = 100_000;
const PER_LINE: usize = 10;

fn words() -> Vec<Vec<String>> {
    // A fixed linear congruential sequence: the same words on every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..BATCHES)
        .map(|_| {
            let mut lines = Vec::new();
            let mut line = Vec::with_capacity(PER_LINE);
            for _ in 0..WORDS_PER_BATCH {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push(format!("k{}", (x >> 33) % KEYS));
                if line.len() == PER_LINE {
                    lines.push(line.join(" "));
                    line.clear();
                }
            }
            lines
        })
        .collect()
}

const HEAD: &str = r#"
val conf = new SparkConf().setMaster("local[2]").setAppName("bench")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val pairs = lines.flatMap(_.split(" ")).map((_, 1))
"#;

const UPDATE: &str = r#"
val totals = pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0)))
totals.print()
ssc.start()
ssc.awaitTermination()
"#;

const MAP_WITH_STATE: &str = r#"
val spec = StateSpec.function((k: String, v: Option[Int], s: State[Int]) => {
  val n = v.getOrElse(0) + s.getOption.getOrElse(0)
  s.update(n)
  (k, n)
})
val totals = pairs.mapWithState(spec)
totals.print()
ssc.start()
ssc.awaitTermination()
"#;

fn main() {
    let batches = words();
    let total = BATCHES * WORDS_PER_BATCH;

    let start = Instant::now();
    let mut limit = std::collections::HashMap::<&str, u64>::new();
    for b in &batches {
        for l in b {
            for w in l.split(' ') {
                *limit.entry(w).or_default() += 1;
            }
        }
    }
    let base = start.elapsed().as_secs_f64();
    println!(
        "plain Rust hash-map running count: {:>12.0} words/s ({:.3} s, {} keys)",
        total as f64 / base,
        base,
        limit.len()
    );

    for (label, tail) in [
        ("updateStateByKey", UPDATE),
        ("mapWithState", MAP_WITH_STATE),
    ] {
        let scenario = Scenario {
            name: label.into(),
            program: format!("{HEAD}{tail}"),
            batches: Some(batches.clone()),
            ..Scenario::default()
        };
        let start = Instant::now();
        let mut calls = 0u64;
        let trace = run_with(&scenario, Detail::Counts, &mut |b| {
            calls += b.calls.values().flat_map(|m| m.values()).sum::<u64>();
        });
        let secs = start.elapsed().as_secs_f64();
        assert!(trace.error.is_none(), "{:?}", trace.error);
        println!(
            "{label:<17} (per-key counts): {:>12.0} words/s ({secs:.3} s, {calls} user-function calls, {:.0}x the hash map's time)",
            total as f64 / secs,
            secs / base
        );
    }
}
