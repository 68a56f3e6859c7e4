//! Properties of whole runs: the same scenario always gives the same trace, and no input line,
//! however odd, panics the engine (it may raise Spark's exception, as Spark would).

use dstream_engine::engine::run;
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::Detail;
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
            }
        }
    }
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
