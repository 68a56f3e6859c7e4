//! What the cargo-fuzz targets in `fuzz/` found, kept as tests that run on stable, and a short
//! property-based run on the side the byte-level mutations of `bad_input.rs` (module `random`)
//! rarely reach: the numbers. Each of the fuzz seeds in `fuzz/corpus/scenario_json/` (socket
//! lines, batches, Kafka, a driver crash) has its numbers, in the Scala program and in the
//! scenario's fields, swapped for edge values (0, negatives, `Int` and `Long` limits); what
//! reads must run (capped as the `scenario_json` target caps it) to a trace, never a panic.
//! Each regression test is the minimized input a fuzz target reported, with Spark's answer
//! (asked with `../shared/tools/spark-oracle`, Spark 4.3.0).

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace};
use proptest::prelude::*;
use serde_json::Value as Json;

/// The seed scenarios the `scenario_json` fuzz target starts from.
const SEEDS: &[&str] = &[
    include_str!("../../fuzz/corpus/scenario_json/seed_stamped.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_crash_socket.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_kafka.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_kafka_sticky.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_crash.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_golden_lesson_e_kv_p2_s2.json"),
    include_str!("../../fuzz/corpus/scenario_json/seed_golden_lesson_g_kv_p2.json"),
];

/// Numbers that break arithmetic, for the scenario's fields: zero, signs, and the limits of
/// Scala's `Int` and `Long`.
const EDGES: &[i64] = &[
    0,
    -1,
    1,
    -1000,
    -3000,
    7,
    100_000,
    i32::MAX as i64,
    i32::MIN as i64,
    i64::MAX,
    i64::MIN,
];

/// The same for the program, without the huge positive ones (as a partition count, or the `N`
/// of `local[N]`, they are billions of partitions, which Spark does not survive either) and
/// without negatives: a negative slide under a stateful operator still recurses into later
/// and later batches until the stack overflows, as Spark's job generator does (README, "what
/// doesn't work yet"); the one case fixed has its test below. Huge windows have theirs too.
const PROGRAM_EDGES: &[i64] = &[0, 1, 7, 100_000];

/// A program built from the socket-stream word count, `body` in the middle.
fn program(body: &str) -> String {
    format!(
        "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"fuzz\")\nval ssc = new StreamingContext(conf, Seconds(1))\nssc.checkpoint(\"checkpoint\")\nval lines = ssc.socketTextStream(\"localhost\", 9999)\nval pairs = lines.map(x => (x, 1))\n{body}\nssc.start()\nssc.awaitTermination()\n"
    )
}

fn replay(program: String) -> Trace {
    let batches = vec![vec!["a".to_string(), "b".into()], vec!["a".into()]];
    run(
        &Scenario {
            name: "fuzz".into(),
            program,
            batches: Some(batches),
            ..Scenario::default()
        },
        Detail::Counts,
    )
}

/// `(phase, class, message)` of the run's error.
fn failure(t: &Trace) -> (String, String, String) {
    let e = t.error.as_ref().expect("the run stops with an error");
    (e.phase.clone(), e.class.clone(), e.message.clone())
}

/// `scenario_json` found it: `reduceByKeyAndWindow(_ + _, _ - _, Duration(0000),
/// Duration(10*0), 3)` (a slide of zero with an inverse function) panicked with a division by
/// zero while `ssc.start()` set the stream's checkpoint interval. Spark computes it as
/// `slide * math.ceil(Seconds(10) / slide).toInt` in doubles (0 ms here) and then fails its
/// own check `checkpointDuration.isMultipleOf(slideDuration)`, `0 % 0`, at `start` (oracle).
#[test]
fn a_zero_slide_with_an_inverse_function_divides_by_zero_at_start() {
    for body in [
        "pairs.reduceByKeyAndWindow(_ + _, _ - _, Duration(0000), Duration(10*0), 3).print()",
        "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds(0)).print()",
    ] {
        let t = replay(program(body));
        assert_eq!(
            failure(&t),
            (
                "start".into(),
                "java.lang.ArithmeticException".into(),
                "/ by zero".into()
            ),
            "{body}"
        );
        assert!(t.batches.is_empty(), "{body}");
    }
}

/// The same formula with a negative slide: Spark's `math.ceil(10000.0 / -3000.0)` is -3, so
/// the checkpoint interval is 9000 ms (the integer rounding used before gave 6000 ms).
#[test]
fn the_default_checkpoint_interval_follows_sparks_formula_for_any_slide() {
    for (slide, want) in [("1", 10_000), ("3", 12_000), ("20", 20_000), ("-3", 9_000)] {
        let t = replay(program(&format!(
            "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds({slide})).print()"
        )));
        let s = t
            .program
            .streams
            .iter()
            .find(|s| s.class == "ReducedWindowedDStream")
            .expect("the stream is in the trace");
        assert_eq!(s.checkpoint_ms, Some(want), "slide {slide} s");
    }
}

/// A window over a stream whose slide is zero: Spark's `WindowedDStream` and
/// `ReducedWindowedDStream` constructors compute `window % parent.slide` and fail at the call
/// (the engine said "must be a multiple of ... (0 ms)"); `Duration.isMultipleOf` by zero too.
#[test]
fn a_multiple_of_a_zero_duration_divides_by_zero() {
    for body in [
        "lines.window(Seconds(0), Seconds(0)).window(Seconds(3)).print()",
        "pairs.window(Seconds(0), Seconds(0)).reduceByKeyAndWindow(_ + _, _ - _, Seconds(3)).print()",
        "println(Seconds(3).isMultipleOf(Seconds(0)))\nlines.print()",
    ] {
        let t = replay(program(body));
        assert_eq!(
            failure(&t),
            (
                "build".into(),
                "java.lang.ArithmeticException".into(),
                "/ by zero".into()
            ),
            "{body}"
        );
    }
}

/// What `print()` wrote in each batch after its three header lines, joined by spaces.
fn printed(t: &Trace) -> Vec<String> {
    let body = |out: &str| {
        out.lines()
            .skip(3)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    t.batches.iter().map(|b| body(&b.stdout)).collect()
}

/// `fuzz_stable` found it (edge numbers): a window of `Seconds(Int.MaxValue)` (68 years) with
/// an inverse function took seconds per batch, then minutes, walking every batch time of the
/// window back from before zero. Spark answers at once (oracle: `(b,1) (a,1)`, then
/// `(b,1) (a,2)`); its `slice` skips the times before zero, and so does ours now.
#[test]
fn a_window_of_decades_with_an_inverse_is_as_fast_as_a_short_one() {
    let t = replay(program(
        "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(2147483647), Seconds(1)).print()",
    ));
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t), ["(b,1) (a,1)", "(b,1) (a,2)"]);
}

/// A window over a stream with a negative slide: Spark's `slice` walks
/// `from.to(to, slide)`, which with a negative step from an earlier to a later time is
/// empty, so every batch prints an empty window (oracle); ours looped for ever, adding the
/// negative slide to a time that never passed `to`.
#[test]
fn a_window_over_a_negative_slide_is_empty_and_ends() {
    let t = replay(program(
        "lines.window(Seconds(3), Seconds(-1)).window(Seconds(3), Seconds(-1)).print()",
    ));
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t), ["", ""]);
}

/// `fuzz_stable` found it: `reduceByKeyAndWindow` with an inverse and a negative slide
/// overflowed the stack (the test thread's; the page's in the browser). The window at `t`
/// reads the one at `t - slide`, which is later, valid, and reads a later one again. Spark
/// recurses the same way (oracle, with a slide of -3 s: at 3 s its job generator dies of a
/// `StackOverflowError`, nothing is printed and the batch never completes); the playground
/// stops there with the error.
#[test]
fn a_negative_slide_with_an_inverse_stops_with_a_stack_overflow() {
    let t = replay(program(
        "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds(-1)).print()",
    ));
    let e = t.error.as_ref().expect("the run stops with an error");
    assert_eq!(
        (e.phase.as_str(), e.class.as_str()),
        ("run", "java.lang.StackOverflowError")
    );
    assert_eq!(e.time_ms, Some(1000));
}

/// The digit runs of `text` as byte ranges (a `-` before one is part of it).
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = if i > 0 && b[i - 1] == b'-' { i - 1 } else { i };
            let mut end = i;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            out.push((start, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// `text` with its `k`-th number (of `picks`, modulo their count) set to an edge value.
fn swap_numbers(text: &str, picks: &[(usize, usize)]) -> String {
    let mut s = text.to_string();
    for &(k, e) in picks {
        let ns = numbers(&s);
        if ns.is_empty() {
            break;
        }
        let (a, b) = ns[k % ns.len()];
        s.replace_range(a..b, &PROGRAM_EDGES[e % PROGRAM_EDGES.len()].to_string());
    }
    s
}

/// How many numbers the JSON holds.
fn count_numbers(v: &Json) -> usize {
    match v {
        Json::Number(_) => 1,
        Json::Array(a) => a.iter().map(count_numbers).sum(),
        Json::Object(o) => o.values().map(count_numbers).sum(),
        _ => 0,
    }
}

/// Set the `k`-th number of the JSON (document order) to `to`; `k` counts down as it goes.
fn set_number(v: &mut Json, k: &mut usize, to: i64) -> bool {
    match v {
        Json::Number(_) if *k == 0 => {
            *v = Json::from(to);
            true
        }
        Json::Number(_) => {
            *k -= 1;
            false
        }
        Json::Array(a) => a.iter_mut().any(|x| set_number(x, k, to)),
        Json::Object(o) => o.values_mut().any(|x| set_number(x, k, to)),
        _ => false,
    }
}

/// The seed with numbers swapped: `in_program` in the Scala text, `in_fields` in the JSON.
fn mutate(seed: &str, in_program: &[(usize, usize)], in_fields: &[(usize, usize)]) -> String {
    let mut v: Json = serde_json::from_str(seed).expect("a seed is JSON");
    if let Some(Json::String(p)) = v.get_mut("program") {
        *p = swap_numbers(p, in_program);
    }
    for &(k, e) in in_fields {
        let n = count_numbers(&v);
        if n == 0 {
            break;
        }
        set_number(&mut v, &mut (k % n), EDGES[e % EDGES.len()]);
    }
    v.to_string()
}

/// What the `scenario_json` fuzz target caps before running a scenario it read.
fn capped(mut s: Scenario) -> Scenario {
    s.run_batches = Some(s.run_batches.unwrap_or(3).min(3));
    if let Some(b) = &mut s.batches {
        b.truncate(3);
    }
    if let Some(l) = &mut s.lines {
        l.truncate(20);
    }
    s.input_partitions = s.input_partitions.map(|n| n.min(8));
    if let Some(k) = &mut s.kafka {
        k.records.truncate(20);
        k.topics.truncate(4);
        for t in &mut k.topics {
            t.partitions = t.partitions.min(8);
        }
    }
    s
}

#[test]
fn every_seed_reads_and_runs_as_it_is() {
    for seed in SEEDS {
        let s = Scenario::from_json(seed).expect("a seed reads");
        let t = run(&capped(s), Detail::Counts);
        assert!(t.error.is_none(), "{:?}", t.error);
        assert!(!t.batches.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Edge numbers in the program and the scenario: read or refused, and what reads runs to
    /// a trace (an error in it is fine: Spark fails on many of these too). Every single swap
    /// and every pair of them was run once with a time limit; what was slow has a test below
    /// (`a_driver_down_for_decades_...`, `a_hundred_thousand_cores_...`).
    #[test]
    fn edge_numbers_in_a_scenario_never_panic(
        seed in any::<prop::sample::Index>(),
        in_program in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
        in_fields in prop::collection::vec((any::<usize>(), any::<usize>()), 0..3),
    ) {
        let text = mutate(SEEDS[seed.index(SEEDS.len())], &in_program, &in_fields);
        if let Ok(s) = Scenario::from_json(&text) {
            let _ = run(&capped(s), Detail::Counts);
        }
    }
}

/// The same recursion under the stateful operators: the state at `t` reads the state at
/// `t - slide`, later with a negative slide, which reads a later one again. The playground
/// stops at the first batch with Spark's `StackOverflowError` instead of overflowing its own
/// stack (which aborted the test process: the property tests that mutate programs could hit it).
#[test]
fn a_negative_slide_under_a_stateful_operator_stops_with_a_stack_overflow() {
    // (`mapWithState` over such a stream stops before, at `start`: its checkpoint interval,
    // ten slides, is negative.)
    let body = "pairs.window(Seconds(3), Seconds(-1)).updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))).print()";
    let t = replay(program(body));
    let e = t.error.as_ref().expect("the run stops with an error");
    assert_eq!(
        (e.phase.as_str(), e.class.as_str(), e.time_ms),
        ("run", "java.lang.StackOverflowError", Some(1000)),
    );
}

#[test]
fn calling_an_object_without_apply_is_an_error_not_a_stack_overflow() {
    // Found by the mutated-program property test (`new` deleted from the lesson's first
    // program): the object's `apply` went back to the global call that asked for it, forever.
    // The checker names it before the run; through a value the run stops with our message.
    let t = replay(program(
        "val make = StreamingContext\nval other = make(conf, Seconds(5))",
    ));
    let (phase, class, message) = failure(&t);
    assert_eq!(
        (phase.as_str(), class.as_str()),
        ("build", "dstream.Unsupported")
    );
    assert_eq!(message, "StreamingContext.type does not take parameters");
    let t = replay(program("val other = StreamingContext(conf, Seconds(5))"));
    let e = t.error.expect("a diagnostic");
    assert_eq!(e.phase, "parse");
    assert_eq!(e.diagnostics[0].kind, "no_apply");
}

/// A crash scenario (`seed_crash.json`: Kafka, `updateStateByKey`, `getOrCreate`, a crash at
/// 1.5 s) with the driver down for `down_ms`.
fn down_for(down_ms: i64) -> Scenario {
    let mut v: Json = serde_json::from_str(SEEDS[4]).expect("a seed is JSON");
    v["driver_crash"]["down_ms"] = Json::from(down_ms);
    Scenario::from_json(&v.to_string()).expect("it reads")
}

/// `edge_numbers_in_a_scenario_never_panic` found it (in a CI trial: minutes and 2 GB):
/// `driver_crash.down_ms` of `Int.MaxValue` (24 days). The restart from the checkpoint of
/// 1000 ms re-runs every batch the driver missed, `checkpointTime.until(restartTime,
/// batchDuration)` as Spark's `JobGenerator.restart` reschedules them: 2,147,485 batches,
/// each a trace. Spark would run them all; a playground run has at most `MAX_BATCHES`, so the
/// restart now counts them first and stops with a message. `Long.MaxValue` overflowed
/// `at_ms + down_ms` (a panic in a debug build); the restart saturates, and stops the same way.
#[test]
fn a_driver_down_for_decades_stops_at_the_restart_with_a_message() {
    for (down, batches) in [
        (i32::MAX as i64, 2_147_485u64),
        (i64::MAX, 9_223_372_036_854_775),
    ] {
        let t = run(&capped(down_for(down)), Detail::Counts);
        assert_eq!(
            failure(&t),
            (
                "start".into(),
                "dstream.Unsupported".into(),
                format!("the driver was down for {down} ms: when it restarts, Spark re-runs every batch it missed ({batches} batches to reschedule), more than the 100000 batches a playground run may have; the run was stopped")
            )
        );
        let times: Vec<i64> = t.batches.iter().map(|b| b.time_ms).collect();
        assert_eq!(times, [1000], "down {down} ms");
        assert_eq!(t.restarts.len(), 1);
        assert!(t.restarts[0].reruns_ms.is_empty());
    }
}

/// Shorter down times still re-run every missed batch, as Spark does: 100 s down is the
/// checkpoint's batch at 1000 ms and the 100 batches the timer missed, then the timer resumes.
#[test]
fn a_driver_down_for_minutes_reruns_every_batch_it_missed() {
    let t = run(&capped(down_for(100_000)), Detail::Counts);
    assert!(t.error.is_none(), "{:?}", t.error);
    let r = &t.restarts[0];
    assert_eq!((r.checkpoint_ms, r.restart_time_ms), (Some(1000), 102_000));
    assert_eq!(r.reruns_ms, (1..=101).map(|i| i * 1000).collect::<Vec<_>>());
    assert_eq!(t.batches.iter().filter(|b| b.rerun).count(), 101);
}

/// `edge_numbers_in_a_scenario_never_panic` found it: `local[100000]` under
/// `reduceByKeyAndWindow` took 33 s for three batches (and `local[100000]` with a driver down
/// for 100 s, minutes). Spark's default parallelism under `local[N]` is `N`, so each shuffle
/// has 100,000 partitions, a task each; the playground's scheduling model then scanned all
/// 100,000 slots for the first free one for each of the 100,000 tasks (10^10 steps a stage),
/// and counted the waiting batches over every batch before. It keeps the slots in a heap and
/// drops the batches that ended now; the counts are those of `local[2]`.
#[test]
fn a_hundred_thousand_cores_count_as_two_do() {
    let body = "pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds(1)).print()";
    let two = replay(program(body));
    let many = replay(program(body).replace("local[2]", "local[100000]"));
    assert!(many.error.is_none(), "{:?}", many.error);
    let sorted = |t: &Trace| -> Vec<Vec<String>> {
        printed(t)
            .iter()
            .map(|b| {
                let mut v: Vec<String> = b.split(' ').map(String::from).collect();
                v.sort();
                v
            })
            .collect()
    };
    assert_eq!(sorted(&many), sorted(&two));
    assert_eq!(many.program.cores, 100_000);
}

/// Counts of the scenario's own that no experiment means are refused when it is read, with
/// the field named (they were read, then `2147483647` input or topic partitions took
/// gigabytes of empty lists; the property test caps them, `dstream replay` did not). A
/// negative `down_ms` meant 0 silently.
#[test]
fn scenario_fields_past_the_playgrounds_limits_are_refused_when_read() {
    let set = |seed: usize, path: &[&str], to: i64| {
        let mut v: Json = serde_json::from_str(SEEDS[seed]).expect("a seed is JSON");
        let mut at = &mut v;
        for k in path {
            at = match k.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*k],
            };
        }
        *at = Json::from(to);
        Scenario::from_json(&v.to_string()).map(|_| ())
    };
    assert_eq!(
        set(0, &["input_partitions"], i32::MAX as i64),
        Err("not a valid scenario: input_partitions is 2147483647, more than the 100000 partitions the playground can hold".into())
    );
    assert_eq!(
        set(2, &["kafka", "topics", "0", "partitions"], i32::MAX as i64),
        Err("not a valid scenario: topic `words` has 2147483647 partitions, more than the 100000 the playground can hold".into())
    );
    assert_eq!(
        set(4, &["driver_crash", "down_ms"], -1),
        Err("not a valid scenario: driver_crash at 1500 ms: down_ms is -1, and a driver cannot restart before it crashed (0 restarts at once)".into())
    );
    assert_eq!(set(0, &["input_partitions"], 100_000), Ok(()));
    assert_eq!(
        set(2, &["kafka", "topics", "0", "partitions"], 100_000),
        Ok(())
    );
    assert_eq!(set(4, &["driver_crash", "down_ms"], 0), Ok(()));
}
