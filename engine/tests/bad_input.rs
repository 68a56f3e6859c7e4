//! The catalogue of bad input (`BAD_INPUT.md`), one test per row: what a learner may paste or
//! type that is wrong, odd or huge, and what they then see. The engine must never panic or
//! hang on it; where Spark itself fails, the trace carries Spark's exception word for word
//! (checked against real Spark 4.3.0 with `../shared/tools/spark-oracle`); where the
//! playground cannot follow, it says so. The browser side of the catalogue (broken links, a
//! corrupt or oversized saved session) is tested in `web/src/link.rs`, `web/src/model.rs`,
//! `tests/tests/shell.rs` and `tests/e2e/`.

use dstream_engine::engine::{console_text, run};
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::{Detail, Trace, TraceError};

const CONF: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("bad")
"#;

/// A whole program: the context with batch interval `batch`, a socket stream `lines`, the
/// `body`, then start and await.
fn program_with(batch: &str, body: &str) -> String {
    format!(
        "{CONF}val ssc = new StreamingContext(conf, {batch})\nssc.checkpoint(\"checkpoint\")\nval lines = ssc.socketTextStream(\"localhost\", 9999)\n{body}\nssc.start()\nssc.awaitTermination()\n"
    )
}

fn program(body: &str) -> String {
    program_with("Seconds(1)", body)
}

/// `program` fed `batches` (each list is one batch interval's lines).
fn replay(program: String, batches: Vec<Vec<String>>) -> Trace {
    run(
        &Scenario {
            name: "bad".into(),
            program,
            batches: Some(batches),
            ..Scenario::default()
        },
        Detail::Counts,
    )
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn error(t: &Trace) -> &TraceError {
    t.error.as_ref().expect("the run stops with an error")
}

/// What `print()` wrote in each batch, without the header.
fn printed(t: &Trace) -> Vec<String> {
    t.batches
        .iter()
        .map(|b| {
            b.stdout
                .lines()
                .filter(|l| !l.starts_with("----") && !l.starts_with("Time: ") && !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The program
// ---------------------------------------------------------------------------------------------

#[test]
fn a_collection_too_large_for_the_tab_stops_the_run_with_a_message() {
    // Each would take gigabytes (a value is 16 bytes and more) within the run's work
    // budget: refused before it is built, not a tab out of memory.
    for (body, what) in [
        ("List.fill(150000000)(1).size", "List.fill"),
        ("Array.tabulate(20000000)(i => i).size", "Array.tabulate"),
        ("Array.ofDim[Int](20000, 20000).length", "Array.ofDim"),
        ("(1 to 14).toList.permutations.size", "permutations"),
        ("(1 to 40).toList.combinations(20).size", "combinations"),
        (
            "{ var l = List(1); for (i <- 1 to 30) l = l ++ l; l.size }",
            "++",
        ),
        (
            "{ var l = List(1); for (i <- 1 to 30) l = l ::: l; l.size }",
            ":::",
        ),
    ] {
        let t = replay(
            program(&format!("println({body})\nlines.print()")),
            vec![lines(&["a"])],
        );
        let e = error(&t);
        assert_eq!(e.class, "dstream.Unsupported", "{body}");
        assert_eq!(
            e.message,
            format!("{what} of more than 10 million elements (the playground keeps every value in the browser's memory)"),
            "{body}"
        );
    }
    // A string doubled in a loop, repeated or appended to a builder past 100 million.
    for body in [
        "{ var s = \"ab\"; for (i <- 1 to 40) s = s + s; s.length }",
        "(\"ab\" * 2000000000).length",
        "{ val sb = new StringBuilder(\"ab\"); for (i <- 1 to 40) sb.append(sb.toString); sb.length }",
    ] {
        let t = replay(
            program(&format!("println({body})\nlines.print()")),
            vec![lines(&["a"])],
        );
        assert_eq!(
            error(&t).message,
            "a string of more than 100 million characters (the playground keeps every value in the browser's memory)",
            "{body}"
        );
    }
    // Just under the cap is built.
    let t = replay(
        program("println(List.tabulate(9000000)(i => i).size)\nlines.print()"),
        vec![lines(&["a"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "9000000\n");
}

#[test]
fn more_partitions_than_the_playground_holds_stop_the_run_with_a_message() {
    let refused = |n: &str| {
        format!("{n} partitions, more than the 100000 the playground can hold (each is a task it runs and keeps)")
    };
    for (body, n) in [
        (
            "sc.parallelize(Seq(1, 2), 2147483647).count()",
            "2147483647",
        ),
        (
            "sc.parallelize(Seq(1, 2)).repartition(200000).count()",
            "200000",
        ),
        (
            "sc.parallelize(Seq(1, 2)).coalesce(100001, true).count()",
            "100001",
        ),
        ("new HashPartitioner(1000000)", "1000000"),
        (
            "sc.parallelize(Seq((1, 2))).reduceByKey(_ + _, 300000).count()",
            "300000",
        ),
        (
            "sc.parallelize(Seq((1, 2))).sortByKey(true, 400000).count()",
            "400000",
        ),
    ] {
        let t = replay(
            program(&format!(
                "import org.apache.spark.HashPartitioner\nval sc = ssc.sparkContext\nprintln({body})\nlines.print()"
            )),
            vec![lines(&["a"])],
        );
        let e = error(&t);
        assert_eq!(
            (e.class.as_str(), e.message.as_str()),
            ("dstream.Unsupported", refused(n).as_str()),
            "{body}"
        );
    }
    // A program's own `Partitioner` (its `numPartitions` read when the shuffle is built; the
    // process was killed for memory before, found by mutation fuzzing).
    let t = replay(
        program(
            "class Wide extends org.apache.spark.Partitioner {\n  def numPartitions = 2147483647\n  \
             def getPartition(key: Any) = 0\n}\n\
             println(ssc.sparkContext.parallelize(Seq((1, 2))).partitionBy(new Wide).count())\nlines.print()",
        ),
        vec![lines(&["a"])],
    );
    assert_eq!(error(&t).message, refused("2147483647"));
    // In a DStream's operation, and from a master whose cores every shuffle would use.
    let t = replay(
        program("lines.repartition(500000).print()"),
        vec![lines(&["a"])],
    );
    assert_eq!(error(&t).message, refused("500000"));
    let t = replay(
        program_with("Seconds(1)", "lines.print()").replace("local[2]", "local[2147483647]"),
        vec![lines(&["a"])],
    );
    assert_eq!(error(&t).message, refused("2147483647"));
    // As many as the cap runs.
    let t = replay(
        program("println(ssc.sparkContext.parallelize(1 to 3, 100000).count())\nlines.print()"),
        vec![lines(&["a"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "3\n");
}

#[test]
fn a_hundred_thousand_partitions_a_batch_stop_within_the_work_budget() {
    // Found by mutating the oracle's programs: `local[99999]` gives every shuffle 99,999
    // partitions, and `mapWithState` computes all of them each batch (a minute for 34
    // batches). Each partition costs the budget what 50 calls do.
    let t = replay(
        program(
            "val spec = StateSpec.function((k: String, v: Option[Int], s: State[Int]) => { val n = v.getOrElse(0) + s.getOption.getOrElse(0); s.update(n); (k, n) })\n\
             lines.map((_, 1)).mapWithState(spec).stateSnapshots().print()",
        )
        .replace("local[2]", "local[99999]"),
        (0..40).map(|i| lines(&[&format!("w{i}")])).collect(),
    );
    assert_eq!(
        error(&t).message,
        "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped"
    );
    assert!(t.batches.len() < 40, "{}", t.batches.len());
}

#[test]
fn a_join_of_a_hundred_thousand_mostly_empty_partitions_reads_only_what_was_written() {
    // Found by mutating the oracle's programs: each of 99,999 reduce partitions of the join
    // looked at every one of 99,999 map outputs (ten billion steps, a minute a batch). A
    // reduce partition now reads the map tasks that wrote something.
    let t = replay(
        program(
            "lines.foreachRDD { rdd => val w = rdd.flatMap(_.split(\" \")).map((_, -1)).repartition(99999)\n\
             val j = w.reduceByKey(_ + _, 1).join(w)\n\
             println(j.getNumPartitions)\n\
             println(j.collect().map(_.toString).sorted.mkString(\" \")) }",
        ),
        vec![lines(&["a b a", "c"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.batches[0].stdout,
        "99999\n(a,(-2,-1)) (a,(-2,-1)) (b,(-1,-1)) (c,(-1,-1))\n"
    );
}

#[test]
fn collections_built_an_element_at_a_time_are_updated_in_place_and_keep_their_values() {
    // Found by mutation fuzzing: every `buf += x` copied the buffer (and `m(k) = v` the map),
    // so 50,000 appends took 20 s and a set of 99,999 four minutes. Updates now change the
    // contents the variable holds alone, and an update that throws leaves them as they were.
    let t = replay(
        program(
            "val buf = scala.collection.mutable.ArrayBuffer[Int]()\n\
             for (i <- 0 until 50000) buf += i\n\
             val m = scala.collection.mutable.Map[Int, Int]()\n\
             for (i <- 0 until 20000) m(i % 5000) = m.getOrElse(i % 5000, 0) + i\n\
             val s = scala.collection.mutable.Set[Int]()\n\
             for (i <- 0 until 20000) s.add(i * 7)\n\
             println(buf.size + \" \" + buf.sum + \" \" + m.size + \" \" + m(4999) + \" \" + s.size)\n\
             val a = scala.collection.mutable.ArrayBuffer(1, 2, 3)\n\
             a += 4\n\
             try { a.remove(10) } catch { case e: IndexOutOfBoundsException => println(e.getMessage) }\n\
             val c = scala.collection.mutable.Map(\"x\" -> 1)\n\
             try { c(\"y\") += 1 } catch { case e: NoSuchElementException => println(e.getMessage) }\n\
             c(\"x\") += 1\n\
             println(a + \" \" + c)\n\
             lines.print()",
        ),
        vec![lines(&["a"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.stdout_before,
        "50000 1249975000 5000 49996 20000\n\
         10 is out of bounds (min 0, max 3)\n\
         key not found: y\n\
         ArrayBuffer(1, 2, 3, 4) HashMap(x -> 2)\n"
    );
}

#[test]
fn a_format_width_past_the_longest_string_is_refused_before_it_is_padded() {
    // Found by mutation fuzzing: `%2147483647.1f` padded to two billion characters (24 GB,
    // then the process was killed); the JVM runs out of memory too.
    for fmt in ["%2147483647.1f", "%.999999999f", "%-200000000s"] {
        let t = replay(
            program(&format!("println(\"{fmt}\".format(1.5))\nlines.print()")),
            vec![lines(&["a"])],
        );
        assert!(
            error(&t)
                .message
                .starts_with("a string of more than 100 million characters"),
            "{fmt}: {:?}",
            t.error
        );
    }
    let t = replay(
        program("println(\"%8.2f|%-4s|\".format(1.5, \"ab\"))\nlines.print()"),
        vec![lines(&["a"])],
    );
    assert_eq!(t.stdout_before, "    1.50|ab  |\n");
}

#[test]
fn trigonometry_is_refused_by_name_as_the_playgrounds_own_limit() {
    // Left out to keep the page's download small (6 KB gzipped for the eleven functions).
    let t = replay(
        program("println(math.toDegrees(math.Pi))\nprintln(math.sin(1.0))\nlines.print()"),
        vec![lines(&["a"])],
    );
    assert_eq!(t.stdout_before, "180.0\n");
    assert_eq!(error(&t).class, "dstream.Unsupported");
    assert!(
        error(&t)
            .message
            .starts_with("math.sin (trigonometric and other special functions are left out"),
        "{}",
        error(&t).message
    );
}

#[test]
fn a_queue_of_values_given_to_queue_stream_is_refused_not_ignored() {
    // A `mutable.Queue` holds any values (oracle: mutable_queue_values); queueStream's must
    // hold RDDs, and numbers there once were taken silently and dropped.
    let t = replay(
        program(
            "val q = scala.collection.mutable.Queue[Int](1, 2)\n\
             ssc.queueStream(q).print()",
        ),
        vec![lines(&["a"])],
    );
    assert_eq!(
        error(&t).message,
        "type mismatch in queueStream: found a Queue of Int, required a Queue of RDDs"
    );
    let t = replay(
        program("ssc.queueStream(scala.collection.mutable.Stack[Int]()).print()"),
        vec![lines(&["a"])],
    );
    assert_eq!(
        error(&t).message,
        "queueStream needs a mutable.Queue of RDDs"
    );
}

#[test]
fn a_syntax_error_stops_before_anything_runs_with_its_place() {
    // A parenthesis never closed.
    let t = replay(
        program("val words = lines.flatMap(_.split(\" \").map((_, 1)\nwords.print()"),
        vec![lines(&["a b"])],
    );
    let e = error(&t);
    assert_eq!(e.phase, "parse");
    assert_eq!(e.class, "ScalaSyntax");
    assert!(t.batches.is_empty(), "nothing runs");
    let d = &e.diagnostics[0];
    assert_eq!(d.severity, "error");
    // The problem is reported inside the program (lines 5 to 8 are the body and the end).
    assert!((5..=9).contains(&d.line), "{d:?}");
    assert!(e.message.starts_with(&format!("{}:{}: ", d.line, d.col)));
    assert!(console_text(&t).starts_with("error: "));

    let t = replay(program("val x = = 3\nlines.print()"), vec![]);
    let e = error(&t);
    assert_eq!(e.class, "ScalaSyntax");
    assert_eq!(e.message, "5:9: expected an expression, found `=`");
}

#[test]
fn unsupported_scala_is_named_as_such() {
    let t = replay(
        program("type Pair[A] = (A, A)\nlines.print()"),
        vec![lines(&["a"])],
    );
    let e = error(&t);
    assert_eq!(
        (e.phase.as_str(), e.class.as_str()),
        ("parse", "Unsupported")
    );
    assert_eq!(
        e.message,
        "5:1: not supported by the playground yet: `type` aliases with type parameters"
    );

    let t = replay(
        program("lines.foreachRDD(rdd => rdd.toDF().show())"),
        vec![lines(&["a"])],
    );
    let e = error(&t);
    assert_eq!(e.class, "Unsupported");
    assert!(e
        .message
        .ends_with("not supported by the playground yet: `RDD.toDF`"));
}

#[test]
fn to_int_on_a_word_fails_the_task_with_javas_text() {
    let t = replay(
        program("lines.map(_.toInt).reduce(_ + _).print()"),
        vec![lines(&["1", "2"]), lines(&["hello"])],
    );
    // The first batch runs; the word stops the job of the second, as on Spark.
    assert_eq!(printed(&t)[0], "3");
    let e = error(&t);
    assert_eq!(e.phase, "run");
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert_eq!(e.time_ms, Some(2000));
    assert!(
        e.message
            .starts_with("Job aborted due to stage failure: Task ")
            && e.message
                .ends_with("java.lang.NumberFormatException: For input string: \"hello\""),
        "{}",
        e.message
    );
    assert!(console_text(&t).contains(
        "Exception in thread \"main\" org.apache.spark.SparkException: Job aborted due to stage failure"
    ));
}

#[test]
fn to_int_option_gives_none_for_a_word_instead_of_failing() {
    // What the explanation beside the NumberFormatException suggests (Scala 2.13).
    let t = replay(
        program("lines.map(l => l.toIntOption.getOrElse(0) + l.toLongOption.getOrElse(0L).toInt).reduce(_ + _).print()"),
        vec![lines(&["1", "2"]), lines(&["hello", "+5", " 7", "99999999999"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    // "+5" parses (as toInt does); " 7" does not (no trimming); 99999999999 is a Long only,
    // and its `toInt` keeps the low 32 bits: 99999999999 - 23 * 2^32 = 1215752191; plus 5 + 5.
    assert_eq!(printed(&t), ["6", "1215752201"]);
}

// ---------------------------------------------------------------------------------------------
// The input
// ---------------------------------------------------------------------------------------------

#[test]
fn a_line_of_one_megabyte_is_one_record() {
    // 1 MB of words, in one line.
    let mut line = String::new();
    let mut n = 0;
    while line.len() < (1 << 20) - 12 {
        line.push_str(&format!("w{} ", n % 1000));
        n += 1;
    }
    assert!(line.len() >= 1 << 19);
    let t = replay(
        program(
            "lines.count().print()\nlines.flatMap(_.split(\" \")).count().print()\nlines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).count().print()",
        ),
        vec![vec![line]],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t)[0], format!("1\n{n}\n1000"));
}

#[test]
fn a_hundred_thousand_lines_at_once_are_all_counted() {
    // Pasted into the terminal at one moment: they go through the receiver's blocks.
    let stamped = (0..100_000)
        .map(|i| StampedLine {
            at_ms: 300,
            text: format!("hello w{}", i % 7),
        })
        .collect();
    let t = run(
        &Scenario {
            name: "paste".into(),
            program: program("lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).filter(_._1 == \"hello\").print()\nlines.count().print()"),
            lines: Some(stamped),
            run_batches: Some(2),
            ..Scenario::default()
        },
        Detail::Counts,
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.batches[0].num_records, 100_000);
    assert_eq!(printed(&t)[0], "(hello,100000)\n100000");
    assert_eq!(printed(&t)[1], "0");
}

#[test]
fn a_million_distinct_keys_are_counted() {
    let batch: Vec<String> = (0..100_000)
        .map(|j| {
            (0..10)
                .map(|i| format!("k{}", j * 10 + i))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let t = replay(
        program("lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).count().print()"),
        vec![batch],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t)[0], "1000000");
}

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

#[test]
fn a_window_of_a_year_holds_every_batch_so_far() {
    let year = "Seconds(365 * 24 * 3600)";
    let t = replay(
        program(&format!(
            "lines.window({year}, Seconds(1)).count().print()\nlines.map((_, 1)).reduceByKeyAndWindow(_ + _, _ - _, {year}, Seconds(1)).print()"
        )),
        vec![lines(&["a"]), lines(&["b"]), lines(&[]), lines(&["a"])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    let p = printed(&t);
    assert_eq!(p[0], "1\n(a,1)");
    assert_eq!(p[1], "2\n(b,1)\n(a,1)");
    assert_eq!(p[3], "3\n(b,1)\n(a,2)");
}

#[test]
fn int_arithmetic_in_a_duration_wraps_as_in_scala() {
    // 365 days in ms is past Int.MaxValue: Scala's Int wraps to 1,471,228,928 (about 17
    // days), a multiple of neither 1 s, so Spark refuses the window.
    let t = replay(
        program("lines.window(Milliseconds(365 * 24 * 3600 * 1000), Seconds(1)).print()"),
        vec![lines(&["a"])],
    );
    let e = error(&t);
    assert_eq!(e.class, "java.lang.Exception");
    assert_eq!(
        e.message,
        "The window duration of windowed DStream (1471228928 ms) must be a multiple of the slide duration of parent DStream (1000 ms)"
    );
}

#[test]
fn a_window_not_a_multiple_of_the_batch_has_sparks_text() {
    for (call, message) in [
        (
            "lines.window(Milliseconds(1500), Seconds(1))",
            "The window duration of windowed DStream (1500 ms) must be a multiple of the slide duration of parent DStream (1000 ms)",
        ),
        (
            "lines.window(Seconds(3), Milliseconds(1500))",
            "The slide duration of windowed DStream (1500 ms) must be a multiple of the slide duration of parent DStream (1000 ms)",
        ),
        (
            "lines.map((_, 1)).reduceByKeyAndWindow(_ + _, Milliseconds(2500), Seconds(1))",
            "The window duration of windowed DStream (2500 ms) must be a multiple of the slide duration of parent DStream (1000 ms)",
        ),
    ] {
        let t = replay(program(&format!("{call}.print()")), vec![lines(&["a"])]);
        let e = error(&t);
        assert_eq!(e.phase, "build", "{call}");
        assert_eq!(e.class, "java.lang.Exception", "{call}");
        assert_eq!(e.message, message, "{call}");
        assert!(t.batches.is_empty());
    }
}

#[test]
fn zero_and_negative_windows_are_empty_as_on_spark() {
    // Spark's check is `window % parent slide == 0`, which 0 and -3000 pass; such a window
    // covers no batch, so it prints empty batches (real Spark 4.3.0 does the same).
    for w in ["Seconds(0)", "Seconds(-3)", "Milliseconds(-1000)"] {
        let t = replay(
            program(&format!("lines.window({w}, Seconds(1)).print()")),
            vec![lines(&["hello world"]), lines(&["hello"]), lines(&[])],
        );
        assert!(t.error.is_none(), "{w}: {:?}", t.error);
        assert_eq!(printed(&t), vec!["", "", ""], "{w}");
    }
}

#[test]
fn a_zero_slide_divides_by_zero_at_the_first_batch() {
    // Spark 4.3.0: `(time - zeroTime).isMultipleOf(Seconds(0))` in the job generator.
    let t = replay(
        program("lines.window(Seconds(3), Seconds(0)).print()"),
        vec![lines(&["a"]), lines(&["b"])],
    );
    let e = error(&t);
    assert_eq!(e.class, "java.lang.ArithmeticException");
    assert_eq!(e.message, "/ by zero");
    assert_eq!(e.phase, "run");
    assert_eq!(e.time_ms, Some(1000));
}

#[test]
fn a_negative_slide_runs_the_window_at_every_batch_as_on_spark() {
    // Spark's checks are `%` tests, which -1000 passes against 1000, and `isTimeValid`'s
    // `(t - zero) % -1000 == 0` holds at every batch: the window prints each second (real
    // Spark 4.3.0, oracle: "hello", then "hello" and "2", then the same).
    let t = replay(
        program("lines.window(Seconds(3), Seconds(-1)).print()"),
        vec![lines(&["hello"]), lines(&["2"]), lines(&[])],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t), vec!["hello", "hello\n2", "hello\n2"]);
}

/// Spark has no check here: with a zero or negative interval its timer never makes a valid
/// batch time and the application runs for ever doing nothing. The playground refuses the
/// interval instead, at the constructor, so the page does not spin.
#[test]
fn a_zero_batch_interval_is_refused() {
    for (batch, shown) in [("Seconds(0)", "0 ms"), ("Seconds(-1)", "-1000 ms")] {
        let t = replay(program_with(batch, "lines.print()"), vec![lines(&["a"])]);
        let e = error(&t);
        assert_eq!(e.phase, "build");
        assert_eq!(e.class, "java.lang.IllegalArgumentException");
        assert_eq!(
            e.message,
            format!("requirement failed: batch duration must be positive, found {shown}")
        );
        assert!(t.batches.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Random input: a short run on stable of what the cargo-fuzz targets in `fuzz/` do for long on
// nightly. Seeds are real programs and scenarios; mutations flip, insert, delete and repeat
// bytes. No decoder may panic or overflow the stack; work stays bounded by the caps.
// ---------------------------------------------------------------------------------------------

mod random {
    use super::*;
    use dstream_engine::scala::parser::parse;
    use dstream_engine::snippets::SNIPPETS;
    use proptest::prelude::*;

    /// Programs to mutate: every lesson program that has one, and the word counts above.
    fn seeds() -> Vec<String> {
        let mut v: Vec<String> = SNIPPETS.iter().filter_map(|s| s.program()).collect();
        v.push(program(
            "lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKeyAndWindow(_ + _, _ - _, Seconds(3), Seconds(1)).print()",
        ));
        v
    }

    #[derive(Clone, Debug)]
    enum Edit {
        Flip(usize, u8),
        Insert(usize, Vec<u8>),
        Delete(usize, usize),
        Repeat(usize, usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
            (
                any::<usize>(),
                prop_oneof![
                    prop::collection::vec(any::<u8>(), 1..8),
                    prop::sample::select(vec![
                        b"(".to_vec(),
                        b")".to_vec(),
                        b"{".to_vec(),
                        b"}".to_vec(),
                        b"\"".to_vec(),
                        b"=>".to_vec(),
                        b"_".to_vec(),
                        b".".to_vec(),
                        b"\n".to_vec(),
                        b"/*".to_vec(),
                        b"'".to_vec(),
                        b"\\".to_vec(),
                        b" match { case ".to_vec(),
                        b"${".to_vec(),
                        "你".as_bytes().to_vec(),
                    ]),
                ]
            )
                .prop_map(|(i, b)| Edit::Insert(i, b)),
            (any::<usize>(), 1..40usize).prop_map(|(i, n)| Edit::Delete(i, n)),
            (any::<usize>(), 1..30usize, 1..300usize).prop_map(|(i, n, k)| Edit::Repeat(i, n, k)),
        ]
    }

    fn apply(src: &str, edits: &[Edit]) -> String {
        let mut b = src.as_bytes().to_vec();
        for e in edits {
            let at = |i: usize| if b.is_empty() { 0 } else { i % (b.len() + 1) };
            match e {
                Edit::Flip(i, x) if !b.is_empty() => {
                    let i = i % b.len();
                    b[i] ^= x;
                }
                Edit::Flip(..) => {}
                Edit::Insert(i, bytes) => {
                    let i = at(*i);
                    b.splice(i..i, bytes.iter().copied());
                }
                Edit::Delete(i, n) => {
                    let i = at(*i);
                    let end = (i + n).min(b.len());
                    b.drain(i..end);
                }
                Edit::Repeat(i, n, k) => {
                    let i = at(*i);
                    let end = (i + n).min(b.len());
                    let chunk = b[i..end].to_vec();
                    for _ in 0..*k {
                        b.splice(end..end, chunk.iter().copied());
                    }
                }
            }
        }
        String::from_utf8_lossy(&b).into_owned()
    }

    fn scenario_json() -> String {
        serde_json::to_string(&Scenario {
            name: "seed".into(),
            program: seeds()[0].clone(),
            lines: Some(vec![
                StampedLine {
                    at_ms: 100,
                    text: "a b".into(),
                },
                StampedLine {
                    at_ms: 1500,
                    text: "b".into(),
                },
            ]),
            run_batches: Some(2),
            input_partitions: Some(2),
            ..Scenario::default()
        })
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

        /// Mutated programs: the front-end answers with diagnostics inside the text.
        #[test]
        fn the_front_end_reads_any_mutation(seed in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..6)) {
            let seeds = seeds();
            let src = apply(&seeds[seed.index(seeds.len())], &edits);
            let (_, diags) = parse(&src);
            for d in diags {
                prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= src.len());
            }
        }

        /// Random text, not from a seed.
        #[test]
        fn the_front_end_reads_any_text(src in "\\PC{0,400}") {
            let _ = parse(&src);
        }

        /// Mutated scenario files: read or refused; what is read runs (capped) to a trace.
        #[test]
        fn any_mutated_scenario_is_read_or_refused(edits in prop::collection::vec(edit(), 1..4)) {
            let text = apply(&scenario_json(), &edits);
            if let Ok(mut s) = Scenario::from_json(&text) {
                s.run_batches = Some(s.run_batches.unwrap_or(2).min(2));
                if let Some(l) = &mut s.lines {
                    l.truncate(20);
                }
                s.input_partitions = s.input_partitions.map(|n| n.min(8));
                let _ = run(&s, Detail::Counts);
            }
        }

        /// Mutated programs run (two batches): errors are traces, never panics.
        #[test]
        fn any_mutated_program_runs_or_reports(seed in any::<prop::sample::Index>(), edits in prop::collection::vec(edit(), 1..3)) {
            let seeds = seeds();
            let src = apply(&seeds[seed.index(seeds.len())], &edits);
            let s = Scenario {
                name: "m".into(),
                program: src,
                batches: Some(vec![lines(&["a b a"]), lines(&["1 2"])]),
                run_batches: Some(2),
                ..Scenario::default()
            };
            let _ = run(&s, Detail::Counts);
        }
    }

    /// Long chains and deep nesting are reported, not a stack overflow (they were, at
    /// 10,000 terms, in every pass that walks the tree).
    #[test]
    fn long_chains_and_deep_nesting_are_refused_with_a_message() {
        for (what, body) in [
            ("sum", format!("val x = {}", vec!["1"; 20_000].join(" + "))),
            (
                "calls",
                format!("val x = List(1){}", ".map(_ + 1)".repeat(20_000)),
            ),
            (
                "parens",
                format!("val x = {}1{}", "(".repeat(20_000), ")".repeat(20_000)),
            ),
            ("blocks", format!("val x = {}", "{".repeat(20_000))),
            (
                "lambdas",
                format!("val f = {}1", "(x: Int) => ".repeat(20_000)),
            ),
            ("ifs", format!("val x = {}1", "if (true) ".repeat(20_000))),
        ] {
            let t = replay(
                program(&format!("{body}\nlines.print()")),
                vec![lines(&["a"])],
            );
            let e = error(&t);
            assert_eq!(e.phase, "parse", "{what}");
            assert!(
                e.diagnostics
                    .iter()
                    .any(|d| d.message.contains("nesting deeper than")
                        || d.message.contains("end of program")),
                "{what}: {:?}",
                e.diagnostics.first()
            );
        }
        // A chain of realistic length still works.
        let t = replay(
            program(&format!(
                "val x = {}\nlines.map(_ => x).print()",
                vec!["1"; 50].join(" + ")
            )),
            vec![lines(&["a"])],
        );
        assert!(t.error.is_none(), "{:?}", t.error);
        assert_eq!(printed(&t)[0], "50");
    }

    /// Calls nested as one another's arguments (`lines.window(lines.window(...))`, which the
    /// mutation property found) are checked once each: the signature checks typed every
    /// argument to see it and then again for real, twice per level, so 22 levels took a
    /// second and 60 never ended. Now the answer comes at once: scalac's, a DStream where a
    /// `Duration` goes.
    #[test]
    fn calls_nested_as_arguments_are_checked_once_each() {
        let nested = (0..60).fold("lines".to_string(), |e, _| format!("lines.window({e})"));
        let t = replay(program(&format!("{nested}.print()")), vec![lines(&["a"])]);
        let e = error(&t);
        assert!(
            e.message.contains(
                "type mismatch: found org.apache.spark.streaming.dstream.DStream[String], required org.apache.spark.streaming.Duration"
            ),
            "{}",
            e.message
        );
    }
}

#[test]
fn what_the_playground_cannot_reproduce_is_refused_with_why() {
    // Without a seed Spark's sample is random; with replacement it draws from a Poisson law.
    for (call, why) in [
        ("rdd.sample(false, 0.5)", "sample without a seed"),
        ("rdd.sample(true, 0.5, 1)", "sample with replacement"),
        ("rdd.takeSample(false, 2)", "takeSample without a seed"),
        ("rdd.takeSample(true, 2, 1)", "takeSample with replacement"),
        ("rdd.map(_.split(\"(?<n>a)\").length)", "a named group"),
    ] {
        let t = replay(
            program(&format!("lines.foreachRDD(rdd => println({call}.count()))")),
            vec![lines(&["a b"])],
        );
        let e = error(&t);
        assert_eq!(e.class, "dstream.Unsupported", "{call}");
        assert!(e.message.contains(why), "{call}: {}", e.message);
    }
}

#[test]
fn an_empty_rdd_has_nothing_to_reduce_as_spark_4_says() {
    // Spark 4.3.0 (spark-oracle): `rdd.max()(ord)` on an empty batch's RDD fails on the
    // driver with `SparkUnsupportedOperationException: empty collection`; so do `reduce`,
    // `first` and `min`, which share `SparkCoreErrors.emptyCollectionError`.
    for call in [
        "rdd.reduce(_ + _)",
        "rdd.first()",
        "rdd.max()",
        "rdd.min()(Ordering.by(_.length))",
    ] {
        let t = replay(
            program(&format!("lines.foreachRDD(rdd => println({call}))")),
            vec![lines(&["a"]), vec![]],
        );
        let e = error(&t);
        assert_eq!(
            e.class, "org.apache.spark.SparkUnsupportedOperationException",
            "{call}"
        );
        assert_eq!(e.message, "empty collection", "{call}");
        assert_eq!(
            e.time_ms,
            Some(2000),
            "{call}: the first batch has a record"
        );
    }
}

#[test]
fn string_slices_follow_scalas_string_ops() {
    // StringOps: take/takeRight/drop/dropRight clamp n to the length; last is the last char.
    let t = replay(
        program(
            "lines.map(w => List(w.take(2), w.takeRight(2), w.drop(2), w.dropRight(2), w.take(9), w.last).mkString(\",\")).print()",
        ),
        vec![lines(&["hello"])],
    );
    assert_eq!(printed(&t), ["he,lo,llo,hel,hello,o"]);
}

#[test]
fn zipping_rdds_of_unequal_shapes_fails_with_sparks_texts() {
    // Spark 4.3.0 (spark-oracle): unequal partition counts fail on the driver when the job
    // asks for the partitions (no job runs); unequal partition lengths fail the task, and
    // the SparkException (it has an error condition) reaches the driver unwrapped.
    let four = || vec![lines(&["a b", "c d", "e f", "g h"])];
    let t = replay(
        program(
            "lines.foreachRDD { rdd => val a = rdd.sparkContext.parallelize(1 to 8, 4); println(a.zip(a.repartition(2)).collect().length) }",
        ),
        four(),
    );
    let e = error(&t);
    assert_eq!(e.class, "java.lang.IllegalArgumentException");
    assert_eq!(
        e.message,
        "Can't zip RDDs with unequal numbers of partitions: List(4, 2)"
    );
    assert_eq!(t.batches[0].jobs, 0);
    let t = replay(
        program("lines.foreachRDD(rdd => println(rdd.zip(rdd.flatMap(_.split(\" \"))).count()))"),
        four(),
    );
    let e = error(&t);
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert_eq!(
        e.message,
        "Can only zip RDDs with same number of elements in each partition"
    );
    assert_eq!(t.batches[0].jobs, 1);
}

#[test]
fn sizes_and_counts_are_checked_with_spark_and_scalas_texts() {
    for (call, class, message) in [
        (
            "rdd.coalesce(0)",
            "java.lang.IllegalArgumentException",
            "requirement failed: Number of partitions (0) must be positive.",
        ),
        (
            "rdd.takeSample(false, -1, 1)",
            "java.lang.IllegalArgumentException",
            "requirement failed: Negative number of elements requested",
        ),
        (
            "List(1, 2).grouped(0).toList",
            "java.lang.IllegalArgumentException",
            "requirement failed: size=0 and step=0, but both must be positive",
        ),
    ] {
        let t = replay(
            program(&format!("lines.foreachRDD(rdd => println({call}))")),
            vec![lines(&["a b"])],
        );
        let e = error(&t);
        assert_eq!(
            (e.class.as_str(), e.message.as_str()),
            (class, message),
            "{call}"
        );
    }
}

#[test]
fn an_rdd_checkpoint_without_a_directory_has_sparks_text() {
    // Spark 4.3.0 (spark-oracle): `rdd.checkpoint()` before `ssc.checkpoint(dir)` or
    // `sc.setCheckpointDir(dir)`, on the driver, no job run.
    let program = format!(
        "{CONF}val ssc = new StreamingContext(conf, Seconds(1))\nval lines = ssc.socketTextStream(\"localhost\", 9999)\nlines.foreachRDD {{ rdd => val lens = rdd.map(_.length); lens.checkpoint(); println(lens.count()) }}\nssc.start()\nssc.awaitTermination()\n"
    );
    let t = replay(program, vec![lines(&["a b"])]);
    let e = error(&t);
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert_eq!(
        e.message,
        "Checkpoint directory has not been set in the SparkContext"
    );
    assert_eq!(t.batches[0].jobs, 0);
}

#[test]
fn a_catch_takes_only_what_its_cases_name_and_never_the_playgrounds_own_stops() {
    // A NumberFormatException is no ArithmeticException: it goes on up and fails the task.
    let t = replay(
        program(
            "lines.map { l => try { l.toInt } catch { case e: ArithmeticException => 0 } }.print()",
        ),
        vec![lines(&["x"])],
    );
    let e = error(&t);
    assert!(
        e.message
            .ends_with("java.lang.NumberFormatException: For input string: \"x\""),
        "{}",
        e.message
    );
    // What the playground cannot run is not an exception of the program: no catch hides it.
    let t = replay(
        program(
            "lines.foreachRDD { rdd => try { println(rdd.sample(false, 0.5).count()) } catch { case e: Throwable => println(\"caught\") } }",
        ),
        vec![lines(&["a b"])],
    );
    assert_eq!(error(&t).class, "dstream.Unsupported");
    assert!(!t.batches.iter().any(|b| b.stdout.contains("caught")));
}

#[test]
fn a_second_spark_context_fails_as_in_one_jvm() {
    // Spark 4.3.0 (spark-oracle): a second `new StreamingContext(conf, ...)` makes a second
    // SparkContext, which the JVM refuses at the `new`; one from `sc` shares it.
    let message = "Only one SparkContext should be running in this JVM (see SPARK-2243).The currently running SparkContext was created at:";
    for second in [
        "val again = new StreamingContext(conf, Seconds(2))",
        "val sc = new SparkContext(conf)",
    ] {
        let t = replay(program(second), vec![lines(&["a"])]);
        let e = error(&t);
        assert_eq!(
            (e.class.as_str(), e.message.as_str()),
            ("org.apache.spark.SparkException", message),
            "{second}"
        );
        assert_eq!(e.phase, "build");
    }
    let shared = format!(
        "{CONF}val sc = new SparkContext(conf)\nval ssc = new StreamingContext(sc, Seconds(1))\nval lines = ssc.socketTextStream(\"localhost\", 9999)\nlines.print()\nssc.start()\nssc.awaitTermination()\n"
    );
    let t = replay(shared, vec![lines(&["a"])]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(printed(&t), vec!["a".to_string()]);
}

#[test]
fn work_that_never_ends_stops_at_the_budget_whatever_its_shape_and_long_loops_still_run() {
    // The budget counts expressions evaluated: an endless `while`, a recursion that fans out
    // (2^100 calls, none deeper than 100) and an endless `for` all stop at it, in about a
    // second natively (the fanning recursion, one unit a call before, took 4 s).
    let budget = "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped";
    for endless in [
        "var i = 0L\nwhile (true) { i += 1 }",
        "def g(n: Int): Int = if (n > 100) 0 else g(n + 1) + g(n + 1)\nprintln(g(0))",
        "var s = 0L\nfor (i <- 1 to 100000; j <- 1 to 100000) s += 1\nprintln(s)",
        // Found by the fuzzer: each turn copies the whole list (a quadratic hang of minutes).
        "var acc = List[Int]()\nvar i = 0\nwhile (i < 10) { acc = i :: acc; i += 0 }",
    ] {
        let t = replay(program(&format!("{endless}\nlines.print()")), vec![]);
        assert_eq!(error(&t).message, budget, "{endless}");
    }
    // A loop of a million turns is a millisecond on the JVM: it runs (a `while` turn cost a
    // hundred units before, and this one was stopped).
    let t = replay(
        program(
            "var i = 0; var s = 0L\nwhile (i < 1000000) { s += i; i += 1 }\nprintln(s)\nlines.print()",
        ),
        vec![],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "499999500000\n");
    // Twenty thousand prepends, each a copy of the list so far, fit.
    let t = replay(
        program(
            "var acc = List[Int]()\nvar i = 0\nwhile (i < 20000) { acc = i :: acc; i += 1 }\nprintln(acc.size)\nlines.print()",
        ),
        vec![],
    );
    assert_eq!(t.stdout_before, "20000\n", "{:?}", t.error);
}

#[test]
fn every_way_of_copying_a_list_into_a_new_one_costs_the_budget_its_length() {
    // 200,000 turns are about 2 M expressions, well inside the budget: only the copies' cost
    // (the list's length over eight, each turn: 2.5 billion units in all) stops these loops,
    // which without it would copy 20 billion elements (minutes). 5,000 turns run. (`x :: xs`
    // is the test above's; each of these takes its two seconds of budget.)
    let budget = "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped";
    for step in [
        "acc = acc :+ i",
        "acc = i +: acc",
        "acc = acc ++ List(i)",
        "acc = List(i) ::: acc",
    ] {
        let grow = |n: u32| {
            replay(
                program(&format!(
                    "var acc = List[Int]()\nvar i = 0\nwhile (i < {n}) {{ {step}; i += 1 }}\nprintln(acc.size)\nlines.print()"
                )),
                vec![],
            )
        };
        assert_eq!(error(&grow(200_000)).message, budget, "{step}");
        assert_eq!(grow(5_000).stdout_before, "5000\n", "{step}");
    }
}

#[test]
fn an_immutable_set_grown_one_element_at_a_time_stops_at_the_budget_past_thousands() {
    // Each `s += x` lays the whole `HashSet` out again (the playground has no persistent
    // trie): 20,000 additions took 12 s natively; the budget stops them in about a second.
    // A few thousand, and a union of two large maps (laid out once), still run.
    let budget = "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped";
    let grow = |n: u32| {
        replay(
            program(&format!(
                "var s = Set[Int]()\nfor (i <- 1 to {n}) s += i\nprintln(s.size)\nlines.print()"
            )),
            vec![],
        )
    };
    assert_eq!(error(&grow(20_000)).message, budget);
    assert_eq!(grow(3_000).stdout_before, "3000\n");
    let t = replay(
        program(
            "val a = (1 to 20000).map(i => i -> i).toMap\nval b = (10000 to 30000).map(i => i -> -i).toMap\nprintln((a ++ b).size)\nlines.print()",
        ),
        vec![],
    );
    assert_eq!(t.stdout_before, "30000\n", "{:?}", t.error);
}

#[test]
fn an_endless_iterator_searched_for_what_never_comes_stops_at_the_work_budget() {
    // Each element of an endless source costs the budget what twenty calls do: the search
    // stops after 2.5 million elements (a fraction of a second), where one work unit an
    // element let it run 10-15 s. A million elements still fit in a run.
    let budget = "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped";
    for search in [
        "println(Iterator.from(1).filter(_ < 0).next())",
        "println(Iterator.iterate(1)(_ + 1).exists(_ < 0))",
        "println(Iterator.continually(1).map(_ + 1).find(_ > 5))",
        "println(Iterator.from(1).take(3000000).size)",
    ] {
        let t = replay(program(&format!("{search}\nlines.print()")), vec![]);
        assert_eq!(error(&t).message, budget, "{search}");
    }
    let t = replay(
        program("println(Iterator.from(1).take(1000000).size)\nlines.print()"),
        vec![],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "1000000\n");
}

#[test]
fn a_failed_output_operation_does_not_stop_its_batchs_next_ones() {
    // Spark's job executor runs the batch's next output operation while `main` rethrows the
    // first error (oracle, a random program: the first output's `reduce` on an empty batch
    // failed and the second output's line was still printed, its job counted).
    let t = replay(
        program(
            "lines.foreachRDD(rdd => println(rdd.reduce(_ + _)))\n\
             lines.count().foreachRDD(rdd => println(\"n \" + rdd.count()))",
        ),
        vec![vec![], lines(&["a"])],
    );
    let e = error(&t);
    assert_eq!(
        (e.class.as_str(), e.message.as_str(), e.time_ms),
        (
            "org.apache.spark.SparkUnsupportedOperationException",
            "empty collection",
            Some(1000)
        )
    );
    assert_eq!(t.batches.len(), 1);
    assert_eq!(t.batches[0].stdout, "n 1\n");
    // The playground's own limits stop the batch at once.
    let t = replay(
        program(
            "lines.foreachRDD(rdd => { var i = 0L; while (true) i += 1 })\n\
             lines.count().foreachRDD(rdd => println(\"n \" + rdd.count()))",
        ),
        vec![vec![]],
    );
    assert!(error(&t).class.starts_with("dstream."), "{:?}", t.error);
    assert_eq!(t.batches[0].stdout, "");
}
