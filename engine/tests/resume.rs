//! A resumed run is a from-scratch run: a [`Run`] that ran some batches and then got more
//! lines (stamped after its last batch boundary) and more batches, in any pattern of steps,
//! gives exactly the trace [`run`] gives on the whole scenario; and what cannot resume says so.

use dstream_engine::engine::{run, Run};
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::{Detail, Trace};
use proptest::prelude::*;

/// The playground's default program: windowed word count with the inverse.
use dstream_engine::snippets::DEFAULT_PROGRAM as WINDOWED;

/// State, a slide of two batches, a rate limit with backpressure, and a printing closure.
const STATEFUL: &str = r#"val conf = new SparkConf().setMaster("local[3]").setAppName("p")
conf.set("spark.streaming.receiver.maxRate", "3")
conf.set("spark.streaming.backpressure.enabled", "true")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val words = lines.flatMap(_.split(" ")).map((_, 1))
words.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(s.getOrElse(0) + vs.sum)).print()
words.window(Seconds(4), Seconds(2)).countByValue().print()
words.foreachRDD { rdd => println("batch " + rdd.count()) }
ssc.start()
ssc.awaitTermination()
"#;

/// A word that fails `toInt` stops the run with Spark's exception.
const FAILING: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("p")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
lines.map(x => (x, x.length)).mapWithState(StateSpec.function((k: String, v: Option[Int], s: State[Int]) => { s.update(s.getOption.getOrElse(0) + v.getOrElse(0)); if (k == "zz") k.toInt; k })).print()
ssc.start()
ssc.awaitTermination()
"#;

fn scenario(
    program: &str,
    lines: &[StampedLine],
    batches: usize,
    detail_parts: Option<usize>,
) -> Scenario {
    Scenario {
        name: "resume".into(),
        program: program.into(),
        lines: Some(lines.to_vec()),
        run_batches: Some(batches),
        input_partitions: detail_parts,
        ..Scenario::default()
    }
}

/// Runs `program` on `lines` by resuming at each cut (batch counts, ascending), handing the
/// run at each step only the lines stamped before that cut's boundary.
fn resumed(
    program: &str,
    lines: &[StampedLine],
    cuts: &[usize],
    parts: Option<usize>,
    detail: Detail,
) -> Trace {
    let before = |n: usize| -> Vec<StampedLine> {
        lines
            .iter()
            .filter(|l| l.at_ms < n as i64 * 1000)
            .cloned()
            .collect()
    };
    let mut r = Run::start(&scenario(program, &before(cuts[0]), cuts[0], parts), detail);
    let mut batches = Vec::new();
    let mut done = 0;
    for (k, &cut) in cuts.iter().enumerate() {
        if k > 0 {
            let more: Vec<StampedLine> = before(cut)
                .into_iter()
                .filter(|l| l.at_ms >= done as i64 * 1000)
                .collect();
            let ok = r.extend(&more, cut);
            assert_eq!(
                ok,
                !r.stopped(),
                "extend refused a run that had not stopped"
            );
        }
        while let Some(b) = r.step() {
            batches.push(b);
        }
        done = cut;
    }
    let mut t = r.into_trace();
    t.batches = batches;
    t
}

fn from_scratch(
    program: &str,
    lines: &[StampedLine],
    n: usize,
    parts: Option<usize>,
    detail: Detail,
) -> Trace {
    let before: Vec<StampedLine> = lines
        .iter()
        .filter(|l| l.at_ms < n as i64 * 1000)
        .cloned()
        .collect();
    run(&scenario(program, &before, n, parts), detail)
}

fn lines() -> impl Strategy<Value = Vec<StampedLine>> {
    prop::collection::vec(
        (
            0..12_000i64,
            prop_oneof!["[a-c]{1,2}( [a-c]{1,2}){0,3}", Just("zz".to_string())],
        ),
        0..60,
    )
    .prop_map(|mut v| {
        // In send order, as the playground gives them.
        v.sort_by_key(|(at, _)| *at);
        v.into_iter()
            .map(|(at_ms, text)| StampedLine { at_ms, text })
            .collect()
    })
}

/// Ascending cuts ending at the run's length.
fn cuts() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..13usize, 1..6).prop_map(|mut v| {
        v.push(12);
        v.sort_unstable();
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn resumed_runs_give_the_from_scratch_trace(
        ls in lines(),
        cuts in cuts(),
        program in prop_oneof![Just(WINDOWED), Just(STATEFUL), Just(FAILING)],
        parts in prop_oneof![Just(None), Just(Some(2))],
        full in any::<bool>(),
    ) {
        let detail = if full { Detail::Full } else { Detail::Counts };
        let n = *cuts.last().unwrap();
        let want = from_scratch(program, &ls, n, parts, detail);
        let got = resumed(program, &ls, &cuts, parts, detail);
        prop_assert_eq!(got, want);
    }
}

fn line(at_ms: i64, text: &str) -> StampedLine {
    StampedLine {
        at_ms,
        text: text.into(),
    }
}

#[test]
fn the_lesson_stepped_one_batch_at_a_time_is_the_lesson_run_at_once() {
    let ls: Vec<StampedLine> = (0..60)
        .map(|i| line(i * 1000 + 10, "hello hi hi"))
        .collect();
    let cuts: Vec<usize> = (1..=60).collect();
    let got = resumed(WINDOWED, &ls, &cuts, None, Detail::Full);
    assert_eq!(got, from_scratch(WINDOWED, &ls, 60, None, Detail::Full));
    let b6 = &got.batches[5];
    assert_eq!(b6.calls["reduceFunc"].values().sum::<u64>(), 3);
    assert_eq!(b6.calls["invReduceFunc"].values().sum::<u64>(), 2);
}

#[test]
fn a_line_inside_a_batch_already_run_cannot_resume() {
    let mut r = Run::start(
        &scenario(WINDOWED, &[line(100, "a")], 3, None),
        Detail::Full,
    );
    while r.step().is_some() {}
    assert_eq!(r.batches_run(), 3);
    assert!(
        !r.extend(&[line(2999, "late")], 4),
        "a line in the third batch"
    );
    assert!(!r.extend(&[], 2), "fewer batches than were run");
    assert!(r.extend(&[line(3000, "b")], 4));
    assert_eq!(r.step().map(|b| b.input), Some(vec!["b".to_string()]));
}

#[test]
fn per_batch_lists_cannot_resume() {
    let s = Scenario {
        name: "lists".into(),
        program: WINDOWED.into(),
        batches: Some(vec![vec!["a".into()]]),
        ..Scenario::default()
    };
    let mut r = Run::start(&s, Detail::Full);
    while r.step().is_some() {}
    assert!(!r.extend(&[line(5000, "b")], 5));
}

#[test]
fn the_programs_run_and_the_failing_one_fails_at_its_word() {
    let ls = [line(500, "a b"), line(1500, "zz"), line(2500, "c")];
    for p in [WINDOWED, STATEFUL] {
        let t = from_scratch(p, &ls, 4, None, Detail::Full);
        assert!(t.error.is_none(), "{:?}", t.error);
        assert_eq!(t.batches.len(), 4);
    }
    let t = from_scratch(FAILING, &ls, 4, None, Detail::Full);
    let e = t.error.expect("toInt on zz");
    assert_eq!((e.phase.as_str(), e.time_ms), ("run", Some(2000)));
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert!(
        e.causes
            .iter()
            .any(|c| c.starts_with("java.lang.NumberFormatException")),
        "{:?}",
        e.causes
    );
    assert_eq!(t.batches.len(), 2);
}
