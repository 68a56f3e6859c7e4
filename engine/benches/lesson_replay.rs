//! Benchmark: the playground's lesson-sized replay. The default program (windowed word count
//! with the inverse, `reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))`, checkpoint,
//! `print()`) on 200 stamped lines over 60 batches, as `web/src/model.rs`'s `bench_session`
//! builds it; plus the 1,000-batch, 100,000-line paste of issue 9. Each is run from scratch
//! with `Detail::Full` and `Detail::Counts` (what an edit costs), and its last batch is run
//! alone by a resumed [`Run`] (what a step forward costs in the playground).
//! Prints ms per run; run with `cargo bench -p dstream-engine --bench lesson_replay`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::time::Instant;

use dstream_engine::engine::{run, Run};
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::Detail;

/// The playground's default program: windowed word count with the inverse.
use dstream_engine::snippets::DEFAULT_PROGRAM as PROGRAM;

/// `bench_session`'s input: `lines` lines of three words spread evenly over `batches` seconds.
fn scenario(batches: i64, lines: i64) -> Scenario {
    const WORDS: [&str; 8] = [
        "hello", "hi", "spark", "stream", "window", "batch", "key", "dstream",
    ];
    let span = batches * 1000;
    let stamped = (0..lines)
        .map(|i| {
            let w = |k: i64| WORDS[((i * 3 + k) % 8) as usize];
            StampedLine {
                at_ms: i * span / lines.max(1),
                text: format!("{} {} {}", w(0), w(1), w(5)),
            }
        })
        .collect();
    Scenario {
        name: "bench".into(),
        program: PROGRAM.into(),
        lines: Some(stamped),
        run_batches: Some(batches as usize),
        ..Scenario::default()
    }
}

/// Median ms of `reps` calls of `f`.
fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[reps / 2]
}

fn main() {
    // `lesson_replay small` runs only the lesson size (for a profiler).
    let small = std::env::args().any(|a| a == "small");
    let sizes: &[(i64, i64, usize)] = if small {
        &[(60, 200, 5)]
    } else {
        &[(60, 200, 21), (1000, 100_000, 3)]
    };
    for &(batches, lines, reps) in sizes {
        let s = scenario(batches, lines);
        for (label, detail) in [("Full", Detail::Full), ("Counts", Detail::Counts)] {
            let ms = median_ms(reps, || {
                let t = run(&s, detail);
                assert!(t.error.is_none(), "{:?}", t.error);
                assert_eq!(t.batches.len(), batches as usize);
            });
            println!(
                "{batches:>5} batches, {lines:>6} lines, from scratch, Detail::{label:<6}: {ms:>9.2} ms"
            );
        }
        // One batch forward: a run of all but the last batch, given the last batch's lines.
        let boundary = (batches - 1) * 1000;
        let all = s.lines.clone().unwrap_or_default();
        let (early, late): (Vec<StampedLine>, Vec<StampedLine>) =
            all.into_iter().partition(|l| l.at_ms < boundary);
        let short = Scenario {
            lines: Some(early),
            run_batches: Some(batches as usize - 1),
            ..s.clone()
        };
        let mut steps = Vec::new();
        for _ in 0..reps {
            let mut r = Run::start(&short, Detail::Full);
            while r.step().is_some() {}
            let start = Instant::now();
            assert!(r.extend(&late, batches as usize));
            let b = r.step().expect("the last batch");
            steps.push(start.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(b.time_ms, batches * 1000);
        }
        steps.sort_by(f64::total_cmp);
        println!(
            "{batches:>5} batches, {lines:>6} lines, one batch forward (resumed run), Detail::Full: {:>9.3} ms",
            steps[reps / 2]
        );
    }
}
