//! `ssc.addStreamingListener`: a program's `StreamingListener` hears the run's events in
//! Spark's order (the oracle's fixtures `listener_*` hold what Spark 4.3.0 prints; its harness
//! feeds input without a receiver and adds an output operation of its own, so the records and
//! the operations' count are checked here), with `BatchInfo`'s figures from the scheduling
//! model that the Streaming statistics show.

mod common;

use common::replay;
use dstream_engine::trace::Trace;

/// A program whose `main` adds a listener with `members`, then runs `body` on `lines`.
fn with_listener(members: &str, body: &str) -> String {
    format!(
        "import org.apache.spark.streaming.scheduler._\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"l\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         ssc.addStreamingListener(new StreamingListener {{\n{members}\n}})\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
         {body}\n\
         ssc.start()\nssc.awaitTermination()\n"
    )
}

fn ok(t: &Trace) -> &Trace {
    assert!(t.error.is_none(), "{:?}", t.error);
    t
}

#[test]
fn each_batchs_events_come_in_sparks_order_after_its_jobs() {
    let program = with_listener(
        "override def onStreamingStarted(s: StreamingListenerStreamingStarted): Unit = println(\"started \" + s.time)\n\
         override def onReceiverStarted(r: StreamingListenerReceiverStarted): Unit = println(\"receiver \" + r.receiverInfo.name)\n\
         override def onBatchSubmitted(b: StreamingListenerBatchSubmitted): Unit = println(\"submitted \" + b.batchInfo.batchTime + \" \" + b.batchInfo.processingStartTime)\n\
         override def onBatchStarted(b: StreamingListenerBatchStarted): Unit = println(\"started \" + b.batchInfo.batchTime + \" \" + b.batchInfo.processingEndTime)\n\
         override def onOutputOperationStarted(o: StreamingListenerOutputOperationStarted): Unit = println(\"op \" + o.outputOperationInfo.id + \" \" + o.outputOperationInfo.name + \" \" + o.outputOperationInfo.endTime)\n\
         override def onOutputOperationCompleted(o: StreamingListenerOutputOperationCompleted): Unit = println(\"op done \" + o.outputOperationInfo.id + \" \" + o.outputOperationInfo.duration.isDefined)\n\
         override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = println(\"completed \" + b.batchInfo.batchTime)",
        "lines.count().print()\nlines.foreachRDD(rdd => println(\"rdd \" + rdd.count()))",
    );
    let t = replay(&program, &[&["a b"], &["c", "d"]]);
    let t = ok(&t);
    assert_eq!(t.stdout_before, "started 0\nreceiver SocketReceiver-0\n");
    // Each event where Spark's bus (prompt, if not bound to be) prints it: the operations'
    // around their jobs' output (oracle: listener_all, where the harness adds one of its own).
    assert_eq!(
        t.batches[1].stdout,
        "submitted 2000 ms None\nstarted 2000 ms None\nop 0 print at <console>:14 None\n\
         -------------------------------------------\nTime: 2000 ms\n\
         -------------------------------------------\n2\n\nop done 0 true\n\
         op 1 foreachRDD at <console>:15 None\nrdd 2\nop done 1 true\n\
         completed 2000 ms\n"
    );
    let console: String = t.batches[1]
        .console
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(console, t.batches[1].stdout);
}

#[test]
fn batch_info_holds_the_batchs_records_and_the_models_times() {
    let program = with_listener(
        "override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = {\n\
           val i = b.batchInfo\n\
           println(List(i.numRecords, i.submissionTime, i.processingStartTime.get, i.processingEndTime.get,\n\
             i.schedulingDelay.get, i.processingDelay.get, i.totalDelay.get).mkString(\" \"))\n\
           println(i.streamIdToInputInfo)\n\
         }",
        "lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).foreachRDD(rdd => rdd.count())",
    );
    let t = replay(&program, &[&["a b", "c"], &[], &["d"]]);
    for b in &ok(&t).batches {
        let start = b.processing_start_ms.expect("a job ran");
        let end = b.processing_end_ms.expect("a job ran");
        let figures = [
            b.num_records as i64,
            b.submission_ms,
            start,
            end,
            start - b.submission_ms,
            end - start,
            end - b.submission_ms,
        ];
        let figures: Vec<String> = figures.iter().map(i64::to_string).collect();
        assert_eq!(
            b.stdout,
            format!(
                "{}\nMap(0 -> StreamInputInfo(0,{},Map()))\n",
                figures.join(" "),
                b.num_records
            )
        );
    }
    assert_eq!(t.batches[0].num_records, 2);
    assert_eq!(t.batches[1].num_records, 0);
}

#[test]
fn a_failed_output_operation_says_why_and_its_batch_completes() {
    let program = with_listener(
        "override def onOutputOperationCompleted(o: StreamingListenerOutputOperationCompleted): Unit = println(\"op \" + o.outputOperationInfo.failureReason)\n\
         override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = println(\"completed \" + b.batchInfo.batchTime)",
        "lines.map(_.toInt).print()",
    );
    let t = replay(&program, &[&["1"], &["x"]]);
    assert!(t.batches[0]
        .stdout
        .ends_with("op None\ncompleted 1000 ms\n"));
    let second = &t.batches[1].stdout;
    assert!(
        second.starts_with(
            "op Some(org.apache.spark.SparkException: Job aborted due to stage failure:"
        ),
        "{second}"
    );
    assert!(second.contains("java.lang.NumberFormatException: For input string: \"x\")\n"));
    assert!(second.ends_with("completed 2000 ms\n"));
    assert!(
        t.error.is_some(),
        "awaitTermination rethrows the job's failure"
    );
}

#[test]
fn a_listener_that_throws_is_logged_and_the_run_goes_on() {
    let program = with_listener(
        "override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = {\n\
           println(\"completed \" + b.batchInfo.batchTime)\n\
           throw new RuntimeException(\"boom\")\n\
         }",
        "lines.count().print()",
    );
    let t = replay(&program, &[&["a"], &["b"]]);
    assert!(ok(&t).batches[1].stdout.ends_with("completed 2000 ms\n"));
    let errors: Vec<_> = t.log.iter().filter(|l| l.level == "ERROR").collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[1].message,
        "Listener  threw an exception\njava.lang.RuntimeException: boom"
    );
    assert_eq!(errors[1].time_ms, Some(2000));
}

#[test]
fn a_removed_listener_hears_nothing_and_one_that_is_none_is_refused() {
    let program = with_listener(
        "override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = println(\"heard\")",
        "lines.print()",
    )
    .replace(
        "val lines",
        "ssc.removeStreamingListener(ssc.sparkContext.emptyRDD)\nval lines",
    );
    // Removing what was never added changes nothing.
    assert!(ok(&replay(&program, &[&["a"]])).batches[0]
        .stdout
        .ends_with("heard\n"));
    let t = replay(
        &with_listener("", "lines.print()").replace(
            "ssc.addStreamingListener(new StreamingListener {\n\n})",
            "val l = new StreamingListener {}\nssc.addStreamingListener(l)\nssc.removeStreamingListener(l)",
        ),
        &[&["a"]],
    );
    assert!(!ok(&t).batches[0].stdout.contains("heard"));
    let t = replay(
        &with_listener("", "lines.print()")
            .replace("new StreamingListener {\n\n}", "\"not a listener\""),
        &[&["a"]],
    );
    assert_eq!(
        t.error.expect("refused").message,
        "type mismatch: found String, required org.apache.spark.streaming.scheduler.StreamingListener"
    );
}

#[test]
fn a_kafka_streams_input_info_holds_its_offset_ranges() {
    use dstream_engine::engine::run;
    use dstream_engine::kafka::delivery::{Produced, TopicSpec};
    use dstream_engine::scenario::{KafkaInput, Scenario};
    use dstream_engine::trace::Detail;
    let program = r#"
import org.apache.kafka.common.serialization.StringDeserializer
import org.apache.spark.streaming.kafka010._
import org.apache.spark.streaming.scheduler._
val conf = new SparkConf().setMaster("local[2]").setAppName("k")
val ssc = new StreamingContext(conf, Seconds(1))
val kafkaParams = Map[String, Object]("bootstrap.servers" -> "localhost:9092",
  "key.deserializer" -> classOf[StringDeserializer], "value.deserializer" -> classOf[StringDeserializer],
  "group.id" -> "g", "auto.offset.reset" -> "earliest")
ssc.addStreamingListener(new StreamingListener {
  override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = {
    val info = b.batchInfo.streamIdToInputInfo(0)
    println(b.batchInfo.numRecords + " " + info.metadata("offsets"))
    println(info.metadataDescription.get)
  }
})
val stream = KafkaUtils.createDirectStream[String, String](ssc, LocationStrategies.PreferConsistent,
  ConsumerStrategies.Subscribe[String, String](Array("words"), kafkaParams))
stream.foreachRDD(rdd => println(rdd.count()))
ssc.start()
ssc.awaitTermination()
"#;
    let rec = |at_ms: i64, key: &str| Produced {
        at_ms,
        topic: "words".into(),
        key: Some(key.into()),
        value: "v".into(),
    };
    let sc = Scenario {
        program: program.into(),
        run_batches: Some(2),
        kafka: Some(KafkaInput {
            topics: vec![TopicSpec {
                name: "words".into(),
                partitions: 2,
            }],
            // "abc" goes to partition 1 of 2 (its murmur2 is odd), "21" to partition 0.
            records: vec![rec(100, "abc"), rec(200, "abc"), rec(300, "21")],
            ..KafkaInput::default()
        }),
        ..Scenario::default()
    };
    let t = run(&sc, Detail::Full);
    assert!(t.error.is_none(), "{:?}", t.error);
    // The non-empty ranges, most records first; the second batch has none.
    assert_eq!(
        t.batches[0].stdout,
        "3\n3 List(OffsetRange(topic: 'words', partition: 0, range: [0 -> 1]), \
         OffsetRange(topic: 'words', partition: 1, range: [0 -> 2]))\n\
         topic: words\tpartition: 1\toffsets: 0 to 2\tcount: 2\n\
         topic: words\tpartition: 0\toffsets: 0 to 1\tcount: 1\n"
    );
    assert!(
        t.batches[1].stdout.ends_with(
            "0 List(OffsetRange(topic: 'words', partition: 0, range: [1 -> 1]), \
         OffsetRange(topic: 'words', partition: 1, range: [2 -> 2]))\n\n"
        ),
        "{}",
        t.batches[1].stdout
    );
}

#[test]
fn an_event_matches_by_its_class_as_imported() {
    // The events are case classes: `case StreamingListenerBatchCompleted(info)` (oracle:
    // listener_event_matched), under the name an import gives them.
    let program = with_listener(
        "override def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = b match {\n\
           case Done(info) => println(\"done \" + info.batchTime)\n\
         }",
        "lines.print()",
    )
    .replace(
        "import org.apache.spark.streaming.scheduler._\n",
        "import org.apache.spark.streaming.scheduler._\n\
         import org.apache.spark.streaming.scheduler.{StreamingListenerBatchCompleted => Done}\n",
    );
    let t = replay(&program, &[&["a"]]);
    let out = &ok(&t).batches[0].stdout;
    assert!(out.ends_with("done 1000 ms\n"), "{out}");
    // Without the import, the name is not found, as scalac says.
    let t = replay(
        &program.replace("import org.apache.spark.streaming.scheduler.{StreamingListenerBatchCompleted => Done}\n", ""),
        &[&["a"]],
    );
    assert!(t
        .error
        .expect("refused")
        .message
        .contains("not found: value Done"));
}
