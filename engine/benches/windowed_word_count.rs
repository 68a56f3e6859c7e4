//! Benchmark: the windowed word count with the inverse path, as the engine issue states it
//! (B = 1 s, W = 30 s, S = 1 s, 3,600 batches, 1,000,000 words over 1,000 distinct keys),
//! once keeping per-key call counts only and once keeping every call's record, plus a plain
//! Rust hash-map word count over the same words (the practical limit). Prints words per
//! second; run with `cargo bench -p dstream-engine --bench windowed_word_count`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::time::Instant;

use dstream_engine::engine::run_with;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;

const BATCHES: usize = 3600;
const WORDS: usize = 1_000_000;
const KEYS: u64 = 1000;
const PER_LINE: usize = 10;

fn words() -> Vec<Vec<String>> {
    // A fixed linear congruential sequence: the same words on every run.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let per_batch = WORDS / BATCHES;
    let mut extra = WORDS % BATCHES;
    let mut batches = Vec::with_capacity(BATCHES);
    for _ in 0..BATCHES {
        let n = per_batch + usize::from(extra > 0);
        extra = extra.saturating_sub(1);
        let mut lines = Vec::new();
        let mut line = Vec::new();
        for _ in 0..n {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            line.push(format!("w{}", (x >> 33) % KEYS));
            if line.len() == PER_LINE {
                lines.push(line.join(" "));
                line.clear();
            }
        }
        if !line.is_empty() {
            lines.push(line.join(" "));
        }
        batches.push(lines);
    }
    batches
}

const PROGRAM: &str = r#"
val conf = new SparkConf().setMaster("local[2]").setAppName("bench")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val counts = lines.flatMap(_.split(" ")).map((_, 1)).reduceByKeyAndWindow(_ + _, _ - _, Seconds(30), Seconds(1))
counts.print()
ssc.start()
ssc.awaitTermination()
"#;

fn main() {
    let batches = words();
    let total: usize = batches.iter().flatten().map(|l| l.split(' ').count()).sum();
    let scenario = Scenario {
        name: "bench".into(),
        program: PROGRAM.into(),
        batches: Some(batches.clone()),
        ..Scenario::default()
    };

    // The practical limit: split and count with a hash map, batch by batch.
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
    let base_rate = total as f64 / base;
    println!(
        "plain Rust hash-map word count: {:>12.0} words/s ({:.3} s, {} keys)",
        base_rate,
        base,
        limit.len()
    );

    for (label, detail) in [
        ("engine, per-key counts", Detail::Counts),
        ("engine, every call recorded", Detail::Full),
    ] {
        let start = Instant::now();
        let mut calls = 0u64;
        let mut n = 0usize;
        let trace = run_with(&scenario, detail, &mut |b| {
            n += 1;
            calls += b.calls.values().flat_map(|m| m.values()).sum::<u64>();
        });
        let secs = start.elapsed().as_secs_f64();
        assert!(trace.error.is_none(), "{:?}", trace.error);
        assert_eq!(n, BATCHES);
        let rate = total as f64 / secs;
        println!(
            "{label:<30}: {rate:>12.0} words/s ({secs:.3} s, {calls} user-function calls, {:.1}x the hash map's time)",
            secs / base
        );
    }
}
