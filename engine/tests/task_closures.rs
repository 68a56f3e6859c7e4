//! What Spark refuses to send to a task, and streams it refuses to combine: errors the oracle
//! fixtures (which must run clean) cannot keep. Each text is Spark 4.3.0's, from the oracle's
//! runs of these programs (`ns_*`, `sl_*`: the closures of `map`, `filter`, `rdd.map`,
//! `rdd.foreach`, `ssc.transform` over the contexts, a DStream and an RDD; joins, `cogroup`,
//! `transformWith` and `ssc.transform` over streams of different slides, or none). The
//! programs that do the same things rightly (`closures_bound_names`, `conf_reads`) are
//! oracle fixtures.

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace, TraceError};

/// `body` in `main` after `lines`, two batches of input.
fn replay(body: &str) -> Trace {
    let program = format!(
        "import org.apache.spark.SparkConf\nimport org.apache.spark.streaming._\n\
         object P {{\n  def main(args: Array[String]): Unit = {{\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"p\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n{body}\n\
         ssc.start()\nssc.awaitTermination()\n  }}\n}}\n"
    );
    run(
        &Scenario {
            name: "closures".into(),
            program,
            batches: Some(vec![vec!["a b".into(), "c".into()], vec!["a".into()]]),
            ..Scenario::default()
        },
        Detail::Counts,
    )
}

fn error(t: &Trace) -> &TraceError {
    t.error.as_ref().expect("an error")
}

#[test]
fn a_task_function_that_uses_a_context_fails_where_it_is_handed_to_spark() {
    for (body, class) in [
        (
            "lines.map(l => (l, ssc.sparkContext.appName)).print()",
            "org.apache.spark.streaming.StreamingContext",
        ),
        (
            "val sc = ssc.sparkContext\nlines.filter(l => sc != null).print()",
            "org.apache.spark.SparkContext",
        ),
        (
            "ssc.checkpoint(\"/tmp/c\")\nlines.map((_, 1)).mapWithState(StateSpec.function((k: String, v: Option[Int], s: State[Int]) => (k, ssc.sparkContext.appName))).print()",
            "org.apache.spark.streaming.StreamingContext",
        ),
        // `ssc.transform` cleans its function with the check (a DStream's `transform` not).
        (
            "ssc.transform(Seq(lines), (rs: Seq[org.apache.spark.rdd.RDD[_]], t: Time) => { println(ssc); rs.head.asInstanceOf[org.apache.spark.rdd.RDD[String]] }).print()",
            "org.apache.spark.streaming.StreamingContext",
        ),
    ] {
        let t = replay(body);
        let e = error(&t);
        assert_eq!(
            (e.phase.as_str(), e.class.as_str(), e.message.as_str()),
            ("build", "org.apache.spark.SparkException", "Task not serializable"),
            "{body}"
        );
        let head = format!(
            "java.io.NotSerializableException: {class}\nSerialization stack:\n\t- object not serializable (class: {class}, value: {class}@"
        );
        assert!(e.causes[0].starts_with(&head), "{body}: {:?}", e.causes);
        assert!(t.batches.is_empty(), "{body}");
    }
    // Inside `foreachRDD`, an RDD's function fails in the batch, where the driver calls it.
    for body in [
        "lines.foreachRDD(rdd => println(rdd.map(x => (x, ssc.sparkContext.appName)).collect().toList))",
        "lines.foreachRDD(rdd => rdd.foreach(x => println(ssc)))",
    ] {
        let t = replay(body);
        let e = error(&t);
        assert_eq!(
            (e.phase.as_str(), e.time_ms, e.message.as_str()),
            ("run", Some(1000), "Task not serializable"),
            "{body}"
        );
        assert_eq!(t.batches[0].stdout, "", "{body}");
    }
}

#[test]
fn a_task_function_that_uses_a_dstream_fails_with_the_dstreams_own_text() {
    let t = replay("lines.map(l => (l, lines.slideDuration)).print()");
    let e = error(&t);
    assert_eq!(
        (e.phase.as_str(), e.message.as_str()),
        ("build", "Task not serializable")
    );
    assert_eq!(
        e.causes,
        vec!["java.io.NotSerializableException: Object of org.apache.spark.streaming.dstream.SocketInputDStream is being serialized  possibly as a part of closure of an RDD operation. This is because  the DStream object is being referred to from within the closure.  Please rewrite the RDD operation inside this DStream to avoid this.  This has been enforced to avoid bloating of Spark tasks  with unnecessary objects.\nSerialization stack:\n".to_string()]
    );
}

#[test]
fn functions_on_the_driver_and_names_a_function_binds_itself_are_no_capture() {
    // `foreachRDD` and `transform` run their function on the driver: the contexts are fine
    // there. A name the function binds (a parameter, a `case` binder, a generator, a `val`)
    // is not the stream or context outside.
    let t = replay(
        "val sc = ssc.sparkContext\n\
         lines.foreachRDD(r => println(sc.appName + r.count()))\n\
         lines.transform { rdd => println(ssc.sparkContext.appName); rdd }.print()\n\
         lines.map(l => (l, 1)).map { case (lines, n) => lines + n }.print()\n\
         lines.map(l => l.split(\" \").map(ssc => ssc.length).sum).print()\n\
         lines.flatMap(l => for (sc <- l.split(\" \")) yield sc).print()\n\
         lines.map { l => val lines = l.length; lines }.print()\n\
         lines.map { l => // not ssc: the line itself\n  l.split('\"').length /* sc, lines */ }.print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    // `transform`'s function runs as the batch's jobs are generated, before `foreachRDD`'s job.
    assert!(
        t.batches[0].stdout.starts_with("p\np2\n"),
        "{}",
        t.batches[0].stdout
    );
}

#[test]
fn an_rdd_used_inside_a_task_lacks_its_spark_context() {
    let text = "This RDD lacks a SparkContext. It could happen in the following cases:\n(1) RDD transformations and actions are NOT invoked by the driver, but inside of other transformations; for example, rdd1.map(x => rdd2.values.count() * x) is invalid because the values transformation and count action cannot be performed inside of the rdd1.map transformation. For more information, see SPARK-5063.\n(2) When a Spark Streaming job recovers from checkpoint, this exception will be hit if a reference to an RDD not defined by the streaming job is used in DStream operations. For more information, See SPARK-13758.";
    for body in [
        "lines.foreachRDD(rdd => println(rdd.map(x => rdd.count()).collect().toList))",
        "lines.foreachRDD(rdd => println(rdd.map(x => (x, rdd.sparkContext.appName)).collect().toList))",
    ] {
        let t = replay(body);
        let e = error(&t);
        // A Spark error with a condition reaches the driver as it is, not as "Job aborted".
        assert_eq!(
            (
                e.phase.as_str(),
                e.time_ms,
                e.class.as_str(),
                e.message.as_str(),
                e.message_full.as_deref()
            ),
            (
                "run",
                Some(1000),
                "org.apache.spark.SparkException",
                text.lines().next().unwrap_or_default(),
                Some(text)
            ),
            "{body}"
        );
        assert_eq!(t.batches[0].jobs, 1, "{body}");
    }
    // What an RDD carries along (its id, its partitions) is fine in a task.
    let t = replay(
        "lines.foreachRDD(rdd => println(rdd.map(x => rdd.getNumPartitions).collect().toList))",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.batches[0].stdout, "List(2, 2)\n");
}

#[test]
fn streams_of_different_slides_cannot_be_joined_or_transformed_together() {
    let different = "requirement failed: Some of the DStreams have different slide durations";
    for body in [
        "lines.map((_, 1)).join(lines.window(Seconds(2), Seconds(2)).map((_, 2))).print()",
        "lines.window(Seconds(2), Seconds(2)).map((_, 1)).cogroup(lines.map((_, 2)), 3).print()",
        "lines.map((_, 1)).leftOuterJoin(lines.window(Seconds(4), Seconds(2)).map((_, 2))).print()",
        "lines.transformWith(lines.window(Seconds(3), Seconds(3)), (a: org.apache.spark.rdd.RDD[String], b: org.apache.spark.rdd.RDD[String]) => a.union(b)).print()",
        "ssc.transform(Seq(lines, lines.window(Seconds(2), Seconds(2))), (rs: Seq[org.apache.spark.rdd.RDD[_]], t: Time) => rs.head.asInstanceOf[org.apache.spark.rdd.RDD[String]]).print()",
        "lines.union(lines.window(Seconds(2), Seconds(2))).print()",
    ] {
        let t = replay(body);
        let e = error(&t);
        assert_eq!(
            (e.phase.as_str(), e.class.as_str(), e.message.as_str()),
            ("build", "java.lang.IllegalArgumentException", different),
            "{body}"
        );
    }
    // None at all: the constructor's `parents.head` fails before its `require`.
    for (body, message) in [
        ("ssc.transform(Seq[org.apache.spark.streaming.dstream.DStream[_]](), (rs: Seq[org.apache.spark.rdd.RDD[_]], t: Time) => rs.head.asInstanceOf[org.apache.spark.rdd.RDD[String]]).print()", "head of empty list"),
        ("ssc.union(Seq[org.apache.spark.streaming.dstream.DStream[String]]()).print()", "head of empty array"),
    ] {
        let t = replay(body);
        let e = error(&t);
        assert_eq!(
            (e.class.as_str(), e.message.as_str()),
            ("java.util.NoSuchElementException", message),
            "{body}"
        );
    }
    // The same slide joins (every second batch: at 2,000 ms both windows hold the three
    // lines, each of which meets itself once).
    let t = replay(
        "lines.window(Seconds(2), Seconds(2)).map((_, 1)).join(lines.window(Seconds(4), Seconds(2)).map((_, 2))).count().print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert!(
        t.batches[1]
            .stdout
            .contains("Time: 2000 ms\n-------------------------------------------\n3\n"),
        "{}",
        t.batches[1].stdout
    );
}

#[test]
fn with_checkpointing_on_every_function_of_the_graph_must_serialize_at_start() {
    // `ssc.start()` serializes the whole graph: `foreachRDD`'s and `transform`'s functions,
    // which run on the driver and use the contexts freely without checkpointing, fail it.
    let head = "DStream checkpointing has been enabled but the DStreams with their functions are not serializable";
    for (body, class) in [
        (
            "ssc.checkpoint(\"/tmp/c\")\nlines.foreachRDD(rdd => println(ssc.sparkContext.appName + rdd.count()))",
            "org.apache.spark.streaming.StreamingContext",
        ),
        (
            "ssc.checkpoint(\"/tmp/c\")\nval sc = ssc.sparkContext\nlines.foreachRDD(rdd => println(sc.parallelize(Seq(1, 2)).count() + rdd.count()))",
            "org.apache.spark.SparkContext",
        ),
        (
            "ssc.checkpoint(\"/tmp/c\")\nlines.transform(rdd => rdd.union(ssc.sparkContext.parallelize(Seq(\"z\")))).print()",
            "org.apache.spark.streaming.StreamingContext",
        ),
    ] {
        let t = replay(body);
        let e = error(&t);
        assert_eq!(
            (e.phase.as_str(), e.class.as_str(), e.message.as_str()),
            ("start", "java.io.NotSerializableException", head),
            "{body}"
        );
        let full = e.message_full.as_deref().unwrap_or_default();
        assert!(
            full.starts_with(&format!("{head}\n{class}\nSerialization stack:\n\t- object not serializable (class: {class}, value: {class}@")),
            "{body}: {full}"
        );
        assert!(t.batches.is_empty(), "{body}");
    }
    // A DStream, an RDD, the `SparkConf` serialize; `sc.setCheckpointDir` alone does not turn
    // streaming checkpointing on (each asked of Spark 4.3.0).
    for body in [
        "ssc.checkpoint(\"/tmp/c\")\nlines.foreachRDD(rdd => println(lines.slideDuration + \" \" + rdd.count()))",
        "ssc.checkpoint(\"/tmp/c\")\nval extra = ssc.sparkContext.parallelize(Seq(\"z\"))\nlines.transform(rdd => rdd.union(extra)).print()",
        "ssc.checkpoint(\"/tmp/c\")\nlines.foreachRDD(rdd => println(conf.get(\"spark.master\") + rdd.count()))",
        "ssc.sparkContext.setCheckpointDir(\"/tmp/c2\")\nlines.foreachRDD(rdd => println(ssc.sparkContext.appName + rdd.count()))",
    ] {
        let t = replay(body);
        assert!(t.error.is_none(), "{body}: {:?}", t.error);
        assert_eq!(t.batches.len(), 2, "{body}");
    }
}
