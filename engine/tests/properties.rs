//! Properties of whole runs: the same scenario always gives the same trace, and no input line,
//! however odd, panics the engine (it may raise Spark's exception, as Spark would). Mutated
//! lesson programs (lines and tokens deleted or duplicated) always end in a trace or in
//! diagnostics, and every error's span lies inside the program.

use dstream_engine::engine::run;
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::snippets::SNIPPETS;
use dstream_engine::trace::{Detail, Trace};
use proptest::prelude::*;

const WORDS: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("p")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val words = lines.flatMap(_.split(" ")).map((_, 1))
words.reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds(1)).print()
words.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(s.getOrElse(0) + vs.sum)).print()
ssc.start()
ssc.awaitTermination()
"#;

const PAIRS: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("p")
val ssc = new StreamingContext(conf, Seconds(1))
val lines = ssc.socketTextStream("localhost", 9999)
val pairs = lines.map(_.split(" ")).map(x => (x(0), x(1).toInt))
pairs.reduceByKey(_ + _).print()
ssc.start()
ssc.awaitTermination()
"#;

fn scenario(program: &str, lines: Vec<(u16, String)>) -> Scenario {
    Scenario {
        name: "p".into(),
        program: program.into(),
        lines: Some(
            lines
                .into_iter()
                .map(|(at, text)| StampedLine {
                    at_ms: at as i64,
                    text,
                })
                .collect(),
        ),
        ..Scenario::default()
    }
}

fn lines() -> impl Strategy<Value = Vec<(u16, String)>> {
    prop::collection::vec(
        (
            0..6000u16,
            prop_oneof![".{0,40}", "[a-c]{1,3} [0-9]{1,3}", "[a-c ]{0,12}"],
        ),
        0..30,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn the_same_scenario_gives_the_same_trace(ls in lines()) {
        let s = scenario(WORDS, ls);
        let a = serde_json::to_string(&run(&s, Detail::Full)).unwrap();
        let b = serde_json::to_string(&run(&s, Detail::Full)).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn no_input_line_panics_the_engine(ls in lines()) {
        for program in [WORDS, PAIRS] {
            let t = run(&scenario(program, ls.clone()), Detail::Counts);
            if let Some(e) = &t.error {
                // Only Spark's own exceptions from user code, never ours.
                prop_assert_eq!(&e.phase, "run");
                prop_assert!(e.class == "org.apache.spark.SparkException", "{:?}", e);
                // It points at the user code that raised it.
                let (a, b) = e.span.expect("a span");
                let raised = &program[a as usize..b as usize];
                prop_assert!("(x(0), x(1).toInt)".contains(raised), "{:?}: {}", e, raised);
            }
            well_located(&t, program)?;
        }
    }

    #[test]
    fn mutated_lesson_programs_end_in_a_trace_or_diagnostics(
        which in any::<usize>(),
        edits in prop::collection::vec((0..4u8, any::<usize>()), 1..5),
    ) {
        let seeds: Vec<String> = SNIPPETS.iter().filter_map(|s| s.program()).collect();
        let program = mutate(&seeds[which % seeds.len()], &edits);
        let s = Scenario {
            program: program.clone(),
            batches: Some(vec![vec!["a b a".into()], vec!["1 x".into()]]),
            ..Scenario::default()
        };
        let t = run(&s, Detail::Counts);
        well_located(&t, &program)?;
        // Deterministic, mutated or not.
        prop_assert_eq!(
            serde_json::to_string(&t).unwrap(),
            serde_json::to_string(&run(&s, Detail::Counts)).unwrap()
        );
    }
}

/// Edit `src`: `(0, i)` deletes line `i`, `(1, i)` duplicates it, `(2, i)` deletes word `i`,
/// `(3, i)` duplicates it (indices taken modulo the count).
fn mutate(src: &str, edits: &[(u8, usize)]) -> String {
    let mut out = src.to_string();
    for &(kind, i) in edits {
        let sep = if kind < 2 { '\n' } else { ' ' };
        let mut parts: Vec<&str> = out.split(sep).collect();
        let n = parts.len();
        if n == 0 {
            break;
        }
        if kind % 2 == 0 {
            parts.remove(i % n);
        } else {
            parts.insert(i % n, parts[i % n]);
        }
        out = parts.join(&sep.to_string());
    }
    out
}

/// A trace's error is either diagnostics with sane positions, or an exception whose span
/// (if any) lies inside the program with its line and column.
fn well_located(t: &Trace, program: &str) -> Result<(), TestCaseError> {
    let mut t = t.clone();
    t.locate(program);
    let Some(e) = &t.error else { return Ok(()) };
    prop_assert!(!e.class.is_empty());
    if e.phase == "parse" {
        prop_assert!(!e.diagnostics.is_empty());
        for d in &e.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1);
            prop_assert!((d.end_line, d.end_col) >= (d.line, d.col));
            prop_assert!(!d.message.is_empty());
        }
    } else if let Some((a, b)) = e.span {
        prop_assert!(a <= b && b as usize <= program.len(), "{:?}", e);
        prop_assert!(e.line.is_some() && e.col.is_some(), "{:?}", e);
        prop_assert!((e.end_line, e.end_col) >= (e.line, e.col), "{:?}", e);
    }
    Ok(())
}

/// A loop that never ends is stopped by the work budget, with a message, not a hang.
#[test]
fn an_endless_loop_is_stopped_with_a_message() {
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
                   val ssc = new StreamingContext(conf, Seconds(1))\n\
                   var i = 0\n\
                   while (true) { i += 1 }\n";
    let scenario = Scenario {
        name: "loop".into(),
        program: program.into(),
        batches: Some(vec![vec!["a".into()]]),
        ..Scenario::default()
    };
    let trace = run(&scenario, Detail::Counts);
    let err = trace.error.expect("stopped");
    assert!(err.message.contains("too much work"), "{err:?}");
}
