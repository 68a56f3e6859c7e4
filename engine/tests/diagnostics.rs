//! Diagnostics as a learner sees them: bad programs and the exact `line:col kind message`
//! lines they must produce (written by hand, from what the program means), the Chinese
//! rendering, the trace's `parse` error, and a robustness property: random and mutated
//! programs never panic or hang and always end in a trace or a diagnostic.

use dstream_engine::engine::run;
use dstream_engine::scala::diag::{Lang, LineIndex};
use dstream_engine::scala::parser::parse;
use dstream_engine::scenario::Scenario;
use dstream_engine::snippets::SNIPPETS;
use dstream_engine::trace::Detail;
use proptest::prelude::*;

/// Every diagnostic of `src`, one per line: `line:col kind message`.
fn render(src: &str, lang: Lang) -> String {
    let (_, diags) = parse(src);
    let idx = LineIndex::new(src);
    let mut out = String::new();
    for d in diags {
        let (l, c) = idx.line_col(d.span.start);
        out.push_str(&format!("{l}:{c} {} {}\n", d.kind, d.message_in(lang)));
    }
    out
}

fn check(src: &str, expected: &str) {
    assert_eq!(render(src, Lang::En), expected, "program:\n{src}");
}

const HEAD: &str = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
val ssc = new StreamingContext(conf, Seconds(1))\n\
val lines = ssc.socketTextStream(\"localhost\", 9999)\n";

#[test]
fn a_typo_in_a_dstream_method_names_the_type_and_the_nearest_method() {
    let src = format!(
        "{HEAD}val pairs = lines.flatMap(_.split(\" \")).map((_, 1))\n\
         pairs.reduceByKeyAndWindw(_ + _, Seconds(2)).print()\n\
         ssc.start()\nssc.awaitTermination()\n"
    );
    check(
        &src,
        "5:7 unknown_method value reduceByKeyAndWindw is not a member of org.apache.spark.streaming.dstream.DStream[(String, Int)]\ndid you mean reduceByKeyAndWindow?\n",
    );
}

#[test]
fn every_typo_is_reported_at_once() {
    let src = format!(
        "{HEAD}val words = lines.flatMap(_.splt(\" \"))\n\
         lines.map(w => (w, 1)).reduceByKey(_ + _).prnt()\n\
         lines.frobnicate()\n\
         ssc.awaitTerminaton()\n"
    );
    check(
        &src,
        "4:29 unknown_method value splt is not a member of String\ndid you mean split?\n\
         5:43 unknown_method value prnt is not a member of org.apache.spark.streaming.dstream.DStream[(String, Int)]\ndid you mean print?\n\
         6:7 unknown_method value frobnicate is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\n\
         7:5 unknown_method value awaitTerminaton is not a member of org.apache.spark.streaming.StreamingContext\ndid you mean awaitTermination?\n",
    );
}

#[test]
fn a_typo_on_the_conf_and_the_context() {
    check(
        "val conf = new SparkConf().setMastr(\"local[2]\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         ssc.sparkContext.setLogLvl(\"WARN\")\n",
        "1:28 unknown_method value setMastr is not a member of org.apache.spark.SparkConf\ndid you mean setMaster?\n\
         3:18 unknown_method value setLogLvl is not a member of org.apache.spark.SparkContext\ndid you mean setLogLevel?\n",
    );
}

#[test]
fn spark_contexts_and_confs_own_members_the_playground_does_not_run_are_unsupported() {
    // Real members, not typos: scalac compiles them (they said "not a member" before).
    check(
        "val conf = new SparkConf().setMaster(\"local[2]\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val sc = ssc.sparkContext\n\
         println(sc.textFile(\"/tmp/in\").count())\n\
         println(sc.applicationId)\n\
         println(sc.getConf.getAll.length)\n\
         println(sc.range(0, 4).sum() + sc.union(sc.parallelize(Seq(1)), sc.emptyRDD[Int]).count())\n",
        "4:12 unsupported not supported by the playground yet: `SparkContext.textFile`\n\
         5:12 unsupported not supported by the playground yet: `SparkContext.applicationId`\n\
         6:20 unsupported not supported by the playground yet: `SparkConf.getAll`\n",
    );
}

#[test]
fn rdd_methods_inside_foreach_rdd_are_checked_and_spark_only_ones_are_unsupported() {
    let src = format!(
        "{HEAD}val words = lines.map(w => (w, 1))\n\
         words.foreachRDD {{ rdd =>\n  rdd.colect().foreach(println)\n  rdd.pipe(\"grep a\")\n}}\n"
    );
    check(
        &src,
        "6:7 unknown_method value colect is not a member of org.apache.spark.rdd.RDD[(String, Int)]\ndid you mean collect?\n\
         7:7 unsupported not supported by the playground yet: `RDD.pipe`\n",
    );
    // Spark's approximate and asynchronous actions are Spark's, not typos.
    let src = format!(
        "{HEAD}lines.foreachRDD {{ rdd =>\n  println(rdd.countApproxDistinct())\n  rdd.countAsync()\n}}\n"
    );
    check(
        &src,
        "5:15 unsupported not supported by the playground yet: `RDD.countApproxDistinct`\n\
         6:7 unsupported not supported by the playground yet: `RDD.countAsync`\n",
    );
}

#[test]
fn an_rdds_actions_are_values_where_a_dstreams_namesakes_are_streams() {
    // `rdd.countByValue()` is a `Map` and `rdd.reduce(f)` a value (found by a differential
    // run against Spark: `toSeq` was refused as "not a member of RDD"); on a DStream both are
    // DStreams, whose members are still checked.
    let src = format!(
        "{HEAD}lines.foreachRDD {{ rdd =>\n  println(rdd.countByValue().toSeq.sorted)\n  \
         println(rdd.reduce(_ + _).length)\n}}\nlines.countByValue().toSeq\nlines.reduce(_ + _).length\n"
    );
    check(
        &src,
        "8:22 unknown_method value toSeq is not a member of org.apache.spark.streaming.dstream.DStream[(String, Long)]\n\
         9:21 unknown_method value length is not a member of org.apache.spark.streaming.dstream.DStream[String]\n",
    );
}

#[test]
fn a_dstreams_combine_by_key_needs_a_partitioner_where_an_rdds_does_not() {
    // Found by a differential run: scalac refuses the DStream's three-function form
    // ("not enough arguments for method combineByKey ... Unspecified value parameter
    // partitioner"); the RDD's has that overload.
    let f = "(v: Int) => v, (c: Int, v: Int) => c + v, (a: Int, b: Int) => a + b";
    let src = format!(
        "{HEAD}val pairs = lines.map((_, 1))\n\
         pairs.combineByKey({f}).print()\n\
         pairs.combineByKey({f}, new HashPartitioner(2)).print()\n\
         pairs.foreachRDD(rdd => rdd.combineByKey({f}).collect())\n"
    );
    check(
        &src,
        "5:7 missing_arg not enough arguments for method combineByKey: unspecified value parameter partitioner\n",
    );
}

#[test]
fn named_arguments_are_checked_against_the_methods_parameters() {
    let src = format!(
        "{HEAD}val counts = lines.map(w => (w, 1)).reduceByKey(_ + _)\n\
         counts.transform(rdd => rdd.sortBy(_._2, ascending = false)).print()\n\
         counts.transform(rdd => rdd.sortBy(_._2, descending = true)).print()\n\
         counts.window(slideDuration = Seconds(2), windowDuration = Seconds(4)).print()\n\
         counts.mapValues(f = _ + 1).print()\n\
         ssc.stop(stopSparkContext = true, stopGracefully = true)\n\
         ssc.stop(stopGracefully = true)\n"
    );
    // scalac's words, at its places (an unknown name at its `=`): `mapValues`' parameter is
    // `mapValuesFunc`; `stop`'s one-parameter overload has no `stopGracefully`.
    check(
        &src,
        "6:53 unknown_param unknown parameter name: descending\n\
         8:20 unknown_param unknown parameter name: f\n\
         10:5 overloaded_args overloaded method stop with alternatives:\n  (stopSparkContext: Boolean,stopGracefully: Boolean)Unit <and>\n  (stopSparkContext: Boolean)Unit\n cannot be applied to (stopGracefully: Boolean)\n",
    );
}

#[test]
fn state_methods_are_checked_from_the_declared_parameter_type() {
    check(
        "def mappingFunc(key: String, one: Option[Int], state: State[Int]): (String, Int) = {\n\
         \x20 val sum = one.getOrElse(0) + state.getOption.getOrElse(0)\n\
         \x20 state.updat(sum)\n\
         \x20 (key, sum)\n\
         }\n",
        "3:9 unknown_method value updat is not a member of org.apache.spark.streaming.State[Int]\ndid you mean update?\n",
    );
}

#[test]
fn names_whose_type_is_not_known_are_left_to_the_run() {
    // A `def`'s result type is not followed, so its members are not checked statically.
    check(
        "def ssc(): Any = 1\nssc().awaitTerminaton()\nssc().bar(1)\n",
        "",
    );
}

/// One bad program: what the learner wrote, then each diagnostic as `(line, col, end_line,
/// end_col)` with its English and Chinese message.
struct Bad {
    program: &'static str,
    expected: &'static [Expected],
}

/// `(line, col, end_line, end_col)`, the English message, the Chinese one.
type Expected = ((u32, u32, u32, u32), &'static str, &'static str);

const HEAD_LINES: &str = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
val ssc = new StreamingContext(conf, Seconds(1))\n\
val lines = ssc.socketTextStream(\"localhost\", 9999)\n";

/// The snapshot table: every static diagnostic kind on a program a learner could write.
const BAD: &[Bad] = &[
    Bad {
        program: "val words = lines.flatMap(_.split(\" \"))\nval words = words.map((_, 1))\nwords.print()\n",
        expected: &[
            ((5, 5, 5, 10), "words is already defined as value words", "words 在这一层已经定义过（val）；同一个作用域里一个名字只能定义一次，新的一步起个新名字（比如 words2），或者把两步连成一串调用"),
            ((5, 13, 5, 18), "recursive value words needs type", "val words 的初始值用到了它自己：新定义的 words 在自己的初始值里就已可见（遮住了外面或前面的同名值），这时它还没有类型；若是下一行的 `{` 把代码块接成了上一个表达式的参数（Scala 的规则：`{` 前只有一个换行时不断句），中间空一行就分开了"),
        ],
    },
    Bad {
        program: "val total = count + 1\nval count = 2\nprintln(total)\n",
        expected: &[(
            (4, 13, 4, 18),
            "forward reference to value count defined on line 5 extends over definition of value total",
            "val count 在第 5 行才定义，这里用得早了：代码块里的名字在整个块里可见，但从这次使用到它的定义之间（含两端）不能有普通的 val 或 var（这里是 val total）；把定义移到前面，或改用 `lazy val`、`def`",
        )],
    },
    Bad {
        program: "def f(a: Int) = a\ndef f(a: String) = a\n",
        expected: &[(
            (5, 5, 5, 6),
            "method f is defined twice;\n  the conflicting method f was defined at line 4:5",
            "方法 f 在这个代码块里定义了两次（第一个在第 4 行第 5 列）；代码块里的局部方法不能重载，给第二个起个别的名字",
        )],
    },
    Bad {
        program: "val total = 1\nval x = totl + 1\n",
        expected: &[(
            (5, 9, 5, 13),
            "not found: value totl\ndid you mean total?",
            "找不到值 totl；你是不是想写 total？",
        )],
    },
    Bad {
        program: "val x = y + 1\n",
        expected: &[((4, 9, 4, 10), "not found: value y", "找不到值 y")],
    },
    Bad {
        program: "lines.flatMap(_.split(\" \")).map((_, 1)).reduceByKey(_ + _).prnt()\n",
        expected: &[(
            (4, 60, 4, 64),
            "value prnt is not a member of org.apache.spark.streaming.dstream.DStream[(String, Int)]\ndid you mean print?",
            "prnt 不是 DStream[(String, Int)] 的成员；你是不是想写 print？",
        )],
    },
    Bad {
        program: "lines.reduceByKey(_ + _).print()\n",
        expected: &[(
            (4, 7, 4, 18),
            "value reduceByKey is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]: reduceByKey needs (key, value) pairs; make pairs first, e.g. .map(x => (x, 1))",
            "reduceByKey 不是 DStream[String] 的成员：reduceByKey 需要 (键, 值) 对；先把元素变成键值对，例如 .map(x => (x, 1))",
        )],
    },
    Bad {
        program: "lines.map(_.length).updateStateByKey((vs: Seq[Int], s: Option[Int]) => s).print()\n",
        expected: &[(
            (4, 21, 4, 37),
            "value updateStateByKey is not a member of org.apache.spark.streaming.dstream.DStream[Int]: updateStateByKey needs (key, value) pairs; make pairs first, e.g. .map(x => (x, 1))",
            "updateStateByKey 不是 DStream[Int] 的成员：updateStateByKey 需要 (键, 值) 对；先把元素变成键值对，例如 .map(x => (x, 1))",
        )],
    },
    Bad {
        program: "val other = new StreamingContext(conf, Seconds(\"5\"))\n",
        expected: &[(
            (4, 48, 4, 51),
            "type mismatch: found String(\"5\"), required Long",
            "类型不匹配：实际是 String(\"5\")，需要 Long",
        )],
    },
    Bad {
        // `new` left out: the companion object has no `apply` (scalac's own words first).
        program: "val other = StreamingContext(conf, Seconds(5))\n",
        expected: &[(
            (4, 13, 4, 29),
            "StreamingContext.type does not take parameters; a class is made with `new`: new StreamingContext(...)",
            "StreamingContext.type 不接受参数（StreamingContext 这里是伴生对象）；创建类的实例要用 `new`：new StreamingContext(...)",
        )],
    },
    Bad {
        program: "val n = \"hello\".toInt\n",
        expected: &[(
            (4, 9, 4, 22),
            "this throws java.lang.NumberFormatException: For input string: \"hello\" when it runs",
            "运行到这里会抛出 java.lang.NumberFormatException: For input string: \"hello\"",
        )],
    },
    Bad {
        // An unseeded generator, made or the object: both flagged, the seeded one not.
        program: "val r = new scala.util.Random()\nval s = new scala.util.Random(7)\nval n = Random.nextInt(3)\n",
        expected: &[
            (
                (4, 9, 4, 32),
                "an unseeded Random: Spark draws other numbers on every run; the playground seeds it with 0 so that every replay is the same",
                "没有种子的 Random：Spark 每次运行抽到的数都不一样；游乐场用种子 0，让每次重放都相同",
            ),
            (
                (6, 9, 6, 15),
                "an unseeded Random: Spark draws other numbers on every run; the playground seeds it with 0 so that every replay is the same",
                "没有种子的 Random：Spark 每次运行抽到的数都不一样；游乐场用种子 0，让每次重放都相同",
            ),
        ],
    },
    Bad {
        // The wall clock: flagged where it is read, as Spark's differs on every run.
        program: "val t0 = System.currentTimeMillis()\nlines.foreachRDD { _ => println(System.nanoTime() - t0) }\nval d = new java.util.Date()\n",
        expected: &[
            (
                (4, 10, 4, 36),
                "System.currentTimeMillis() reads the clock: on Spark it differs on every run; the playground gives the virtual time, counted from the run's start",
                "System.currentTimeMillis() 读取时钟：在 Spark 上每次运行都不一样；游乐场给出虚拟时间，从运行开始计",
            ),
            (
                (5, 33, 5, 50),
                "System.nanoTime() reads the clock: on Spark it differs on every run; the playground gives the virtual time, counted from the run's start",
                "System.nanoTime() 读取时钟：在 Spark 上每次运行都不一样；游乐场给出虚拟时间，从运行开始计",
            ),
            (
                (6, 9, 6, 29),
                "new Date() reads the clock: on Spark it differs on every run; the playground gives the virtual time, counted from the run's start",
                "new Date() 读取时钟：在 Spark 上每次运行都不一样；游乐场给出虚拟时间，从运行开始计",
            ),
        ],
    },
    Bad {
        program: "lines.map(5).print()\nlines.foreachRDD(\"rdd\")\n",
        // scalac's words (asked of Spark 4.3.0's): the one `map`, and `foreachRDD`'s two
        // overloads, neither taking a String.
        expected: &[
            (
                (4, 11, 4, 12),
                "type mismatch: found Int(5), required String => ?",
                "类型不匹配：实际是 Int(5)，需要 String => ?",
            ),
            (
                (5, 7, 5, 17),
                "overloaded method foreachRDD with alternatives:\n  \
                 (foreachFunc: (org.apache.spark.rdd.RDD[String], org.apache.spark.streaming.Time) => Unit)Unit <and>\n  \
                 (foreachFunc: org.apache.spark.rdd.RDD[String] => Unit)Unit\n \
                 cannot be applied to (String)",
                "方法 foreachRDD 有多个重载（上面逐一列出），没有一个接受这些参数：(String)",
            ),
        ],
    },
    Bad {
        // Everything at once, in source order: a syntax error, an unknown name, a typo.
        program: "val words = lines.flatMap(_.split(\" \")\nval pairs = word.map((_, 1))\npairs.print()\nlines.cont()\n",
        expected: &[
            (
                (4, 39, 4, 39),
                "expected `)`, found `val`",
                "这里应当是`)`，却遇到了`val`",
            ),
            (
                (5, 13, 5, 17),
                "not found: value word\ndid you mean words?",
                "找不到值 word；你是不是想写 words？",
            ),
            (
                (7, 7, 7, 11),
                "value cont is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\ndid you mean count?",
                "cont 不是 ReceiverInputDStream[String] 的成员；你是不是想写 count？",
            ),
        ],
    },
];

#[test]
fn the_table_of_bad_programs_gives_these_diagnostics_in_english_and_chinese() {
    for bad in BAD {
        let src = format!("{HEAD_LINES}{}", bad.program);
        let (_, diags) = parse(&src);
        let idx = LineIndex::new(&src);
        let got: Vec<_> = diags
            .iter()
            .map(|d| {
                let (l, c) = idx.line_col(d.span.start);
                let (el, ec) = idx.line_col(d.span.end);
                (
                    (l, c, el, ec),
                    d.message_in(Lang::En),
                    d.message_in(Lang::Zh),
                )
            })
            .collect();
        let want: Vec<_> = bad
            .expected
            .iter()
            .map(|(s, en, zh)| (*s, en.to_string(), zh.to_string()))
            .collect();
        assert_eq!(got, want, "program:\n{src}");
    }
}

#[test]
fn a_run_time_exception_points_at_the_expression_that_raised_it() {
    let src = format!(
        "{HEAD_LINES}lines.map(w => (w, 1)).reduceByKey(_ + _).print()\n\
         lines.map(w => w.trim.toInt).print()\n\
         ssc.start()\nssc.awaitTermination()\n"
    );
    let mut trace = run(
        &Scenario {
            program: src.clone(),
            batches: Some(vec![vec!["1".into()], vec!["hello".into()]]),
            ..Scenario::default()
        },
        Detail::Full,
    );
    trace.locate(&src);
    let err = trace.error.expect("a run-time error");
    assert_eq!(err.phase, "run");
    assert_eq!(err.time_ms, Some(2000));
    // Spark's text, word for word.
    assert_eq!(err.class, "org.apache.spark.SparkException");
    assert!(
        err.message
            .ends_with("java.lang.NumberFormatException: For input string: \"hello\""),
        "{}",
        err.message
    );
    let (start, end) = err.span.expect("a span");
    assert_eq!(&src[start as usize..end as usize], "w.trim.toInt");
    assert_eq!(
        (err.line, err.col, err.end_line, err.end_col),
        (Some(5), Some(16), Some(5), Some(28))
    );
}

#[test]
fn a_build_time_exception_points_at_the_call_that_raised_it() {
    let src = format!("{HEAD_LINES}lines.window(Milliseconds(1500)).print()\nssc.start()\n");
    let mut trace = run(
        &Scenario {
            program: src.clone(),
            batches: Some(vec![]),
            ..Scenario::default()
        },
        Detail::Full,
    );
    trace.locate(&src);
    let err = trace.error.expect("an error");
    let (start, end) = err.span.expect("a span");
    assert_eq!(err.phase, "build");
    assert_eq!(
        &src[start as usize..end as usize],
        "lines.window(Milliseconds(1500))"
    );
    assert_eq!((err.line, err.col), (Some(4), Some(1)));
}

#[test]
fn a_forgotten_parenthesis_is_reported_where_the_line_ends_and_parsing_goes_on() {
    check(
        "val ssc = new StreamingContext(new SparkConf(), Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999\n\
         val n = lines.count()\n\
         lines.prnt()\n",
        "2:51 unexpected_token expected `)`, found `val`\n\
         4:7 unknown_method value prnt is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\ndid you mean print?\n",
    );
}

#[test]
fn scala_features_outside_the_subset_say_which_feature() {
    check(
        "abstract case class Counter(\n\
         \x20 n: Int\n\
         )\n\
         type Named[A] = A\n\
         implicit val ord = 1\n\
         lazy def x = 5\n\
         class Box[T](x: T)\n\
         case class Word[T](w: T)\n\
         val y = <b>hi</b>\n",
        "1:1 unsupported not supported by the playground yet: `class` definitions\n\
         4:1 unsupported not supported by the playground yet: `type` aliases with type parameters\n\
         5:1 unsupported not supported by the playground yet: `implicit` definitions\n\
         6:1 unsupported not supported by the playground yet: `lazy` here (only `lazy val name = ...`)\n\
         7:10 unsupported not supported by the playground yet: type parameters of a class\n\
         8:16 unsupported not supported by the playground yet: type parameters of a case class\n\
         9:9 unsupported not supported by the playground yet: XML literals\n",
    );
}

#[test]
fn lexical_errors() {
    check(
        "val s = \"abc\nval t = 1 # 2\nval n = 99999999999\n",
        "1:9 unterminated_string unterminated string literal\n\
         2:11 unexpected_token expected `;` or a new line, found `#`\n\
         3:9 int_too_large integer number too large for Int: 99999999999\n",
    );
}

#[test]
fn messages_in_chinese() {
    let src = format!("{HEAD}lines.prnt()\nabstract case class A(x: Int)\n");
    assert_eq!(
        render(&src, Lang::Zh),
        "4:7 unknown_method prnt 不是 ReceiverInputDStream[String] 的成员；你是不是想写 print？\n\
         5:1 unsupported 演练场暂不支持：`class` 定义\n"
    );
}

#[test]
fn the_trace_reports_every_diagnostic_as_a_parse_error() {
    let src = format!("{HEAD}lines.prnt()\nlines.count().prin()\nssc.start()\n");
    let trace = run(
        &Scenario {
            program: src,
            batches: Some(vec![vec!["a".into()]]),
            ..Scenario::default()
        },
        Detail::Full,
    );
    let err = trace.error.expect("a parse error");
    assert_eq!(err.phase, "parse");
    assert_eq!(err.class, "ScalaSyntax");
    assert_eq!(
        err.message,
        "4:7: value prnt is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\ndid you mean print?"
    );
    let spans: Vec<_> = err
        .diagnostics
        .iter()
        .map(|d| (d.line, d.col, d.end_line, d.end_col, d.kind.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (4, 7, 4, 11, "unknown_method"),
            (5, 15, 5, 19, "unknown_method")
        ]
    );
    assert_eq!(
        err.diagnostics[1].args,
        vec![
            "prin",
            "org.apache.spark.streaming.dstream.DStream[Long]",
            "print",
            "DStream[Long]"
        ]
    );
    assert!(trace.batches.is_empty());
}

#[test]
fn a_typo_the_static_check_cannot_see_still_gets_a_hint_at_run_time() {
    // A `def`'s result type is not followed statically, so the run finds the typo and
    // reports Scala's message with the nearest method.
    let src = "def word(): Any = \"a,b\"\nprintln(word().splt(\",\"))\n";
    assert_eq!(render(src, Lang::En), "");
    let trace = run(
        &Scenario {
            program: src.into(),
            batches: Some(vec![]),
            ..Scenario::default()
        },
        Detail::Full,
    );
    let err = trace.error.expect("a run-time error");
    assert_eq!(err.class, "dstream.Unsupported");
    assert_eq!(
        err.message,
        "value splt is not a member of String; did you mean split?"
    );
}

// ---- robustness ----

/// Programs that must never panic or hang: the lesson's snippets, mutated token by token.
fn seeds() -> Vec<String> {
    SNIPPETS.iter().filter_map(|s| s.program()).collect()
}

/// Split into rough tokens (words, single punctuation, whitespace runs kept with the token).
fn tokens(src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in src.chars() {
        let word = ch.is_alphanumeric() || ch == '_';
        let cur_word = cur
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !(cur.is_empty() || word && cur_word) {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Run `src` with a little input and check the outcome is a trace or a diagnostic.
fn runs_or_reports(src: String) -> Result<(), TestCaseError> {
    let scenario = Scenario {
        program: src,
        batches: Some(vec![vec!["a b a".into()], vec![], vec!["b 1".into()]]),
        ..Scenario::default()
    };
    let trace = run(&scenario, Detail::Counts);
    if let Some(e) = &trace.error {
        prop_assert!(!e.class.is_empty());
        if e.phase == "parse" {
            prop_assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                prop_assert!(d.line >= 1 && d.col >= 1);
                prop_assert!((d.end_line, d.end_col) >= (d.line, d.col));
                prop_assert!(!d.message.is_empty());
            }
        }
    }
    Ok(())
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Insert(usize, &'static str),
    Duplicate(usize),
    Swap(usize, usize),
}

const INSERTS: &[&str] = &[
    "(", ")", "{", "}", "[", "]", "_", ".", ",", "=>", "=", "\"", "'", "val ", "def ", "case ",
    "while (", "match", "class ", "new ", "s\"$", "/*", "`", "\n", ";", "1", "-", "::",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), prop::sample::select(INSERTS)).prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn mutate(src: &str, muts: &[Mutation]) -> String {
    let mut toks = tokens(src);
    for m in muts {
        if toks.is_empty() {
            break;
        }
        let n = toks.len();
        match m {
            Mutation::Delete(i) => {
                toks.remove(i % n);
            }
            Mutation::Insert(i, s) => toks.insert(i % (n + 1), s.to_string()),
            Mutation::Duplicate(i) => {
                let t = toks[i % n].clone();
                toks.insert(i % n, t);
            }
            Mutation::Swap(a, b) => toks.swap(a % n, b % n),
        }
    }
    toks.concat()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_snippets_run_or_report(
        which in any::<usize>(),
        muts in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds();
        let src = mutate(&seeds[which % seeds.len()], &muts);
        runs_or_reports(src)?;
    }

    #[test]
    fn random_text_runs_or_reports(src in "[ -~\n]{0,200}") {
        runs_or_reports(src)?;
    }

    #[test]
    fn random_token_soup_runs_or_reports(
        toks in prop::collection::vec(prop::sample::select(INSERTS), 0..60),
    ) {
        runs_or_reports(toks.concat())?;
    }
}

/// Runs `body` (statements of `main`) with no batches; its trace.
fn run_main(body: &str) -> dstream_engine::trace::Trace {
    run(
        &Scenario {
            program: body.into(),
            batches: Some(vec![]),
            ..Scenario::default()
        },
        Detail::Counts,
    )
}

#[test]
fn deep_recursion_is_stopped_as_on_the_jvm() {
    // (An endless loop of calls that never goes deep stops at the work budget instead:
    // `bad_input.rs`, `work_that_never_ends_stops_at_the_budget_...`.)
    // Recursions by every path the interpreter's stack takes: plain, through a collection's
    // method and its closure, a class's method with blocks, a comparator, a `while`, a
    // constructor, a lazy val, a `try`, and a body nested twenty expressions deep. The
    // e2e test `the deepest recursions end in StackOverflowError` runs the same in the page.
    for body in [
        "def f(n: Int): Int = f(n + 1)\nprintln(f(0))\n",
        "def f(n: Int): Int = if (n == 0) 0 else 1 + f(n - 1)\nprintln(f(100000000))\n",
        "def h(n: Int): Int = if (n == 0) 0 else List(n).map(x => h(x - 1)).head + 1\nprintln(h(100000))\n",
        "def k(n: Int): Int = if (n == 0) 0 else (1 to 1).foldLeft(0)((a, _) => a + k(n - 1)) + 1\nprintln(k(100000))\n",
        "class C { def r(n: Int): Int = { if (n == 0) 0 else { val x = r(n - 1); x + 1 } } }\nprintln(new C().r(100000))\n",
        "def sw(n: Int): Int = if (n == 0) 0 else List(2, 1).sortWith((a, b) => sw(n - 1) >= 0 && a < b).head\nprintln(sw(100000))\n",
        "def wl(n: Int): Int = { var i = 0; var s = 0; while (i < 1) { s += (if (n == 0) 0 else wl(n - 1) + 1); i += 1 }; s }\nprintln(wl(100000))\n",
        "class Node(n: Int) { val next = if (n == 0) null else new Node(n - 1) }\nprintln(new Node(100000) != null)\n",
        "def lz(n: Int): Int = { lazy val v = if (n == 0) 0 else lz(n - 1) + 1; v }\nprintln(lz(100000))\n",
        "def t(n: Int): Int = try { if (n == 0) 0 else t(n - 1) + 1 } finally { }\nprintln(t(100000))\n",
        &format!(
            "def ns(n: Int): Int = if (n == 0) 0 else {}ns(n - 1){}\nprintln(ns(100000))\n",
            "(1 + ".repeat(20),
            ")".repeat(20)
        ),
    ] {
        let mut trace = run_main(body);
        trace.locate(body);
        assert!(trace.stdout_before.is_empty(), "{body}: nothing printed");
        let e = trace.error.expect("stopped");
        // Deep recursion ends as on the JVM, where the program recurses.
        assert_eq!(e.class, "java.lang.StackOverflowError", "{body}: {e:?}");
        assert_eq!(e.line, Some(1), "{body}: {e:?}");
    }
    // A plain recursive function goes about 400 calls deep (three nested expressions a call;
    // a JVM goes to thousands, see MAX_EVAL_DEPTH).
    let depth = |n: u32| {
        run_main(&format!(
            "def f(n: Int): Int = if (n == 0) 0 else 1 + f(n - 1)\nprintln(f({n}))\n"
        ))
    };
    assert_eq!(depth(390).stdout_before, "390\n");
    assert!(depth(410).error.is_some());
}

#[test]
fn code_that_can_only_throw_is_a_warning_and_the_program_still_runs_as_on_spark() {
    // Scala compiles `"hello".toInt`; the JVM throws when the line runs. So the playground
    // warns (with the span) and runs: here `main` throws before the context starts.
    let src = format!("{HEAD_LINES}val n = \"hello\".toInt\nlines.print()\nssc.start()\n");
    let trace = run(
        &Scenario {
            program: src.clone(),
            batches: Some(vec![vec!["a".into()]]),
            ..Scenario::default()
        },
        Detail::Full,
    );
    let w = &trace.warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (w[0].kind.as_str(), w[0].severity.as_str()),
        ("throws", "warning")
    );
    assert_eq!((w[0].line, w[0].col), (4, 9));
    let err = trace.error.expect("the JVM's exception");
    assert_ne!(err.phase, "parse");
    assert_eq!(err.class, "java.lang.NumberFormatException");
    assert_eq!(err.message, "For input string: \"hello\"");
    assert!(trace.batches.is_empty());
}

#[test]
fn code_that_can_only_throw_inside_a_try_with_cases_is_not_a_warning() {
    // The cases may be there for it: `try { "x".toInt } catch { ... }` runs without a word.
    let caught = format!(
        "{HEAD}val n = try {{ \"hello\".toInt }} catch {{ case e: NumberFormatException => 0 }}\nlines.print()\n"
    );
    check(&caught, "");
    // So does `Try(...)`, which keeps the exception.
    check(
        &format!("{HEAD}val n = scala.util.Try(\"hello\".toInt).getOrElse(0)\nlines.print()\n"),
        "",
    );
    check(
        &format!(
            "{HEAD}import scala.util.Try\nval n = Try(\"12x\".toInt).toOption\nlines.print()\n"
        ),
        "",
    );
    // Without cases (`finally` only) it still throws, and says so.
    let uncaught = format!(
        "{HEAD}val n = try {{ \"hello\".toInt }} finally {{ println(1) }}\nlines.print()\n"
    );
    assert!(
        render(&uncaught, Lang::En).contains("this throws java.lang.NumberFormatException"),
        "{}",
        render(&uncaught, Lang::En)
    );
}

#[test]
fn a_case_class_field_named_as_a_parents_val_needs_override_as_scalac_says() {
    // The first line is scalac's (asked of Spark 4.3.0's: `P.scala:7: error: ...`); a field
    // written `override val`, or a parent's parameter that is not a `val`, is fine.
    let src = "abstract class Shape(val kind: String, n: Int) extends Serializable\n\
               case class Dot(kind: String) extends Shape(kind, 1)\n\
               case class Pin(override val kind: String) extends Shape(kind, 2)\n\
               case class Num(n: Int) extends Shape(\"num\", n)\n";
    check(
        src,
        "2:12 override_required `override` modifier required to override concrete member:\n\
         val kind: String (defined in class Shape)\n",
    );
    assert_eq!(
        render(src, Lang::Zh),
        "2:12 override_required 覆盖具体成员需要写 `override` 修饰符：\n\
         val kind: String (defined in class Shape)\n"
    );
}

/// A typed `val` given a literal of another type fails to compile, as scalac says (checked on
/// Spark's scalac: `val n: Int = "a"` is "type mismatch", the literal shown with its value);
/// widening a number is fine.
#[test]
fn a_typed_val_given_a_literal_of_another_type() {
    check(
        "val n: Int = \"5\"\nval s: String = 5\nval i: Int = 2L\nval d: Double = 1\nval l: Long = 'c'\nval t: String = null\n",
        "1:14 type_mismatch type mismatch: found String(\"5\"), required Int\n\
         2:17 type_mismatch type mismatch: found Int(5), required String\n\
         3:14 type_mismatch type mismatch: found Long(2L), required Int\n",
    );
}

/// An `updateStateByKey` function that returns the new count instead of `Some(count)` does
/// not compile: scalac's "type mismatch" at the value returned (the member's name, the
/// operator), `S` not inferred (asked of Spark 4.3.0's scalac); one returning an `Option` is
/// fine.
#[test]
fn an_update_function_must_return_an_option() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => vs.sum).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))).print()\n"
    );
    check(
        &src,
        "6:61 type_mismatch type mismatch: found Int, required Option[?]\n",
    );
}

/// An `updateStateByKey` function whose declared parameters do not take what Spark passes:
/// scalac's "type mismatch" at the lambda's `=>`, the function typed whole against
/// `(Seq[V], Option[S]) => Option[S]`, `S` the result's type when it can be inferred, `?`
/// when not; with two overloads left and nothing to infer, the overloads listed; a branch
/// returning a number where an `Option` goes. Each asked of Spark 4.3.0's scalac
/// (`tools/differential/compile_compare.py --pos`). Supertypes of what Spark passes are fine.
#[test]
fn an_update_function_whose_parameters_do_not_fit() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Int) => Some(vs.sum + s)).print()\n\
         pairs.updateStateByKey((vs: List[Int], s: Option[Int]) => Some(vs.sum)).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum.toString)).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Int) => Some(vs.sum + s), 2).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => vs.sum, 2).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => if (vs.isEmpty) 0 else vs.sum).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val n = vs.sum + s.getOrElse(0); if (n > 0) Some(n) else None }}).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => s match {{ case Some(x) => Some(x + vs.sum); case None => Some(vs.sum) }}).print()\n\
         pairs.updateStateByKey((vs: Iterable[Int], s: Option[Any]) => Some(vs.sum)).print()\n"
    );
    check(
        &src,
        "6:47 type_mismatch type mismatch: found (Seq[Int], Int) => Some[Int], required (Seq[Int], Option[?]) => Option[?]\n\
         7:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => Some[Int], required (Seq[Int], Option[?]) => Option[?]\n\
         8:55 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Some[String], required (Seq[Int], Option[String]) => Option[String]\n\
         9:47 type_mismatch type mismatch: found (Seq[Int], Int) => Some[Int], required (Seq[Int], Option[?]) => ?\n\
         10:7 overloaded_args overloaded method updateStateByKey with alternatives:\n  \
         [S](updateFunc: (Seq[Int], Option[S]) => Option[S], partitioner: org.apache.spark.Partitioner)(implicit evidence$6: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)] <and>\n  \
         [S](updateFunc: (Seq[Int], Option[S]) => Option[S], numPartitions: Int)(implicit evidence$5: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)]\n \
         cannot be applied to ((Seq[Int], Option[Int]) => Int, Int)\n\
         11:74 type_mismatch type mismatch: found Int(0), required Option[?]\n",
    );
}

/// An `Option` has no arithmetic: its `+` is Predef's `any2stringadd`, which takes a
/// `String` (a tuple's and a `Boolean`'s too), its `-` is no member, a number plus an
/// `Option` fits none of the number's overloads; an `Option` is no `Int` and an `Int` no
/// `Option`. Asked of Spark 4.3.0's scalac; the last lines are fine.
#[test]
fn an_option_is_not_a_number() {
    check(
        "val o: Option[Int] = Some(3)\n\
         val t = (1, \"a\")\n\
         println(o + 1)\n\
         println(o - 1)\n\
         println(o.getOrElse(0) + o)\n\
         println(t + 1)\n\
         println((o.get > 1) + 2.5)\n\
         val n: Int = o\n\
         val p: Option[Int] = 3\n\
         println(o + \"!\" + t + o.get * 2 + o.map(_ + 1).getOrElse(0))\n\
         val q: Option[Int] = None\n",
        "3:13 type_mismatch type mismatch: found Int(1), required String\n\
         4:11 unknown_method value - is not a member of Option[Int]\n\
         5:24 overloaded_args overloaded method + with alternatives:\n  \
         (x: Double)Double <and>\n  (x: Float)Float <and>\n  (x: Long)Long <and>\n  \
         (x: Int)Int <and>\n  (x: Char)Int <and>\n  (x: Short)Int <and>\n  (x: Byte)Int <and>\n  \
         (x: String)String\n cannot be applied to (Option[Int])\n\
         6:13 type_mismatch type mismatch: found Int(1), required String\n\
         7:23 type_mismatch type mismatch: found Double(2.5), required String\n\
         8:14 type_mismatch type mismatch: found Option[Int], required Int\n\
         9:22 type_mismatch type mismatch: found Int(3), required Option[Int]\n",
    );
}

/// More of the same family, each asked of Spark 4.3.0's scalac with its place: with two
/// overloads left, values that do not fit are said before a result that is no `Option`; an
/// untyped state beside values of the wrong type; the values inferred when not declared; a
/// number as a pattern of an `Option`; `sum` of words; `None`'s members as scalac names it
/// ("object None"); a name of one type in a `val` of another.
#[test]
fn more_update_function_and_option_mistakes() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         pairs.updateStateByKey((vs: Seq[Long], s: Option[Int]) => vs.sum, 2).print()\n\
         pairs.updateStateByKey((vs: Seq[Long], s) => s).print()\n\
         pairs.updateStateByKey((vs, s: Option[Int]) => Some(vs.sum * 1.5)).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => s match {{ case 0 => None; case _ => s }}).print()\n\
         lines.map(l => (l, l)).updateStateByKey((vs: Seq[String], s: Option[Int]) => Some(vs.sum)).print()\n\
         val o: Option[Int] = None\n\
         println(None - 1)\n\
         println(o && true)\n\
         val w: String = o.get\n\
         val p: Option[String] = o\n"
    );
    check(
        &src,
        "6:56 type_mismatch type mismatch: found (Seq[Long], Option[Int]) => Long, required (Seq[Int], Option[?]) => ?\n\
         7:40 missing_param_type missing parameter type\n\
         7:43 type_mismatch type mismatch: found (Seq[Long], ?) => ?, required (Seq[Int], Option[?]) => Option[?]\n\
         8:45 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Some[Double], required (Seq[Int], Option[Double]) => Option[Double]\n\
         9:73 type_mismatch type mismatch: found Int(0), required Option[Int]\n\
         10:86 no_numeric could not find implicit value for parameter num: scala.math.Numeric[String]\n\
         12:14 unknown_method value - is not a member of object None\n\
         13:11 unknown_method value && is not a member of Option[Int]\n\
         14:19 type_mismatch type mismatch: found Int, required String\n\
         15:25 type_mismatch type mismatch: found Option[Int], required Option[String]\n",
    );
}

/// `StateSpec.function`'s overloads as scalac lists them (Java's `Function3` and `Function4`,
/// then Scala's), copied from Spark 4.3.0's scalac.
const SPEC_F3: &str = "[KeyType, ValueType, StateType, MappedType](mappingFunction: org.apache.spark.api.java.function.Function3[KeyType,org.apache.spark.api.java.Optional[ValueType],org.apache.spark.streaming.State[StateType],MappedType]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]";
const SPEC_F4: &str = "[KeyType, ValueType, StateType, MappedType](mappingFunction: org.apache.spark.api.java.function.Function4[org.apache.spark.streaming.Time,KeyType,org.apache.spark.api.java.Optional[ValueType],org.apache.spark.streaming.State[StateType],org.apache.spark.api.java.Optional[MappedType]]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]";
const SPEC_S3: &str = "[KeyType, ValueType, StateType, MappedType](mappingFunction: (KeyType, Option[ValueType], org.apache.spark.streaming.State[StateType]) => MappedType): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]";
const SPEC_S4: &str = "[KeyType, ValueType, StateType, MappedType](mappingFunction: (org.apache.spark.streaming.Time, KeyType, Option[ValueType], org.apache.spark.streaming.State[StateType]) => Option[MappedType]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]";

/// `mapWithState` mistakes, each asked of Spark 4.3.0's scalac with its place (all of them
/// ran before): a mapping function whose value is declared `Int` (a lambda: the two
/// overloads of three parameters; a function value: all four); parameters left untyped
/// (scalac infers none); `State[Int]`'s `update` given a `Long` or an `Option` (a `Char`
/// widens); a spec of `Int` values for a stream of `Long`s, written inside the call or
/// beside it; what `mapWithState` gives (`DStream[M]`, snapshots of `(K, S)`) typed on.
#[test]
fn map_with_state_mistakes() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         val spec = StateSpec.function((w: String, one: Int, st: State[Int]) => {{ st.update(one); w }})\n\
         pairs.mapWithState(StateSpec.function((w, one, st) => w)).print()\n\
         val mappingFunc = (w: String, one: Int, st: State[Int]) => {{ st.update(one); (w, one) }}\n\
         StateSpec.function(mappingFunc)\n\
         val good = (w: String, one: Option[Int], st: State[Int]) => {{ st.update(1L); st.update(one); st.update('c'); (w, one.getOrElse(0)) }}\n\
         pairs.mapValues(_.toLong).mapWithState(StateSpec.function(good)).print()\n\
         val counts = StateSpec.function(good)\n\
         pairs.mapValues(_.toLong).mapWithState(counts).print()\n\
         val out = pairs.mapWithState(counts.timeout(Seconds(30)))\n\
         out.map(p => p._2.length).print()\n\
         out.stateSnapshots().map(p => p._2 + 1).print()\n"
    );
    let listed = |alts: &[&str]| {
        alts.iter()
            .map(|a| format!("  {a}"))
            .collect::<Vec<_>>()
            .join(" <and>\n")
    };
    check(
        &src,
        &format!(
            "6:22 overloaded_args overloaded method function with alternatives:\n{}\n \
             cannot be applied to ((String, Int, org.apache.spark.streaming.State[Int]) => String)\n\
             7:40 missing_param_type missing parameter type\n\
             7:43 missing_param_type missing parameter type\n\
             7:48 missing_param_type missing parameter type\n\
             9:11 overloaded_args overloaded method function with alternatives:\n{}\n \
             cannot be applied to ((String, Int, org.apache.spark.streaming.State[Int]) => (String, Int))\n\
             10:73 type_mismatch type mismatch: found Long(1L), required Int\n\
             10:88 type_mismatch type mismatch: found Option[Int], required Int\n\
             11:59 type_mismatch type mismatch: found (String, Option[Int], org.apache.spark.streaming.State[Int]) => (String, Int), required (String, Option[Long], org.apache.spark.streaming.State[?]) => ?\n\
             13:40 type_mismatch type mismatch: found org.apache.spark.streaming.StateSpec[String,Int,Int,(String, Int)], required org.apache.spark.streaming.StateSpec[String,Long,?,?]\n\
             15:19 unknown_method value length is not a member of Int\n",
            listed(&[SPEC_F3, SPEC_S3]),
            listed(&[SPEC_F3, SPEC_F4, SPEC_S3, SPEC_S4]),
        ),
    );
}

/// A lambda written in a call whose body has errors: scalac says those and nothing of the
/// call (the function has no type to it); an `Option`'s argument against its declared type
/// (an `Int` widens to a `Long`). Asked of Spark 4.3.0's scalac.
#[test]
fn a_lambdas_own_errors_are_all_scalac_says_of_its_call() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         val r: Option[String] = Some(3)\n\
         val l: Option[Long] = Some(3)\n\
         pairs.mapWithState(StateSpec.function((w: String, one: Int, st: State[Int]) => {{ st.update(one.get); w }})).print()\n\
         val spec = StateSpec.function((w: String, one: Option[Int], st: Int) => {{ st.update(1); w }})\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Int) => Some(vs.sum + s.get)).print()\n"
    );
    check(
        &src,
        "6:30 type_mismatch type mismatch: found Int(3), required String\n\
         8:96 unknown_method value get is not a member of Int\n\
         9:78 unknown_method value update is not a member of Int\n\
         10:66 unknown_method value get is not a member of Int\n",
    );
}

/// A member an `Array` lacks, as scalac says it (Spark 4.3.0's scalac: "value lenght is not
/// a member of Array[String]"; every member of `Array`, `ArrayOps` and `ArraySeq` taken from
/// Scala's reflection); an array applied (`split(",")(1)`) is its element, and real members
/// pass.
#[test]
fn a_member_an_array_lacks() {
    check(
        &format!(
            "{HEAD}lines.map(l => l.split(\" \").lenght).print()\n\
             lines.foreachRDD(rdd => println(rdd.collect().lenght))\n\
             lines.map(l => l.split(\",\")(1).toInt + l.split(\" \").length + l.split(\" \").toList.size + l.split(\" \").sorted.mkString.size).print()\n"
        ),
        "4:29 unknown_method value lenght is not a member of Array[String]\ndid you mean length?\n\
         5:47 unknown_method value lenght is not a member of Array[String]\ndid you mean length?\n",
    );
}

/// A lambda with as many parameters as a pair has parts, where Spark's `map` takes one
/// function of a pair: scalac's three errors, the first with its note (asked of Spark
/// 4.3.0's scalac, `tools/differential` with the oracle); `{ case (w, c) => ... }` and
/// `foreachRDD`'s `(rdd, time)` form are fine.
#[test]
fn a_lambda_of_two_parameters_where_one_pair_is_expected() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         pairs.map((w, c) => w + c).print()\n\
         pairs.map {{ case (w, c) => w + c }}.print()\n\
         pairs.foreachRDD((rdd, time) => println(time))\n"
    );
    check(
        &src,
        "5:12 missing_param_type missing parameter type\n\
         Note: The expected type requires a one-argument function accepting a 2-Tuple.\n      \
         Consider a pattern matching anonymous function, `{ case (w, c) =>  ... }`\n\
         5:15 missing_param_type missing parameter type\n\
         5:18 type_mismatch type mismatch: found (?, ?) => ?, required ((String, Int)) => ?\n",
    );
    assert!(render(&src, Lang::Zh).contains("5:12 missing_param_type 缺少参数类型\n提示"));
}

/// `reduceByKey(x => x)` ran, handing the function a pair; scalac rejects it: the function
/// type all three overloads share, then the overloads themselves (as Spark 4.3.0's scalac
/// prints them). Typed parameters show their types; a placeholder lambda's "missing parameter
/// type" shows the function scalac expanded it into.
#[test]
fn a_reduce_function_of_one_parameter_does_not_compile() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         pairs.reduceByKey(x => x).print()\n\
         pairs.reduceByKey((a: Int) => a).print()\n\
         pairs.reduceByKey(_ + 1).print()\n\
         lines.reduce(a => a).print()\n"
    );
    let overloads = "overloaded method reduceByKey with alternatives:\n  \
        (reduceFunc: (Int, Int) => Int,partitioner: org.apache.spark.Partitioner)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n  \
        (reduceFunc: (Int, Int) => Int,numPartitions: Int)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n  \
        (reduceFunc: (Int, Int) => Int)org.apache.spark.streaming.dstream.DStream[(String, Int)]\n \
        does not match arguments";
    check(
        &src,
        &format!(
            "5:7 overloaded_fn {overloads} (? => ?)\n\
             5:19 missing_param_type missing parameter type\n\
             5:21 type_mismatch type mismatch: found ? => ?, required (Int, Int) => ?\n\
             6:7 overloaded_fn {overloads} (Int => ?)\n\
             6:28 type_mismatch type mismatch: found Int => Int, required (Int, Int) => ?\n\
             7:7 overloaded_fn {overloads} (? => ?)\n\
             7:19 missing_param_type missing parameter type for expanded function ((<x$1: error>) => x$1.$plus(1))\n\
             7:21 type_mismatch type mismatch: found ? => ?, required (Int, Int) => ?\n\
             8:14 missing_param_type missing parameter type\n\
             8:16 type_mismatch type mismatch: found ? => ?, required (String, String) => String\n"
        ),
    );
}

/// Too few or too many arguments for a window operation: scalac's words with Spark's
/// signatures (asked of Spark 4.3.0's scalac); before, they failed at run time as
/// "not supported". Defaults count: `reduceByKeyAndWindow(f, g, w)` is fine. Each where
/// scalac points (`compile_compare.py --pos`): "not enough" at the parenthesis, "no
/// arguments allowed" at the argument, "too many" at the first one too many.
#[test]
fn window_operations_with_the_wrong_number_of_arguments() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         lines.countByWindow(Seconds(2)).print()\n\
         lines.window().print()\n\
         pairs.reduceByKeyAndWindow(_ + _).print()\n\
         lines.count(1).print()\n\
         pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(4)).print()\n\
         lines.countByWindow(Seconds(2), Seconds(1), Seconds(1)).print()\n"
    );
    let d = "org.apache.spark.streaming.Duration";
    let ds = "org.apache.spark.streaming.dstream.DStream";
    let out = render(&src, Lang::En);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        [
            format!("5:20 not_enough_args not enough arguments for method countByWindow: (windowDuration: {d}, slideDuration: {d}): {ds}[Long]."),
            "Unspecified value parameter slideDuration.".to_string(),
        ]
    );
    assert_eq!(
        lines[2..6],
        [
            "6:7 overloaded_args overloaded method window with alternatives:".to_string(),
            format!("  (windowDuration: {d},slideDuration: {d}){ds}[String] <and>"),
            format!("  (windowDuration: {d}){ds}[String]"),
            " cannot be applied to ()".to_string(),
        ]
    );
    assert_eq!(
        lines[6],
        "7:7 overloaded_args overloaded method reduceByKeyAndWindow with alternatives:"
    );
    assert_eq!(lines[13], " cannot be applied to ((Int, Int) => Int)");
    assert_eq!(
        lines[14],
        format!("8:13 nullary_args no arguments allowed for nullary method count: (): {ds}[Long]")
    );
    assert_eq!(
        lines[15],
        format!("10:52 too_many_args too many arguments (found 3, expected 2) for method countByWindow: (windowDuration: {d}, slideDuration: {d}): {ds}[Long]")
    );
    assert_eq!(lines.len(), 16, "{out}");
}

/// A member a number does not have in Scala at all (`_.length` is an `Int`); the rich
/// wrappers' and Java boxes' members are fine.
#[test]
fn a_string_method_on_a_number_is_not_a_member() {
    let src = format!(
        "{HEAD}lines.map(_.length).map(_.toUpperCase).print()\n\
         lines.map(_.length).map(n => n.toHexString + n.max(2) + n.until(3).size + n.abs).print()\n\
         lines.count().map(_.length).print()\n\
         lines.map(l => l.charAt(0).isDigit.toString + l.length.toDoble).print()\n"
    );
    check(
        &src,
        "4:27 unknown_method value toUpperCase is not a member of Int\n\
         6:21 unknown_method value length is not a member of Long\n\
         7:56 unknown_method value toDoble is not a member of Int\ndid you mean toDouble?\n",
    );
}

/// Durations written as bare numbers (`window(30, 10)` for `window(Seconds(30),
/// Seconds(10))`) and a text where a count is expected: scalac's type mismatch with the
/// literal's own type (asked of Spark 4.3.0's scalac). Where the overloads that take three
/// arguments differ at a place (`reduceByKeyAndWindow`'s second), scalac, and so the
/// checker, says nothing of it; where the lambdas leave one overload (two functions and a
/// fourth argument: the slide), the arguments are typed against it.
#[test]
fn numbers_where_durations_are_expected() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         lines.window(30, 10).print()\n\
         pairs.reduceByKeyAndWindow(_ + _, 30, 10).print()\n\
         pairs.print(\"5\")\n\
         lines.window(Seconds(30), Seconds(10)).print()\n\
         val w = 30\n\
         lines.window(w).print()\n\
         pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(2), 2).print()\n"
    );
    let d = "org.apache.spark.streaming.Duration";
    check(
        &src,
        &format!(
            "5:14 type_mismatch type mismatch: found Int(30), required {d}\n\
             5:18 type_mismatch type mismatch: found Int(10), required {d}\n\
             6:39 type_mismatch type mismatch: found Int(10), required {d}\n\
             7:13 type_mismatch type mismatch: found String(\"5\"), required Int\n\
             10:14 type_mismatch type mismatch: found Int, required {d}\n\
             11:54 type_mismatch type mismatch: found Int(2), required {d}\n"
        ),
    );
}

/// Operators a type lacks or whose overloads take nothing of the right side's type, as
/// scalac words them (asked of Spark 4.3.0's scalac): `String` has no `-`, `Int`'s `%` lists
/// its seven overloads, a `String` compares with `String`s only, and scalac's own "did you
/// mean" for `||` on an `Int`. What Scala allows (`"ab" * 2`, `"a" < "b"`, `'a' + 1`) passes.
#[test]
fn operators_a_type_lacks() {
    let src = format!(
        "{HEAD}lines.map(l => l - 1).print()\n\
         lines.map(l => l.length % \"a\").print()\n\
         lines.map(l => l >= 2.5).print()\n\
         lines.map(l => l.length || true).print()\n\
         lines.map(l => (l * 2) + (l < \"m\") + ('a' + 1) + (l.length & 3)).print()\n\
         lines.map(l => l.isEmpty < 1).print()\n"
    );
    check(
        &src,
        "4:18 unknown_method value - is not a member of String\n\
         5:25 overloaded_args overloaded method % with alternatives:\n  \
         (x: Double)Double <and>\n  (x: Float)Float <and>\n  (x: Long)Long <and>\n  \
         (x: Int)Int <and>\n  (x: Char)Int <and>\n  (x: Short)Int <and>\n  (x: Byte)Int\n \
         cannot be applied to (String)\n\
         6:21 type_mismatch type mismatch: found Double(2.5), required String\n\
         7:25 unknown_method value || is not a member of Int\ndid you mean |?\n\
         9:28 type_mismatch type mismatch: found Int(1), required Boolean\n",
    );
}

/// Overloads that take four arguments, none of them a fourth `Duration`: scalac lists just
/// those (asked of Spark 4.3.0's scalac); a partitioner there is fine.
#[test]
fn no_overload_takes_these_argument_types() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         pairs.reduceByKeyAndWindow(_ + _, Seconds(2), Seconds(4), Seconds(2)).print()\n\
         pairs.reduceByKeyAndWindow(_ + _, Seconds(4), Seconds(2), new HashPartitioner(2)).print()\n"
    );
    let d = "org.apache.spark.streaming.Duration";
    let ds = "org.apache.spark.streaming.dstream.DStream[(String, Int)]";
    check(
        &src,
        &format!(
            "5:7 overloaded_args overloaded method reduceByKeyAndWindow with alternatives:\n  \
             (reduceFunc: (Int, Int) => Int,invReduceFunc: (Int, Int) => Int,windowDuration: {d},slideDuration: {d},numPartitions: Int,filterFunc: ((String, Int)) => Boolean){ds} <and>\n  \
             (reduceFunc: (Int, Int) => Int,windowDuration: {d},slideDuration: {d},partitioner: org.apache.spark.Partitioner){ds} <and>\n  \
             (reduceFunc: (Int, Int) => Int,windowDuration: {d},slideDuration: {d},numPartitions: Int){ds}\n \
             cannot be applied to ((Int, Int) => Int, {d}, {d}, {d})\n"
        ),
    );
}

/// `reduceByKeyAndWindow(_ + _, _ - _)` with its durations forgotten: the second function
/// sits where every two-argument overload wants a `Duration`, so scalac cannot type its
/// placeholders and says so once per placeholder, showing the function it expanded them into
/// (asked of Spark 4.3.0's scalac); a `Duration` where a count goes is a type mismatch.
#[test]
fn a_function_where_a_duration_goes() {
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         pairs.reduceByKeyAndWindow(_ + _, _ - _).print()\n\
         lines.countByValueAndWindow(Seconds(4), Seconds(2), Seconds(2)).print()\n"
    );
    let out = render(&src, Lang::En);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "5:7 overloaded_fn overloaded method reduceByKeyAndWindow with alternatives:"
    );
    assert_eq!(
        lines[7],
        " does not match arguments ((Int, Int) => Int, (?, ?) => ?)"
    );
    assert_eq!(
        lines[8..],
        [
            "5:35 missing_param_type missing parameter type for expanded function ((<x$3: error>, x$4) => x$3.$minus(x$4))",
            "5:39 missing_param_type missing parameter type for expanded function ((<x$3: error>, <x$4: error>) => x$3.$minus(x$4))",
            "6:60 type_mismatch type mismatch: found org.apache.spark.streaming.Duration, required Int",
        ]
    );
}

/// `updateStateByKey((vs, s) => s)`: `vs` is a `Seq[Int]` in every overload taking a
/// two-parameter function, but `s` an `Option[S]` of no known `S`: scalac's "missing
/// parameter type" at `s` (asked of Spark 4.3.0's scalac); typed, it runs. A lambda with no
/// parameter to infer is typed whole in the overloads' message.
#[test]
fn a_state_parameter_scalac_cannot_infer() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(w => (w, 1))\n\
         pairs.updateStateByKey((vs, s) => s).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => s).print()\n\
         pairs.foreachRDD(() => println(1))\n"
    );
    let out = render(&src, Lang::En);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "6:29 missing_param_type missing parameter type");
    assert_eq!(
        lines[1],
        "8:7 overloaded_args overloaded method foreachRDD with alternatives:"
    );
    assert_eq!(lines[4], " cannot be applied to (() => Unit)");
    assert_eq!(lines.len(), 5, "{out}");
}

/// `getOrElse` with a default of another type, as scalac infers `B >: A`: an `AnyVal` for
/// two kinds of number (never widened: `getOrElse(0L)` of an `Option[Int]`), an `Any` for
/// a `String` and a number, neither of which has arithmetic or a `length`; a declared type
/// the `Option`'s own makes `B` and types the default against it (`val n: Int =
/// s.getOrElse(0L)`: at the `0L`), one it is not leaves the `lub` ("found AnyVal, required
/// Long" at the call). Branches of two numbers widen (`if` of `1` and `2L` is a `Long`), of a
/// number and a `String` are an `Any`. Each asked of Spark 4.3.0's scalac with its place.
#[test]
fn get_or_else_with_a_default_of_another_type() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         val longs = lines.map(x => (x, 1L))\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(\"0\"))).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val n: Int = s.getOrElse(0L); Some(vs.sum + n) }}).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val n: Long = s.getOrElse(0L); Some(n.toInt) }}).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val t = s.getOrElse(\"x\"); Some(t.length + t.hashCode) }}).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val t = s.getOrElse(0L); Some(t * 2) }}).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => {{ val t = s.getOrElse(0.5); Some(t + 1) }}).print()\n\
         longs.updateStateByKey((vs: Seq[Long], s: Option[Long]) => {{ val n: Long = s.getOrElse(0); Some(n + vs.sum) }}).print()\n\
         val x = if (lines == null) 1 else \"a\"\n\
         val y = if (lines == null) 1 else 2L\n\
         println(x.length + y.toInt)\n"
    );
    check(
        &src,
        "7:70 overloaded_args overloaded method + with alternatives:\n\
         \x20 (x: Double)Double <and>\n\
         \x20 (x: Float)Float <and>\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int <and>\n\
         \x20 (x: String)String\n\
         \x20cannot be applied to (Any)\n\
         8:85 type_mismatch type mismatch: found Long(0L), required Int\n\
         9:85 type_mismatch type mismatch: found AnyVal, required Long\n\
         10:93 unknown_method value length is not a member of Any\n\
         11:92 unknown_method value * is not a member of AnyVal\n\
         12:95 type_mismatch type mismatch: found Int(1), required String\n\
         16:11 unknown_method value length is not a member of Any\n",
    );
}

/// A function given by name to `updateStateByKey` (a `def`, applied with `_` or not, or a
/// `val` of a lambda) typed against `(Seq[V], Option[S]) => Option[S]` at the name: a `def`'s
/// result first ("found Int, required Option[?]"), then the parameters; a `def` named
/// without arguments where no function type is expected (`StateSpec.function` takes Java
/// functions too, `val g = f`, `println(f)`), scalac's "missing argument list"; a DStream
/// where a `Duration` goes. Each asked of Spark 4.3.0's scalac with its place.
#[test]
fn functions_given_by_name() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         val longs = lines.map(x => (x, 1L))\n\
         def update(vs: Seq[Int], s: Option[Int]): Option[Int] = Some(vs.sum + s.getOrElse(0))\n\
         def plain(vs: Seq[Int], s: Option[Int]): Int = vs.sum\n\
         def listed(vs: List[Int], s: Option[Int]): Option[Int] = Some(vs.sum)\n\
         val asVal = (vs: Seq[Int], s: Option[Int]) => Some((vs.sum + s.getOrElse(0)).toLong)\n\
         pairs.updateStateByKey(update).print()\n\
         pairs.updateStateByKey(update _).print()\n\
         longs.updateStateByKey(update _).print()\n\
         pairs.updateStateByKey(plain _).print()\n\
         pairs.updateStateByKey(listed _).print()\n\
         pairs.updateStateByKey(asVal).print()\n\
         def mappingFunc(k: String, v: Option[Int], st: State[Int]): (String, Int) = (k, v.getOrElse(0))\n\
         pairs.mapWithState(StateSpec.function(mappingFunc _)).print()\n\
         longs.mapWithState(StateSpec.function(mappingFunc _)).print()\n\
         pairs.mapWithState(StateSpec.function(mappingFunc)).print()\n\
         val g = update\n\
         println(update)\n\
         lines.window(lines).print()\n\
         lines.countByWindow(lines.count(), Seconds(1)).print()\n"
    );
    check(
        &src,
        "13:24 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Option[Int], required (Seq[Long], Option[?]) => Option[?]\n\
         14:24 type_mismatch type mismatch: found Int, required Option[?]\n\
         15:24 type_mismatch type mismatch: found (List[Int], Option[Int]) => Option[Int], required (Seq[Int], Option[?]) => Option[?]\n\
         16:24 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Some[Long], required (Seq[Int], Option[Long]) => Option[Long]\n\
         19:39 type_mismatch type mismatch: found (String, Option[Int], org.apache.spark.streaming.State[Int]) => (String, Int), required (String, Option[Long], org.apache.spark.streaming.State[?]) => ?\n\
         20:39 missing_arg_list missing argument list for method mappingFunc of type (k: String, v: Option[Int], st: org.apache.spark.streaming.State[Int]): (String, Int)\n\
         Unapplied methods are only converted to functions when a function type is expected.\n\
         You can make this conversion explicit by writing `mappingFunc _` or `mappingFunc(_,_,_)` instead of `mappingFunc`.\n\
         21:9 missing_arg_list missing argument list for method update of type (vs: Seq[Int], s: Option[Int]): Option[Int]\n\
         Unapplied methods are only converted to functions when a function type is expected.\n\
         You can make this conversion explicit by writing `update _` or `update(_,_)` instead of `update`.\n\
         22:9 missing_arg_list missing argument list for method update of type (vs: Seq[Int], s: Option[Int]): Option[Int]\n\
         Unapplied methods are only converted to functions when a function type is expected.\n\
         You can make this conversion explicit by writing `update _` or `update(_,_)` instead of `update`.\n\
         23:14 type_mismatch type mismatch: found org.apache.spark.streaming.dstream.ReceiverInputDStream[String], required org.apache.spark.streaming.Duration\n\
         24:32 type_mismatch type mismatch: found org.apache.spark.streaming.dstream.DStream[Long], required org.apache.spark.streaming.Duration\n",
    );
}

/// More of the same, each asked of Spark 4.3.0's scalac with its place: a `def`'s result
/// against its declared type (a number for an `Option`, a name or a tuple of another type);
/// functions by name with two overloads left (`, 2`: a result that is no `Option` with
/// parameters that fit, none of them takes it; else `(Seq[V], Option[?]) => ?`); a default
/// that widens to the declared type beside the `Option`'s (`AnyVal`); a `val` declared `Any`;
/// `getOrElse(None)` an `Any`; an `Option`'s members (its own and an `Iterable`'s).
#[test]
fn results_against_declared_types_and_an_options_members() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         def upd(vs: Seq[Int], s: Int): Option[Int] = vs.sum\n\
         def pair(w: Int, one: Int): (String, Int) = w\n\
         def named(w: String, n: Int): String = (w, n)\n\
         val sums = (vs: Seq[Int], s: Option[Int]) => vs.sum\n\
         val listed = (vs: List[Int], s: Option[Int]) => vs.sum\n\
         val longer = (vs: Seq[Int], s: Option[Int]) => Some(vs.sum.toLong)\n\
         pairs.updateStateByKey(sums, 2).print()\n\
         pairs.updateStateByKey(listed, 2).print()\n\
         pairs.updateStateByKey(longer, 2).print()\n\
         val o: Option[Int] = Some(3)\n\
         val n = 2\n\
         val a: Double = o.getOrElse(n)\n\
         val b: Any = o.getOrElse(0)\n\
         val c = o.getOrElse(None)\n\
         val d: Long = o.getOrElse(true)\n\
         println(o.toInt + b * 2 + c.length)\n\
         println(o.sum + o.size + o.toList.length)\n"
    );
    check(
        &src,
        "6:49 type_mismatch type mismatch: found Int, required Option[Int]\n\
         7:45 type_mismatch type mismatch: found Int, required (String, Int)\n\
         8:40 type_mismatch type mismatch: found (String, Int), required String\n\
         12:7 overloaded_args overloaded method updateStateByKey with alternatives:\n\
         \x20 [S](updateFunc: (Seq[Int], Option[S]) => Option[S], partitioner: org.apache.spark.Partitioner)(implicit evidence$6: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)] <and>\n\
         \x20 [S](updateFunc: (Seq[Int], Option[S]) => Option[S], numPartitions: Int)(implicit evidence$5: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)]\n\
         \x20cannot be applied to ((Seq[Int], Option[Int]) => Int, Int)\n\
         13:24 type_mismatch type mismatch: found (List[Int], Option[Int]) => Int, required (Seq[Int], Option[?]) => ?\n\
         14:24 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Some[Long], required (Seq[Int], Option[Long]) => Option[Long]\n\
         17:28 type_mismatch type mismatch: found AnyVal, required Double\n\
         20:27 type_mismatch type mismatch: found Boolean(true), required Long\n\
         21:11 unknown_method value toInt is not a member of Option[Int]\n\
         21:21 unknown_method value * is not a member of Any\n\
         21:29 unknown_method value length is not a member of Any\n",
    );
}

/// `StreamingContext`'s methods against Spark's signatures (a port written as a `String`, a
/// missing argument, a number for a `Duration` or a `Long`); a DStream has no arithmetic
/// (`+` is `any2stringadd`'s, `-` no member); `filterFunc` takes the pairs, positional or
/// named (its `numPartitions` left out); a real `StreamingContext` method the playground does
/// not run is unsupported, not unknown. Asked of Spark 4.3.0's scalac with its place (all but
/// the last line, which scalac compiles).
#[test]
fn streaming_context_calls_and_a_dstreams_operators() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val l2 = ssc.socketTextStream(\"localhost\", \"9999\")\n\
         val l3 = ssc.socketTextStream(9999)\n\
         ssc.checkpoint()\n\
         ssc.remember(5)\n\
         ssc.awaitTerminationOrTimeout(\"5\")\n\
         val l4 = ssc.socketTextStream(9999, \"localhost\")\n\
         val total = lines.count()\n\
         println(total + 1)\n\
         println(total - 1)\n\
         val pairs = lines.map(x => (x, 1))\n\
         pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(4), Seconds(2), 2, _._2 > 0).print()\n\
         pairs.reduceByKeyAndWindow(_ + _, _ - _, Seconds(4), Seconds(2), filterFunc = _._2 > 0).print()\n\
         val files = ssc.textFileStream(\"in\")\n"
    );
    check(
        &src,
        "5:44 type_mismatch type mismatch: found String(\"9999\"), required Int\n\
         6:30 not_enough_args not enough arguments for method socketTextStream: (hostname: String, port: Int, storageLevel: org.apache.spark.storage.StorageLevel): org.apache.spark.streaming.dstream.ReceiverInputDStream[String].\n\
         Unspecified value parameter port.\n\
         7:15 not_enough_args not enough arguments for method checkpoint: (directory: String): Unit.\n\
         Unspecified value parameter directory.\n\
         8:14 type_mismatch type mismatch: found Int(5), required org.apache.spark.streaming.Duration\n\
         9:31 type_mismatch type mismatch: found String(\"5\"), required Long\n\
         10:31 type_mismatch type mismatch: found Int(9999), required String\n\
         10:37 type_mismatch type mismatch: found String(\"localhost\"), required Int\n\
         12:17 type_mismatch type mismatch: found Int(1), required String\n\
         13:15 unknown_method value - is not a member of org.apache.spark.streaming.dstream.DStream[Long]\n\
         17:17 unsupported not supported by the playground yet: `StreamingContext.textFileStream`\n",
    );
}

/// A `_` that is a whole argument (`map(_, 1)` for `map((_, 1))`) is bound by the whole
/// statement, a lambda with no expected type: scalac's "missing parameter type for expanded
/// function" with the tree it made (and nothing of its body), as for `val f = _ + 1`; a
/// lambda too many is pointed at where scalac points (its `=>`, or its body's for `_._2`).
/// Asked of Spark 4.3.0's scalac with its place.
#[test]
fn a_placeholder_that_is_a_whole_argument() {
    let src = format!(
        "{HEAD}val pairs = lines.flatMap(_.split(\" \")).map((_, 1))\n\
         lines.flatMap(_.split(\" \")).map(_, 1).print()\n\
         val f = _ + 1\n\
         pairs.reduceByKey(_ + _, _).print()\n\
         pairs.map(_._1, _._2).print()\n\
         pairs.map(x => x._1, y => y._2).print()\n"
    );
    check(
        &src,
        "5:33 missing_param_type missing parameter type for expanded function ((<x$4: error>) => lines.flatMap(((x$3) => x$3.split(\" \"))).map(x$4, 1).print())\n\
         6:9 missing_param_type missing parameter type for expanded function ((<x$5: error>) => x$5.$plus(1))\n\
         7:26 missing_param_type missing parameter type for expanded function ((<x$8: error>) => pairs.reduceByKey(((x$6, x$7) => x$6.$plus(x$7)), x$8).print())\n\
         8:19 too_many_args too many arguments (found 2, expected 1) for method map: (mapFunc: ((String, Int)) => U)(implicit evidence$2: scala.reflect.ClassTag[U]): org.apache.spark.streaming.dstream.DStream[U]\n\
         9:24 too_many_args too many arguments (found 2, expected 1) for method map: (mapFunc: ((String, Int)) => U)(implicit evidence$2: scala.reflect.ClassTag[U]): org.apache.spark.streaming.dstream.DStream[U]\n",
    );
}

/// A `def` whose body is a block: its last value against the declared result, typed in the
/// block; a `def` whose result is no `Option` given by name with two overloads left, typed
/// whole as scalac types it. Asked of Spark 4.3.0's scalac with its place.
#[test]
fn a_blocks_result_and_a_method_with_two_overloads_left() {
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val pairs = lines.map(x => (x, 1))\n\
         def mf(w: String, one: Option[Int], st: State[Int]): (String, Int) = {{ st.update(1); w }}\n\
         def upd(vs: List[Int], s: Option[Long]): Int = vs.sum\n\
         pairs.updateStateByKey(upd, 2).print()\n"
    );
    check(
        &src,
        "6:86 type_mismatch type mismatch: found String, required (String, Int)\n\
         8:24 type_mismatch type mismatch: found (List[Int], Option[Long]) => Int, required (Seq[Int], Option[?]) => ?\n",
    );
}

/// A batch interval written as a number (`new StreamingContext(conf, 1)`): no constructor
/// takes it, and scalac lists the four. Asked of Spark 4.3.0's scalac with its place.
#[test]
fn a_batch_interval_that_is_no_duration() {
    let src = "val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
               val ssc = new StreamingContext(conf, 1)\n";
    check(
        src,
        "2:11 constructors_args multiple constructors for StreamingContext with alternatives:\n\
         \x20 (path: String,sparkContext: org.apache.spark.SparkContext)org.apache.spark.streaming.StreamingContext <and>\n\
         \x20 (path: String,hadoopConf: org.apache.hadoop.conf.Configuration)org.apache.spark.streaming.StreamingContext <and>\n\
         \x20 (conf: org.apache.spark.SparkConf,batchDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.StreamingContext <and>\n\
         \x20 (sparkContext: org.apache.spark.SparkContext,batchDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.StreamingContext\n \
         cannot be invoked with (org.apache.spark.SparkConf, Int)\n",
    );
}

#[test]
fn named_arguments_bound_as_scalac_binds_them() {
    // Each message is Spark 4.3.0's scalac's for the same line (tools/differential, 2026-12-06),
    // listed by place (scalac gives a call's unknown names before its missing parameters).
    let src = format!(
        "{HEAD}ssc.checkpoint(\"c\")\n\
         val w = lines.map((_, 1))\n\
         w.countByValueAndWindow(slideDuration = Seconds(2)).print()\n\
         w.countByValueAndWindow(Seconds(4), Seconds(2), numPartition = 2).print()\n\
         w.reduceByKeyAndWindow(_ + _, Seconds(4), Seconds(2), numPartition = 2).print()\n\
         val s2 = ssc.socketTextStream(prt = 9999)\n\
         val s3 = ssc.socketTextStream(\"localhost\", hostname = \"x\")\n\
         w.window(Seconds(4), windowDuration = Seconds(2)).print()\n\
         w.reduceByKey(func = _ + _, numPartitions = 2).print()\n\
         w.reduceByKey(_ + _, numPartitions = \"2\").print()\n\
         w.print(n = 3)\n\
         w.repartition(n = 2).print()\n\
         w.repartition(numPartitions = 2, numPartitions = 3).print()\n\
         w.reduceByKeyAndWindow(_ + _, _ - _, windowDuration = 4).print()\n\
         ssc.stop(stopGracefully = true)\n\
         ssc.stop(stopSparkContext = 1)\n\
         ssc.stop(true, false, true)\n\
         w.reduceByKey(reduceFunc = _ + _, numPartitions = 2).print()\n\
         w.reduceByKeyAndWindow(_ + _, _ - _, Seconds(4), numPartitions = 2).print()\n\
         w.window(Seconds(4), slideDuration = Seconds(2)).print()\n\
         val stopped = ssc.stop()\n\
         println(stopped * 2)\n\
         val maybe = if (stopped == null) 1\n\
         println(maybe - 1)\n\
         val s4 = ssc.socketTextStream(port = 9999, hostname = \"localhost\", hostname = \"x\")\n\
         w.window(\"2\", \"2\", slide = 4).print()\n"
    );
    let rbkw = "  (reduceFunc: (Int, Int) => Int,invReduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration,partitioner: org.apache.spark.Partitioner,filterFunc: ((String, Int)) => Boolean)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,invReduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration,numPartitions: Int,filterFunc: ((String, Int)) => Boolean)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration,partitioner: org.apache.spark.Partitioner)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration,numPartitions: Int)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[(String, Int)]";
    let cbvw = "(windowDuration: org.apache.spark.streaming.Duration, slideDuration: org.apache.spark.streaming.Duration, numPartitions: Int)(implicit ord: Ordering[(String, Int)]): org.apache.spark.streaming.dstream.DStream[((String, Int), Long)]";
    let stt = "(hostname: String, port: Int, storageLevel: org.apache.spark.storage.StorageLevel): org.apache.spark.streaming.dstream.ReceiverInputDStream[String]";
    let window = "  (windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[(String, Int)]";
    let rbk = "  (reduceFunc: (Int, Int) => Int,partitioner: org.apache.spark.Partitioner)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int,numPartitions: Int)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n\
         \x20 (reduceFunc: (Int, Int) => Int)org.apache.spark.streaming.dstream.DStream[(String, Int)]";
    let stop = "  (stopSparkContext: Boolean,stopGracefully: Boolean)Unit <and>\n  (stopSparkContext: Boolean)Unit";
    let expected = format!(
        "6:24 not_enough_args not enough arguments for method countByValueAndWindow: {cbvw}.\nUnspecified value parameter windowDuration.\n\
         7:62 unknown_param unknown parameter name: numPartition\n\
         8:3 overloaded_args overloaded method reduceByKeyAndWindow with alternatives:\n{rbkw}\n [which have no such parameter numPartition] cannot be applied to ((Int, Int) => Int, org.apache.spark.streaming.Duration, org.apache.spark.streaming.Duration, numPartition: Int)\n\
         9:30 not_enough_args not enough arguments for method socketTextStream: {stt}.\nUnspecified value parameters hostname, port.\n\
         9:35 unknown_param unknown parameter name: prt\n\
         10:30 not_enough_args not enough arguments for method socketTextStream: {stt}.\nUnspecified value parameter port.\n\
         10:53 already_specified parameter 'hostname' is already specified at parameter position 1\n\
         11:3 overloaded_args overloaded method window with alternatives:\n{window}\n cannot be applied to (org.apache.spark.streaming.Duration, windowDuration: org.apache.spark.streaming.Duration)\n\
         12:3 overloaded_fn overloaded method reduceByKey with alternatives:\n{rbk}\n does not match arguments (func: (?, ?) => ?, numPartitions: 2)\n\
         12:22 missing_param_type missing parameter type for expanded function ((<x$4: error>, x$5) => x$4.$plus(x$5))\n\
         12:26 missing_param_type missing parameter type for expanded function ((<x$4: error>, <x$5: error>) => x$4.$plus(x$5))\n\
         13:38 type_mismatch type mismatch: found String(\"2\"), required Int\n\
         14:3 overloaded_args overloaded method print with alternatives:\n  (num: Int)Unit <and>\n  ()Unit\n [which have no such parameter n] cannot be applied to (n: Int)\n\
         15:17 unknown_param unknown parameter name: n\n\
         16:14 too_many_args too many arguments (found 2, expected 1) for method repartition: (numPartitions: Int): org.apache.spark.streaming.dstream.DStream[(String, Int)]\n\
         16:48 already_specified parameter 'numPartitions' is already specified at parameter position 1\n\
         17:55 type_mismatch type mismatch: found Int(4), required org.apache.spark.streaming.Duration\n\
         18:5 overloaded_args overloaded method stop with alternatives:\n{stop}\n cannot be applied to (stopGracefully: Boolean)\n\
         19:29 type_mismatch type mismatch: found Int(1), required Boolean\n\
         20:5 overloaded_args overloaded method stop with alternatives:\n{stop}\n cannot be applied to (Boolean, Boolean, Boolean)\n\
         25:17 unknown_method value * is not a member of Unit\n\
         27:15 unknown_method value - is not a member of AnyVal\n\
         28:77 already_specified parameter 'hostname' is already specified at parameter position 2\nNote that 'port' is not a parameter name of the invoked method.\n\
         29:3 overloaded_fn overloaded method window with alternatives:\n{window}\n does not match arguments (?, \"2\", slide: 4)\n\
         29:10 type_mismatch type mismatch: found String(\"2\"), required org.apache.spark.streaming.Duration\n"
    );
    check(&src, &expected);
}

#[test]
fn a_function_values_members() {
    // scalac's: a placeholder expanded alone types the `val` as `? => ?`, and a function
    // value has `apply`, `andThen`, `compose` and `Any`'s members only.
    let src = format!(
        "{HEAD}val w = lines.map(_, 1)\n\
         w.reduceByKey(_ + _).print()\n\
         val f = (x: Int) => x + 1\n\
         println(f.andThen(_ * 2)(3))\n\
         f.print()\n\
         val g = (s: String, n: Int) => s.length + n\n\
         println(g.tupled((\"a\", 2)) + g.length)\n"
    );
    check(
        &src,
        "4:19 missing_param_type missing parameter type for expanded function ((<x$1: error>) => lines.map(x$1, 1))\n\
         5:3 unknown_method value reduceByKey is not a member of ? => ?\n\
         8:3 unknown_method value print is not a member of Int => Int\n\
         10:32 unknown_method value length is not a member of (String, Int) => Int\n",
    );
}

#[test]
fn a_positional_argument_after_named_ones() {
    // Scala lets a positional argument follow named ones that stand at their own places
    // (the first two lines run); after one out of its place it is scalac's error.
    let src = format!(
        "{HEAD}val s1 = ssc.socketTextStream(hostname = \"localhost\", 9999)\n\
         lines.window(windowDuration = Seconds(4), Seconds(2)).print()\n\
         val s2 = ssc.socketTextStream(port = 9999, \"localhost\")\n\
         lines.window(slideDuration = Seconds(2), Seconds(4)).print()\n\
         lines.repartition(numPartitions = 2, 3).print()\n"
    );
    let stt = "(hostname: String, port: Int, storageLevel: org.apache.spark.storage.StorageLevel): org.apache.spark.streaming.dstream.ReceiverInputDStream[String]";
    let expected = format!(
        "6:30 not_enough_args not enough arguments for method socketTextStream: {stt}.\nUnspecified value parameter hostname.\n\
         6:44 positional_after_named positional after named argument.\n\
         7:7 overloaded_args overloaded method window with alternatives:\n  \
         (windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String] <and>\n  \
         (windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String]\n \
         cannot be applied to (slideDuration: org.apache.spark.streaming.Duration, org.apache.spark.streaming.Duration)\n\
         8:38 too_many_args too many arguments (found 2, expected 1) for method repartition: (numPartitions: Int): org.apache.spark.streaming.dstream.DStream[String]\n"
    );
    check(&src, &expected);
}

#[test]
fn a_strings_characters_and_numbers_members_are_typed() {
    // `head` of a `String` is a `Char`, `headOption` an `Option[Char]`, `round` of a `Double`
    // a `Long`, anything's `toString` a `String`; Java 11's `String` methods are members.
    // After an error in an argument scalac gives the call its error type and says nothing
    // more of it (`.map(_.capitalize)` after `filter(_.nonEmpty)` on a `Char`).
    let src = format!(
        "{HEAD}lines.map(w => w.head.length).print()\n\
         lines.map(w => w.head.split(\" \")).print()\n\
         lines.map(w => w.headOption.length).print()\n\
         lines.map(w => w.head).map(w => Option(w).filter(_.nonEmpty).map(_.capitalize).getOrElse(\"-\")).print()\n\
         println(100.0 % 1.0.round.toString)\n\
         println(List(1, 2).toString - 1)\n\
         lines.map(w => w.takeWhile(_ != ' ').dropWhile(_ == 'h').slice(0, 2).repeat(2).strip).print()\n\
         lines.map(w => w.equalsIgnoreCase(\"HI\") && w.isBlank || w.stripLeading.isEmpty).print()\n\
         lines.map(w => w.filter(_.isLetter).reverse.toUpperCase.take(3) + w.last.toUpper).print()\n"
    );
    let percent = "overloaded method % with alternatives:\n  (x: Double)Double <and>\n  (x: Float)Double <and>\n  \
         (x: Long)Double <and>\n  (x: Int)Double <and>\n  (x: Char)Double <and>\n  (x: Short)Double <and>\n  \
         (x: Byte)Double\n cannot be applied to (String)";
    let expected = format!(
        "4:23 unknown_method value length is not a member of Char\n\
         5:23 unknown_method value split is not a member of Char\n\
         6:29 unknown_method value length is not a member of Option[Char]\n\
         7:52 unknown_method value nonEmpty is not a member of Char\n\
         8:15 overloaded_args {percent}\n\
         9:29 unknown_method value - is not a member of String\n"
    );
    check(&src, &expected);
}

#[test]
fn what_math_functions_give() {
    // `math.ceil` gives a `Double`, `math.max` of two `Int`s an `Int`, `Math.abs` of a `Long`
    // a `Long`, `math.round` of a `Double` a `Long`: scalac's errors on what follows.
    let src = format!(
        "{HEAD}println(math.ceil(0.001) % 1.0.toString)\n\
         println(math.max(1, 2) - \"a\")\n\
         println(Math.abs(-3L) * \"a\")\n\
         println(math.round(2.5).length)\n\
         lines.map(w => math.max(w.length, 3).isEmpty).print()\n\
         println(math.round(2.5) + math.sqrt(4) + math.pow(2, 3) + math.abs('a') + math.min(1L, 2))\n"
    );
    let diags = render(&src, Lang::En);
    let firsts: Vec<String> = diags
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(str::to_string)
        .collect();
    assert_eq!(
        firsts,
        [
            "4:26 overloaded_args overloaded method % with alternatives:",
            "5:24 overloaded_args overloaded method - with alternatives:",
            "6:23 overloaded_args overloaded method * with alternatives:",
            "7:25 unknown_method value length is not a member of Long",
            "8:38 unknown_method value isEmpty is not a member of Int",
        ],
        "{diags}"
    );
    assert!(diags.contains("(x: Int)Int <and>") && diags.contains("(x: Long)Long <and>"));
}

#[test]
fn a_strings_members_the_playground_does_not_run_are_not_supported_not_missing() {
    // `getBytes` and `zipAll` are a `String`'s (scalac compiles them): the playground says it
    // does not run them; `sizee` is no member, in scalac's words.
    let src = format!(
        "{HEAD}lines.map(w => w.getBytes.length).print()\n\
         lines.map(w => w.zipAll(\"ab\", '-', '+')).print()\n\
         lines.map(w => w.sizee).print()\n\
         lines.map(w => w.sliding(2).toList.mkString + w.partition(_ < 'i')._1 + w.stripMargin).print()\n\
         println(BigInt(2).pow(70))\n\
         println(Bigint(2))\n"
    );
    // `BigInt` is Scala's, not run here; `Bigint` is no name at all.
    check(
        &src,
        "4:18 unsupported not supported by the playground yet: `String.getBytes`\n\
         5:18 unsupported not supported by the playground yet: `String.zipAll`\n\
         6:18 unknown_method value sizee is not a member of String\ndid you mean size?\n\
         8:9 unsupported not supported by the playground yet: `BigInt`\n\
         9:9 unknown_name not found: value Bigint\n",
    );
}

#[test]
fn scalas_number_objects_are_not_javas() {
    // Scala's `Int`, `Long` and `Double` objects have `MaxValue`, not Java's `MAX_VALUE` or
    // `parseDouble` (Spark 4.3.0's scalac); Java's `Integer` has `MAX_VALUE`, not `MaxValue`.
    // A value of the program's own of that name is its own (in its block only: above, in
    // the same block, it would be a forward reference to the program's `Double`).
    let src = format!(
        "{HEAD}println(Int.MAX_VALUE + Int.MaxValue + Integer.MAX_VALUE + Integer.parseInt(\"1\"))\n\
         println(Double.parseDouble(\"1.5\") + Double.NaN + Double.POSITIVE_INFINITY)\n\
         println(Long.MinValue + Integer.MaxValue)\n\
         if (true) {{\n\
         \x20 val Double = Map(\"parseDouble\" -> 1)\n\
         \x20 println(Double.size + Long.MAX_VALUE)\n\
         }}\n"
    );
    check(
        &src,
        "4:13 unknown_method value MAX_VALUE is not a member of object Int\n\
         5:16 unknown_method value parseDouble is not a member of object Double\n\
         5:57 unknown_method value POSITIVE_INFINITY is not a member of object Double\n\
         6:33 unknown_method value MaxValue is not a member of object Integer\n\
         9:30 unknown_method value MAX_VALUE is not a member of object Long\n",
    );
}

#[test]
fn a_brace_on_the_next_line_is_an_argument_of_the_line_before() {
    // scalac (Spark 4.3.0) reads `expr` then `{ ... }` on the next line as `expr({ ... })`:
    // a constant or `Unit` takes no parameters, and a `val` used in its own initialiser
    // has no type yet. A blank line between ends the statement; a comment line does not.
    let src = format!(
        "{HEAD}val n = 5\n\
         {{ println(n) }}\n\
         lines.print()\n\
         {{ println(1) }}\n\
         val words = lines.flatMap(_.split(\" \"))\n\
         {{ words.print() }}\n\
         val m = 6\n\
         \n\
         {{ println(m) }}\n\
         lines.count() // a comment\n\
         // another\n\
         {{ println(2) }}\n\
         lines.foreachRDD\n\
         {{ rdd => println(rdd.count()) }}\n"
    );
    check(
        &src,
        "5:1 no_params Int(5) does not take parameters\n\
         7:1 no_params Unit does not take parameters\n\
         9:3 recursive_value recursive value words needs type\n\
         15:1 no_params org.apache.spark.streaming.dstream.DStream[Long] does not take parameters\n",
    );
}

#[test]
fn a_scala_collections_members_are_scalacs() {
    // Spark 4.3.0's scalac: a member a `List`, a `Map`, a `Set`, a map's `keys` or an RDD
    // action's `scala.collection.Map` does not have, named with the collection's type and
    // scalac's "did you mean" (the nearest names, then "or perhaps" the next).
    let src = format!(
        "{HEAD}val xs = List(1, 2, 3)\n\
         println(xs.lenght)\n\
         val m = Map(\"a\" -> 1)\n\
         println(m.lenght)\n\
         println(Set(1, 2).sortBy(x => x))\n\
         println(xs.map(_ * 2).foo)\n\
         lines.foreachRDD {{ rdd =>\n\
         \x20 val c = rdd.flatMap(_.split(\" \")).countByValue()\n\
         \x20 println(c.toSeq.sortBy(_._2).revers)\n\
         \x20 println(c.keys.sorted)\n\
         \x20 println(rdd.map(l => (l, 1)).collectAsMap().values.sortBy(x => x))\n\
         \x20 println(List(\"a\", \"b\").map(_.toUpperCase).filter(_.lenght > 1))\n\
         }}\n"
    );
    check(
        &src,
        "5:12 unknown_method value lenght is not a member of List[Int]\ndid you mean length? or perhaps lengthIs?\n\
         7:11 unknown_method value lenght is not a member of scala.collection.immutable.Map[String,Int]\n\
         8:19 unknown_method value sortBy is not a member of scala.collection.immutable.Set[Int]\n\
         9:23 unknown_method value foo is not a member of List[Int]\ndid you mean fold?\n\
         12:32 unknown_method value revers is not a member of Seq[(String, Long)]\ndid you mean reverse?\n\
         13:18 unknown_method value sorted is not a member of Iterable[String]\n\
         14:54 unknown_method value sortBy is not a member of Iterable[Int]\n\
         15:54 unknown_method value lenght is not a member of String\ndid you mean length?\n",
    );
    // In Chinese, scalac's suggestions joined as Chinese joins them.
    assert!(render(&src, Lang::Zh)
        .contains("lenght 不是 List[Int] 的成员；你是不是想写 length？也可能是 lengthIs？"));
}

#[test]
fn a_lambda_parameter_declared_another_type_than_the_element_is_scalacs_mismatch() {
    // Spark 4.3.0's scalac: a function type is not widened (`Long => Long` is no `Int => ?`);
    // `Any` takes every element; a tuple parameter in its own parentheses.
    let src = format!(
        "{HEAD}val pairs = lines.map(l => (l, l.length))\n\
         val nums = lines.map(_.length)\n\
         pairs.filter((p: (String, Long)) => p._2 > 1).print()\n\
         nums.map((n: Long) => n * 2).print()\n\
         nums.map((n: Any) => n.toString).print()\n\
         lines.map((s: Int) => s + 1).print()\n\
         lines.filter((s: String) => s.nonEmpty).print()\n\
         pairs.map((p: (String, Int)) => p._1).print()\n\
         lines.foreachRDD {{ rdd => println(rdd.map((w: Double) => w).count()) }}\n\
         nums.filter((n: String) => n.isEmpty).print()\n"
    );
    check(
        &src,
        "6:34 type_mismatch type mismatch: found ((String, Long)) => Boolean, required ((String, Int)) => Boolean\n\
         7:20 type_mismatch type mismatch: found Long => Long, required Int => ?\n\
         9:20 type_mismatch type mismatch: found Int => Int, required String => ?\n\
         12:55 type_mismatch type mismatch: found Double => Double, required String => ?\n\
         13:25 type_mismatch type mismatch: found String => Boolean, required Int => Boolean\n",
    );
}

#[test]
fn a_lazy_list_is_scalas_but_not_run_here() {
    // Scala 2.13's `LazyList` is there (it was "not found: value LazyList"), not run here.
    let src = format!("{HEAD}val l = LazyList(1, 2)\n");
    let out = render(&src, Lang::En);
    assert!(out.starts_with("4:9 unsupported "), "{out}");
    assert!(out.contains("`LazyList`"), "{out}");
}

#[test]
fn a_forward_reference_over_a_val_is_refused_as_scalac_refuses_it() {
    // Spark 4.3.0's scalac: a block's name used above its definition is an error when a
    // strict `val` or `var` lies from the use to the definition (the use's own statement and
    // the definition included), once a name; a later `def`, or a `lazy val` using itself
    // (a recursive function value), is fine. An inner block's `x` is the block's own from
    // its first statement on, and a lambda's parameter hides the block's names.
    let src = format!(
        "{HEAD}def g = b\n\
         var c = 3\n\
         val b = 1\n\
         val k = h(1)\n\
         def h(x: Int) = x + m\n\
         val m = 2\n\
         val f: Int => Int = (n: Int) => if (n < 2) n else f(n - 1) + f(n - 2)\n\
         lazy val fib: Int => Int = (n: Int) => if (n < 2) n else fib(n - 1) + fib(n - 2)\n\
         def u = v\n\
         lazy val v = w\n\
         def w = 1\n\
         val x = 1\n\
         lines.foreachRDD {{ rdd =>\n\
         \x20 println(x)\n\
         \x20 val x = 2\n\
         \x20 rdd.map(y => y + x).count()\n\
         }}\n"
    );
    check(
        &src,
        "4:9 forward_reference forward reference to value b defined on line 6 extends over definition of variable c\n\
         7:9 forward_reference forward reference to method h defined on line 8 extends over definition of value k\n\
         8:21 forward_reference forward reference to value m defined on line 9 extends over definition of value m\n\
         10:51 forward_reference forward reference to value f defined on line 10 extends over definition of value f\n\
         17:11 forward_reference forward reference to value x defined on line 18 extends over definition of value x\n",
    ); // Found after typing: the use has the later `val`'s type, and what does not fit it is
       // the error scalac gives instead.
    check(
        &format!("{HEAD}val a = b\nval b = \"x\"\nprintln(a.foo)\n"),
        "6:11 unknown_method value foo is not a member of String\n",
    );
}

#[test]
fn an_f_interpolators_formats_are_checked_as_scalac_checks_them() {
    // Spark 4.3.0's scalac: `%d` of a `Double`, `%f` of a `String` are type mismatches (an
    // `Int` for `%f` is widened), an unknown letter, a `%` after no argument, a precision
    // for `%d` and a `,` for `%x` are the macro's own errors.
    let src = format!(
        "{HEAD}val d = 1.5\nval n = 2\n\
         println(f\"$d%d $n%.2f $n%5d ${{n + 1}}%03d\")\n\
         println(f\"${{d.toString}}%.1f|$n%q|100%\")\n\
         println(f\"a%db $n%.2d $n%,x $n%,d $n%n\")\n"
    );
    check(
        &src,
        "6:12 type_mismatch type mismatch: found Double, required Int, Long, Byte, Short, BigInt\n\
         7:13 type_mismatch type mismatch: found String, required Double, Float, BigDecimal\n\
         7:32 illegal_conversion illegal conversion character 'q'\n\
         7:37 missing_conversion Missing conversion operator in '%'; use %% for literal %, %n for newline\n\
         8:12 conversion_without_splice conversions must follow a splice; use %% for literal %, %n for newline\n\
         8:19 precision_not_allowed precision not allowed\n\
         8:26 group_only_d ',' only allowed for d conversion of integral types\n",
    );
}

#[test]
fn a_key_given_to_to_map_is_its_implicit_evidence_as_scalac_reads_it() {
    // Spark 4.3.0's scalac: `toMap("hello")` passes the key as `toMap`'s implicit evidence
    // that the elements are pairs; `toMap` then a lookup is fine.
    let src = format!(
        "{HEAD}lines.map((_, 1)).foreachRDD {{ rdd =>\n  val counts = rdd.collect()\n  \
         val k = \"hi\"\n  println(counts.toMap(\"hello\"))\n  println(counts.toMap(k))\n  \
         println(counts.toMap.getOrElse(k, 0))\n  println(counts.toList.toMap(\"a\"))\n}}\n"
    );
    check(
        &src,
        "7:24 type_mismatch type mismatch: found String(\"hello\"), required (String, Int) <:< (?, ?)\n\
         8:24 type_mismatch type mismatch: found String, required (String, Int) <:< (?, ?)\n\
         10:31 type_mismatch type mismatch: found String(\"a\"), required (String, Int) <:< (?, ?)\n",
    );
}

#[test]
fn what_spark_4_has_not_is_no_member_and_a_pair_rdds_own_needs_pairs() {
    // Spark 4.3.0's scalac: a `DStream` has no `foreach` or `countByKey`; `sortByKey`,
    // `keys` and `partitionBy` are a pair RDD's; `saveAsHadoopFiles` a pair stream's. The
    // playground used to say "not supported" of them, as if Spark had them.
    let src = format!(
        "{HEAD}lines.foreach(rdd => println(rdd.count()))\n\
         lines.map((_, 1)).countByKey()\n\
         lines.foreachRDD {{ rdd => rdd.sortByKey() }}\n\
         lines.foreachRDD {{ rdd => rdd.map(w => (w, 1)).keys.count() }}\n\
         lines.saveAsHadoopFiles(\"a\", \"b\")\n\
         lines.map((_, 1)).saveAsHadoopFiles(\"a\", \"b\")\n"
    );
    check(
        &src,
        "4:7 unknown_method value foreach is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\n\
         5:19 unknown_method value countByKey is not a member of org.apache.spark.streaming.dstream.DStream[(String, Int)]\n\
         6:31 needs_pairs value sortByKey is not a member of org.apache.spark.rdd.RDD[String]: sortByKey needs (key, value) pairs; make pairs first, e.g. .map(x => (x, 1))\n\
         8:7 unknown_method value saveAsHadoopFiles is not a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String]\n\
         9:19 unsupported not supported by the playground yet: `DStream.saveAsHadoopFiles`\n",
    );
}

#[test]
fn a_lambda_of_a_pairs_parts_where_a_function_of_the_pair_is_expected() {
    // Scala 2.13 does not spread a tuple over two parameters: scalac's "missing parameter
    // type" at each (the first with its note), where the checker knows the elements are pairs
    // (an RDD's `collect()`); `{ case (w, n) => ... }` and typed parameters are not this.
    let src = format!(
        "{HEAD}val pairs = lines.flatMap(_.split(\" \")).map((_, 1))\n\
         pairs.foreachRDD {{ rdd =>\n\
         rdd.collect().foreach((w, n) => println(w + n))\n\
         rdd.collect().foreach {{ case (w, n) => println(w + n) }}\n\
         rdd.collect().sortBy(p => -p._2).foreach(println)\n\
         }}\n\
         ssc.start()\nssc.awaitTermination()\n"
    );
    check(
        &src,
        "6:24 missing_param_type missing parameter type\n\
         Note: The expected type requires a one-argument function accepting a 2-Tuple.\n      \
         Consider a pattern matching anonymous function, `{ case (w, n) =>  ... }`\n\
         6:27 missing_param_type missing parameter type\n\
         6:30 type_mismatch type mismatch: found (?, ?) => ?, required ((String, Int)) => ?\n",
    );
}

#[test]
fn a_name_defined_twice_in_one_scope_is_scalacs_error_where_scalac_puts_it() {
    // Spark 4.3.0's scalac, places included (compile_compare --pos): the first definition's
    // kind names it; a local `def` twice, whatever its parameters, is "defined twice".
    let src = format!("{HEAD}var n = 1\nval n = 2\nlazy val z = 1\nval z = 2\ncase class A(n: Int)\ncase class A(m: Int)\n");
    check(
        &src,
        "5:5 already_defined n is already defined as variable n\n\
         7:5 already_defined z is already defined as lazy value z\n\
         9:12 already_defined A is already defined as case class A\n",
    );
    let src = format!("{HEAD}val lines = 3\n");
    check(
        &src,
        "4:5 already_defined lines is already defined as value lines\n",
    );
    let src = format!("{HEAD}def g() = 1\nval g = 2\n");
    check(
        &src,
        "5:5 defined_twice value g is defined twice;\n  the conflicting method g was defined at line 4:5\n",
    );
    // Each scope its own: a lambda's block, an object's members, main's names again inside
    // a block; an object's two `def`s are overloads; a lambda's parameter is not the `val`.
    let src = format!(
        "{HEAD}val x = 1\nlines.foreachRDD {{ rdd => val x = 2; val y = 1; val y = 3; println(x + y) }}\n\
         val xs = List(1).map(xs => xs + 1)\nif (x > 0) {{ val x = 5; println(x) }}\nlines.print()\n"
    );
    check(
        &src,
        "5:53 already_defined y is already defined as value y\n",
    );
    let src = "object Util {\n  def f(a: Int) = a\n  def f(a: String) = a\n  val k = 1\n  val k = 2\n}\n\
               object P {\n  def main(args: Array[String]): Unit = {\n    val k = Util.f(1)\n    println(k)\n  }\n}\n";
    check(src, "5:7 already_defined k is already defined as value k\n");
}

#[test]
fn scala_2_12s_collection_members_that_2_13_removed_are_scalacs_errors() {
    // Old Spark tutorials (Kafka's offsets in Java maps) import `JavaConversions` and build
    // with `breakOut`; Spark 4.3.0's scalac: "object ... is not a member of package
    // collection", at the name.
    let src = format!(
        "import scala.collection.JavaConversions._\n{HEAD}\
         val m: Map[Int, Int] = List(1).map(x => (x, x))(collection.breakOut)\n\
         import scala.collection.JavaConversions.mapAsScalaMap\n"
    );
    check(
        &src,
        "1:25 not_in_package object JavaConversions is not a member of package collection\n\
         5:60 not_in_package object breakOut is not a member of package collection\n\
         6:25 not_in_package object JavaConversions is not a member of package collection\n",
    );
    // Their 2.13 forms are fine; a symbol literal (`'abc`, which scalac still compiles) is
    // not run, and says what to write.
    let src = format!(
        "import scala.jdk.CollectionConverters._\n{HEAD}\
         val m = List(1).map(x => (x, x)).toMap\nval s = 'abc\n"
    );
    check(
        &src,
        "6:9 unsupported not supported by the playground yet: a symbol literal `'abc` (write the String \"abc\")\n",
    );
}

#[test]
fn a_dstreams_private_streaming_members_cannot_be_accessed_as_scalac_says() {
    // Spark 4.3.0's scalac: `private[streaming]` members are there, but not reachable from a
    // program's object (the oracle's package aside); `dependencies` and `slice` are public.
    let src = "object P {\n  def main(args: Array[String]): Unit = {\n\
               val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
               val ssc = new StreamingContext(conf, Seconds(1))\n\
               val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
               println(lines.generatedRDDs.size + lines.dependencies.size)\n\
               lines.map(_.length).register()\n\
               lines.print()\n  }\n}\n";
    check(
        src,
        "6:15 not_accessible variable generatedRDDs in class DStream cannot be accessed as a member of org.apache.spark.streaming.dstream.ReceiverInputDStream[String] from object P\n\
         7:21 not_accessible method register in class DStream cannot be accessed as a member of org.apache.spark.streaming.dstream.DStream[Int] from object P\n",
    );
}

#[test]
fn spark_sql_is_said_unsupported_once_at_its_import() {
    // The streaming guide's "DataFrame and SQL Operations": the playground re-enacts DStreams
    // and RDDs only. The import says so; the names it brings are not "not found" after it.
    let src = format!(
        "import org.apache.spark.sql.{{Row, SparkSession}}\n{HEAD}\
         lines.foreachRDD {{ rdd =>\n\
         val spark = SparkSession.builder.config(rdd.sparkContext.getConf).getOrCreate()\n\
         import spark.implicits._\n\
         rdd.toDF(\"word\").createOrReplaceTempView(\"words\")\n\
         spark.sql(\"select word, count(*) from words group by word\").show()\n\
         }}\n"
    );
    check(
        &src,
        "1:8 unsupported not supported by the playground yet: Spark SQL (`org.apache.spark.sql`: `SparkSession`, DataFrames)\n\
         8:5 unsupported not supported by the playground yet: `RDD.toDF`\n",
    );
}

#[test]
fn a_library_the_playground_lacks_is_said_unsupported_by_its_imported_name() {
    // A JDBC sink, a custom receiver: names the program imports that the playground does not
    // have are "not supported" with their full name (they were "not found: value
    // DriverManager", and "not found: value store" in the receiver's body); Spark's own
    // imports it has (`StorageLevel`) stay as they are.
    let src = format!(
        "import java.sql.{{Connection, DriverManager}}\n\
         import org.apache.spark.storage.StorageLevel\n\
         import org.apache.spark.streaming.receiver.Receiver\n\
         class Words(n: Int) extends Receiver[String](StorageLevel.MEMORY_ONLY) {{\n\
         def onStart(): Unit = store(\"hello\")\n\
         def onStop(): Unit = {{}}\n\
         }}\n{HEAD}\
         lines.foreachRDD {{ rdd =>\n\
         rdd.foreachPartition {{ it =>\n\
         val conn = DriverManager.getConnection(\"jdbc:mysql://localhost/test\")\n\
         it.foreach(l => conn.prepareStatement(\"insert into t values (?)\").execute())\n\
         }}\n\
         }}\n\
         lines.persist(StorageLevel.MEMORY_ONLY).print()\n"
    );
    check(
        &src,
        "4:7 unsupported not supported by the playground yet: `org.apache.spark.streaming.receiver.Receiver`\n\
         13:12 unsupported not supported by the playground yet: `java.sql.DriverManager`\n",
    );
}

#[test]
fn a_numbers_max_and_min_are_typed_as_the_receiver() {
    // Spark 4.3.0's scalac (driver round 10054, compile_compare --pos): `RichDouble.max`
    // gives a `Double`, whose `%` takes no `String`; a declared type checks the result (an
    // infix call at its name, a dotted one at its parenthesis); an `Int` widens to a `Long`.
    let src = format!(
        "{HEAD}println(((-3.25) max 1.5) % 1.0.toLong.toString)\n\
         val n: Int = 3L max 2\n\
         val a = 2.5\n\
         val m: String = a.min(1)\n\
         val k: Long = 2 max 3\n"
    );
    check(
        &src,
        "4:27 overloaded_args overloaded method % with alternatives:\n  (x: Double)Double <and>\n  (x: Float)Double <and>\n  (x: Long)Double <and>\n  (x: Int)Double <and>\n  (x: Char)Double <and>\n  (x: Short)Double <and>\n  (x: Byte)Double\n cannot be applied to (String)\n\
         5:17 type_mismatch type mismatch: found Long, required Int\n\
         7:22 type_mismatch type mismatch: found Double, required String\n",
    );
}

#[test]
fn an_update_function_whose_body_fails_is_typed_as_far_as_scalac_gets() {
    // Spark 4.3.0's scalac (compile_compare --pos, columns less its 4 of indentation): the
    // body's errors, then, where the parameters do not fit or `S` is left unsolved, the
    // function as scalac typed it: a branch with an error left out (a first one leaves
    // none), an `Option`'s `map` of a failed function an `Option[Nothing]`, a `Some(vs.sum)`
    // after an error no type (no implicit is found then; `vs.sum * 2` is), a plain result
    // "found Int, required Option[?]". An undeclared state: the values said unless the body
    // is a `match`.
    let cases = [
        (
            "(vs: List[Int], s: Option[Int]) => if (vs.isEmpty) None else Some(s.gett)",
            "5:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => None.type (with underlying type (List[Int], Option[Int]) => None.type), required (Seq[Int], Option[?]) => Option[?]\n5:92 unknown_method value gett is not a member of Option[Int]\ndid you mean get?\n",
        ),
        (
            "(vs: Seq[Int], s: Option[Int]) => s.map(_ + vs.summ)",
            "5:55 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Option[Nothing], required (Seq[Int], Option[S]) => Option[S]\n5:71 unknown_method value summ is not a member of Seq[Int]\ndid you mean sum?\n",
        ),
        (
            "(vs: Seq[Int], s: Option[Int]) => s.map(_ + vs.summ), 2",
            "5:71 unknown_method value summ is not a member of Seq[Int]\ndid you mean sum?\n",
        ),
        (
            "(vs: List[Int], s: Option[Int]) => if (vs.isEmpty) s.gett else None",
            "5:77 unknown_method value gett is not a member of Option[Int]\ndid you mean get?\n",
        ),
        (
            "(vs: List[Int], s: Option[Int]) => s.getOrElse(0).foo match { case 0 => None; case _ => Some(vs.sum.toString) }",
            "5:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => None.type (with underlying type (List[Int], Option[Int]) => None.type), required (Seq[Int], Option[?]) => Option[?]\n5:74 unknown_method value foo is not a member of Int\n",
        ),
        (
            "(vs: List[Int], s) => s.map(_ + 1)",
            "5:40 missing_param_type missing parameter type\n5:43 type_mismatch type mismatch: found (List[Int], ?) => ?, required (Seq[Int], Option[?]) => Option[?]\n",
        ),
        (
            "(vs: List[Int], s) => s match { case Some(x) => Some(x + vs.sum); case None => Some(vs.sum) }",
            "5:40 missing_param_type missing parameter type\n",
        ),
        (
            "(vs, s: Option[Int]) => s.map(_ => vs.summ)",
            "5:45 type_mismatch type mismatch: found (Seq[Int], Option[Int]) => Option[Nothing], required (Seq[Int], Option[S]) => Option[S]\n5:62 unknown_method value summ is not a member of Seq[Int]\ndid you mean sum?\n",
        ),
        (
            "(vs: List[Int], s: Option[Int]) => { println(vs.summ); Some(1) }",
            "5:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => Some[Int], required (Seq[Int], Option[?]) => Option[?]\n5:72 unknown_method value summ is not a member of List[Int]\ndid you mean sum?\n",
        ),
        (
            "(vs: Seq[Long], s: Option[Int]) => if (vs.isEmpty) s else Some((vs.sum, 1)), 2",
            "5:56 type_mismatch type mismatch: found (Seq[Long], Option[Int]) => Option[Any], required (Seq[Int], Option[?]) => ?\n",
        ),
        (
            "(vs: Seq[Long], s: String) => s match { case 0 => None; case _ => Some(vs.sum.toString) }",
            "5:51 type_mismatch type mismatch: found (Seq[Long], String) => None.type (with underlying type (Seq[Long], String) => None.type), required (Seq[Int], Option[?]) => Option[?]\n5:69 type_mismatch type mismatch: found Int(0), required String\n",
        ),
        (
            "(vs: List[Int], s: Option[Int]) => s.getOrElse(0).foo match { case 0 => None; case _ => Some(vs.sum * 2) }",
            "5:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => Option[Int], required (Seq[Int], Option[?]) => Option[?]\n5:74 unknown_method value foo is not a member of Int\n",
        ),
        (
            "(vs: Seq[String], s: Option[Int]) => if (vs.isEmpty) s.getOrElse(0) else Some(vs.sum + s.getOrElse(0))",
            "5:88 type_mismatch type mismatch: found Int, required Option[?]\n5:105 no_numeric could not find implicit value for parameter num: scala.math.Numeric[String]\n",
        ),
        (
            "(vs: List[Int], s: Option[Int]) => s match { case 0 => None; case _ => Some(vs.size) }",
            "5:56 type_mismatch type mismatch: found (List[Int], Option[Int]) => Option[Int], required (Seq[Int], Option[?]) => Option[?]\n5:74 type_mismatch type mismatch: found Int(0), required Option[Int]\n",
        ),
        (
            "(vs: Seq[Long], s: String) => s.map(_ => vs.sum * 1.5)",
            "5:59 type_mismatch type mismatch: found IndexedSeq[Double], required Option[?]\n",
        ),
        (
            "(vs, s: String) => s.map(_ => vs.size), 2",
            "5:40 type_mismatch type mismatch: found (Seq[Int], String) => IndexedSeq[Int], required (Seq[Int], Option[?]) => ?\n",
        ),
        (
            "(vs: Seq[Int], s: String) => Option(s * 2)",
            "5:50 type_mismatch type mismatch: found (Seq[Int], String) => Option[String], required (Seq[Int], Option[?]) => Option[?]\n",
        ),
        (
            "(vs: Seq[Int], s: String) => s * 2, 2",
            "5:50 type_mismatch type mismatch: found (Seq[Int], String) => String, required (Seq[Int], Option[?]) => ?\n",
        ),
    ];
    for (f, expected) in cases {
        let src = format!(
            "{HEAD}val pairs = lines.flatMap(_.split(\" \")).map((_, 1))\n\
             pairs.updateStateByKey({f}).print()\n"
        );
        check(&src, expected);
    }
}

#[test]
fn a_default_that_widens_an_option_or_a_map_is_typed_against_the_parameter_it_is_passed_to() {
    // Spark 4.3.0's scalac (compile_compare --pos): `getOrElse[B >: A](default: => B)` typed
    // where a `Double` is wanted takes the default as a `Double`, so `B` is the lub of `Int`
    // and `Double`: "found AnyVal, required Double" at the call's parenthesis. So for `math`'s
    // functions of `Double`s, a `def`'s or a function value's declared parameters, a map's
    // `getOrElse(key, default)`; other literals against a parameter's type; what fits passes.
    let src = format!(
        "{HEAD}val o = Option(3)\n\
         val m = Map(\"a\" -> 1)\n\
         val mm = scala.collection.mutable.Map(\"a\" -> 1)\n\
         def f(x: Double) = x * 2\n\
         val g = (x: Double) => x + 1\n\
         def b(x: Boolean) = !x\n\
         def p(x: (String, Int)) = x._2\n\
         println(math.sqrt(o.getOrElse(0)) + math.pow(o.getOrElse(0.0), 2))\n\
         println(math.sqrt(m.getOrElse(\"a\", 0)) + math.sqrt(mm.getOrElse(\"a\", 0)))\n\
         println(f(o.getOrElse(0)) + g(o.getOrElse(0)))\n\
         println(b(\"true\"))\n\
         println(p(\"a\"))\n\
         lines.map(w => math.sqrt(m.getOrElse(w, 0))).print()\n\
         println(mm.toMap(\"a\"))\n\
         println(math.sqrt(o.get) + math.max(o.getOrElse(0), 1.5) + f(1) + f('a') + f(2L))\n\
         println(math.sqrt(Map(\"a\" -> 1.5).getOrElse(\"a\", 0)) + math.sqrt(Option(2.5).getOrElse(0)))\n\
         ssc.start()\n"
    );
    check(
        &src,
        "11:30 type_mismatch type mismatch: found AnyVal, required Double\n\
         11:57 type_mismatch type mismatch: found AnyVal, required Double\n\
         12:30 type_mismatch type mismatch: found AnyVal, required Double\n\
         12:64 type_mismatch type mismatch: found AnyVal, required Double\n\
         13:22 type_mismatch type mismatch: found AnyVal, required Double\n\
         13:42 type_mismatch type mismatch: found AnyVal, required Double\n\
         14:11 type_mismatch type mismatch: found String(\"true\"), required Boolean\n\
         15:11 type_mismatch type mismatch: found String(\"a\"), required (String, Int)\n\
         16:37 type_mismatch type mismatch: found AnyVal, required Double\n\
         17:18 type_mismatch type mismatch: found String(\"a\"), required (String, Int) <:< (?, ?)\n",
    );
}

#[test]
fn a_value_in_an_implicit_argument_list_is_scalacs_mismatch_with_the_type_it_wants() {
    // Spark 4.3.0's scalac (compile_compare --pos): `sorted`'s one list is its implicit
    // `Ordering`, `sum`'s its `Numeric`; the type named as Scala's sources name it, after
    // `sortBy(f)` or `minBy(f)` an ordering of `f`'s result. An `Ordering` itself passes.
    let src = format!(
        "{HEAD}val xs = List(5, 1)\n\
         val n = 3\n\
         println(xs.sorted(4))\n\
         println(Array(5, 1).sorted(n).toList)\n\
         println(xs.max(1) + \"ab\".min(2))\n\
         println(xs.sum(3))\n\
         println(xs.sortBy(x => -x)(3))\n\
         println(Seq(5, 1).minBy(x => x * 1.5)(2))\n\
         println(xs.sorted(Ordering[Int].reverse) ++ xs.sortBy(x => -x)(Ordering.Int))\n\
         ssc.start()\n"
    );
    check(
        &src,
        "6:19 type_mismatch type mismatch: found Int(4), required Ordering[?]\n\
         7:28 type_mismatch type mismatch: found Int, required scala.math.Ordering[?]\n\
         8:16 type_mismatch type mismatch: found Int(1), required scala.math.Ordering[?]\n\
         8:30 type_mismatch type mismatch: found Int(2), required scala.math.Ordering[?]\n\
         9:16 type_mismatch type mismatch: found Int(3), required scala.math.Numeric[?]\n\
         10:28 type_mismatch type mismatch: found Int(3), required Ordering[Int]\n\
         11:39 type_mismatch type mismatch: found Int(2), required scala.math.Ordering[Double]\n",
    );
}

#[test]
fn a_lambda_after_to_set_has_no_parameter_type_as_in_scalac() {
    // Spark 4.3.0's scalac (compile_compare --pos): `toSet[B >: A]` leaves `B` open through
    // `.toList`; `map`, `sortBy`, a `for`'s `foreach` cannot type their lambda's parameter.
    // `filter` (no type parameters) fixes `B`, as do `toSet[Int]`, a typed parameter, a `val`.
    let src = format!(
        "{HEAD}val xs = List(1, 2, 2)\n\
         println(xs.toSet.map(_ * 7))\n\
         println(xs.toSet.toList.sortBy(x => -x))\n\
         for (x <- xs.toSet) println(x)\n\
         println(xs.toSet.map {{ case x => x * 7 }})\n\
         println(xs.toSet.filter(_ > 1).map(_ * 2) ++ xs.toSet[Int].map(_ * 7) ++ xs.toSet.map((x: Int) => x + 1))\n\
         val s = xs.toSet\n\
         println(s.map(_ * 7).size + xs.toSet.count(_ > 1))\n\
         ssc.start()\n"
    );
    check(
        &src,
        "5:22 missing_param_type missing parameter type for expanded function ((<x$1: error>) => x$1.$times(7))\n\
         6:32 missing_param_type missing parameter type\n\
         7:6 missing_param_type missing parameter type\n\
         8:22 missing_param_type missing parameter type for expanded function\nThe argument types of an anonymous function must be fully known. (SLS 8.5)\nExpected type was: ? => ?\n",
    );
    // In Chinese, why: the element's type is open.
    let zh = render(&src, Lang::Zh);
    assert_eq!(zh.matches("toSet[B >: A]").count(), 4, "{zh}");
}

#[test]
fn overloads_and_open_sets_are_said_as_scalac_says_them() {
    // Spark 4.3.0's scalac (compile_compare --pos): `math`'s and `Math`'s overloads listed
    // for an `AnyVal` or `Any`; a map's value (`m("a")`) against a parameter; a map's key of
    // another type, and the default still against what the call wants; a set of `toSet`'s
    // open element (`Set[B]`) has no `sorted` and takes no value as an implicit; `toSet[Int]`
    // fixes it.
    let src = format!(
        "{HEAD}val o = Option(3)\n\
         val m = Map(\"a\" -> 1)\n\
         val xs = List(3, 1, 2)\n\
         def p(t: (String, Int)) = t._2\n\
         println(math.max(o.getOrElse(0L), 1))\n\
         println(Math.abs(o.getOrElse(\"x\")))\n\
         println(math.round(o.getOrElse(0L)))\n\
         println(p(m(\"a\")))\n\
         println(p(m.getOrElse(1, 0)))\n\
         println(xs.toSet.sorted)\n\
         println(xs.toSet.tail.sum(2))\n\
         println(xs.toSet[Int].min(0))\n\
         println(xs.toSet[Int].maxBy(x => x)(2))\n\
         println(xs.toSet.toList.min(0))\n\
         println(math.max(o.getOrElse(0), 1) + math.abs(m(\"a\")) + xs.toSet[Int].map(_ * 2).sum)\n\
         ssc.start()\n"
    );
    let max = "max with alternatives:\n  (x: Double,y: Double)Double <and>\n  (x: Float,y: Float)Float <and>\n  (x: Long,y: Long)Long <and>\n  (x: Int,y: Int)Int\n cannot be applied to (AnyVal, Int)";
    let abs = "abs with alternatives:\n  (x$1: Double)Double <and>\n  (x$1: Float)Float <and>\n  (x$1: Long)Long <and>\n  (x$1: Int)Int\n cannot be applied to (Any)";
    let round = "round with alternatives:\n  (x: Double)Long <and>\n  (x: Float)Int <and>\n  (x: Long)Long\n cannot be applied to (AnyVal)";
    check(
        &src,
        &format!(
            "8:14 overloaded_args overloaded method {max}\n\
             9:14 overloaded_args overloaded method {abs}\n\
             10:14 overloaded_args overloaded method {round}\n\
             11:12 type_mismatch type mismatch: found Int, required (String, Int)\n\
             12:23 type_mismatch type mismatch: found Int(1), required String\n\
             12:26 type_mismatch type mismatch: found Int(0), required (String, Int)\n\
             13:18 unknown_method value sorted is not a member of scala.collection.immutable.Set[B]\n\
             14:27 type_mismatch type mismatch: found Int(2), required scala.math.Numeric[?]\n\
             15:27 type_mismatch type mismatch: found Int(0), required scala.math.Ordering[?]\n\
             16:37 type_mismatch type mismatch: found Int(2), required scala.math.Ordering[Int]\n\
             17:29 type_mismatch type mismatch: found Int(0), required scala.math.Ordering[?]\n"
        ),
    );
}

#[test]
fn a_maps_values_and_keys_are_typed_where_they_go() {
    // Spark 4.3.0's scalac (compile_compare --pos): `m("a")` is the map's value, its `keys`
    // a collection of its keys, whose lambdas' declared parameters must be keys; a
    // `String`'s `toList` is a `List[Char]`.
    let src = format!(
        "{HEAD}val m = Map(\"a\" -> 1)\n\
         val v: String = m(\"a\")\n\
         println(m.keys.toList.map((x: Int) => x))\n\
         println(\"cab\".toList.sorted(1))\n\
         println(m.keys.toList.filter((k: Int) => k > 0))\n\
         val w: Int = m(\"a\")\n\
         println(\"cab\".toList.map((c: Char) => c.toInt).sum + m.keys.toList.map((k: String) => k.length).sum)\n\
         ssc.start()\n"
    );
    check(
        &src,
        "5:18 type_mismatch type mismatch: found Int, required String\n\
         6:36 type_mismatch type mismatch: found Int => Int, required String => ?\n\
         7:29 type_mismatch type mismatch: found Int(1), required Ordering[?]\n\
         8:39 type_mismatch type mismatch: found Int => Boolean, required String => Boolean\n",
    );
}

#[test]
fn tree_maps_and_empty_builders_are_typed_with_their_members() {
    // Spark 4.3.0's scalac (compile_compare --pos): a `TreeMap`'s members are a map's and a
    // sorted map's (by Scala's reflection: `firstKey`, `range`, the immutable one's `insert`);
    // `List[Int]()` and `Map[String, Int]()` are typed by their type arguments.
    let src = format!(
        "{HEAD}val t = collection.immutable.TreeMap(\"b\" -> 2, \"a\" -> 1)\n\
         val mt = scala.collection.mutable.TreeMap[String, Int]()\n\
         println(t.toMap(\"a\"))\n\
         println(mt.frstKey)\n\
         println(math.sqrt(t.getOrElse(\"b\", -1)))\n\
         println(List[Int]().headOption.getOrElse(-1) + Set[Int]().toList.sorted(0).size)\n\
         println(Map[String, Int]().getOrElse(1, 0))\n\
         println(t.firstKey + t.range(\"a\", \"b\") + t.insert(\"c\", 3) + mt.getOrElseUpdate(\"c\", 3) + mt.rangeFrom(\"b\"))\n\
         ssc.start()\n"
    );
    check(
        &src,
        "6:17 type_mismatch type mismatch: found String(\"a\"), required (String, Int) <:< (?, ?)\n\
         7:12 unknown_method value frstKey is not a member of scala.collection.mutable.TreeMap[String,Int]\ndid you mean firstKey? or perhaps lastKey?\n\
         8:30 type_mismatch type mismatch: found AnyVal, required Double\n\
         9:73 type_mismatch type mismatch: found Int(0), required Ordering[?]\n\
         10:38 type_mismatch type mismatch: found Int(1), required String\n",
    );
}

#[test]
fn ranges_and_zipped_pairs_are_typed() {
    // Spark 4.3.0's scalac (compile_compare --pos): `1 to 5` is a `Range.Inclusive`, `1 until
    // 5` a `Range` (a `Seq`'s members and `by`, `step`, `isInclusive`), of `Int`s; a range
    // overrides `sum` (`Numeric[?]`) and `max`; `zip` pairs the elements.
    let src = format!(
        "{HEAD}println(\"to be\".split(\" \").toList.zip((1 to 6).toList).toMap(\"a\"))\n\
         println((1 to 5).foo)\n\
         println((1 until 5).bar)\n\
         println((1 to 5).map(i => i.length))\n\
         println((1 to 5).sum(2))\n\
         println((1 to 5).max(2))\n\
         val r = 1 to 3\n\
         val s: String = r.head\n\
         println((1 to 10 by 2).toList + \" \" + (1 until 5).step + (1 to 3).isInclusive + (1 to 5).map(_ * 2).sum)\n\
         println(List(1, 2).zip(List(\"a\", \"b\")).map {{ case (n, s) => s * n }} ++ (1 to 3).map(i => (i, i * i)).toMap.get(2))\n\
         ssc.start()\n"
    );
    check(
        &src,
        "4:62 type_mismatch type mismatch: found String(\"a\"), required (String, Int) <:< (?, ?)\n\
         5:18 unknown_method value foo is not a member of scala.collection.immutable.Range.Inclusive\ndid you mean fold?\n\
         6:21 unknown_method value bar is not a member of scala.collection.immutable.Range\n\
         7:29 unknown_method value length is not a member of Int\n\
         8:22 type_mismatch type mismatch: found Int(2), required Numeric[?]\n\
         9:22 type_mismatch type mismatch: found Int(2), required Ordering[?]\n\
         11:19 type_mismatch type mismatch: found Int, required String\n",
    );
}

#[test]
fn branches_of_a_typed_val_and_an_rdds_map_are_typed_against_what_is_wanted() {
    // Spark 4.3.0's scalac (compile_compare --pos): an `if`'s and a `match`'s branches are
    // typed against the `val`'s declared type; `parallelize(Seq(...))` is an `RDD` of the
    // pairs (its `collectAsMap` a map), a map's `map` to pairs a map again.
    let src = format!(
        "{HEAD}val o = Option(3)\n\
         val d: Double = if (o.isEmpty) o.getOrElse(0) else 1\n\
         val n: Int = o match {{ case Some(x) => x; case None => \"none\" }}\n\
         val m = ssc.sparkContext.parallelize(Seq((\"a\", 1), (\"b\", 2))).collectAsMap()\n\
         println(math.sqrt(m.getOrElse(\"a\", 0)))\n\
         println(math.sqrt(Map(\"x\" -> 3).map {{ case (a, b) => (a, b + 1) }}.getOrElse(\"x\", 0)))\n\
         val ok: Long = if (o.isEmpty) 1 else 2L\n\
         ssc.start()\n"
    );
    check(
        &src,
        "5:43 type_mismatch type mismatch: found AnyVal, required Double\n\
         6:56 type_mismatch type mismatch: found String(\"none\"), required Int\n\
         8:30 type_mismatch type mismatch: found AnyVal, required Double\n\
         9:76 type_mismatch type mismatch: found AnyVal, required Double\n",
    );
}

#[test]
fn a_batch_times_members_are_typed_as_scalac_types_them() {
    // Spark 4.3.0's scalac (compile_compare --pos): `Time`'s `millis` is a private `val`,
    // its members take `Duration`s and `Time`s, `milliseconds` is a `Long`.
    let src = "object P {\n  def main(args: Array[String]): Unit = {\n\
               val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"x\")\n\
               val ssc = new StreamingContext(conf, Seconds(1))\n\
               val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
               lines.foreachRDD { (rdd, time) =>\n\
               println(time.millis)\n\
               println(time.floor(1000))\n\
               println(time.milliSeconds)\n\
               println(time.until(Seconds(3), Seconds(1)))\n\
               println(time.less(5L) || time.isMultipleOf(time))\n\
               val d: Long = time.milliseconds\n\
               val e: Int = time.milliseconds\n\
               }\n\
               lines.transform((rdd, t) => rdd.map(_ + t.floor(Seconds(2)).milliseconds)).print()\n\
               ssc.start()\n  }\n}\n";
    check(
        src,
        "7:14 not_accessible value millis in class Time cannot be accessed as a member of org.apache.spark.streaming.Time from object P\n\
         8:20 type_mismatch type mismatch: found Int(1000), required org.apache.spark.streaming.Duration\n\
         9:14 unknown_method value milliSeconds is not a member of org.apache.spark.streaming.Time\ndid you mean milliseconds?\n\
         10:27 type_mismatch type mismatch: found org.apache.spark.streaming.Duration, required org.apache.spark.streaming.Time\n\
         11:19 type_mismatch type mismatch: found Long(5L), required org.apache.spark.streaming.Time\n\
         11:44 type_mismatch type mismatch: found org.apache.spark.streaming.Time, required org.apache.spark.streaming.Duration\n\
         13:19 type_mismatch type mismatch: found Long, required Int\n",
    );
    assert!(render(src, Lang::Zh).contains("millis 是 Time 的私有字段"));
}

#[test]
fn floats_shorts_and_bytes_are_not_computed_as_doubles_unsaid() {
    // The playground's numbers are Int, Long and Double: a conversion to a Float, Short or
    // Byte, or a value declared one, is refused (`toFloat` said "not a member of Int" at run
    // time; of a `List[Int]`'s sum too); a Float literal runs as a Double (alone it prints the same: oracle fixture
    // java_format_flags_and_errors), with a warning that arithmetic may print more digits.
    let src = format!(
        "{HEAD}val xs = List(1, 2, 4)\nprintln(xs.sum.toFloat / xs.size)\n\
         val f: Float = 2\ndef g(s: Short, xs: List[Byte]) = s\nprintln(10 / 3.0f)\n\
         println(3.toFloat)\n"
    );
    let why = "not supported by the playground yet: `Float`, `Short` and `Byte` (the playground's numbers are Int, Long and Double: write toDouble, 3.0)";
    check(
        &src,
        &format!(
            "5:16 unsupported {why}\n6:8 unsupported {why}\n7:10 unsupported {why}\n7:26 unsupported {why}\n\
             8:14 float_literal 3.0f is a Float on the JVM; the playground computes it as a Double, so arithmetic with it may print more digits than Spark (a Float keeps about 7)\n\
             9:11 unsupported {why}\n"
        ),
    );
}

#[test]
fn a_case_literal_of_another_type_than_the_scrutinee_and_what_scalac_types_after_it() {
    // Spark 4.3.0's scalac (mistakes round 10033): the literal's mismatch, then no case after
    // it typed (no `Numeric[String]` of the second case's `vs.sum`), and the update function
    // typed as far as that: `None.type`, shown with its underlying type.
    let src = format!(
        "{HEAD}ssc.checkpoint(\"/tmp/cp\")\nval pairs = lines.map(w => (w, 1))\n\
         pairs.updateStateByKey((vs: Seq[String], s: Option[Int]) => s match {{ case 0 => None; case _ => Some(vs.sum.toString) }}).print()\n\
         val w = \"a\" match {{ case 1 => 2; case _ => 3 }}\nval n = 5 match {{ case \"x\" => 1; case _ => 0 }}\n"
    );
    check(
        &src,
        "6:58 type_mismatch type mismatch: found (Seq[String], Option[Int]) => None.type (with underlying type (Seq[String], Option[Int]) => None.type), required (Seq[Int], Option[?]) => Option[?]\n\
         6:76 type_mismatch type mismatch: found Int(0), required Option[Int]\n\
         7:26 type_mismatch type mismatch: found Int(1), required String\n\
         8:24 type_mismatch type mismatch: found String(\"x\"), required Int\n",
    );
}

#[test]
fn a_streaming_listeners_methods_are_checked_as_scalac_checks_them() {
    // Its members are concrete: one written without `override` is refused; an `override` of
    // a misspelt name, or of its name with another event's type, overrides nothing.
    let src = format!(
        "import org.apache.spark.streaming.scheduler._\n{HEAD}\
         ssc.addStreamingListener(new StreamingListener {{\n\
         \x20 def onBatchCompleted(b: StreamingListenerBatchCompleted): Unit = println(b)\n\
         \x20 override def onBatchComplete(b: StreamingListenerBatchCompleted): Unit = println(b)\n\
         \x20 override def onBatchStarted(b: StreamingListenerBatchCompleted): Unit = println(b)\n\
         \x20 override def onBatchSubmitted(b: StreamingListenerBatchSubmitted): Unit = println(b)\n\
         \x20 override def toString = \"mine\"\n\
         \x20 def helper(n: Int): Int = n\n\
         }})\n\
         lines.print()\nssc.start()\nssc.awaitTermination()\n"
    );
    check(
        &src,
        "6:7 override_required `override` modifier required to override concrete member:\n\
         def onBatchCompleted(batchCompleted: org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted): Unit (defined in trait StreamingListener)\n\
         7:16 overrides_nothing method onBatchComplete overrides nothing\n\
         8:16 overrides_nothing_note method onBatchStarted overrides nothing.\n\
         Note: the super classes of <$anon: org.apache.spark.streaming.scheduler.StreamingListener> contain the following, non final members named onBatchStarted:\n\
         def onBatchStarted(batchStarted: org.apache.spark.streaming.scheduler.StreamingListenerBatchStarted): Unit\n",
    );
    // A class of the program's that extends it: named in the note as scalac names it.
    let src = format!(
        "import org.apache.spark.streaming.scheduler._\n\
         class L extends StreamingListener {{\n\
         \x20 override def onBatchCompleted(b: Int): Unit = ()\n\
         }}\n{HEAD}ssc.addStreamingListener(new L)\nlines.print()\n"
    );
    check(
        &src,
        "3:16 overrides_nothing_note method onBatchCompleted overrides nothing.\n\
         Note: the super classes of class L contain the following, non final members named onBatchCompleted:\n\
         def onBatchCompleted(batchCompleted: org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted): Unit\n",
    );
}

#[test]
fn a_class_made_with_new_that_leaves_an_abstract_member_undefined_is_refused() {
    // An anonymous class: "object creation impossible."; a class: "needs to be abstract.";
    // the members missing with `???` for their bodies, as scalac lists them.
    let src = format!(
        "trait Shape {{ def area: Double; def name(prefix: String, n: Int): String; def run(): Unit }}\n\
         abstract class Base(val id: Int) {{ def area: Double; def twice = area * 2 }}\n\
         class Sq extends Base(1)\n\
         class Ok extends Base(2) {{ def area = 4.0 }}\n\
         {HEAD}val s = new Shape {{ def run(): Unit = () }}\n\
         val b = new Base(3) {{ }}\n\
         val fine = new Shape {{ def area = 1.0; def name(p: String, n: Int) = p; def run() = () }}\n\
         lines.print()\n"
    );
    check(
        &src,
        "3:7 abstract_member class Sq needs to be abstract.\n\
         Missing implementation for member of class Base:\n  def area: Double = ???\n\n\
         8:13 abstract_member object creation impossible.\n\
         Missing implementations for 2 members of trait Shape.\n\
         \x20 def area: Double = ???\n  def name(prefix: String, n: Int): String = ???\n\n\
         9:13 abstract_member object creation impossible.\n\
         Missing implementation for member of class Base:\n  def area: Double = ???\n\n",
    );
}

#[test]
fn a_function_value_of_another_parameter_count_is_a_type_mismatch_at_it() {
    // scalac types the value against the parameter's function type: its result `?` where
    // several overloads share the parameter, filled where one takes it (type parameters `?`);
    // where the overloads' functions differ, none of them takes it.
    let src = format!(
        "{HEAD}val f2 = (a: String, b: String) => a + b\n\
         val f1 = (a: Int) => a\n\
         val up3 = (vs: Seq[Int], s: Option[Int], x: Int) => Some(vs.sum)\n\
         val up = (vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))\n\
         val pairs = lines.map((_, 1))\n\
         lines.map(f2).print()\n\
         pairs.reduceByKey(f1).print()\n\
         pairs.reduceByKey(f1, 2).print()\n\
         pairs.updateStateByKey(up3, new HashPartitioner(2)).print()\n\
         pairs.updateStateByKey(up, new HashPartitioner(3), true).print()\n\
         pairs.updateStateByKey(up, new HashPartitioner(3)).print()\n"
    );
    check(
        &src,
        "9:11 type_mismatch type mismatch: found (String, String) => String, required String => ?\n\
         10:19 type_mismatch type mismatch: found Int => Int, required (Int, Int) => Int\n\
         11:19 type_mismatch type mismatch: found Int => Int, required (Int, Int) => ?\n\
         12:24 type_mismatch type mismatch: found (Seq[Int], Option[Int], Int) => Some[Int], required (Seq[Int], Option[?]) => ?\n\
         13:7 overloaded_args overloaded method updateStateByKey with alternatives:\n\
         \x20 [S](updateFunc: (org.apache.spark.streaming.Time, String, Seq[Int], Option[S]) => Option[S], partitioner: org.apache.spark.Partitioner, rememberPartitioner: Boolean, initialRDD: Option[org.apache.spark.rdd.RDD[(String, S)]])(implicit evidence$10: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)] <and>\n\
         \x20 [S](updateFunc: (Seq[Int], Option[S]) => Option[S], partitioner: org.apache.spark.Partitioner, initialRDD: org.apache.spark.rdd.RDD[(String, S)])(implicit evidence$8: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)] <and>\n\
         \x20 [S](updateFunc: Iterator[(String, Seq[Int], Option[S])] => Iterator[(String, S)], partitioner: org.apache.spark.Partitioner, rememberPartitioner: Boolean)(implicit evidence$7: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)]\n\
         \x20cannot be applied to ((Seq[Int], Option[Int]) => Some[Int], org.apache.spark.HashPartitioner, Boolean)\n",
    );
}

#[test]
fn update_functions_of_any_states_and_untyped_states_are_typed_as_scalac_types_them() {
    // An `Option[Any]` state takes any state (its `get` is an `Any`, no `Option`); a lambda
    // whose state has no type is not typed further (nothing in its body is said); a result
    // of `Any` with two overloads left fits none of them.
    let src = format!(
        "{HEAD}val pairs = lines.flatMap(_.split(\" \")).map(w => (w, 1))\n\
         pairs.updateStateByKey((vs: Seq[Long], s: Option[Any]) => s, 2).print()\n\
         pairs.updateStateByKey((vs: Iterable[Int], s: Option[Any]) => {{ val n = s.map(_ + 1).getOrElse(0) + vs.size; n }}, 2).print()\n\
         pairs.updateStateByKey((vs: Seq[Int], s: Option[Any]) => if (vs.isEmpty) s.get else Some((vs.sum, 1))).print()\n\
         pairs.updateStateByKey((vs, s: Option[String]) => if (vs.isEmpty) s.map(_ + 1).getOrElse(0) else Some((vs.sum, 1)), 2).print()\n\
         pairs.updateStateByKey((vs: Seq[String], s) => {{ val n = vs.sum; n }}, 2).print()\n\
         pairs.updateStateByKey((vs: Iterable[Int], s: Option[Any]) => Some(vs.sum), 2).print()\n"
    );
    check(
        &src,
        "5:56 type_mismatch type mismatch: found (Seq[Long], Option[Any]) => Option[Any], required (Seq[Int], Option[?]) => ?\n\
         6:83 type_mismatch type mismatch: found Int(1), required String\n\
         7:76 type_mismatch type mismatch: found Any, required Option[?]\n\
         8:7 overloaded_args overloaded method updateStateByKey with alternatives:\n\
         \x20 [S](updateFunc: (Seq[Int], Option[S]) => Option[S], partitioner: org.apache.spark.Partitioner)(implicit evidence$6: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)] <and>\n\
         \x20 [S](updateFunc: (Seq[Int], Option[S]) => Option[S], numPartitions: Int)(implicit evidence$5: scala.reflect.ClassTag[S]): org.apache.spark.streaming.dstream.DStream[(String, S)]\n\
         \x20cannot be applied to ((Seq[Int], Option[String]) => Any, Int)\n\
         9:42 missing_param_type missing parameter type\n\
         9:45 type_mismatch type mismatch: found (Seq[String], ?) => ?, required (Seq[Int], Option[?]) => ?\n",
    );
}

#[test]
fn literal_alternatives_of_another_type_are_each_a_mismatch_and_later_cases_are_typed() {
    // `case "hi" | "hello"` of a `Char`: scalac says each literal, then types the cases after
    // (a lone literal of another type stops it at that case).
    let src = format!(
        "{HEAD}lines.map(w => w.filter(_.isDigit).head).map(w => w match {{ case \"hi\" | \"hello\" => (\"greet\", 1) case s if s.length > 3 => (s.take(2), s.length) case s => (s, 0) }}).count().print()\n"
    );
    check(
        &src,
        "4:66 type_mismatch type mismatch: found String(\"hi\"), required Char\n\
         4:73 type_mismatch type mismatch: found String(\"hello\"), required Char\n\
         4:109 unknown_method value length is not a member of Char\n\
         4:126 unknown_method value take is not a member of Char\n\
         4:137 unknown_method value length is not a member of Char\n",
    );
}

#[test]
fn a_class_name_is_a_string_so_a_match_of_them_is_one() {
    // `other.getClass.getSimpleName` is a `String`: the `match` whose cases give it and a
    // literal is one too, its `head` a `Char`, and `case "a"` of that a mismatch.
    let src = format!(
        "{HEAD}lines.map(w => w match {{ case \"x\" => \"one\" case other => other.getClass.getSimpleName }}).map(w => w.head).map {{ case \"a\" => 1 case _ => 2 }}.print()\n\
         lines.map(w => w.getClass.getName.length + w.getClass.getSimpleName.size).print()\n"
    );
    check(
        &src,
        "4:118 type_mismatch type mismatch: found String(\"a\"), required Char\n",
    );
}

#[test]
fn an_ordering_of_another_type_is_a_mismatch_invariant_where_scala_infers_the_bound() {
    // `sorted[B >: A]` (and `max`, `min`) infer `B` from the elements and the ordering: their
    // least upper bound, with scalac's note that `Ordering` is invariant; `sortBy(f)`,
    // `maxBy(f)` and an RDD's `top`, `min` want an ordering of one type (and keep their type:
    // `min()(...)` is still an `Int`). `Ordering.Double` is no ordering at all.
    let src = format!(
        "{HEAD}val xs = List(3, 1, 2)\n\
         val m = Map(\"a\" -> 1)\n\
         println(m.keys.toList.sorted(Ordering[Int].reverse))\n\
         println(xs.sorted(Ordering.String))\n\
         println(xs.max(Ordering[Double]) + 1)\n\
         val o = Ordering[Long]\n\
         println(Array(1.5).sorted(o.reverse).toList)\n\
         val ps = List((\"a\", 1))\n\
         println(ps.sortBy(_._2)(Ordering[String].reverse).map(_._2 + 1) ++ ps.maxBy(_._1)(Ordering.Int)._1 :: Nil)\n\
         val r = ssc.sparkContext.parallelize(Seq(1, 2))\n\
         println(r.top(1)(Ordering[String]).toList.map(_ + 1) ++ r.min()(Ordering.Char).length :: Nil)\n\
         println(xs.sorted(Ordering[Int].reverse) ++ ps.sortBy(_._1)(Ordering[String]) ++ r.top(1)(Ordering.Int) :: Nil)\n\
         println(xs.sorted(Ordering.Double))\n\
         lines.print()\n"
    );
    check(
        &src,
        "6:44 invariant_mismatch type mismatch: found scala.math.Ordering[Int], required Ordering[Any]\nNote: Int <: Any, but trait Ordering is invariant in type T.\nYou may wish to investigate a wildcard type such as `_ <: Any`. (SLS 3.2.10)\n\
         7:28 invariant_mismatch type mismatch: found Ordering.String.type, required Ordering[Any]\nNote: String <: Any (and Ordering.String.type <: scala.math.Ordering[String]), but trait Ordering is invariant in type T.\nYou may wish to investigate a wildcard type such as `_ <: Any`. (SLS 3.2.10)\n\
         8:24 invariant_mismatch type mismatch: found scala.math.Ordering[Double], required scala.math.Ordering[AnyVal]\nNote: Double <: AnyVal, but trait Ordering is invariant in type T.\nYou may wish to investigate a wildcard type such as `_ <: AnyVal`. (SLS 3.2.10)\n\
         10:29 invariant_mismatch type mismatch: found scala.math.Ordering[Long], required scala.math.Ordering[AnyVal]\nNote: Long <: AnyVal, but trait Ordering is invariant in type T.\nYou may wish to investigate a wildcard type such as `_ <: AnyVal`. (SLS 3.2.10)\n\
         12:42 type_mismatch type mismatch: found scala.math.Ordering[String], required Ordering[Int]\n\
         12:92 type_mismatch type mismatch: found Ordering.Int.type, required scala.math.Ordering[String]\n\
         14:26 type_mismatch type mismatch: found scala.math.Ordering[String], required Ordering[Int]\n\
         14:74 type_mismatch type mismatch: found Ordering.Char.type, required Ordering[Int]\n\
         14:80 unknown_method value length is not a member of Int\n\
         16:28 type_mismatch type mismatch: found Ordering.Double.type, required Ordering[?]\n",
    );
}

#[test]
fn a_string_and_an_option_or_a_tuple_are_serializable_as_scalac_infers_them() {
    // What a `String` and an `Option`, a `None` or a tuple have in common is
    // `java.io.Serializable`: its members are `Any`'s and `AnyRef`'s, it is no `String`, and an
    // update function returning it is "found (Seq[Int], String) => java.io.Serializable". A `None`
    // branch of an `Int` is a mismatch too.
    let src = format!(
        "{HEAD}val c = args.isEmpty\n\
         val x = if (c) \"a\" else Some(1)\n\
         println(x.foo + x.hashCode)\n\
         val y: String = x\n\
         val v: Int = if (c) \"a\" else None\n\
         val o: Option[(String, Int)] = None\n\
         println(o.getOrElse(\"none\").length)\n\
         val pairs = lines.map(w => (w, 1))\n\
         pairs.updateStateByKey((vs: Seq[Int], s: String) => if (vs.isEmpty) s else Some(vs.size), 2).print()\n"
    );
    check(
        &src,
        "6:11 unknown_method value foo is not a member of java.io.Serializable\n\
         7:17 type_mismatch type mismatch: found java.io.Serializable, required String\n\
         8:21 type_mismatch type mismatch: found String(\"a\"), required Int\n\
         8:30 type_mismatch type mismatch: found None.type, required Int\n\
         10:29 unknown_method value length is not a member of java.io.Serializable\n\
         12:50 type_mismatch type mismatch: found (Seq[Int], String) => java.io.Serializable, required (Seq[Int], Option[?]) => ?\n",
    );
}

#[test]
fn a_dstream_or_rdd_method_named_without_its_arguments_is_scalacs_error() {
    // Where no function is wanted (a `val`, `println`, a statement), `lines.map` is "missing
    // argument list", with Spark's declaration; a method of several overloads is ambiguous (the
    // first two as scalac lists them); `lines.map _` and `pairs.print` are fine.
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         val w = lines.map\n\
         println(pairs.reduceByKey)\n\
         lines.foreachRDD {{ rdd =>\n\
           rdd.foreach\n\
           println(rdd.take)\n\
         }}\n\
         val r = ssc.sparkContext.parallelize(Seq((\"a\", 1)))\n\
         println(r.sortByKey)\n\
         val f = lines.map _\n\
         pairs.print\n"
    );
    check(
        &src,
        "5:15 unapplied_member missing argument list for method map in class DStream of type [U](mapFunc: String => U)(implicit evidence$2: scala.reflect.ClassTag[U]): org.apache.spark.streaming.dstream.DStream[U]\nUnapplied methods are only converted to functions when a function type is expected.\nYou can make this conversion explicit by writing `map _` or `map(_)(_)` instead of `map`.\n\
         6:15 ambiguous_member ambiguous reference to overloaded definition,\nboth method reduceByKey in class PairDStreamFunctions of type (reduceFunc: (Int, Int) => Int, partitioner: org.apache.spark.Partitioner): org.apache.spark.streaming.dstream.DStream[(String, Int)]\nand  method reduceByKey in class PairDStreamFunctions of type (reduceFunc: (Int, Int) => Int, numPartitions: Int): org.apache.spark.streaming.dstream.DStream[(String, Int)]\nmatch expected type Any\n\
         8:5 unapplied_member missing argument list for method foreach in class RDD of type (f: String => Unit): Unit\nUnapplied methods are only converted to functions when a function type is expected.\nYou can make this conversion explicit by writing `foreach _` or `foreach(_)` instead of `foreach`.\n\
         9:13 unapplied_member missing argument list for method take in class RDD of type (num: Int): Array[String]\nUnapplied methods are only converted to functions when a function type is expected.\nYou can make this conversion explicit by writing `take _` or `take(_)` instead of `take`.\n\
         12:11 unapplied_member missing argument list for method sortByKey in class OrderedRDDFunctions of type (ascending: Boolean, numPartitions: Int): org.apache.spark.rdd.RDD[(String, Int)]\nUnapplied methods are only converted to functions when a function type is expected.\nYou can make this conversion explicit by writing `sortByKey _` or `sortByKey(_,_)` instead of `sortByKey`.\n",
    );
}

#[test]
fn java_s_empty_parentheses_on_scala_s_parameterless_members_are_scalac_s_errors() {
    // Java writes `xs.size()`, `o.get()`, `arr.length()`: Scala declares them without a parameter
    // list, so `()` applies what they give ("Int does not take parameters"; a `String`'s or a
    // sequence's `apply` misses its index). `sum()`, `max()`, `sorted()` leave their implicit list
    // empty, `count()` its predicate. A `String`'s `length()`, `isEmpty()` and `trim()` are Java's.
    let src = format!(
        "{HEAD}val xs = List(3, 1, 2)\n\
         val words = Array(\"a\", \"b\")\n\
         val o = Option(1)\n\
         val m = Map(\"a\" -> 1)\n\
         val s = \"abc\"\n\
         val p = (\"a\", 1)\n\
         println(xs.size() + words.length() + s.length() + s.size())\n\
         println(o.get() + o.isEmpty() + m.keys() + s.isEmpty())\n\
         println(xs.sum() + xs.max() + words.sorted() + xs.count())\n\
         println(m.get() + xs.toList() + s.reverse() + p._1() + p.size)\n\
         println(xs.size + words.length + s.trim() + o.get + m.keys + xs.sum + p._2)\n\
         lines.count().print()\n"
    );
    check(
        &src,
        "10:16 no_params Int does not take parameters\n\
         10:33 no_params Int does not take parameters\n\
         10:57 no_params Int does not take parameters\n\
         11:14 no_params Int does not take parameters\n\
         11:28 no_params Boolean does not take parameters\n\
         11:39 no_params Iterable[String] does not take parameters\n\
         12:15 not_enough_args not enough arguments for method sum: (implicit num: scala.math.Numeric[B]): B.\nUnspecified value parameter num.\n\
         12:26 not_enough_args not enough arguments for method max: (implicit ord: scala.math.Ordering[B]): Int.\nUnspecified value parameter ord.\n\
         12:43 not_enough_args not enough arguments for method sorted: (implicit ord: scala.math.Ordering[B]): Array[String].\nUnspecified value parameter ord.\n\
         12:56 not_enough_args not enough arguments for method count: (p: Int => Boolean): Int.\nUnspecified value parameter p.\n\
         13:14 not_enough_args not enough arguments for method get: (key: String): Option[Int].\nUnspecified value parameter key.\n\
         13:28 not_enough_args not enough arguments for method apply: (n: Int): Int in trait LinearSeqOps.\nUnspecified value parameter n.\n\
         13:42 not_enough_args not enough arguments for method apply: (i: Int): Char in class StringOps.\nUnspecified value parameter i.\n\
         13:51 not_enough_args not enough arguments for method apply: (i: Int): Char in class StringOps.\nUnspecified value parameter i.\n\
         13:58 unknown_method value size is not a member of (String, Int)\n",
    );
}

#[test]
fn an_array_of_references_given_to_parallelize_is_refused_as_scala_2_13_refuses_it() {
    // `parallelize(Array("a", "b"))` types the `Array` with `Seq[T]` expected and `T` unknown: Scala
    // 2.13 then has only `Array.apply`'s overloads for value types, none of which takes `String`s or
    // tuples (an `Array` of numbers, a `val` of one, `makeRDD` and `Seq(...)` compile). An implicit
    // list of one parameter given two arguments is "too many arguments"; `Some` has no `isPresent`.
    let src = format!(
        "{HEAD}val sc = ssc.sparkContext\n\
         val words = sc.parallelize(Array(\"hello world\", \"hi\"))\n\
         val pairs = sc.parallelize(Array((\"a\", 1), (\"b\", 2)), 2)\n\
         val nums = sc.parallelize(Array(1, 2, 3))\n\
         val a = Array(\"x\", \"y\")\n\
         println(sc.parallelize(a).count() + sc.makeRDD(Array(\"z\")).count() + sc.parallelize(Seq(\"s\")).count())\n\
         val xs = List(3, 1, 2)\n\
         println(xs.sorted(4, 5))\n\
         println(xs.max(1, 2) + xs.sum(Ordering[Int], 3))\n\
         println(Some(3).isPresent() + Some(3).value)\n\
         lines.print()\n"
    );
    check(
        &src,
        "5:28 array_for_seq overloaded method apply with alternatives:\n  (x: Unit,xs: Unit*)Array[Unit] <and>\n  (x: Double,xs: Double*)Array[Double] <and>\n  (x: Float,xs: Float*)Array[Float] <and>\n  (x: Long,xs: Long*)Array[Long] <and>\n  (x: Int,xs: Int*)Array[Int] <and>\n  (x: Char,xs: Char*)Array[Char] <and>\n  (x: Short,xs: Short*)Array[Short] <and>\n  (x: Byte,xs: Byte*)Array[Byte] <and>\n  (x: Boolean,xs: Boolean*)Array[Boolean]\n cannot be applied to (String, String)\nError occurred in an application involving default arguments.\n\
         6:28 array_for_seq overloaded method apply with alternatives:\n  (x: Unit,xs: Unit*)Array[Unit] <and>\n  (x: Double,xs: Double*)Array[Double] <and>\n  (x: Float,xs: Float*)Array[Float] <and>\n  (x: Long,xs: Long*)Array[Long] <and>\n  (x: Int,xs: Int*)Array[Int] <and>\n  (x: Char,xs: Char*)Array[Char] <and>\n  (x: Short,xs: Short*)Array[Short] <and>\n  (x: Byte,xs: Byte*)Array[Byte] <and>\n  (x: Boolean,xs: Boolean*)Array[Boolean]\n cannot be applied to ((String, Int), (String, Int))\n\
         11:22 too_many_args too many arguments (found 2, expected 1) for method sorted: (implicit ord: Ordering[B]): List[Int]\n\
         12:19 too_many_args too many arguments (found 2, expected 1) for method max: (implicit ord: scala.math.Ordering[B]): Int\n\
         12:46 too_many_args too many arguments (found 2, expected 1) for method sum: (implicit num: scala.math.Numeric[B]): B\n\
         13:17 unknown_method value isPresent is not a member of Some[Int]\n",
    );
}

#[test]
fn a_collection_of_another_class_than_the_declared_one_is_a_mismatch() {
    // A collection of another class than a declared one: a `Seq`, an `Array`, a `Set` or a `Vector`
    // is no `List` ("found Seq[Int], required List[Int]", with scalac's names of the classes); a
    // `List` or a `Vector` is a `Seq`, and an `Array` becomes one by Scala's implicit view.
    let src = format!(
        "{HEAD}def total(xs: List[Int]) = xs.sum\n\
         def count(xs: Seq[String]) = xs.size\n\
         val ys = Seq(1, 2)\n\
         val zs: List[Int] = ys\n\
         val words = \"a b\".split(\" \")\n\
         println(total(Seq(1, 2)) + total(Array(1, 2)) + total(Set(1)) + total(Vector(1)) + total(ys))\n\
         println(count(words) + count(List(\"a\")) + count(Vector(\"b\")) + count(Set(\"c\")))\n\
         lines.print()\n"
    );
    check(
        &src,
        "7:21 type_mismatch type mismatch: found Seq[Int], required List[Int]\n\
         9:18 type_mismatch type mismatch: found Seq[Int], required List[Int]\n\
         9:39 type_mismatch type mismatch: found Array[Int], required List[Int]\n\
         9:58 type_mismatch type mismatch: found scala.collection.immutable.Set[Int], required List[Int]\n\
         9:77 type_mismatch type mismatch: found scala.collection.immutable.Vector[Int], required List[Int]\n\
         9:90 type_mismatch type mismatch: found Seq[Int], required List[Int]\n\
         10:73 type_mismatch type mismatch: found scala.collection.immutable.Set[String], required Seq[String]\n",
    );
}

#[test]
fn a_collection_s_elements_are_typed_against_the_declared_element_type() {
    // scalac types a collection's elements against the declared element type, each on its own: a
    // `List[String]` of `1` is "found Int(1), required String" at the `1`; numbers widen (`Seq[Double]`
    // of `1` and `2L` is fine); a named `Int` among `String`s is "found Int".
    let src = format!(
        "{HEAD}def count(xs: List[String]) = xs.size\n\
         val ns: List[String] = List(1, 2)\n\
         val ds: Seq[Double] = Seq(1, 2L, 2.5)\n\
         val ws: Array[Int] = Array(\"a\", 3)\n\
         val n = 3\n\
         println(count(List(\"a\", n)) + ns.size + ds.size + ws.size)\n\
         lines.print()\n"
    );
    check(
        &src,
        "5:29 type_mismatch type mismatch: found Int(1), required String\n\
         5:32 type_mismatch type mismatch: found Int(2), required String\n\
         7:28 type_mismatch type mismatch: found String(\"a\"), required Int\n\
         9:25 type_mismatch type mismatch: found Int, required String\n",
    );
}

#[test]
fn concatenated_collections_keep_the_first_class_and_join_their_elements() {
    // `++` keeps the first collection's class, of what the elements have in common (`List[Any]` of
    // `Int`s and `String`s), `::` makes a `List`: their members are known, and a `getOrElse(0)` of
    // their `headOption` in `math.sqrt` is an `AnyVal`.
    let src = format!(
        "{HEAD}val a = List(5, -1)\n\
         println(math.sqrt((a ++ List(6)).headOption.getOrElse(0)))\n\
         println((a ++ Set(6)).foo)\n\
         println((Seq(5) ++ a).foo)\n\
         println((Array(5) ++ Array(6)).foo)\n\
         println((a ++ List(\"a\")).foo)\n\
         println((Set(5) ++ a).foo)\n\
         println((0 :: a).foo)\n\
         println((\"x\" ++ \"y\").foo)\n\
         lines.print()\n"
    );
    check(
        &src,
        "5:54 type_mismatch type mismatch: found AnyVal, required Double\n\
         6:23 unknown_method value foo is not a member of List[Int]\ndid you mean fold?\n\
         7:23 unknown_method value foo is not a member of Seq[Int]\ndid you mean fold?\n\
         8:32 unknown_method value foo is not a member of Array[Int]\n\
         9:26 unknown_method value foo is not a member of List[Any]\ndid you mean fold?\n\
         10:23 unknown_method value foo is not a member of scala.collection.immutable.Set[Int]\ndid you mean fold?\n\
         11:18 unknown_method value foo is not a member of List[Int]\ndid you mean fold?\n\
         12:22 unknown_method value foo is not a member of String\n",
    );
}

#[test]
fn declared_sets_and_maps_are_typed() {
    // A `Set[T]` or `Map[K, V]` declared (not one an import made mutable) is typed: `Set(...)`'s
    // elements against `T`, `Map(...)`'s pairs against `(K, V)` (of `k -> v` the key as
    // `ArrowAssoc` took it, "found (Int, Int), required (String, Double)" at the arrow, then the
    // value), a
    // mutable map ("(in scala.collection.mutable)"), a map of other types or another collection
    // named; a range where a `List` is wanted.
    let src = format!(
        "{HEAD}import scala.collection.mutable\n\
         def f(xs: List[Int]) = xs.sum\n\
         def g(m: Map[String, Int]) = m.size\n\
         println(f(1 to 3) + f(1 until 3))\n\
         val s: Set[String] = Set(1, 2)\n\
         val m: Map[String, Double] = Map(\"a\" -> 1, (\"b\", \"c\"), 2 -> 3)\n\
         val n: Map[Long, Int] = Map(1 -> 2, \"k\" -> 2L)\n\
         println(g(List(1)) + g(Map(1 -> 1)))\n\
         val x = mutable.Map(\"a\" -> 1)\n\
         val im: Map[String, Int] = x\n\
         val y = Map(\"a\" -> 1)\n\
         val other: Map[String, String] = y\n\
         val t: Set[Int] = Set(\"a\").map(_.length)\n\
         val u: Set[Int] = s\n\
         val v: Set[Int] = List(1)\n\
         val e: Map[String, Int] = Map()\n\
         val w: Set[String] = Set()\n\
         println((s, m, n, im, other, t, u, v, e, w, y.keySet.foo))\n\
         lines.print()\n"
    );
    check(
        &src,
        "7:13 type_mismatch type mismatch: found scala.collection.immutable.Range.Inclusive, required List[Int]\n\
         7:25 type_mismatch type mismatch: found scala.collection.immutable.Range, required List[Int]\n\
         8:26 type_mismatch type mismatch: found Int(1), required String\n\
         8:29 type_mismatch type mismatch: found Int(2), required String\n\
         9:50 type_mismatch type mismatch: found String(\"c\"), required Double\n\
         9:58 type_mismatch type mismatch: found (Int, Int), required (String, Double)\n\
         10:31 type_mismatch type mismatch: found (Int, Int), required (Long, Int)\n\
         10:41 type_mismatch type mismatch: found (String, Long), required (Long, Int)\n\
         11:15 type_mismatch type mismatch: found List[Int], required Map[String,Int]\n\
         11:30 type_mismatch type mismatch: found (Int, Int), required (String, Int)\n\
         13:28 type_mismatch type mismatch: found Map[String,Int] (in scala.collection.mutable), required Map[String,Int] (in scala.collection.immutable)\n\
         15:34 type_mismatch type mismatch: found scala.collection.immutable.Map[String,Int], required Map[String,String]\n\
         17:19 type_mismatch type mismatch: found Set[String], required Set[Int]\n\
         18:23 type_mismatch type mismatch: found List[Int], required Set[Int]\n\
         21:54 unknown_method value foo is not a member of scala.collection.immutable.Set[String]\ndid you mean fold?\n",
    );
}

#[test]
fn collections_against_declared_ones() {
    // A collection where another is declared: `map`'s function typed against the declared element
    // (scalac infers `map`'s type from it: "found String, required Long" at `toString`, a tuple's
    // parts each), a method's collection of another class, an `Option` for a collection and back,
    // `toSet`'s open `Set[B]` ("polymorphic expression cannot be instantiated"), a pair named in
    // `Map(...)`; a name of a declared type printed as it is written (`Set[String]`).
    let src = format!(
        "{HEAD}val xs = List(3, 1, 2)\n\
         val m = Map(\"a\" -> 1)\n\
         val kv = (\"k\", 2)\n\
         val st: Set[String] = Set(\"a\")\n\
         def f(v: Seq[Long]) = v.size\n\
         val a: List[Long] = xs.map(_.toString)\n\
         val b: Map[String, Int] = m.map {{ case (k, n) => (n, k) }}\n\
         println(f(xs.map(x => x.toString)) + f(xs))\n\
         val c: Option[Long] = xs.map(_ + 1)\n\
         val e: Option[String] = st\n\
         val g: List[Int] = xs.toSet\n\
         val h: Map[String, String] = Map(\"x\" -> \"y\", kv)\n\
         val i: Vector[Double] = Set('c', 1.5)\n\
         val j: List[String] = Option(\"a\")\n\
         val t: Vector[Int] = Vector(1)\n\
         val mm = mutable.Map(\"a\" -> 1L)\n\
         val n: Map[String, String] = mm\n\
         println((a, b, c, e, g, h, i, j, n, st.foo, t.foo))\n\
         lines.print()\n"
    );
    check(
        &src,
        "9:30 type_mismatch type mismatch: found String, required Long\n\
         10:51 type_mismatch type mismatch: found Int, required String\n\
         10:54 type_mismatch type mismatch: found String, required Int\n\
         11:25 type_mismatch type mismatch: found String, required Long\n\
         11:40 type_mismatch type mismatch: found List[Int], required Seq[Long]\n\
         12:29 type_mismatch type mismatch: found List[Int], required Option[Long]\n\
         13:25 type_mismatch type mismatch: found Set[String], required Option[String]\n\
         14:23 polymorphic_mismatch polymorphic expression cannot be instantiated to expected type;\n found   : [B >: Int]scala.collection.immutable.Set[B]\n required: List[Int]\n\
         15:46 type_mismatch type mismatch: found (String, Int), required (String, String)\n\
         16:28 type_mismatch type mismatch: found scala.collection.immutable.Set[Double], required Vector[Double]\n\
         17:29 type_mismatch type mismatch: found Option[String], required List[String]\n\
         20:30 type_mismatch type mismatch: found Map[String,Long]   (in scala.collection.mutable), required Map[String,String] (in scala.collection.immutable)\n\
         21:40 unknown_method value foo is not a member of Set[String]\ndid you mean fold?\n\
         21:47 unknown_method value foo is not a member of Vector[Int]\ndid you mean fold?\n",
    );
}

#[test]
fn function_values_against_what_is_wanted() {
    // Function values: a `val` declared of a function type is typed so (a lambda's parameters from
    // it, its body against the result: "found Int, required Option[Int]" at the `+`); one of
    // certain parameter types where a DStream's method wants others, whether a `val`'s (its own
    // result), a `def`'s (its result typed against the wanted one) or a lambda's ("found (Int, Int)
    // => Long, required (Long, Long) => Long"); `flatMap` of a function that gives an `Array`.
    let src = format!(
        "{HEAD}val inc: Int => Int = _ + 1\n\
         val add: (Int, Int) => Int = (a, b) => a + b\n\
         val show: (Int, Int) => Int = (a, b) => a.toString\n\
         val split: String => Array[String] = _.split(\" \")\n\
         val upd: (Seq[Int], Option[Int]) => Option[Int] = (vs, s) => vs.sum + s.getOrElse(0)\n\
         val plus = (a: Int, b: Int) => a + b\n\
         def sum(a: Int, b: Int) = a + b\n\
         val counts = lines.map(w => (w, 1L))\n\
         println(inc(\"a\") + show(1, 2))\n\
         lines.map(inc).print()\n\
         lines.flatMap(split).print()\n\
         counts.reduceByKey(add).print()\n\
         counts.reduceByKey(plus).print()\n\
         counts.reduceByKey(sum).print()\n\
         counts.reduceByKey((a: Int, b: Int) => a + b).print()\n\
         counts.reduceByKeyAndWindow(plus, plus, Seconds(4), Seconds(2)).print()\n"
    );
    check(
        &src,
        "6:43 type_mismatch type mismatch: found String, required Int\n\
         8:69 type_mismatch type mismatch: found Int, required Option[Int]\n\
         12:13 type_mismatch type mismatch: found String(\"a\"), required Int\n\
         13:11 type_mismatch type mismatch: found Int => Int, required String => ?\n\
         14:15 type_mismatch type mismatch: found String => Array[String], required String => IterableOnce[?]\n\
         15:20 type_mismatch type mismatch: found (Int, Int) => Int, required (Long, Long) => Long\n\
         16:20 type_mismatch type mismatch: found (Int, Int) => Int, required (Long, Long) => Long\n\
         17:20 type_mismatch type mismatch: found (Int, Int) => Long, required (Long, Long) => Long\n\
         18:37 type_mismatch type mismatch: found (Int, Int) => Long, required (Long, Long) => Long\n\
         19:29 type_mismatch type mismatch: found (Int, Int) => Int, required (Long, Long) => ?\n",
    );
}

#[test]
fn functions_typed_as_scalac_types_them() {
    // How scalac types a function against what a DStream's method wants: a lambda whose declared
    // parameters take the wanted ones (`Int`s widen to `a: Long`) has its body typed against the
    // wanted result ("found Long, required Int" at the `+`); one whose do not is of another type
    // (`?` as its result with several overloads); a `def` expanded has its result typed so (a
    // `String` becomes a `WrappedString`, a `List` is no `Boolean`); a `val` is of its own type;
    // a `def` where the overloads want a function or a value is not expanded ("missing argument
    // list"); a function value called with too many arguments (its `apply`, or the `def`).
    let src = format!(
        "{HEAD}def g(a: Int, b: Int) = a + b\n\
         def toWords(x: String) = x.split(\" \").toList\n\
         def len(x: String) = x.length\n\
         val f: (Long, Long) => Long = _ + _\n\
         val upper: String => String = _.toUpperCase\n\
         val nums = lines.map(_.length)\n\
         println(f(1L, 2L, 3L) + g(1, 2, 3))\n\
         nums.reduce((a: Long, b: Long) => a + b).print()\n\
         nums.map(n => (n, 1)).reduceByKey((a: Long, b: Long) => a + b, 2).print()\n\
         lines.flatMap((x: String) => x.length).print()\n\
         lines.flatMap(upper).print()\n\
         lines.filter(toWords).print()\n\
         lines.flatMap(len).print()\n\
         nums.map(n => (n, 1)).reduceByKeyAndWindow(g, g, Seconds(4), Seconds(2)).print()\n"
    );
    check(
        &src,
        "10:19 too_many_args too many arguments (found 3, expected 2) for method apply: (v1: Long, v2: Long): Long in trait Function2\n\
         10:33 too_many_args too many arguments (found 3, expected 2) for method g: (a: Int, b: Int): Int\n\
         11:37 type_mismatch type mismatch: found Long, required Int\n\
         12:54 type_mismatch type mismatch: found (Long, Long) => Long, required (Int, Int) => ?\n\
         13:32 type_mismatch type mismatch: found Int, required IterableOnce[?]\n\
         14:15 type_mismatch type mismatch: found String => String, required String => IterableOnce[?]\n\
         15:14 type_mismatch type mismatch: found List[String], required Boolean\n\
         16:15 type_mismatch type mismatch: found Int, required IterableOnce[?]\n\
         17:47 missing_arg_list missing argument list for method g of type (a: Int, b: Int): Int\nUnapplied methods are only converted to functions when a function type is expected.\nYou can make this conversion explicit by writing `g _` or `g(_,_)` instead of `g`.\n",
    );
}

#[test]
fn overloads_typed_where_they_agree() {
    // More arguments than any overload takes, where every overload has a parameter of one type at
    // an argument's place: scalac types that argument against it first ("found Int(4), required
    // org.apache.spark.streaming.Duration"), then says the overloads "do not match arguments" with
    // it as `?` and the literals after it as written.
    let src = format!(
        "{HEAD}lines.window(4, Milliseconds(2000), Seconds(2)).print()\n\
         lines.window(\"4\", \"2\", \"x\").print()\n\
         lines.window(4, 2L, 2.5, 'c').print()\n"
    );
    check(
        &src,
        "4:7 overloaded_fn overloaded method window with alternatives:\n  (windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String] <and>\n  (windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String]\n does not match arguments (?, org.apache.spark.streaming.Duration, org.apache.spark.streaming.Duration)\n\
         4:14 type_mismatch type mismatch: found Int(4), required org.apache.spark.streaming.Duration\n\
         5:7 overloaded_fn overloaded method window with alternatives:\n  (windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String] <and>\n  (windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String]\n does not match arguments (?, \"2\", \"x\")\n\
         5:14 type_mismatch type mismatch: found String(\"4\"), required org.apache.spark.streaming.Duration\n\
         6:7 overloaded_fn overloaded method window with alternatives:\n  (windowDuration: org.apache.spark.streaming.Duration,slideDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String] <and>\n  (windowDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.dstream.DStream[String]\n does not match arguments (?, 2L, 2.5, 'c')\n\
         6:14 type_mismatch type mismatch: found Int(4), required org.apache.spark.streaming.Duration\n",
    );
}

#[test]
fn mutable_maps_against_declared_ones() {
    // A mutable map built by a method call (`scala.collection.mutable.Map(...)`) where Scala's `Map`
    // is declared, and a `mutable.Map[K, V]`'s pairs against `(K, V)`.
    let src = format!(
        "{HEAD}val a: Map[String, Int] = scala.collection.mutable.Map(\"a\" -> 1)\n\
         val b: mutable.Map[String, Int] = mutable.Map(\"a\" -> \"b\")\n\
         println((a, b))\n\
         lines.print()\n"
    );
    check(
        &src,
        "4:55 type_mismatch type mismatch: found Map[String,Int] (in scala.collection.mutable), required Map[String,Int] (in scala.collection.immutable)\n\
         5:54 type_mismatch type mismatch: found String(\"b\"), required Int\n",
    );
}

#[test]
fn a_lambda_of_another_parameter_count_than_its_function_type() {
    // A lambda given where a function of another parameter count goes (a val's declared type, a def's
    // parameter): scalac cannot type its parameters from it, so each untyped one is a "missing
    // parameter type" (a placeholder's, its expanded function; the first, where one tuple of as many
    // parts is expected, with the note), then the lambda as typed, its result ? unless every
    // parameter is typed, against the function type at its =>.
    let src = format!(
        "{HEAD}val f: (Int, Int) => Int = x => x\n\
         val g: Int => Int = (a, b) => a + b\n\
         val h: () => Int = x => 1\n\
         val k: Int => Int = () => 1\n\
         val m: (Int, Int) => Int = (x: Int) => x\n\
         val t: ((Int, Int)) => Int = (a, b) => a + b\n\
         val u: (Int, Int) => Int = _ + 1\n\
         def twice(op: (Int, Int) => Int) = op(1, 2)\n\
         println(twice(x => x))\n\
         lines.print()\n"
    );
    check(
        &src,
        "4:28 missing_param_type missing parameter type\n\
         4:30 type_mismatch type mismatch: found ? => ?, required (Int, Int) => Int\n\
         5:22 missing_param_type missing parameter type\n\
         5:25 missing_param_type missing parameter type\n\
         5:28 type_mismatch type mismatch: found (?, ?) => ?, required Int => Int\n\
         6:20 missing_param_type missing parameter type\n\
         6:22 type_mismatch type mismatch: found ? => ?, required () => Int\n\
         7:24 type_mismatch type mismatch: found () => Int, required Int => Int\n\
         8:37 type_mismatch type mismatch: found Int => Int, required (Int, Int) => Int\n\
         9:31 missing_param_type missing parameter type\n\
         Note: The expected type requires a one-argument function accepting a 2-Tuple.\n\
         \x20     Consider a pattern matching anonymous function, `{ case (a, b) =>  ... }`\n\
         9:34 missing_param_type missing parameter type\n\
         9:37 type_mismatch type mismatch: found (?, ?) => ?, required ((Int, Int)) => Int\n\
         10:28 missing_param_type missing parameter type for expanded function ((<x$1: error>) => x$1.$plus(1))\n\
         10:30 type_mismatch type mismatch: found ? => ?, required (Int, Int) => Int\n\
         12:15 missing_param_type missing parameter type\n\
         12:17 type_mismatch type mismatch: found ? => ?, required (Int, Int) => Int\n",
    );
}

#[test]
fn an_element_of_an_open_collection_has_only_anys_members() {
    // xs.toSet.head is of toSet's type parameter B, whose members are Any's: + is any2stringadd's (it
    // wants a String), other operators and members are not members of type parameter B; where a type
    // is declared scalac fixes B to the element (found Int, required String; a Long takes the Int).
    let src = format!(
        "{HEAD}val xs = List(1, 2)\n\
         val words = List(\"a\", \"b\")\n\
         println(xs.toSet.head + 1)\n\
         println(xs.toSet.head * 2)\n\
         println(words.toSet.head.length)\n\
         println(xs.toSet.toList.last > 1)\n\
         val s: String = xs.toSet.head\n\
         val n: Long = xs.toSet.head\n\
         println(xs.toSet.head + \"x\")\n\
         println(xs.toSet.head == 1)\n\
         println(words.toSet.head -> 1)\n\
         lines.print()\n"
    );
    check(
        &src,
        "6:25 type_mismatch type mismatch: found Int(1), required String\n\
         7:23 unknown_method value * is not a member of type parameter B\n\
         8:26 unknown_method value length is not a member of type parameter B\n\
         9:30 unknown_method value > is not a member of type parameter B\n\
         10:26 type_mismatch type mismatch: found Int, required String\n",
    );
}

#[test]
fn arithmetic_where_a_string_is_expected() {
    // A number's + where a String is expected: scalac finds two implicit views of the left operand
    // (Int to Float and to Long), ambiguous, then types the right one against String; a Double has no
    // such views; another operator's result is a number. In a lambda of typed parameters for a
    // function of String values, that is the body's error and scalac says no more (with default
    // arguments in the call, it says so).
    let src = format!(
        "{HEAD}val n = 3\n\
         val c = 'c'\n\
         val big = 3L\n\
         val d = 2.5\n\
         val a: String = n + 1\n\
         val b: String = 1 + 2\n\
         val e: String = c + 1\n\
         val g: String = big + n\n\
         val h: String = d + 1\n\
         val i: String = n * 2\n\
         val f: Int => String = x => x + 1\n\
         val ok: String = n + \"!\"\n\
         lines.map(w => (w, \"1\")).reduceByKey((a: Int, b: Int) => a + b).print()\n\
         lines.map(w => (w, \"1\")).reduceByKeyAndWindow((a: Long, b: Long) => a + b, (a: Long, b: Long) => a - b, Seconds(4), Seconds(2)).print()\n"
    );
    check(
        &src,
        "8:17 ambiguous_view type mismatch: found n.type (with underlying type Int), required ?{def +(x$1: ? >: Int(1)): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from n.type to ?{def +(x$1: ? >: Int(1)): ?}\n\
         8:21 type_mismatch type mismatch: found Int(1), required String\n\
         9:17 ambiguous_view type mismatch: found Int(1), required ?{def +(x$1: ? >: Int(2)): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from Int(1) to ?{def +(x$1: ? >: Int(2)): ?}\n\
         9:21 type_mismatch type mismatch: found Int(2), required String\n\
         10:17 ambiguous_view type mismatch: found c.type (with underlying type Char), required ?{def +(x$1: ? >: Int(1)): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method char2int in object Char of type (x: Char): Int\n\
         \x20and method char2long in object Char of type (x: Char): Long\n\
         \x20are possible conversion functions from c.type to ?{def +(x$1: ? >: Int(1)): ?}\n\
         10:21 type_mismatch type mismatch: found Int(1), required String\n\
         11:17 ambiguous_view type mismatch: found big.type (with underlying type Long), required ?{def +(x$1: ? >: Int): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method long2float in object Long of type (x: Long): Float\n\
         \x20and method long2double in object Long of type (x: Long): Double\n\
         \x20are possible conversion functions from big.type to ?{def +(x$1: ? >: Int): ?}\n\
         11:23 type_mismatch type mismatch: found Int, required String\n\
         12:21 type_mismatch type mismatch: found Int(1), required String\n\
         13:19 type_mismatch type mismatch: found Int, required String\n\
         14:29 ambiguous_view type mismatch: found x.type (with underlying type Int), required ?{def +(x$1: ? >: Int(1)): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from x.type to ?{def +(x$1: ? >: Int(1)): ?}\n\
         14:33 type_mismatch type mismatch: found Int(1), required String\n\
         16:58 ambiguous_view type mismatch: found a.type (with underlying type Int), required ?{def +(x$1: ? >: Int): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from a.type to ?{def +(x$1: ? >: Int): ?}\n\
         16:62 type_mismatch type mismatch: found Int, required String\n\
         17:69 ambiguous_view type mismatch: found a.type (with underlying type Long), required ?{def +(x$1: ? >: Long): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method long2float in object Long of type (x: Long): Float\n\
         \x20and method long2double in object Long of type (x: Long): Double\n\
         \x20are possible conversion functions from a.type to ?{def +(x$1: ? >: Long): ?}\n\
         Error occurred in an application involving default arguments.\n\
         17:73 type_mismatch type mismatch: found Long, required String\n\
         17:100 type_mismatch type mismatch: found Long, required String\n",
    );
}

#[test]
fn overloads_narrowed_by_their_function_parameters_shapes() {
    // reduceByKeyAndWindow of two lambdas: only the overload with the inverse function takes a
    // function second (scalac's test of the arguments' shapes), so its types are known: each typed
    // lambda whose parameters are not the values' is of a function type with the body widened to the
    // values' type (Double), both reported.
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1.0))\n\
         pairs.reduceByKeyAndWindow((a: Long, b: Long) => a + b, (a: Long, b: Long) => a - b, Seconds(4), Seconds(2)).print()\n\
         pairs.reduceByKeyAndWindow((a: Int, b: Int) => a + b, (a: Int, b: Int) => a - b, Seconds(4), Seconds(2)).print()\n"
    );
    check(
        &src,
        "5:47 type_mismatch type mismatch: found (Long, Long) => Double, required (Double, Double) => Double\n\
         5:76 type_mismatch type mismatch: found (Long, Long) => Double, required (Double, Double) => Double\n\
         6:45 type_mismatch type mismatch: found (Int, Int) => Double, required (Double, Double) => Double\n\
         6:72 type_mismatch type mismatch: found (Int, Int) => Double, required (Double, Double) => Double\n",
    );
}

#[test]
fn tuples_against_declared_tuples_part_by_part() {
    // A tuple written where a tuple type is declared is typed part by part (nested tuples too, inside
    // a builder's elements); a List or a Vector where a Seq is declared has its elements typed
    // against the declared element; an Option's isDefined takes no parameters.
    let src = format!(
        "{HEAD}val p: (String, Int) = (1, 2)\n\
         val ps: List[(String, Int)] = List((\"a\", 1), (\"b\", \"c\"))\n\
         val q: (String, (Int, Int)) = (\"a\", (1, 2L))\n\
         def f(p: (Int, Long)) = p._1\n\
         println(f((1.5, 2)))\n\
         val v: Seq[String] = Vector(1, 2)\n\
         val w: Seq[Long] = List(1, 2)\n\
         val o = Some(1)\n\
         println(o.isDefined())\n\
         lines.print()\n"
    );
    check(
        &src,
        "4:25 type_mismatch type mismatch: found Int(1), required String\n\
         5:52 type_mismatch type mismatch: found String(\"c\"), required Int\n\
         6:41 type_mismatch type mismatch: found Long(2L), required Int\n\
         8:12 type_mismatch type mismatch: found Double(1.5), required Int\n\
         9:29 type_mismatch type mismatch: found Int(1), required String\n\
         9:32 type_mismatch type mismatch: found Int(2), required String\n\
         12:20 no_params Boolean does not take parameters\n",
    );
}

#[test]
fn empty_builders_of_another_class_than_declared() {
    // An empty builder of another class than the declared one: List(), Seq() and Vector() are of
    // Nothings (found List[Nothing]); Set(), Map() and Array() stay polymorphic (no view of an Array
    // to a Seq either), a Map() for a mutable.Map aligned with where each is from; Nil and None
    // likewise; of a class that fits, nothing.
    let src = format!(
        "{HEAD}val a: Set[Int] = List()\n\
         val b: List[Int] = Set()\n\
         val c: Option[Int] = Map()\n\
         val d: Seq[Int] = Array()\n\
         val e: Set[Int] = Nil\n\
         val f: List[Int] = None\n\
         val g: scala.collection.mutable.Map[String, Int] = Map()\n\
         val ok1: Seq[Int] = Nil\n\
         val ok2: Iterable[Int] = Set()\n\
         val ok3: Map[String, Int] = Map()\n\
         lines.print()\n"
    );
    check(
        &src,
        "4:23 type_mismatch type mismatch: found List[Nothing], required Set[Int]\n\
         5:23 polymorphic_mismatch polymorphic expression cannot be instantiated to expected type;\n\
         \x20found   : [A]scala.collection.immutable.Set[A]\n\
         \x20required: List[Int]\n\
         6:25 polymorphic_mismatch polymorphic expression cannot be instantiated to expected type;\n\
         \x20found   : [K]scala.collection.immutable.Map[K,Nothing]\n\
         \x20required: Option[Int]\n\
         7:24 polymorphic_mismatch polymorphic expression cannot be instantiated to expected type;\n\
         \x20found   : [T]Array[T]\n\
         \x20required: Seq[Int]\n\
         8:19 type_mismatch type mismatch: found collection.immutable.Nil.type, required Set[Int]\n\
         9:20 type_mismatch type mismatch: found None.type, required List[Int]\n\
         10:55 polymorphic_mismatch polymorphic expression cannot be instantiated to expected type;\n\
         \x20found   : Map             (in scala.collection.immutable)\n\
         \x20required: Map[String,Int] (in scala.collection.mutable)\n",
    );
}

#[test]
fn least_upper_bounds_of_unlike_elements() {
    // A builder of unlike plain elements is a collection of AnyVal (values) or Any (a String among
    // them), of another class than declared said whole; toSet for a declared Set of another element:
    // B is above both, their least upper bound (part by part in tuples), and scalac notes that Set is
    // invariant.
    let src = format!(
        "{HEAD}val xs = List(1, 2)\n\
         def f(v: Option[Long]) = v.size\n\
         println(f(Set('c', true)))\n\
         val m: Map[Int, String] = Set(\"a\", 2L)\n\
         val s: Set[String] = xs.toSet\n\
         val t: Set[Long] = xs.toSet\n\
         val ps = List((\"a\", 1))\n\
         val u: Set[(String, Long)] = ps.toSet\n\
         val ok: Set[Int] = xs.toSet\n\
         lines.print()\n"
    );
    check(
        &src,
        "6:14 type_mismatch type mismatch: found scala.collection.immutable.Set[AnyVal], required Option[Long]\n\
         7:30 type_mismatch type mismatch: found scala.collection.immutable.Set[Any], required Map[Int,String]\n\
         8:25 invariant_set type mismatch: found scala.collection.immutable.Set[Any], required Set[String]\n\
         Note: Any >: String, but trait Set is invariant in type A.\n\
         You may wish to investigate a wildcard type such as `_ >: String`. (SLS 3.2.10)\n\
         9:23 invariant_set type mismatch: found scala.collection.immutable.Set[AnyVal], required Set[Long]\n\
         Note: AnyVal >: Long, but trait Set is invariant in type A.\n\
         You may wish to investigate a wildcard type such as `_ >: Long`. (SLS 3.2.10)\n\
         11:33 invariant_set type mismatch: found scala.collection.immutable.Set[(String, AnyVal)], required Set[(String, Long)]\n\
         Note: (String, AnyVal) >: (String, Long), but trait Set is invariant in type A.\n\
         You may wish to investigate a wildcard type such as `_ >: (String, Long)`. (SLS 3.2.10)\n",
    );
}

#[test]
fn arithmetic_against_a_narrower_number() {
    // A number's arithmetic where a narrower number is expected: scalac keeps the overloads of the
    // operator whose result fits (Int * Long for an Int: those of an Int, Char, Short or Byte
    // operand), none takes the operand, so it tries the ambiguous views of the left one, then lists
    // the overloads it kept; where none gives what is wanted (Long + 1 for an Int) the result is a
    // plain mismatch. Constants are folded (String("ab")); a comparison is a Boolean.
    let src = format!(
        "{HEAD}val n = 2\n\
         val k = 3L\n\
         val d = 1.5\n\
         val a: Int = n * k\n\
         val b: Long = n - d\n\
         val c: Long = k / d\n\
         val e: Int = k + 1\n\
         val f: Int = 2 * 3L\n\
         val g: Double = n * k\n\
         val s: Int = \"a\" + \"b\"\n\
         val t: String = n > 0\n\
         lines.print()\n"
    );
    check(
        &src,
        "7:14 ambiguous_view type mismatch: found n.type (with underlying type Int), required ?{def *(x$1: ? >: Long): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from n.type to ?{def *(x$1: ? >: Long): ?}\n\
         7:16 overloaded_args overloaded method * with alternatives:\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (Long)\n\
         8:15 ambiguous_view type mismatch: found n.type (with underlying type Int), required ?{def -(x$1: ? >: Double): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from n.type to ?{def -(x$1: ? >: Double): ?}\n\
         8:17 overloaded_args overloaded method - with alternatives:\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (Double)\n\
         9:15 ambiguous_view type mismatch: found k.type (with underlying type Long), required ?{def /(x$1: ? >: Double): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method long2float in object Long of type (x: Long): Float\n\
         \x20and method long2double in object Long of type (x: Long): Double\n\
         \x20are possible conversion functions from k.type to ?{def /(x$1: ? >: Double): ?}\n\
         9:17 overloaded_args overloaded method / with alternatives:\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Long <and>\n\
         \x20 (x: Char)Long <and>\n\
         \x20 (x: Short)Long <and>\n\
         \x20 (x: Byte)Long\n\
         \x20cannot be applied to (Double)\n\
         10:16 type_mismatch type mismatch: found Long, required Int\n\
         11:14 ambiguous_view type mismatch: found Int(2), required ?{def *(x$1: ? >: Long(3L)): ?}\n\
         Note that implicit conversions are not applicable because they are ambiguous:\n\
         \x20both method int2float in object Int of type (x: Int): Float\n\
         \x20and method int2long in object Int of type (x: Int): Long\n\
         \x20are possible conversion functions from Int(2) to ?{def *(x$1: ? >: Long(3L)): ?}\n\
         11:16 overloaded_args overloaded method * with alternatives:\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (Long)\n\
         13:18 type_mismatch type mismatch: found String(\"ab\"), required Int\n\
         14:19 type_mismatch type mismatch: found Boolean, required String\n",
    );
}

#[test]
fn typed_lambdas_among_overloads_of_one_shape() {
    // A typed lambda over values of another type: where several overloads take the arguments' shapes
    // (a Duration may go where invReduceFunc goes) scalac compares the function whole with a ?
    // result; where one does, it types the body against the values' type first (found Long, required
    // Int; found String, required Double) and says no more of the function.
    let src = format!(
        "{HEAD}val pairs = lines.map(w => (w, 1))\n\
         pairs.reduceByKeyAndWindow((a: Long, b: Long) => a + b, Seconds(4), Seconds(2)).print()\n\
         pairs.reduceByKeyAndWindow((a: Long, b: Long) => a + b, (a: Long, b: Long) => a - b, Seconds(4), Seconds(2)).print()\n\
         pairs.reduceByKey((a: Long, b: Long) => a + b).print()\n\
         lines.map(w => (w, 1.0)).reduceByKeyAndWindow((a: String, b: String) => a + b, (a: String, b: String) => a - b, Seconds(4), Seconds(2)).print()\n"
    );
    check(
        &src,
        "5:47 type_mismatch type mismatch: found (Long, Long) => Long, required (Int, Int) => ?\n\
         6:52 type_mismatch type mismatch: found Long, required Int\n\
         6:81 type_mismatch type mismatch: found Long, required Int\n\
         7:43 type_mismatch type mismatch: found Long, required Int\n\
         8:75 type_mismatch type mismatch: found String, required Double\n\
         8:108 unknown_method value - is not a member of String\n",
    );
}

#[test]
fn an_iterator_has_its_own_members() {
    // An Iterator (xs.iterator, a partition in foreachPartition or mapPartitions) has its own
    // members, not an Iterable's: no head, no sortBy; hasNext is declared without parentheses, so
    // hasNext() applies a Boolean; a partition mapped and filtered stays an iterator of pairs.
    let src = format!(
        "{HEAD}val it = List(1, 2).iterator\n\
         println(it.next())\n\
         println(it.hasNext())\n\
         println(it.head)\n\
         lines.foreachRDD(rdd => rdd.foreachPartition(part => while (part.hasNext()) println(part.next())))\n\
         lines.mapPartitions(part => part.sortBy(_.length)).print()\n\
         lines.mapPartitions(part => part.filter(_.nonEmpty).map(w => (w, 1))).reduceByKey(_ + _).print()\n\
         lines.mapPartitions(part => part.toList.sorted.iterator).print()\n"
    );
    check(
        &src,
        "6:19 no_params Boolean does not take parameters\n\
         7:12 unknown_method value head is not a member of Iterator[Int]\n\
         8:73 no_params Boolean does not take parameters\n\
         9:34 unknown_method value sortBy is not a member of Iterator[String]\n",
    );
}

#[test]
fn operator_overloads_kept_by_the_expected_type() {
    // Where the operand fits no overload of a number's operator, scalac lists only the overloads
    // whose result is what is expected (x - "a" for a Long: Long and Int results); x + true for a
    // String: only (x: String)String gives one and no view takes a Boolean, so the operand is typed
    // against String; a String's map of a lambda whose parameter is declared another type than Char.
    let src = format!(
        "{HEAD}val n = 1\n\
         val f: Int => String = x => x + true\n\
         val s: String = n + false\n\
         val g: Int => Long = x => x - \"a\"\n\
         val k: Int = n * \"b\"\n\
         val d: Double = n / \"c\"\n\
         println(\"cab\".map((x: Int) => x))\n\
         println(\"cab\".map((x: Char) => x.toUpper))\n\
         println(n + true)\n\
         lines.print()\n"
    );
    check(
        &src,
        "5:33 type_mismatch type mismatch: found Boolean(true), required String\n\
         6:21 type_mismatch type mismatch: found Boolean(false), required String\n\
         7:29 overloaded_args overloaded method - with alternatives:\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (String)\n\
         8:16 overloaded_args overloaded method * with alternatives:\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (String)\n\
         9:19 overloaded_args overloaded method / with alternatives:\n\
         \x20 (x: Double)Double <and>\n\
         \x20 (x: Float)Float <and>\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int\n\
         \x20cannot be applied to (String)\n\
         10:28 type_mismatch type mismatch: found Int => Int, required Char => ?\n\
         12:11 overloaded_args overloaded method + with alternatives:\n\
         \x20 (x: Double)Double <and>\n\
         \x20 (x: Float)Float <and>\n\
         \x20 (x: Long)Long <and>\n\
         \x20 (x: Int)Int <and>\n\
         \x20 (x: Char)Int <and>\n\
         \x20 (x: Short)Int <and>\n\
         \x20 (x: Byte)Int <and>\n\
         \x20 (x: String)String\n\
         \x20cannot be applied to (Boolean)\n",
    );
}
