//! A program's own classes where Spark's answer is an error, which the oracle fixtures
//! (`spark_oracle/class_*`, asked of Spark 4.3.0) cannot keep: an instance of a class that is
//! not `Serializable` in a function sent to tasks, and a partitioner that places a key outside
//! its partitions. The texts are Spark's (the oracle's runs of `class_not_serializable`,
//! `class_rdd_not_ser` and `class_bad_part`), with the class's name unqualified, as a program
//! without a package has it.

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace};

/// A whole program: `classes` beside `object P`, `body` in `main` after `lines`.
fn replay(classes: &str, body: &str) -> Trace {
    replay_with(classes, body, Detail::Counts)
}

/// [`replay`], recording `detail`.
fn replay_with(classes: &str, body: &str, detail: Detail) -> Trace {
    let program = format!(
        "import org.apache.spark.SparkConf\nimport org.apache.spark.streaming._\n{classes}\n\
         object P {{\n  def main(args: Array[String]): Unit = {{\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"p\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n{body}\n\
         ssc.start()\nssc.awaitTermination()\n  }}\n}}\n"
    );
    run(
        &Scenario {
            name: "classes".into(),
            program,
            batches: Some(vec![vec!["a b".into(), "c d".into()], vec!["e".into()]]),
            ..Scenario::default()
        },
        detail,
    )
}

const HELPER: &str =
    "class Helper(val sep: String) {\n  def join(a: String, b: String) = a + sep + b\n}";

#[test]
fn an_instance_that_cannot_serialize_fails_where_the_function_is_handed_to_spark() {
    // A DStream's `map` cleans its function when it is called: before the first batch.
    let t = replay(
        HELPER,
        "val h = new Helper(\"-\")\nprintln(h.join(\"a\", \"b\"))\nlines.map(l => h.join(l, \"!\")).print()",
    );
    let e = t.error.expect("Task not serializable");
    assert_eq!(
        (e.phase.as_str(), e.class.as_str(), e.message.as_str()),
        (
            "build",
            "org.apache.spark.SparkException",
            "Task not serializable"
        )
    );
    let cause = &e.causes[0];
    assert!(
        cause.starts_with(
            "java.io.NotSerializableException: Helper\nSerialization stack:\n\t- object not \
             serializable (class: Helper, value: Helper@"
        ),
        "{cause}"
    );
    assert_eq!(t.stdout_before, "a-b\n");
    assert!(t.batches.is_empty());

    // An RDD's `map` inside `foreachRDD`: in the batch, on the driver, where it is called.
    let t = replay(
        HELPER,
        "val h = new Helper(\"-\")\nlines.foreachRDD { rdd =>\n  println(\"batch\")\n  \
         println(rdd.map(l => h.join(l, \"!\")).collect().toList)\n}",
    );
    let e = t.error.expect("Task not serializable");
    assert_eq!(
        (e.phase.as_str(), e.time_ms, e.message.as_str()),
        ("run", Some(1000), "Task not serializable")
    );
    assert_eq!(t.batches[0].stdout, "batch\n");

    // The same instance on the driver (`collect()` first), or one made inside the task's
    // function, is fine; so is a class that extends `Serializable`.
    let t = replay(
        HELPER,
        "val h = new Helper(\"-\")\nlines.foreachRDD { rdd =>\n  \
         println(rdd.collect().map(l => h.join(l, \"!\")).toList)\n  \
         println(rdd.mapPartitions { it => val local = new Helper(\"+\"); it.map(l => local.join(l, \"?\")) }.collect().toList)\n}",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(
        t.batches[0].stdout,
        "List(a b-!, c d-!)\nList(a b+?, c d+?)\n"
    );
    let t = replay(
        &HELPER.replace(
            "(val sep: String)",
            "(val sep: String) extends Serializable",
        ),
        "val h = new Helper(\"-\")\nlines.map(l => h.join(l, \"!\")).print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    // A name inside a string is not a use.
    let t = replay(
        HELPER,
        "val h = new Helper(\"-\")\nlines.map(l => l + \" h\").print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
}

#[test]
fn a_partition_outside_the_partitioners_range_fails_the_map_task() {
    let t = replay(
        "class Bad extends org.apache.spark.Partitioner {\n  def numPartitions = 2\n  \
         def getPartition(key: Any) = 5\n}",
        "lines.foreachRDD { rdd =>\n  println(rdd.map((_, 1)).partitionBy(new Bad).count())\n}",
    );
    let e = t.error.expect("the job fails");
    assert_eq!(
        e.message,
        "Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times, most recent \
         failure: Lost task 0.0 in stage 1.0 (TID 1) (localhost executor driver): \
         java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2"
    );
}

#[test]
fn members_follow_scalas_rules() {
    // A plain parameter is not a member; a `val` cannot be reassigned; a missing argument is
    // scalac's error.
    let class = "class Acc(val name: String, step: Int) extends Serializable {\n  var total = 0\n}";
    for (body, want) in [
        ("println(new Acc(\"a\", 1).step)", "value step is not a member of Acc"),
        ("val a = new Acc(\"a\", 1)\na.name = \"b\"", "reassignment to val"),
        (
            "println(new Acc(\"a\"))",
            "not enough arguments for constructor Acc: (name: String, step: Int): Acc. Unspecified \
             value parameter step.",
        ),
    ] {
        let e = replay(class, body).error.expect("refused");
        assert!(e.message.starts_with(want), "{body}: {}", e.message);
    }
    // Two names for one instance see one state; `eq` is identity, `==` too without `equals`.
    let t = replay(
        class,
        "val a = new Acc(\"a\", 1)\nval b = a\nb.total += 2\n\
         println(a.total + \" \" + (a eq b) + \" \" + (a == new Acc(\"a\", 1)))\nlines.print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "2 true false\n");
}

#[test]
fn a_to_string_that_never_ends_is_stopped_and_said_so() {
    // Printing runs the override in a budget of its own, far smaller than the run's: the page
    // stays responsive, and the run stops where the value was printed, saying why.
    let t = replay(
        "class Loop { override def toString: String = { var i = 0; while (true) i += 1; \"x\" } }",
        "println(\"before\")\nprintln(\"a \" + new Loop)\nprintln(\"after\")\nlines.print()",
    );
    let e = t.error.expect("stopped");
    assert!(
        e.message.starts_with("the program did too much work"),
        "{e:?}"
    );
    assert_eq!(t.stdout_before, "before\n");
    // A `toString` that calls itself overflows the stack, as on the JVM; `main` gets it.
    let t = replay(
        "class Rec { override def toString: String = \"r\" + toString }",
        "println(new Rec)\nlines.print()",
    );
    assert_eq!(
        t.error.expect("overflow").class,
        "java.lang.StackOverflowError"
    );
    assert_eq!(t.stdout_before, "");
}

#[test]
fn an_equals_override_is_asked_once_per_comparison() {
    // Scala's `a == b` on a reference is `a.equals(b)` once (after its null check); the
    // playground asked it twice. (Counted in the instance: an override runs in a runtime of
    // its own, `Instance::overridden`, whose prints do not reach the console yet.)
    let t = replay(
        "class K(val n: Int) {\n  var asked = 0\n  override def equals(o: Any): Boolean = { asked += 1; o match { case k: K => k.n == n; case _ => false } }\n  override def hashCode: Int = n\n}",
        "val a = new K(1)\nprintln(a == new K(1))\nprintln(a == new K(2))\nprintln(a.asked)\nlines.print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "true\nfalse\n2\n");
}

#[test]
fn a_sealed_class_is_a_class() {
    let t = replay(
        "sealed class Shape(val name: String) { def show = \"<\" + name + \">\" }\nclass Sq extends Shape(\"sq\")",
        "println(new Sq().show + \" \" + new Shape(\"c\").name)\nlines.print()",
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(t.stdout_before, "<sq> c\n");
}

#[test]
fn what_a_to_string_prints_is_the_programs_and_the_traces_records_print_nothing() {
    // The map's results are instances; the full trace records each call's result by its
    // `toString`, which prints: those prints are the playground's, not the program's. The
    // console is the same at either detail: the prints of `print()`'s own `toString` calls,
    // each before its element's line, as Spark's `println` of each element gives them.
    let class = "class P(n: Int) extends Serializable {\n  \
                 override def toString = { println(\"toString of \" + n); \"P\" + n }\n}";
    let body = "lines.map(l => new P(l.length)).print()";
    let counts = replay_with(class, body, Detail::Counts);
    let full = replay_with(class, body, Detail::Full);
    assert!(full.error.is_none(), "{:?}", full.error);
    let stdout = |t: &Trace| {
        t.batches
            .iter()
            .map(|b| b.stdout.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(stdout(&full), stdout(&counts));
    assert_eq!(
        full.batches[0].stdout,
        "-------------------------------------------\nTime: 1000 ms\n\
         -------------------------------------------\ntoString of 3\nP3\ntoString of 3\nP3\n\n"
    );
    let results: Vec<String> = full.batches[0]
        .call_records
        .iter()
        .map(|c| serde_json::to_value(&c.result).unwrap().to_string())
        .collect();
    assert_eq!(results, ["\"P3\"", "\"P3\""]);
}
