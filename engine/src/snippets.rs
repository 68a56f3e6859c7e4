//! The Scala snippets of the lesson (`../shared/seed/spark-streaming-lesson.zh.md`), verbatim,
//! and the programs they run in.
//!
//! The lesson has whole programs, which run as written, and fragments that use names the
//! program around them defines (`sc`, `ssc`, `format`). Each fragment runs verbatim inside the
//! host program of its section, built here as the lesson builds it (`Lesson03_DStream_API`'s
//! context, its `format` stream of `(word, count)` pairs), with the output operation the
//! section's text describes. A fragment without any output operation fails as on Spark; its
//! `preset` adds what a learner would add. Quoted signatures and Spark's own source are not
//! programs and say so. `engine/tests/lesson_snippets.rs` checks every snippet against the
//! lesson's text and runs every program.

/// One Scala block of the lesson.
#[derive(Clone, Copy, Debug)]
pub struct Snippet {
    /// A stable name.
    pub id: &'static str,
    /// The lesson's section it is in.
    pub section: &'static str,
    /// How it runs.
    pub kind: Kind,
    /// The code, exactly as the lesson prints it.
    pub code: &'static str,
}

/// How a snippet runs.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A whole program.
    Program,
    /// Code that needs the program around it.
    Fragment {
        /// That program.
        host: Host,
        /// Output operations the host adds after the fragment (as the section describes).
        outputs: &'static str,
        /// What the preset appends to the fragment's last statement (empty: nothing).
        fix: &'static str,
    },
    /// Part of a host program, verbatim: why it is not run alone.
    InHost(&'static str),
    /// Not a program: what it is instead.
    NotAProgram(&'static str),
}

/// The programs fragments run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// `Lesson03_DStream_API` up to its `format` stream of `(word, count)` pairs.
    Format,
    /// The stateful sections: the context with `sc.setCheckpointDir(...)`; the fragment makes
    /// its own input stream.
    Stateful,
    /// The context's `SparkContext` only: the fragment makes the `StreamingContext`.
    BeforeSsc,
    /// The fragment is a reduce function, passed to `reduceByKeyAndWindow`.
    ReduceFunc,
}

/// The `print()` the `mapWithState` fragment lacks.
const MAP_WITH_STATE_FIX: &str = ".print() // added: the lesson's code has no output operation";

const IMPORTS: &str = "import org.apache.spark.{SparkConf, SparkContext}
import org.apache.spark.broadcast.Broadcast
import org.apache.spark.rdd.RDD
import org.apache.spark.streaming.dstream.{DStream, ReceiverInputDStream}
import org.apache.spark.streaming.{Duration, State, StateSpec, StreamingContext}
";

const CONTEXT: &str = r#"    val conf: SparkConf = new SparkConf().setAppName("TEST_DStream_API").setMaster("local[8]")
    val sc: SparkContext = new SparkContext(conf)
    sc.setLogLevel("ERROR")
"#;

const SSC: &str = "    val ssc: StreamingContext = new StreamingContext(sc, Duration(1000))\n";

const FORMAT: &str = r#"    val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
    val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), x(1).toInt))
"#;

const CHECKPOINT_DIR: &str =
    "    sc.setCheckpointDir(\"D:\\\\ideaProject\\\\bigdata\\\\bigdata-spark\")\n";

const BEGIN: &str = "    // ---- the lesson's code, as written ----\n";
const END: &str = "    // ---- end of the lesson's code ----\n";

const RUN: &str = "    ssc.start()
    ssc.awaitTermination()
  }
}
";

/// Indent every non-empty line by four spaces (the host's `main` body).
fn indent(code: &str) -> String {
    code.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

impl Snippet {
    /// The program that runs the snippet as written, or `None` if it is not run.
    pub fn program(&self) -> Option<String> {
        self.build(false)
    }

    /// What the playground loads for it: the program, with the fix a learner would make.
    pub fn preset(&self) -> Option<String> {
        self.build(true)
    }

    fn build(&self, fixed: bool) -> Option<String> {
        let (host, outputs, fix) = match self.kind {
            Kind::Program => return Some(self.code.to_string()),
            Kind::Fragment { host, outputs, fix } => (host, outputs, fix),
            Kind::InHost(_) | Kind::NotAProgram(_) => return None,
        };
        let mut code = self.code.to_string();
        if fixed && !fix.is_empty() {
            code.push('\n');
            code.push_str(fix);
        }
        let mut p = format!("{IMPORTS}\nobject Lesson03_DStream_API {{\n  def main(args: Array[String]): Unit = {{\n{CONTEXT}");
        match host {
            Host::Format => {
                p += SSC;
                p += FORMAT;
                p += BEGIN;
                p += &indent(&code);
            }
            Host::Stateful => {
                p += CHECKPOINT_DIR;
                p += SSC;
                p += BEGIN;
                p += &indent(&code);
            }
            Host::BeforeSsc => {
                p += BEGIN;
                p += &indent(&code);
                p += END;
                p += FORMAT;
                p += "    format.reduceByKey(_ + _).print()\n";
            }
            Host::ReduceFunc => {
                p += CHECKPOINT_DIR;
                p += SSC;
                p += "    val resource: ReceiverInputDStream[String] = ssc.socketTextStream(\"localhost\", 8889)\n";
                p += "    val format: DStream[(String, Int)] = resource.map(_.split(\" \")).map(x => (x(0), 1))\n";
                p += "    val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(\n";
                p += BEGIN;
                p += &indent(&code);
                p += END;
                p += "      , Duration(5000), Duration(1000))\n    res.print()\n";
            }
        }
        if host != Host::BeforeSsc && host != Host::ReduceFunc {
            p += END;
        }
        p += outputs;
        p += RUN;
        Some(p)
    }
}

/// Every Scala block of the lesson, in order.
pub const SNIPPETS: &[Snippet] = &[
    Snippet {
        id: "receiver01",
        section: "1.1 Streaming 案例",
        kind: Kind::Program,
        code: r#"package com.syndra.bigdata.streaming

import org.apache.spark.SparkConf
import org.apache.spark.streaming.dstream.{DStream, ReceiverInputDStream}
import org.apache.spark.streaming.{Seconds, StreamingContext}

/**
 * Spark Streaming Receiver
 */
object Lesson01_Receiver01 {
  def main(args: Array[String]): Unit = {
    val conf: SparkConf = new SparkConf().setAppName("Spark_Streaming").setMaster("local")
    // 微批的流式计算, 时间去定义批次(while --> 时间间隔触发 Job)
    val sc: StreamingContext = new StreamingContext(conf, Seconds(5))
    sc.sparkContext.setLogLevel("ERROR")

    // 接收数据源地址
    val dataDStream: ReceiverInputDStream[String] = sc.socketTextStream("192.168.93.155", 8888)
    // 相当于 hello world
    val flatDStream: DStream[String] = dataDStream.flatMap(_.split(" "))
    val resDStream: DStream[(String, Int)] = flatDStream.map((_, 1)).reduceByKey(_ + _)
    // 输出算子
    resDStream.print()
    // 执行算子
    sc.start()
    // 阻塞程序
    sc.awaitTermination()
  }
}"#,
    },
    Snippet {
        id: "dstream_api",
        section: "一、一个 batch 一个 Job",
        kind: Kind::Program,
        code: r#"package com.syndra.bigdata.streaming

import org.apache.spark.streaming.dstream.{DStream, ReceiverInputDStream}
import org.apache.spark.streaming.{Duration, StreamingContext}
import org.apache.spark.{SparkConf, SparkContext}

/**
 * DStream API
 */
object Lesson03_DStream_API {
  def main(args: Array[String]): Unit = {
    val conf: SparkConf = new SparkConf().setAppName("TEST_DStream_API").setMaster("local[8]")
    val sc: SparkContext = new SparkContext(conf)
    sc.setLogLevel("ERROR")
    /*
    * Spark Streaming 100ms batch 1ms
    * Low Level API
    * */
    val ssc: StreamingContext = new StreamingContext(sc, Duration(1000))

    /*
    * 1.需求 : 将计算延缓
    * 2.一个数据源, 要保证 1m 级的数据频率和 5m 级的输出频率
    * 3.而且, 是在数据输出的时候计算输出时间点的历史数据
    *
    * 数据源是 1s 中一个 hello 2个 hi
    * */

    // 数据源的粗粒度 : 1s 来自于 StreamContext
    val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)

    val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), x(1).toInt))
    val res1s1Batch: DStream[(String, Int)] = format.reduceByKey(_ + _)
    res1s1Batch.mapPartitions(iter => {
      println("1s");
      iter
    }).print() /* 打印频率 : 1s 打印 1次 */

    // 5s 窗口
    val newDS: DStream[(String, Int)] = format.window(Duration(5000))

    // 5个 batch
    val res5s5Batch: DStream[(String, Int)] = newDS.reduceByKey(_ + _)
    res5s5Batch.mapPartitions(iter => {
      println("5s");
      iter
    }).print() /* 打印频率 : 5s 打印 1次...1s 打印 1次 */

    ssc.start()
    ssc.awaitTermination()
  }
}"#,
    },
    Snippet {
        id: "window_5s_5s",
        section: "一、一个 batch 一个 Job",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "    newDS.print()\n",
            fix: "",
        },
        code: r#"val newDS: DStream[(String, Int)] = format.window(Duration(5000), Duration(5000))"#,
    },
    Snippet {
        id: "reduce_then_window",
        section: "1.1 window 的粒度",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "    res.print()\n    res1.print()\n",
            fix: "",
        },
        code: r#"val reduce: DStream[(String, Int)] = format.reduceByKey(_ + _) // 窗口是 1000, Slide 是 1000
val res: DStream[(String, Int)] = reduce.window(Duration(5000))

val win: DStream[(String, Int)] = format.window(Duration(5000)) // 先调整量
val res1: DStream[(String, Int)] = win.reduceByKey(_ + _) // 在基于上一步的量上整体发生计算"#,
    },
    Snippet {
        id: "ssc_1000ms",
        section: "1.1 window 的粒度",
        kind: Kind::Fragment {
            host: Host::BeforeSsc,
            outputs: "",
            fix: "",
        },
        code: r#"// 最小粒度 约等于 : win大小为 1000, slide 滑动距离也是 1000
val ssc: StreamingContext = new StreamingContext(sc, Duration(1000))"#,
    },
    Snippet {
        id: "reduce_by_key_and_window",
        section: "1.1 window 的粒度",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "    res.print()\n",
            fix: "",
        },
        code: r#"val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(_ + _, Duration(5000))"#,
    },
    Snippet {
        id: "transform",
        section: "2.1 transform",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "    res.print()\n",
            fix: "",
        },
        code: r#"// 1.transform : 先转换成 RDD, 然后再进行操作
val res: DStream[(String, Int)] = format.transform( // 硬性要求 : 返回值是 RDD
  rdd => {
    rdd.foreach(println) // 产生 Job
    val rddRes: RDD[(String, Int)] = rdd.map(x => (x._1, x._2 * 10)) // 只是在转换
    rddRes
  }
)"#,
    },
    Snippet {
        id: "foreach_rdd",
        section: "2.2 foreachRDD",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "",
            fix: "",
        },
        code: r#"// 2.foreachRDD : 直接对 RDD 进行操作, 末端处理
format.foreachRDD( // StreamingContext 有一个独立的线程执行 while(true), 在主线程的代码是放到执行线程去执行
  rdd => {
    rdd.foreach(print)
    // x...to Redis
    // to MySQL
    // call WebService
  }
)"#,
    },
    Snippet {
        id: "scopes_broadcast",
        section: "2.3 作用域",
        kind: Kind::Fragment {
            host: Host::Format,
            outputs: "    res.print()\n",
            fix: "",
        },
        code: r#"var bc: Broadcast[List[Int]] = null
var jobNum = 0
println("Son of a bitch Syndra") // Application 级别
val res: DStream[(String, Int)] = format.transform(
  rdd => {
    // 每 Job 级别递增, 是在 ssc 的另一个 while(true) 线程中, Driver 端执行的
    jobNum += 1
    println(s"jobNum : $jobNum")
    if (jobNum <= 1) {
      bc = sc.broadcast((1 to 5).toList)
    } else {
      bc = sc.broadcast((6 to 15).toList)
    }
    // 无论多少次 Job 的运行都是相同的 bc, 只有 rdd 接受的函数, 才是 Executor 端的 才是 Task 端的
    rdd.filter(x => {
      bc.value.contains(x._2)
    })
  }
)"#,
    },
    Snippet {
        id: "update_state_by_key_signature",
        section: "1.1.1 什么是关联",
        kind: Kind::NotAProgram("a method signature quoted from Spark's API, not code to run"),
        code: r#"// 第一次把这一个 key 的数据全拿过来, 放在内存中然后更新, 容易 OOM
updateStateByKey(updateFunc: (Seq[V], Option[S]) => Option[S])"#,
    },
    Snippet {
        id: "update_state_by_key",
        section: "1.1.1 什么是关联",
        kind: Kind::Fragment {
            host: Host::Stateful,
            outputs: "    res.print()\n",
            fix: "",
        },
        code: r#"val data: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val mapData: DStream[(String, Int)] = data.map(_.split(" ")).map(x => (x(0), 1))
//    mapData.reduceByKey(_ + _)
val res: DStream[(String, Int)] = mapData.updateStateByKey((nv: Seq[Int], ov: Option[Int]) => {
  // 每个批次的 Job 中, 对着 nv 求和
  val cnt: Int = nv.count(_ > 0)
  val oldVal: Int = ov.getOrElse(0)
  Some(cnt + oldVal)
})"#,
    },
    Snippet {
        id: "set_checkpoint_dir",
        section: "1.1.1 什么是关联",
        kind: Kind::InHost("the stateful sections' host program runs this line verbatim"),
        code: r#"sc.setCheckpointDir("D:\\ideaProject\\bigdata\\bigdata-spark")"#,
    },
    Snippet {
        id: "window_no_inverse",
        section: "1.2 有状态计算下的窗口移动",
        kind: Kind::Fragment {
            host: Host::Stateful,
            outputs: "",
            fix: "",
        },
        code: r#"// 数据源的粗粒度 : 1s 来自于 StreamContext
val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), 1))
val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(
  (ov: Int, nv: Int) => {
    ov + nv
  }, Duration(5000), Duration(1000))
res.print()"#,
    },
    Snippet {
        id: "window_inverse",
        section: "1.2 有状态计算下的窗口移动",
        kind: Kind::Fragment {
            host: Host::Stateful,
            outputs: "",
            fix: "",
        },
        code: r#"// 数据源的粗粒度 : 1s 来自于 StreamContext
val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), 1))
// 调优 :
val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(
  // 计算新进入的 batch 的数据
  (ov: Int, nv: Int) => {
    println("被调起...")
    ov + nv
  },
  // 挤出去的 batch 的数据
  (ov: Int, oov: Int) => {
    ov - oov
  },
  Duration(5000), Duration(1000))
res.print()"#,
    },
    Snippet {
        id: "reduce_func_println",
        section: "1.2 有状态计算下的窗口移动",
        kind: Kind::Fragment {
            host: Host::ReduceFunc,
            outputs: "",
            fix: "",
        },
        code: r#"(ov: Int, nv: Int) => {
  println("被调起...")
  ov + nv
}"#,
    },
    Snippet {
        id: "spark_reduce_by_key_source",
        section: "1.2 有状态计算下的窗口移动",
        kind: Kind::NotAProgram(
            "Spark's own source code (PairRDDFunctions.reduceByKey), quoted to explain it",
        ),
        code: r#"def reduceByKey(func: (V, V) => V): RDD[(K, V)] = self.withScope {
  reduceByKey(defaultPartitioner(self), func)
}

def reduceByKey(partitioner: Partitioner, func: (V, V) => V): RDD[(K, V)] = self.withScope {
  // 如果这个 key 有第二个 value 才会调用我们给定的函数 func
  combineByKeyWithClassTag[V]((v: V) => v, func, func, partitioner)
}"#,
    },
    Snippet {
        id: "reduce_func_println_again",
        section: "1.2 有状态计算下的窗口移动",
        kind: Kind::Fragment {
            host: Host::ReduceFunc,
            outputs: "",
            fix: "",
        },
        code: r#"(ov: Int, nv: Int) => {
  println("被调起...")
  ov + nv
}"#,
    },
    Snippet {
        id: "map_with_state",
        section: "1.4 mapWithState",
        kind: Kind::Fragment {
            host: Host::Stateful,
            outputs: "",
            fix: MAP_WITH_STATE_FIX,
        },
        code: r#"val data: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val mapData: DStream[(String, Int)] = data.map(_.split(" ")).map(x => (x(0), 1))

mapData.mapWithState(StateSpec.function(
  (k: String, nv: Option[Int], ov: State[Int]) => {
    println(s"=====K: $k, NV: ${nv.getOrElse()}, OV: ${ov.getOption().getOrElse(0)}=====")
    // K, V
    (k, nv.getOrElse(0) + ov.getOption.getOrElse(0))
  }
))"#,
    },
];

/// The snippet named `id`.
pub fn snippet(id: &str) -> Option<&'static Snippet> {
    SNIPPETS.iter().find(|s| s.id == id)
}

/// The playground's default program, which a first visit opens with: the lesson's windowed
/// word count with the inverse reduce (also the benches' and the resume test's program).
pub const DEFAULT_PROGRAM: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("WordCount")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val wordCounts = lines.flatMap(_.split(" ")).map((_, 1)).reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))
wordCounts.print()
ssc.start()
ssc.awaitTermination()
"#;
