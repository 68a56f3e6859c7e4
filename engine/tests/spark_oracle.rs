//! Cases asked of real Spark 4.3.0 with `../shared/tools/spark-oracle` (see its README) and
//! kept here with what Spark printed: `spark_oracle/NAME.scenario.json` is the program and its
//! input, `NAME.trace.json` the oracle's record. Each is replayed and every batch's stdout
//! must be Spark's, word for word and in order (lines printed by tasks, whose order Spark does
//! not fix, as a multiset), with the same number of Spark jobs. Where Spark failed, the run
//! must fail with the same exception, class and first line word for word, in the same batch:
//! `launch_*` pin down the task ids in such a message, which count tasks in the order local
//! mode launches them (a stage's tasks with an executor location first, then those with
//! none, then a shuffle's reduce tasks, whose host never matches the executor's); `class_names`
//! what `getClass` names; `match_error_*` the class a `MatchError` names (Java's:
//! `java.lang.String`), `char_at_out_of_range` Java 17's text for `charAt`. `npe_*`: Java
//! 17's `NullPointerException` messages for a method called on a null `String` (the Java
//! method, and what was null: a local, `x$N` for the file's Nth placeholder, `s$1` for what a
//! closure captured, `s$1.elem` for a captured `var`, `arr[0]`, a tuple's or case class's
//! field, `getOrElse`'s or `orNull`'s result), `StringOps`' calls (`"$this"`), `toInt` of null.
//! `npe_num_*`: which of scalac's made-up names count (`val (a, b) =`, a `for` pattern; not
//! `f _`, `xs: _*`, `case` lambdas, a one-variable pattern). `nk_*`: null keys through
//! shuffles (`reduceByKey`, `groupByKey`, joins, state, windows: the null key is placed in
//! partition 0 and hashes as 0), and sorts that meet one (`Ordering.String`'s NPE, `"x"` or
//! `"anotherString"` by which side was null). `nv_*`: null values (`a + b` on a null
//! `String` is `"null..."`, `Option(v)`, `case (k, null)`, `==` and interpolation, state);
//! `nm_collections`: nulls in local collections (`mkString`, `distinct`, `indexOf`, a
//! `Map`'s value) and `Boolean`s sorted (false first). `ord_*`: Scala's implicit orderings in
//! local sorts, `max` and RDD sorts: `Boolean`, `Option` (`None` first), `Char`, tuples,
//! `Double` in Java's total order (NaN last).
//! `zip_with_index_*`: Spark 4's `zipWithIndex` counts the nearest ancestor with the same
//! partition sizes (up through `map`, `keys`, `values`; not `filter`, `mapValues`; stopping
//! at a cached RDD), so the counting job calls none of those maps, and a `zipWithIndex` of a
//! `zipWithIndex`'s map reuses its start indices without a job. `task_context`:
//! `TaskContext.getPartitionId`/`get` in tasks (partition, stage, task id) and on the driver.
//! `local_def_*` and `obj_ssc_*`: a task's function that calls a `def` of `main`'s using the
//! `StreamingContext` is not serializable; members of the program's `object` (a `val ssc`
//! or a `def` beside `main`) are reached statically and run; an object-level instance a task
//! updates is the driver's own (`obj_instance_in_task`), where one of `main`'s cannot be sent
//! (`main_instance_in_task`). `extends_app*`: in `object P extends App` every `val`/`var` is
//! such a static field (tasks update the driver's `var`; the `StreamingContext` is not
//! captured). `custom_partitioner_one`: a map side that combines asks a one-partition
//! partitioner nothing (`ExternalSorter.shouldPartition`), one that does not asks it per
//! record; `*repartition_zero`: `repartition(0)` fails as `coalesce` requires. `stage_waves`:
//! a join's second side runs before the first side's later stage (task ids printed; stage
//! ids left out, which Spark draws from a hash set's order).
//!
//! What they pin down: an RDD's `reduceByKey`, `groupByKey` and joins without a partition
//! count use `Partitioner.defaultPartitioner` (the most partitions of their RDDs, or an
//! existing partitioner), not the cores; `spark.default.parallelism` when the program sets it;
//! a DStream's `groupByKey` hands out `ArrayBuffer`s and an RDD's `CompactBuffer`s, which print
//! as `Seq(...)` on Scala 2.13, as do the values `updateStateByKey` passes; `repartition(n)`
//! deals each partition's records from `XORShiftRandom(index).nextInt(n)` on (n of 1 to 13);
//! `new HashPartitioner(n)` where Spark takes a partitioner (a DStream's `combineByKey` needs
//! one; `reduceByKey`, `updateStateByKey`, `partitionBy`). The `p_*` cases are a wider net:
//! `countByValue`, `count`, `countByWindow`, `union`, `mapPartitions`, joins, `reduceByWindow`,
//! `reduce`, `take`/`first`/`isEmpty`, `cogroup`, `mapValues`/`flatMapValues`, `print(3)`,
//! several outputs, a window's `countByValue`, `local[3]`, `glom`. `fmt` and `s_*`: Scala's
//! side: `String.format` and the `f` interpolator (widths, flags, `%e`, `%.2f` of 1.005 is
//! `1.01`), doubles, longs, options, chars, nested tuples, a window's `filterFunc`. `m_*`:
//! `mapWithState`'s `stateSnapshots()` (and timeouts) in the order of Spark's
//! `OpenHashMapBasedStateMap`, over 34 batches, through its compactions at checkpoints.
//! `r_*`: an RDD's `distinct` (shuffled, or per partition when already partitioned), `keys`
//! and `values`; `subtract`/`subtractByKey` (`java.util.HashMap` order, the partitioner on the
//! record's key when the RDD is already partitioned), `intersection`, `groupBy`, `cartesian`,
//! `zip`, `lookup`, `takeSample`, and `coalesce`: neighbours in ranges without locations, else
//! Spark's coalescer drawing from `Random(7919)`, with the locations Spark's scheduler sees
//! (a shuffle's non-empty outputs once its map side ran; cached partitions, but not those
//! cached by the job just before, whose locations the scheduler keeps until the next job);
//! `unpersist`, `partitioner` (`Some(org.apache.spark.HashPartitioner@3)`), `setName`,
//! `toLocalIterator` (a job per partition), and an RDD's own `checkpoint()` (written by a job
//! after the first job over it, from the cache when persisted, then read back).
//! `acc_*`: accumulators (`long`, `double`, `collection`): a task's `value` is its own
//! additions, the driver's the sum of all tasks', counted again when an uncached RDD is
//! computed by a second job. `range_partitioner_print`: a `RangePartitioner`'s `getPartition`
//! and its `toString` (the hash of its bounds). `try_*`: `try`/`catch`/`finally` in tasks and
//! on the driver (a failed job's `SparkException` caught), `scala.util.Try`'s values.
//! `local_collections2`: `sortWith`, `grouped`, `sliding`, `padTo`, `fill`, `tabulate`.
//! `cc_*`: case classes (at top level, in the object, inside `main`): keys placed by their
//! `productHash` (fields of every type, nested, none), `toString`, `==`, defaults, named
//! arguments, `copy`, body methods, `Product`'s members, patterns `Word(t, n)` with guards and
//! literals, `Success`/`Failure` patterns, `e.getClass.getSimpleName`, case classes as
//! `updateStateByKey` and `mapWithState` state (`StateSpec.function(track _)`), printed from
//! tasks; `cc_adt`: a `sealed trait`, case classes and a `case object` extending it
//! (`case Heartbeat =>`, `e: Event`, the object as a key), `case Array(a, b)` and
//! `case List(...)` patterns. `s_double_keys`: a tuple key holding `0.25` hashes it as the float it fits (Scala's
//! `##`), a `Double` key by `Double.hashCode`. `q_*`: `queueStream` one RDD a batch, all of
//! them as one `UnionRDD` (`oneAtATime = false`), its `defaultRDD` when the queue is empty.
//! `starved_jobs`: with `local[1]` the receiver holds the only core; Spark's job executor
//! submits the first batch's first job, which waits forever, and no other.
//! `log_org_error`: log4j's `Logger`/`Level` run. `mut_buffers`: an `ArrayBuffer`'s updates
//! and `arr(i) = x`; a driver buffer appended to in `rdd.foreach` stays empty on the driver
//! (each task appends to its own deserialized copy). `obj_vars`: but an object-level `var`
//! or buffer (`object Main { var count = 0 }`) is a static field, which in local mode the
//! tasks share with the driver: the driver sees their updates, unlike `main`'s own `var`s.
//! `lazy_vals`: a `lazy val` of `main` that a task uses before the driver does runs in every
//! task (each deserializes the unset `LazyRef`), then once on the driver, and later tasks get
//! its value; an object-level one runs once, in the first task; an unused one never. `s_idioms`: `reduceOption`,
//! `maxOption`, `maxByOption`, `collect { case ... }` on local collections, `println(a, b)`.
//! `fs_*`, `saveastext`: `saveAsTextFiles` and `rdd.saveAsTextFile` print nothing and run one
//! job; the RDD they make takes an id (`saveAsObjectFile` two); saving every batch to one
//! fixed directory does not fail inside a streaming job. The rest of that round:
//! `transformWith`, `StateSpec.initialState`/`numPartitions`, `updateStateByKey` with an
//! initial RDD, `State.remove`, `combineByKey`, `zipWithIndex`, `aggregate`, `foreachRDD`
//! with its time, `sliding`, `groupBy(identity)`, `countByValueAndWindow`, `ssc.union`.
//! `either_*`: `Left`/`Right` as keys (placed by their `productHash`), in patterns, and
//! Either's right-biased methods. `mm_*`: `mutable.Map`/`HashMap` and `mutable.Set`/`HashSet`
//! in Scala 2.13's table order (buckets of the improved hash, each in hash order; the table
//! doubles before the put that reaches three quarters, an update too; `mutable.Map(a -> 1)`
//! starts at 8), their updates (`m(k) = v`, `m(k) += 1`, `put`, `remove`,
//! `getOrElseUpdate`, `+=`, `add`), `filter`/`map` into new tables, `xs: _*`, and a driver's
//! map updated in `foreachRDD` while tasks update their own copies. `q_*` (a third round):
//! names imported from `scala.collection.mutable` (`HashMap`, `ListBuffer`), `split(re, n)`,
//! `stripPrefix`, `asDigit`, `math.round`/`floor`/`ceil`/`log10`/`Pi`, Java's
//! `String.format`, a broadcast `Set`, `window(...).countByValue()`, typed
//! `reduceByKeyAndWindow` lambdas, `%05.1f`, a DStream's own `checkpoint(interval)`.

use std::path::Path;

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::Detail;
use serde_json::Value as Json;

/// Cases whose lines come from tasks (their order between tasks is not Spark's to keep).
const TASK_PRINTS: &[&str] = &[
    "usbk_vals",
    "cc_task_print",
    "mut_buffers",
    "lazy_vals",
    "fp_print",
];

/// `toDebugString`'s lines as both sides can print them: the oracle runs the program as
/// `OracleProgram.scala` and feeds its input as a `ParallelCollectionRDD` made in its own
/// `Oracle.scala`, where the playground names a bare body `<console>` (as spark-shell does)
/// and its input a receiver's `BlockRDD` at `socketTextStream`, as Spark does; and a cached
/// partition's `MemorySize` is Spark's `SizeEstimator`'s, which the playground estimates.
fn lineage_as_compared(s: &str) -> String {
    if !s.contains("RDD[") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        let mut l = line.replace("OracleProgram.scala:", "<console>:");
        if let Some(at) = l.find("ParallelCollectionRDD[") {
            if l.contains(" at ReceiverInputDStream at Oracle.scala:") {
                l = l.replacen("ParallelCollectionRDD[", "BlockRDD[", 1);
                let cut = l.find(" at ReceiverInputDStream").unwrap_or(at);
                let rest = l[cut..].split_once(" [").map_or("", |(_, r)| r).to_string();
                l = format!("{} at socketTextStream at <input> [{rest}", &l[..cut]);
            }
        } else if let Some(cut) = l.find(" at socketTextStream at ") {
            // `<console>:12` or, in a program's own object, `P.scala:11`.
            let rest = l[cut..].split_once(" [").map_or("", |(_, r)| r).to_string();
            l = format!("{} at socketTextStream at <input> [{rest}", &l[..cut]);
        }
        if let Some(i) = l.find("MemorySize: ") {
            if let Some(j) = l[i..].find(';') {
                l.replace_range(i..i + j, "MemorySize: _");
            }
        }
        out.push_str(&l);
    }
    out
}

fn sorted_lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.lines().collect();
    v.sort_unstable();
    v
}

#[test]
fn the_engine_prints_what_spark_printed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spark_oracle");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the fixtures")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".scenario.json")?.to_string())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 821, "{names:?}");
    for name in &names {
        let read = |ext: &str| {
            std::fs::read_to_string(dir.join(format!("{name}.{ext}.json"))).expect("a fixture")
        };
        let scenario: Scenario = serde_json::from_str(&read("scenario")).expect("a scenario");
        let spark: Json = serde_json::from_str(&read("trace")).expect("a trace");
        let ours = run(&scenario, Detail::Counts);
        // A fixture where Spark failed: the same exception, class and first line word for
        // word (task and stage numbers, ids included), in the same batch.
        let failed =
            |e: &dstream_engine::trace::TraceError| (e.class.clone(), e.message.clone(), e.time_ms);
        let spark_failed = |e: &Json| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (s("class"), s("message"), e["time_ms"].as_i64())
        };
        assert_eq!(
            ours.error.as_ref().map(failed),
            (!spark["error"].is_null()).then(|| spark_failed(&spark["error"])),
            "{name}: the run's exception"
        );
        assert_eq!(
            Some(ours.stdout_before.as_str()),
            spark["stdout_before"].as_str(),
            "{name}: what the driver printed before the first batch"
        );
        let batches = spark["batches"].as_array().expect("batches");
        assert_eq!(ours.batches.len(), batches.len(), "{name}");
        for (b, s) in ours.batches.iter().zip(batches) {
            assert_eq!(Some(b.time_ms), s["time_ms"].as_i64(), "{name}");
            let want = s["stdout"].as_str().expect("stdout");
            if TASK_PRINTS.contains(&name.as_str()) {
                assert_eq!(
                    sorted_lines(&b.stdout),
                    sorted_lines(want),
                    "{name} at {}",
                    b.time_ms
                );
            } else {
                assert_eq!(
                    lineage_as_compared(&b.stdout),
                    lineage_as_compared(want),
                    "{name} at {}",
                    b.time_ms
                );
            }
            assert_eq!(
                Some(u64::from(b.jobs)),
                s["spark_jobs"].as_u64(),
                "{name} jobs at {}",
                b.time_ms
            );
        }
    }
}

/// The oracle feeds each batch as `parallelize(lines, n)`, whose partitions have no location;
/// a receiver's blocks do (`BlockRDD.getPreferredLocations`: the block manager holding them,
/// the one host of local mode), so `coalesce` over them takes the coalescer's located path:
/// the groups a `Random(7919)` gives for five located partitions into two (the same path the
/// `r_coalesce_shuffled` and `r_coalesce_cached` cases pin down), not neighbours.
#[test]
fn coalesce_over_a_receivers_blocks_uses_their_location() {
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"t\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
        lines.foreachRDD(rdd => println(rdd.coalesce(2).glom().collect().map(_.mkString(\"|\")).mkString(\",\")))\n\
        ssc.start()\nssc.awaitTermination()\n";
    let mut scenario: Scenario = serde_json::from_value(serde_json::json!({
        "name": "blocks",
        "program": program,
        // One line per 200 ms block: five blocks in the first batch.
        "lines": [
            {"at_ms": 100, "text": "a"}, {"at_ms": 300, "text": "b"}, {"at_ms": 500, "text": "c"},
            {"at_ms": 700, "text": "d"}, {"at_ms": 900, "text": "e"}
        ],
        "run_batches": 1
    }))
    .expect("a scenario");
    let t = run(&scenario, Detail::Counts);
    assert_eq!(t.batches[0].input_partitions.len(), 5);
    assert_eq!(t.batches[0].stdout, "a|c|e,b|d\n");
    // The same five partitions given as the oracle gives them: ranges.
    scenario.input_partitions = Some(5);
    let t = run(&scenario, Detail::Counts);
    assert_eq!(t.batches[0].stdout, "a|b,c|d|e\n");
}
