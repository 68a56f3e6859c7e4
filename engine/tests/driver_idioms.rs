//! Driver-side idioms of Spark Streaming tutorials that are not about streams themselves:
//! quieting Spark's log with log4j (`Logger.getLogger("org").setLevel(Level.ERROR)`),
//! `StreamingContext.getOrCreate(dir, createContext _)`, a driver sleeping after `start`, an
//! `Array`'s or `ArrayBuffer`'s index errors, sequence patterns with `_*`, `new Array[T](n)`,
//! `Breaks`, and a `for` over options. (`queueStream`'s `oneAtATime` and `defaultRDD`, and
//! the job a starved run's executor takes, are kept from real Spark in `spark_oracle/q_*` and
//! `starved_jobs`.)

mod common;

use common::replay;
use dstream_engine::trace::Trace;

/// A `local[1]` program (so Spark warns about its receiver) after `log4j`.
fn local1_after(log4j: &str) -> Trace {
    let program = format!(
        "import org.apache.log4j.{{Level, Logger}}\n{log4j}\n\
         val conf = new SparkConf().setMaster(\"local[1]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         ssc.socketTextStream(\"localhost\", 9999).print()\n\
         ssc.start()\nssc.awaitTermination()\n"
    );
    replay(&program, &[&["a"]])
}

/// Whether the console shows Spark's `local[n]` warning.
fn warns(t: &Trace) -> bool {
    assert!(t.error.is_none(), "{:?}", t.error);
    let line = t
        .log
        .iter()
        .find(|l| l.message.contains("local[n], n > 1"))
        .expect("Spark's warning is logged");
    !line.hidden
}

#[test]
fn a_log4j_level_above_warn_hides_sparks_warnings_below_that_logger() {
    assert!(warns(&local1_after("")));
    assert!(!warns(&local1_after(
        "Logger.getLogger(\"org\").setLevel(Level.ERROR)"
    )));
    assert!(!warns(&local1_after(
        "Logger.getLogger(\"org.apache.spark\").setLevel(Level.OFF)"
    )));
    assert!(!warns(&local1_after(
        "Logger.getRootLogger.setLevel(Level.FATAL)"
    )));
    // Another logger's level, or WARN, leaves it; the nearest logger set decides.
    assert!(warns(&local1_after(
        "Logger.getLogger(\"akka\").setLevel(Level.ERROR)"
    )));
    assert!(warns(&local1_after(
        "Logger.getLogger(\"org\").setLevel(Level.WARN)"
    )));
    assert!(warns(&local1_after(
        "Logger.getLogger(\"org\").setLevel(Level.ERROR)\n\
         Logger.getLogger(\"org.apache.spark.streaming\").setLevel(Level.INFO)"
    )));
}

#[test]
fn a_logger_reports_its_name_and_level() {
    let t = local1_after(
        "val l = Logger.getLogger(\"org\")\nprintln(l.getLevel)\nl.setLevel(Level.ERROR)\n\
         println(l.getName + \" \" + l.getLevel + \" \" + Logger.getRootLogger.getName)",
    );
    assert_eq!(t.stdout_before, "null\norg ERROR root\n");
    let bad = local1_after("Logger.getLogger(\"org\").setLevel(\"ERROR\")");
    let e = bad.error.expect("a String is not a Level");
    assert!(e.message.contains("required Level"), "{}", e.message);
}

#[test]
fn get_or_create_takes_the_factory_as_a_method_value() {
    let program = "object Main {\n\
        def createContext(): StreamingContext = {\n\
          val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"goc\")\n\
          val ssc = new StreamingContext(conf, Seconds(1))\n\
          ssc.checkpoint(\"cp\")\n\
          ssc.socketTextStream(\"localhost\", 9999).flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).print()\n\
          ssc\n\
        }\n\
        def main(args: Array[String]): Unit = {\n\
          val ssc = StreamingContext.getOrCreate(\"cp\", createContext _)\n\
          ssc.start()\n\
          ssc.awaitTermination()\n\
        }\n\
      }\n";
    let t = replay(program, &[&["a b a"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    let out = &t.batches[0].stdout;
    assert!(out.contains("(a,2)") && out.contains("(b,1)"), "{out}");
}

/// Spark's `QueueStream` example: after `ssc.start()` the driver enqueues an RDD, sleeps,
/// enqueues the next... `end` closes `main` (`ssc.stop()`, or nothing: the JVM exits).
fn queue_program(sleep_ms: u32, end: &str) -> String {
    format!(
        "import scala.collection.mutable\nimport org.apache.spark.rdd.RDD\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val rddQueue = new mutable.Queue[RDD[Int]]()\n\
         ssc.queueStream(rddQueue).foreachRDD(rdd => println(rdd.collect().mkString(\",\")))\n\
         ssc.start()\n\
         for (i <- 1 to 3) {{\n\
           rddQueue.synchronized {{ rddQueue += ssc.sparkContext.makeRDD(Seq(i, i * 10)) }}\n\
           Thread.sleep({sleep_ms})\n\
         }}\n{end}\n"
    )
}

#[test]
fn a_driver_that_sleeps_after_start_feeds_later_batches_and_stops_when_it_is_done() {
    // Enqueued at 0, 1 s and 2 s: the batches at 1, 2 and 3 s take one each; the driver
    // stops at 3 s, so no batch after it runs even though the scenario has five.
    for end in ["ssc.stop()", ""] {
        let t = replay(&queue_program(1000, end), &[&[], &[], &[], &[], &[]]);
        assert!(t.error.is_none(), "{:?}", t.error);
        let printed: Vec<&str> = t.batches.iter().map(|b| b.stdout.as_str()).collect();
        assert_eq!(printed, ["1,10\n", "2,20\n", "3,30\n"], "{end:?}");
        assert!(t.log.iter().all(|l| !l.message.contains("main() returned")));
    }
    // Sleeping 2 s between enqueues: every other batch finds the queue empty.
    let empty: &[&str] = &[];
    let t = replay(&queue_program(2000, "ssc.stop()"), &[empty; 8]);
    let printed: Vec<&str> = t.batches.iter().map(|b| b.stdout.as_str()).collect();
    assert_eq!(printed, ["1,10\n", "\n", "2,20\n", "\n", "3,30\n", "\n"]);
}

#[test]
fn stopping_right_after_start_runs_no_batch_and_says_why() {
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        ssc.socketTextStream(\"localhost\", 9999).print()\n\
        ssc.start()\nssc.stop()\n";
    let t = replay(program, &[&["a"], &["b"]]);
    assert!(t.batches.is_empty());
    assert!(t.log.iter().any(|l| l.message.contains("main() returned")));
}

#[test]
fn a_stopped_context_does_not_start_again() {
    // Spark's `StreamingContext.start` in state `STOPPED` (stopped before it started, or
    // right after): "StreamingContext has already been stopped"; no batch runs.
    for before in ["ssc.start()\nssc.stop()\n", "ssc.stop(false)\n"] {
        let program = format!(
            "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n\
             ssc.socketTextStream(\"localhost\", 9999).print()\n\
             {before}ssc.start()\nssc.awaitTermination()\n"
        );
        let t = replay(&program, &[&["a"], &["b"]]);
        let e = t.error.as_ref().expect("an error");
        assert_eq!(e.class, "java.lang.IllegalStateException", "{before:?}");
        assert_eq!(e.message, "StreamingContext has already been stopped");
        assert!(t.batches.is_empty());
    }
}

#[test]
fn stopping_in_a_batchs_driver_code_makes_that_batch_the_last() {
    // Spark 4.3.0 (spark-oracle): `ssc.stop(false)` in `foreachRDD` when a batch holds more
    // than one line; that batch prints, and no later batch runs a job.
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
        lines.foreachRDD { (rdd, t) =>\n\
          println(t + \" \" + rdd.count())\n\
          if (rdd.count() > 1) ssc.stop(false)\n\
        }\n\
        ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[&["a"], &["b", "c"], &[], &["d"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    let printed: Vec<&str> = t.batches.iter().map(|b| b.stdout.as_str()).collect();
    assert_eq!(printed, ["1000 ms 1\n", "2000 ms 2\n"]);
}

#[test]
fn the_wall_clock_reads_virtual_time() {
    // Spark's differs on every run (the checker says so beside the code); here it is the
    // driver's clock before the batches, then the batch's time plus what it has slept.
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
        println(\"start \" + System.currentTimeMillis)\n\
        lines.foreachRDD { rdd =>\n\
          val t = System.currentTimeMillis()\n\
          Thread.sleep(250)\n\
          println(s\"$t ${System.currentTimeMillis() - t} ${System.nanoTime() / 1000000}\")\n\
        }\n\
        ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[&["a"], &["b"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "start 0\n");
    let printed: Vec<&str> = t.batches.iter().map(|b| b.stdout.as_str()).collect();
    assert_eq!(printed, ["1000 250 1250\n", "2000 250 2250\n"]);
}

#[test]
fn an_object_beside_a_bare_body_is_a_helper_as_in_a_whole_program() {
    // A snippet (statements outside any object are `main`'s) with an object among them: the
    // object is a helper its code calls, on the driver and in tasks, exactly as the same
    // object beside `object P { def main ... }` in a whole program (was: the helper was
    // taken for the program's object, and its name was not found).
    let helper =
        "object Words {\n  val stop = Set(\"a\")\n  def clean(s: String) = s.trim.toLowerCase\n}\n";
    let body = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
        println(Words.clean(\" Hi \") + Words.stop.size)\n\
        lines.flatMap(_.split(\" \")).map(Words.clean).filter(w => !Words.stop(w)).countByValue().print()\n\
        ssc.start()\nssc.awaitTermination()\n";
    let whole = format!(
        "import org.apache.spark.SparkConf\nimport org.apache.spark.streaming._\n{helper}\
         object P {{\n  def main(args: Array[String]): Unit = {{\n{body}  }}\n}}\n"
    );
    let batches: &[&[&str]] = &[&["A b a", "B"], &["c"]];
    let snippet = replay(&format!("{helper}{body}"), batches);
    let program = replay(&whole, batches);
    assert!(snippet.error.is_none(), "{:?}", snippet.error);
    assert!(program.error.is_none(), "{:?}", program.error);
    assert_eq!(snippet.stdout_before, "hi1\n");
    assert_eq!(snippet.stdout_before, program.stdout_before);
    let out = |t: &Trace| {
        t.batches
            .iter()
            .map(|b| b.stdout.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(out(&snippet), out(&program));
    assert!(out(&snippet)[0].contains("(b,2)"), "{:?}", out(&snippet));
}

#[test]
fn array_of_dim_and_floor_mod_as_the_jvm() {
    // `Array.ofDim[T]`: the element type's zero, rows of rows for two sizes; a negative size
    // is the JVM's NegativeArraySizeException; floorMod/floorDiv round toward -infinity and
    // divide by zero as Java does.
    let run = |body: &str| {
        let program = format!(
            "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n\
             val lines = ssc.socketTextStream(\"localhost\", 9999)\n{body}\nlines.print()\n\
             ssc.start()\nssc.awaitTermination()\n"
        );
        replay(&program, &[&["a"]])
    };
    let t = run("val g = Array.ofDim[Double](2, 3)\n\
         println(g.map(_.mkString(\",\")).mkString(\";\") + \" \" + Array.ofDim[Boolean](2).toList)\n\
         println(Math.floorMod(-7, 3) + \" \" + Math.floorDiv(-7L, 2))");
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.stdout_before,
        "0.0,0.0,0.0;0.0,0.0,0.0 List(false, false)\n2 -4\n"
    );
    let t = run("println(Array.ofDim[Int](-2).length)");
    let e = t.error.expect("refused");
    assert_eq!(
        (e.class.as_str(), e.message.as_str()),
        ("java.lang.NegativeArraySizeException", "-2")
    );
    let t = run("println(Math.floorMod(7, 0))");
    let e = t.error.expect("refused");
    assert_eq!(
        (e.class.as_str(), e.message.as_str()),
        ("java.lang.ArithmeticException", "/ by zero")
    );
}

#[test]
fn nested_element_updates_reach_the_innermost_collection() {
    // `g(r)(c) = x` is `g(r).update(c, x)`: the row is updated in place, so `g` shows it, also
    // through a mutable map's value or an immutable list's element; an index out of range is
    // the JVM's exception of the level it names.
    let run = |body: &str| {
        let program = format!(
            "import scala.collection.mutable\n\
             val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n\
             val lines = ssc.socketTextStream(\"localhost\", 9999)\n{body}\nlines.print()\n\
             ssc.start()\nssc.awaitTermination()\n"
        );
        replay(&program, &[&["a"]])
    };
    let t = run(
        "val g = Array.ofDim[Int](2, 3)\ng(1)(2) = 5\ng(0)(0) += 7\n\
         val m = mutable.Map(\"a\" -> Array(1, 2))\nm(\"a\")(1) *= 10\n\
         val d = mutable.Map(\"x\" -> mutable.Map(\"y\" -> 1))\nd(\"x\")(\"y\") += 1\n\
         d(\"x\")(\"z\") = 3\nval rows = List(Array(1), Array(2))\nrows(1)(0) = 9\n\
         println(g.map(_.toList).toList + \" \" + m(\"a\").toList + \" \" + d + \" \" + \
         rows.map(_.toList))",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.stdout_before,
        "List(List(7, 0, 0), List(0, 0, 5)) List(1, 20) HashMap(x -> HashMap(y -> 2, z -> 3)) \
         List(List(1), List(9))\n"
    );
    for (body, want) in [
        (
            "val g = Array.ofDim[Int](2, 3)\ng(2)(0) = 1",
            "java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 2",
        ),
        (
            "val g = Array.ofDim[Int](2, 3)\ng(0)(3) = 1",
            "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3",
        ),
        (
            "val d = mutable.Map(\"x\" -> mutable.Map(\"y\" -> 1))\nd(\"q\")(\"y\") = 1",
            "java.util.NoSuchElementException: key not found: q",
        ),
    ] {
        let e = run(body).error.expect("refused");
        assert_eq!(format!("{}: {}", e.class, e.message), want);
    }
}

#[test]
fn histogram_by_bucket_count_spaces_its_buckets_in_double_arithmetic() {
    // Spark 4.3's `histogram(n)`: `min + (s * span) / n` for each step, the maximum last, then
    // even buckets (the last closed); a count below one leaves the maximum alone, which the
    // buckets' own check refuses. Worked out by hand from those rules (`0.1 + 1 * 0.6 / 3` is
    // not 0.3 in doubles); the oracle fixture `histogram_of_bucket_count` asks Spark.
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val r = ssc.sparkContext.parallelize(Seq(0.1, 0.7, 0.35, 0.2))\n\
         val (b, c) = r.histogram(3)\n\
         println(b.toList + \" \" + c.toList)\n\
         println(r.map(_ => 5.0).histogram(4)._1.toList)\n\
         println(r.histogram(0))\n";
    let t = replay(program, &[&["a"]]);
    let (a, b) = (0.1f64, 0.7f64);
    let step = |s: f64| a + (s * (b - a)) / 3.0;
    assert_eq!(
        t.stdout_before,
        format!(
            "List(0.1, {:?}, {:?}, 0.7) List(2, 1, 1)\nList(5.0, 5.0)\n",
            step(1.0),
            step(2.0)
        )
    );
    let e = t.error.expect("histogram(0) fails");
    assert_eq!(e.class, "java.lang.IllegalArgumentException");
    assert_eq!(e.message, "buckets array must have at least two elements");
}

#[test]
fn element_updates_out_of_range_fail_with_the_jvms_text() {
    // Each text as Spark 4.3.0's JVM (Scala 2.13) gives it, asked through py4j.
    let run = |body: &str| {
        let program = format!(
            "import scala.collection.mutable.ArrayBuffer\n\
             val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"m\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n{body}\n"
        );
        let t = replay(&program, &[&["a"]]);
        let e = t.error.expect("an error");
        format!("{}: {}", e.class, e.message)
    };
    assert_eq!(
        run("val a = Array(1, 2, 3)\na(3) = 0"),
        "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3"
    );
    assert_eq!(
        run("val b = ArrayBuffer(1)\nb.remove(1)"),
        "java.lang.IndexOutOfBoundsException: 1 is out of bounds (min 0, max 0)"
    );
    assert_eq!(
        run("val b = ArrayBuffer[Int]()\nb(0) = 1"),
        "java.lang.IndexOutOfBoundsException: 0 is out of bounds (min 0, max -1)"
    );
    // Scala's bounds check names the last index the insertion would need.
    assert_eq!(
        run("val b = ArrayBuffer(1)\nb.insert(3, 1)"),
        "java.lang.IndexOutOfBoundsException: 2 is out of bounds (min 0, max 0)"
    );
}

#[test]
fn collections_by_their_package_after_importing_it() {
    let program = "import scala.collection.mutable\n\
        import org.apache.spark.rdd.RDD\n\
        val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"p\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        val b = mutable.ArrayBuffer[Int]()\nb += 1\n\
        println(b :+ 2)\n\
        println(scala.collection.immutable.List(1, 2).size)\n\
        val q = mutable.Queue[RDD[Int]]()\n\
        q += ssc.sparkContext.makeRDD(Seq(7))\n\
        ssc.queueStream(q).print()\n\
        ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[&[]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "ArrayBuffer(1, 2)\n2\n");
    assert!(
        t.batches[0].stdout.contains("\n7\n"),
        "{}",
        t.batches[0].stdout
    );
    // A mutable collection the playground does not have is refused, saying which it has.
    let t = replay(
        "import scala.collection.mutable\nval m = mutable.PriorityQueue[Int]()\n",
        &[&[]],
    );
    let e = t.error.expect("refused");
    assert!(
        e.message.contains("`mutable.PriorityQueue`"),
        "{}",
        e.message
    );
    assert!(e.message.contains("Stack"), "{}", e.message);
    assert!(e.message.contains("HashMap (Map)"), "{}", e.message);
    assert!(e.message.contains("LinkedHashMap"), "{}", e.message);
}

#[test]
fn names_imported_from_scala_s_mutable_collections_are_the_mutable_ones() {
    let run = |program: &str| {
        let t = replay(program, &[]);
        assert!(t.error.is_none(), "{:?}", t.error);
        t.stdout_before
    };
    assert_eq!(
        run("import scala.collection.mutable.{ListBuffer => LB, Map}\n\
             val b = LB(1)\nb += 2\nprintln(b)\n\
             val m = Map(\"a\" -> 1)\nm(\"b\") = 2\nm(\"a\") += 10\nprintln(m)\n"),
        "ListBuffer(1, 2)\nHashMap(a -> 11, b -> 2)\n"
    );
    // A wildcard import makes `Set` the mutable one; without it, `Set` stays immutable.
    assert_eq!(
        run("import scala.collection.mutable._\nval s = Set(1)\ns += 2\nprintln(s)\n"),
        "HashSet(1, 2)\n"
    );
    assert_eq!(run("val s = Set(1)\nprintln(s + 2)\n"), "Set(1, 2)\n");
}

#[test]
fn an_indexed_seq_is_a_vector_as_in_scala_2_13() {
    // What Scala 2.13 prints for `IndexedSeq(...)` and its empty `head` (Spark 4.3.0's JVM).
    let program = "import scala.util.Try\n\
        val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
        val ssc = new StreamingContext(conf, Seconds(1))\n\
        println(IndexedSeq(1, 2, 3).map(_ * 2))\n\
        println(Try(IndexedSeq[Int]().head).failed.get.getMessage)\n\
        ssc.socketTextStream(\"localhost\", 9999).print()\n\
        ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[&["a"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "Vector(2, 4, 6)\nempty.head\n");
}

#[test]
fn a_sequence_pattern_takes_the_rest_with_an_underscore_star() {
    // `case Array(k, v, rest @ _*)`, the tutorials' way to split a line or `args`: the rest
    // of an array is an `ArraySeq`, of a list a `List` (Scala 2.13; `spark_oracle/
    // seq_rest_patterns`).
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         println(List(\"k=1\", \"j\", \"m=2=3\").map(_.split(\"=\")).map {\n\
           case Array(k) => k\n\
           case Array(k, v, rest @ _*) => k + v + rest\n\
         })\n\
         List(1, 2, 3) match { case List(h, rest @ _*) => println(h + \" \" + rest) }\n\
         List(1) match { case List(_, _, _*) => println(\"two+\") case _ => println(\"short\") }\n\
         ssc.socketTextStream(\"localhost\", 9999).map(_.split(\" \")).map {\n\
           case Array(w, rest @ _*) => w + \":\" + rest.size\n\
         }.print()\n\
         ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[&["a b c"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.stdout_before,
        "List(k1ArraySeq(), j, m2ArraySeq(3))\n1 List(2, 3)\nshort\n"
    );
    assert!(
        t.batches[0].stdout.contains("\na:2\n"),
        "{}",
        t.batches[0].stdout
    );
}

#[test]
fn a_new_array_of_a_type_holds_its_zeros() {
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val counts = new Array[Int](3)\nval names = new Array[String](2)\ncounts(1) += 5\n\
         println(counts.toList + \" \" + names.toList + \" \" + new Array[Double](1).toList)\n\
         ssc.socketTextStream(\"localhost\", 9999).print()\n\
         ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.stdout_before,
        "List(0, 5, 0) List(null, null) List(0.0)\n"
    );
}

#[test]
fn a_break_ends_its_breakable_and_outside_one_is_scalas_break_control() {
    // Asked of Spark 4.3.0 (`spark_oracle/breaks_driver` for the loops): an uncaught `break`
    // in `main` is `BreakControl` itself, in a task the job's failure.
    let run = |body: &str| {
        let program = format!(
            "import scala.util.control.Breaks._\n\
             val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n\
             val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
             {body}\nssc.start()\nssc.awaitTermination()\n"
        );
        replay(&program, &[&["a"], &["spark"]])
    };
    let t = run(
        "breakable { for (i <- 1 to 10) { if (i > 2) break; println(i) } }\n\
         breakable { try { break } catch { case e: Exception => println(\"caught\") }; println(\"not here\") }\n\
         lines.print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    // `case e: Exception` does not catch it: it is no `Exception`.
    assert_eq!(t.stdout_before, "1\n2\n");
    let t = run(
        "println(\"before\")\nfor (i <- 1 to 3) { if (i == 2) break; println(i) }\nlines.print()",
    );
    let e = t.error.expect("an uncaught break stops main");
    assert_eq!(
        (e.class.as_str(), e.message.as_str()),
        ("scala.util.control.BreakControl", "")
    );
    assert_eq!(t.stdout_before, "before\n1\n");
    let t = run("lines.foreachRDD { rdd => rdd.foreach { l => if (l.contains(\"spark\")) break }; println(\"done\") }");
    let e = t.error.expect("the task's break fails the job");
    assert!(
        e.message
            .ends_with("(localhost executor driver): scala.util.control.BreakControl"),
        "{e:?}"
    );
    assert_eq!(t.batches[0].stdout, "done\n");
}

#[test]
fn a_for_over_options_yields_an_option() {
    // `Some(1).flatMap(a => opt.withFilter(...).map(...))`: `Some` of the one value or `None`
    // (it gave a `List`; `spark_oracle/for_option_yield`).
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         def parse(s: String): Option[Int] = scala.util.Try(s.toInt).toOption\n\
         println(for { a <- parse(\"4\"); b <- parse(\"5\") if b > 1 } yield a * b)\n\
         println(for { a <- parse(\"4\"); b <- parse(\"x\") } yield a * b)\n\
         println(for (x <- List(1, 2)) yield x)\n\
         ssc.socketTextStream(\"localhost\", 9999).print()\n\
         ssc.start()\nssc.awaitTermination()\n";
    let t = replay(program, &[]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "Some(20)\nNone\nList(1, 2)\n");
}

/// A program on a socket stream `lines`, with `extra` after the stream's definition.
fn words_program(extra: &str) -> String {
    format!(
        "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
         {extra}\nssc.start()\nssc.awaitTermination()\n"
    )
}

#[test]
fn take_ordered_of_a_negative_count_fails_its_tasks_with_guavas_words() {
    // Spark 4.3.0 (oracle): each task's `Ordering.leastOf(items, k)` refuses k < 0; which of
    // the parallel tasks is reported first varies, so this is no oracle fixture.
    let t = replay(
        &words_program("lines.foreachRDD { rdd => println(rdd.takeOrdered(-2).toList) }"),
        &[&["hello hi"]],
    );
    let e = t.error.expect("the job fails");
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert!(
        e.message
            .ends_with("java.lang.IllegalArgumentException: k cannot be negative but was: -2"),
        "{}",
        e.message
    );
    // `top(0)` and `takeOrdered(0)` run no job and give nothing.
    let t = replay(
        &words_program("lines.foreachRDD { rdd => println(rdd.top(0).toList) }"),
        &[&["hello hi"]],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.batches[0].stdout, "List()\n");
}

#[test]
fn a_stack_overflow_is_an_error_that_case_exception_lets_through() {
    // scala.util.control: `StackOverflowError` is a `VirtualMachineError`, an `Error`; a
    // `catch { case e: Exception => }` does not catch it, a `case e: Throwable` does.
    let program = |case: &str| {
        words_program(&format!(
            "def f(n: Int): Int = 1 + f(n + 1)\n\
             val r = try {{ f(0).toString }} catch {{ case e: {case} => \"caught\" }}\n\
             println(r)\nlines.print()"
        ))
    };
    let t = replay(&program("Throwable"), &[&["a"]]);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "caught\n");
    let t = replay(&program("Exception"), &[&["a"]]);
    assert_eq!(
        t.error.map(|e| e.class).as_deref(),
        Some("java.lang.StackOverflowError")
    );
}

#[test]
fn a_lambda_of_two_parameters_is_not_given_a_pair_spread_over_them() {
    // Scala 2.13 does not untuple: `m.foreach((k, v) => ...)` does not compile (scalac's
    // "missing parameter type" with its note, oracle `p113`); where the checker does not know
    // the elements are pairs (a `Map` literal) the run stops there with scalac's words. A
    // pattern-matching function, a typed one of the pair, and a `def` of two parameters
    // given two values run.
    let t = replay(
        &words_program("Map(\"a\" -> 1).foreach((k, v) => println(k))\nlines.print()"),
        &[&["a"]],
    );
    let e = t.error.expect("an error");
    assert_eq!(e.message, "missing parameter type");
    let full = e.message_full.unwrap_or_default();
    assert!(
        full.contains("requires a one-argument function accepting a 2-Tuple")
            && full.contains("`{ case (k, v) =>  ... }`"),
        "{full}"
    );
    let t = replay(
        &words_program(
            "Map(\"a\" -> 1).foreach { case (k, v) => println(k + v) }\n\
             Map(\"b\" -> 2).foreach((kv: (String, Int)) => println(kv._1))\n\
             println(Map(\"c\" -> 3).foldLeft(0)((acc, kv) => acc + kv._2))\nlines.print()",
        ),
        &[&["a"]],
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "a1\nb\n3\n");
}

#[test]
fn a_sorted_collection_with_an_ordering_of_its_own_is_refused_with_the_way_round() {
    // The playground's `TreeMap`s and `TreeSet`s keep their keys' natural order (oracle
    // fixtures `tree_*`); one given another `Ordering` would print in the wrong order, so it
    // is refused, naming what runs. (On Spark: `TreeSet(3, 2, 1)`.)
    for (body, class) in [
        (
            "val t = scala.collection.immutable.TreeSet(3, 1, 2)(Ordering.Int.reverse)",
            "TreeSet",
        ),
        (
            "import scala.collection.immutable.TreeMap\n\
             val t = TreeMap.empty[Int, String](Ordering[Int].reverse)",
            "TreeMap",
        ),
        (
            "val t = mutable.TreeMap.empty[Int, String](Ordering[Int].reverse)",
            "TreeMap",
        ),
    ] {
        let program = format!(
            "import scala.collection.mutable\n\
             val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
             val ssc = new StreamingContext(conf, Seconds(1))\n{body}\nprintln(t)\n"
        );
        let e = replay(&program, &[&["a"]]).error.expect("refused");
        assert_eq!(e.class, "dstream.Unsupported", "{body}");
        assert!(
            e.message
                .contains(&format!("a {class} with an Ordering of its own"))
                && e.message.contains("sortBy"),
            "{body}: {}",
            e.message
        );
    }
}

#[test]
fn a_conversion_to_float_the_checker_could_not_see_is_refused_when_it_runs() {
    // A range's `foldLeft`, whose type the checker leaves open: the run refuses `toFloat` (it
    // said "value toFloat is not a member of Int", which scalac never says). A range's or a
    // `List[Int]`'s sum is refused before the run (diagnostics).
    let program = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"q\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val xs = 1 to 4\nprintln(xs.foldLeft(0)(_ + _).toFloat / xs.size)\n";
    let e = replay(program, &[&["a"]]).error.expect("refused");
    assert_eq!(e.class, "dstream.Unsupported");
    assert!(
        e.message.contains("`Float`, `Short` and `Byte`"),
        "{}",
        e.message
    );
}
