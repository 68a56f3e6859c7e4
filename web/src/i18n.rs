//! The playground's visible strings, in Chinese and English.
//!
//! Every language is one `const` value of [`Strings`], so a string missing from a language is a
//! compile error rather than a blank in the page. Sentences with numbers in them (the
//! narration, the time, counts) are methods of [`Lang`], one `match` arm per language.
//! Components take a `&'static Strings` chosen by [`Lang::strings`] and never spell
//! user-visible text themselves. Spark's own words (exception text, function names such as
//! `reduceFunc`, `print()` output) are shown as Spark writes them, in every language.

use dstream_engine::trace::TraceError;
use serde::Serialize;

/// A language the playground can show its shell in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

// Read from the name `Serialize` writes, by the engine's shared lookup (smaller than serde's
// derived enum reader).
dstream_engine::deserialize_by_name!(Lang { Zh = "Zh", En = "En" });

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The strings of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute of `<html>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Virtual now, for the time display: `t = 6.0 s · 6 batches`.
    pub fn now(self, ms: i64, batches: i64) -> String {
        let s = ms as f64 / 1000.0;
        match self {
            Lang::Zh => format!("t = {s:.1} 秒 · 已运行 {batches} 个批次"),
            Lang::En => format!("t = {s:.1} s · {batches} batches run"),
        }
    }

    /// A batch's name: `6000 ms`.
    pub fn batch(self, time_ms: i64) -> String {
        match self {
            Lang::Zh => format!("批次 {time_ms} ms"),
            Lang::En => format!("batch {time_ms} ms"),
        }
    }

    /// The narration of one batch, one sentence, for the live region.
    pub fn narrate(self, n: &Narration) -> String {
        let calls = |sep: &str, none: &str, times: &dyn Fn(u64) -> String| {
            if n.calls.is_empty() {
                none.to_string()
            } else {
                n.calls
                    .iter()
                    .map(|(role, k)| format!("{role} {}", times(*k)))
                    .collect::<Vec<_>>()
                    .join(sep)
            }
        };
        match self {
            Lang::Zh => {
                let window = match &n.window {
                    Some((from, to, entered, left)) => format!(
                        "窗口覆盖 {from}–{to} ms（进入 {entered} 个批次，离开 {left} 个），"
                    ),
                    None => String::new(),
                };
                format!(
                    "批次 {} ms：收到 {} 行输入，{}用户函数调用：{}；输出 {} 行。",
                    n.time_ms,
                    n.lines,
                    window,
                    calls("，", "无", &|k| format!("{k} 次")),
                    n.output_lines
                )
            }
            Lang::En => {
                let window = match &n.window {
                    Some((from, to, entered, left)) => format!(
                        " the window covers {from}–{to} ms ({entered} batch(es) entered, {left} left);"
                    ),
                    None => String::new(),
                };
                format!(
                    "Batch {} ms: {} input line(s);{} user function calls: {}; {} output line(s).",
                    n.time_ms,
                    n.lines,
                    window,
                    calls(", ", "none", &|k| {
                        if k == 1 {
                            "once".to_string()
                        } else {
                            format!("{k} times")
                        }
                    }),
                    n.output_lines
                )
            }
        }
    }

    /// The text mirror's window cell: the first and last batch the window covers and how
    /// many batches that is (a window's batches are always consecutive).
    pub fn window_cell(self, from: i64, to: i64, batches: usize) -> String {
        match self {
            Lang::Zh if from == to => format!("{from} ms（1 个批次）"),
            Lang::Zh => format!("{from}–{to} ms（{batches} 个批次）"),
            Lang::En if from == to => format!("{from} ms (1 batch)"),
            Lang::En => format!("{from}–{to} ms ({batches} batches)"),
        }
    }

    /// How long the engine's last run took in this page (its wall clock, not virtual time).
    pub fn engine_time(self, ms: f64) -> String {
        // A step forward runs one batch: often well under the display's 0.1 ms.
        let took = if ms < 0.05 {
            "< 0.1".to_string()
        } else {
            format!("{ms:.1}")
        };
        match self {
            Lang::Zh => format!("引擎上次运行用时：{took} ms（本页实测）"),
            Lang::En => {
                format!("The engine's last run here took {took} ms (measured in this page)")
            }
        }
    }

    /// The title of a calls-grid cell's list: `hi at 6000 ms`.
    pub fn cell_title(self, key: &str, time_ms: i64) -> String {
        match self {
            Lang::Zh => format!("键 {key} 在 {time_ms} ms 的调用"),
            Lang::En => format!("Calls for key {key} at {time_ms} ms"),
        }
    }

    /// A calls-grid cell of a batch too old to keep its call records.
    pub fn calls_dropped(self, kept: usize) -> String {
        match self {
            Lang::Zh => format!(
                "只保留最近 {kept} 个批次的逐次调用记录；这个批次只保留了次数（见表格）。"
            ),
            Lang::En => format!(
                "Call records are kept for the last {kept} batches only; this batch keeps its counts (see the grid)."
            ),
        }
    }

    /// A terminal line's stamp.
    pub fn sent_at(self, at_ms: i64) -> String {
        let s = at_ms as f64 / 1000.0;
        match self {
            Lang::Zh => format!("{s:.1} 秒"),
            Lang::En => format!("{s:.1} s"),
        }
    }

    /// The benchmark's result line: a re-run of every batch from scratch (an edit) and its
    /// redraw, and the engine's time for one more batch (a step forward).
    pub fn bench_result(
        self,
        batches: usize,
        lines: usize,
        run_ms: f64,
        draw_ms: f64,
        step_ms: f64,
    ) -> String {
        match self {
            Lang::Zh => format!(
                "{batches} 个批次、{lines} 行输入：引擎重算 {run_ms:.1} ms，重绘 {draw_ms:.1} ms，合计 {:.1} ms；前进一个批次时引擎只需 {step_ms:.2} ms。",
                run_ms + draw_ms
            ),
            Lang::En => format!(
                "{batches} batches, {lines} lines: engine re-run {run_ms:.1} ms, redraw {draw_ms:.1} ms, total {:.1} ms; one batch forward: engine {step_ms:.2} ms.",
                run_ms + draw_ms
            ),
        }
    }

    /// While long work is cut into slices: how far it is.
    pub fn computing(self, done: usize, total: usize) -> String {
        match self {
            Lang::Zh => format!("正在计算：第 {done} / {total} 个批次……"),
            Lang::En => format!("Computing: batch {done} of {total}…"),
        }
    }

    /// A lesson's number: `Lesson 8`.
    pub fn lesson_number(self, n: u32) -> String {
        match self {
            Lang::Zh => format!("第 {n} 课"),
            Lang::En => format!("Lesson {n}"),
        }
    }

    /// A guided step's button: `Show the batch at 7 s`.
    pub fn show_batch(self, time_ms: i64) -> String {
        let s = time_ms as f64 / 1000.0;
        match self {
            Lang::Zh => format!("查看 {s} 秒的批次"),
            Lang::En => format!("Show the batch at {s} s"),
        }
    }

    /// When a prediction is asked: `Before the batch at 7 s runs`.
    pub fn asked_at(self, time_ms: i64) -> String {
        let s = time_ms as f64 / 1000.0;
        match self {
            Lang::Zh => format!("在 {s} 秒的批次运行之前"),
            Lang::En => format!("Before the batch at {s} s runs"),
        }
    }

    /// Under the streaming statistics: the delays are a model, with its parameters.
    pub fn cost_model_note(self, job: &str, task: &str, record: &str, call: &str) -> String {
        match self {
            Lang::Zh => format!(
                "这些时间来自演练场的成本模型，不是测量出来的：每个 job {job} ms，每个 task {task} ms，每条记录 {record} ms，每次用户函数调用 {call} ms，再加上代码里的 Thread.sleep。真实 Spark 的延迟取决于机器，可用 conf.set(\"playground.cost.jobMs\", ...) 等修改这些参数。"
            ),
            Lang::En => format!(
                "These times come from the playground's cost model, not from a measurement: {job} ms per job, {task} ms per task, {record} ms per record, {call} ms per user-function call, plus any Thread.sleep in your code. Real Spark's delays depend on the machine; change the parameters with conf.set(\"playground.cost.jobMs\", ...) and friends."
            ),
        }
    }

    /// The console's line for a directory a job wrote (`saveAsTextFiles`).
    pub fn files_written(self, dir: &str, parts: usize, records: usize) -> String {
        match self {
            Lang::Zh => format!("写入 {dir}/：{parts} 个 part 文件，共 {records} 条记录"),
            Lang::En => format!("wrote {dir}/: {parts} part file(s), {records} record(s)"),
        }
    }

    /// A wrong or skipped prediction's feedback, with the trace's answer.
    pub fn trace_says(self, answer: &str) -> String {
        match self {
            Lang::Zh => format!("引擎的 trace 给出的答案是 {answer}。"),
            Lang::En => format!("The engine's trace says {answer}."),
        }
    }

    /// Our explanation of a Spark exception, beside Spark's own text: what its root cause (the
    /// last `Caused by`, else the exception itself) means for a learner and what to do, and,
    /// when a task raised it, how Spark reports that.
    pub fn explain(self, e: &TraceError) -> String {
        let (class, message) = e
            .causes
            .last()
            .map(|c| c.split_once(": ").unwrap_or((c, "")))
            .unwrap_or((&e.class, &e.message));
        let (zh, en) = EXPLANATIONS
            .iter()
            .find(|x| {
                (x.classes.is_empty() || x.classes.contains(&class))
                    && (x.messages.is_empty() || x.messages.iter().any(|m| message.contains(m)))
            })
            .map_or(FALLBACK, |x| (x.zh, x.en));
        let in_task = e.class == "org.apache.spark.SparkException"
            && e.message.starts_with("Job aborted due to stage failure");
        match (self, in_task) {
            (Lang::Zh, false) => zh.to_string(),
            (Lang::En, false) => en.to_string(),
            (Lang::Zh, true) => format!("{zh}{IN_TASK_ZH}"),
            (Lang::En, true) => format!("{en} {IN_TASK_EN}"),
        }
    }
}

/// One explanation of [`Lang::explain`]: for an exception whose class is one of `classes`
/// (any when empty) and whose message contains one of `messages` (any when empty); the first
/// that fits is used.
struct Explanation {
    classes: &'static [&'static str],
    messages: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
}

/// For any other exception.
const FALLBACK: (&str, &str) = (
    "Spark 会以这个异常停止流处理程序；awaitTermination 把它重新抛给 main。",
    "Spark stops the streaming program with this exception; awaitTermination rethrows it in main.",
);

/// Added when a task raised the exception.
const IN_TASK_ZH: &str = "它发生在某个任务里（在 executor 上）：Spark 把它包在 SparkException “Job aborted due to stage failure” 里报告，真正的原因是最后那个 “Caused by”。这个批次失败，之前的批次不受影响，流处理程序随之停止。其中的 stage 和任务（TID）编号按 Spark 的方式计数；几个 stage 并列时（join 的两边、窗口里的各个批次），Spark 自己的编号每次运行也可能不同。";
const IN_TASK_EN: &str = "It was raised inside a task (on an executor): Spark reports it wrapped in a SparkException, \"Job aborted due to stage failure\", whose last \"Caused by\" is the cause. The batch fails, earlier batches keep their results, and the streaming program stops. Its stage and task (TID) numbers are counted as Spark counts them; where stages run side by side (a join's two sides, a window's batches), Spark's own numbering varies from run to run.";

/// What the learner's common exceptions mean, most specific first.
const EXPLANATIONS: &[Explanation] = &[
    Explanation {
        classes: &["ScalaSyntax", "Unsupported"],
        messages: &[],
        zh: "演练场的 Scala 前端读不懂这段代码；问题列在编辑器下方，并在代码中划线标出。",
        en: "The playground's Scala front-end cannot read this code; the problems are listed under the editor and underlined in the code.",
    },
    Explanation {
        classes: &["dstream.Unsupported"],
        messages: &["missing parameter type"],
        zh: "Scala 2.13 不会把一个二元组拆开交给两个参数的函数：(k, v) => ... 收到的是一个 (k, v) 对，所以真正的 Spark 在编译时就拒绝这个程序（scalac 的 \"missing parameter type\"）。改写成模式匹配的匿名函数 { case (k, v) => ... }，或者写 kv => ... 再用 kv._1、kv._2。演练场在运行到这里时才发现它。",
        en: "Scala 2.13 does not spread a tuple over a function's two parameters: (k, v) => ... is given one (k, v) pair, so real Spark refuses this program when it compiles it (scalac's \"missing parameter type\"). Write a pattern-matching anonymous function, { case (k, v) => ... }, or kv => ... with kv._1 and kv._2. The playground found it only when the program got here.",
    },
    Explanation {
        classes: &["dstream.Unsupported"],
        messages: &[],
        zh: "这是演练场自己的限制，不是 Spark 的异常：真正的 Spark 会运行这段代码（或者报别的错）。上面的消息说明演练场还不能运行什么，或者什么超出了它在浏览器里能容纳的规模。",
        en: "This is the playground's own limit, not a Spark exception: real Spark would run this code (or fail otherwise). The message says what the playground cannot run yet, or what is more than it can hold in a browser.",
    },
    Explanation {
        classes: &[],
        // `reduceByKeyAndWindow` says "must be multiple", `window` "must be a multiple".
        messages: &["must be multiple of the slide duration", "must be a multiple of the slide duration"],
        zh: "窗口由整数个批次组成：窗口长度和滑动间隔都必须是父 DStream 批次间隔的整数倍。",
        en: "A window is made of whole batches: its length and its slide must both be multiples of the parent DStream's batch interval.",
    },
    Explanation {
        classes: &[],
        messages: &["checkpoint directory has not been set"],
        zh: "带状态的算子（updateStateByKey、mapWithState、带逆函数的 reduceByKeyAndWindow）要跨批次保存状态，必须先设置检查点目录：ssc.checkpoint(\"checkpoint\")。",
        en: "Stateful operators (updateStateByKey, mapWithState, reduceByKeyAndWindow with an inverse) keep state across batches and must checkpoint it: call ssc.checkpoint(\"checkpoint\") first.",
    },
    Explanation {
        classes: &[],
        messages: &["Only one SparkContext should be running"],
        zh: "一个 JVM 里只能有一个 SparkContext：new StreamingContext(conf, ...) 会自己创建一个。已经有 sc 时，写 new StreamingContext(sc, Seconds(1))，或者用 ssc.sparkContext 取得它。",
        en: "One JVM runs one SparkContext, and new StreamingContext(conf, ...) makes its own. With an sc already made, write new StreamingContext(sc, Seconds(1)), or reach it as ssc.sparkContext.",
    },
    Explanation {
        classes: &[],
        messages: &["No output operations registered"],
        zh: "DStream 是惰性的：没有输出操作（print、foreachRDD、saveAs…）就没有任何批次作业。",
        en: "DStreams are lazy: without an output operation (print, foreachRDD, saveAs...) no batch runs any job.",
    },
    Explanation {
        classes: &["java.lang.NumberFormatException"],
        messages: &["Cannot parse null string"],
        zh: "toInt 读到的是 null，不是文字：这个值之前就是 null（getOrElse(k, null)、orNull、if 里写的 null）。改用 Option，或先判断 x != null。",
        en: "toInt was given null, not text: the value was null before (getOrElse(k, null), orNull, a null written in an if). Use an Option instead, or check x != null first.",
    },
    Explanation {
        classes: &["java.lang.NullPointerException"],
        messages: &[],
        zh: "一个值是 null，代码却在它上面调用了方法。Java 17 的信息说出了哪个方法、哪个值是 null：x$1 是 scalac 给文件里第一个占位符 _ 起的名字（第 N 个是 x$N），s$1 是函数从外面捕获的变量 s（var 则是 s$1.elem）。null 常来自 getOrElse(k, null)、orNull 或 if 里写的 null：改用 Option，或先判断 x != null。",
        en: "A value was null and the code called a method on it. Java 17's message names the method and what was null: x$1 is scalac's name for the file's first placeholder _ (the Nth is x$N), s$1 a variable s that the function captured from outside (a var: s$1.elem). Nulls come from getOrElse(k, null), orNull or a null written in an if: use an Option instead, or check x != null first.",
    },
    Explanation {
        classes: &["java.lang.NumberFormatException"],
        messages: &[],
        zh: "toInt、toLong、toDouble 要把整段文字读成一个数，而这条记录不是数。先把这类记录过滤掉，或者改用 toIntOption：读不出来时得到 None，而不是抛出异常。",
        en: "toInt, toLong and toDouble read the whole text as one number, and this record is not one. Filter such records out first, or use toIntOption, which gives None instead of throwing.",
    },
    Explanation {
        classes: &["java.lang.ArithmeticException"],
        messages: &["integer overflow", "long overflow"],
        zh: "Math.addExact、multiplyExact 这类 *Exact 方法在结果超出 Int（或 Long）的范围时抛出异常，而不像 + 和 * 那样悄悄回绕成负数。改用 Long 计算，或先检查输入的大小。",
        en: "Math.addExact, multiplyExact and the other *Exact methods throw when the result does not fit an Int (or a Long), instead of wrapping around silently as + and * do. Compute in Long, or check the inputs' size first.",
    },
    Explanation {
        classes: &["java.lang.AssertionError"],
        messages: &[],
        zh: "assert(条件) 发现条件为假。AssertionError 是 Error 而不是 Exception：case e: Exception 接不住它（Try 和 case e: Throwable 可以）。",
        en: "assert(condition) found its condition false. An AssertionError is an Error, not an Exception: case e: Exception does not catch it (Try and case e: Throwable do).",
    },
    Explanation {
        classes: &["scala.NotImplementedError"],
        messages: &[],
        zh: "代码运行到了 ???：它代表“还没写的代码”，一被求值就抛出 NotImplementedError（一个 Error，case e: Exception 接不住）。",
        en: "The code reached ???, which stands for code not written yet: evaluating it throws NotImplementedError (an Error, which case e: Exception does not catch).",
    },
    Explanation {
        classes: &["java.lang.ArithmeticException"],
        messages: &[],
        zh: "整数除以了零（Int 或 Long 的 / 或 %）：可能在你的代码里，也可能是滑动间隔为 0 时 Spark 自己计算批次时间的那一步。",
        en: "An integer was divided by zero (/ or % on an Int or a Long): in your code, or, with a slide of zero, in Spark's own arithmetic on the batch times.",
    },
    Explanation {
        classes: &["java.lang.ArrayIndexOutOfBoundsException"],
        messages: &[],
        zh: "代码读了数组里不存在的位置，常见于 line.split(\",\")(2) 遇到字段不够的行。先检查长度（fields.length > 2）再取。",
        en: "The code read a position the array does not have, as line.split(\",\")(2) does on a line with fewer fields. Check the length first (fields.length > 2).",
    },
    Explanation {
        classes: &["java.lang.IndexOutOfBoundsException"],
        messages: &[],
        zh: "代码读了集合里不存在的位置。先检查长度再取。",
        en: "The code read a position the collection does not have. Check its length first.",
    },
    Explanation {
        classes: &["java.lang.StringIndexOutOfBoundsException"],
        messages: &[],
        zh: "代码读了字符串里不存在的位置（charAt、substring）。先检查字符串的长度。",
        en: "The code read a position the string does not have (charAt, substring). Check the string's length first.",
    },
    Explanation {
        classes: &["java.util.NoSuchElementException"],
        messages: &["State is not set"],
        zh: "对一个还没有状态的 key（它的第一条记录）调用了 state.get()。改用 state.getOption()，或先用 state.exists() 判断。",
        en: "state.get() was called for a key that has no state yet (its first record). Use state.getOption(), or check state.exists() first.",
    },
    Explanation {
        classes: &["java.util.NoSuchElementException"],
        messages: &[],
        zh: "代码取了一个不存在的值：None.get、空集合的 head，或 Map 里没有的 key。改用 getOrElse、headOption 或 get(key)，它们会处理“没有”的情况。",
        en: "The code took a value that is not there: None.get, head of an empty collection, or a Map without that key. getOrElse, headOption and get(key) handle the empty case.",
    },
    Explanation {
        classes: &[
            "org.apache.spark.SparkUnsupportedOperationException",
            "java.lang.UnsupportedOperationException",
        ],
        messages: &["empty collection"],
        zh: "在空的 RDD 上调用 reduce（或 first）没有值可返回：一个没有记录的批次就是这样。先用 rdd.isEmpty() 判断。",
        en: "reduce (or first) on an empty RDD has no value to return, as in a batch with no records. Check rdd.isEmpty() first.",
    },
    Explanation {
        classes: &["scala.MatchError"],
        messages: &[],
        zh: "match（或 val、函数参数里的模式）没有一个 case 能匹配这个值。为它加一个 case，或在最后加 case _ =>。",
        en: "No case of the match (or of the pattern in a val or a function's parameters) fits this value. Add a case for it, or a last case _ =>.",
    },
    Explanation {
        classes: &["java.lang.ClassCastException"],
        messages: &[],
        zh: "一个值被当成了它不是的类型来用；异常信息说明了它是什么、需要的是什么。",
        en: "A value was used as a type it is not; the message says what it is and what was needed.",
    },
    Explanation {
        classes: &["java.io.NotSerializableException"],
        messages: &["ConsumerRecord"],
        zh: "任务的结果要送回 Driver，而 Kafka 的 ConsumerRecord 不能序列化：在 print() 或 collect() 之前先把每条记录 map 成它的 key 和 value（record => (record.key, record.value)）。",
        en: "A task's result is sent back to the driver, and Kafka's ConsumerRecord cannot be serialised: map each record to its key and value (record => (record.key, record.value)) before print() or collect().",
    },
    Explanation {
        classes: &["java.io.NotSerializableException"],
        messages: &["DStream checkpointing has been enabled"],
        zh: "开启检查点（ssc.checkpoint）后，ssc.start() 会把整个 DStream 图连同其中所有函数序列化写进检查点，连 foreachRDD 和 transform 里在 Driver 上运行的函数也不例外；这样的函数就不能用 StreamingContext、SparkContext 或不能序列化的对象。在函数里用 rdd.sparkContext 代替外面的 ssc 或 sc，或者让类 extends Serializable。",
        en: "With checkpointing on (ssc.checkpoint), ssc.start() serializes the whole DStream graph into the checkpoint with every function in it, even those of foreachRDD and transform that run on the driver; such a function then cannot use the StreamingContext, the SparkContext or an object that cannot be serialized. Inside the function, use rdd.sparkContext instead of the ssc or sc outside, or make the class extend Serializable.",
    },
    Explanation {
        classes: &["java.io.NotSerializableException"],
        messages: &["org.apache.spark.streaming.StreamingContext", "org.apache.spark.SparkContext"],
        zh: "StreamingContext 和 SparkContext 只存在于 Driver 上：在任务里运行的函数（map、filter、RDD 的 foreach、mapWithState 的函数……）不能用它们，Spark 在定义算子时就拒绝了。只在 Driver 端的代码里用它们：main 里，或 foreachRDD/transform 的函数体里、RDD 算子的函数之外。",
        en: "The StreamingContext and the SparkContext exist on the driver only: a function that runs in tasks (map, filter, an RDD's foreach, mapWithState's function...) cannot use them, and Spark refuses where the operator is defined. Use them in driver code only: in main, or in the body of foreachRDD or transform, outside the functions given to the RDD's operators.",
    },
    Explanation {
        classes: &["java.io.NotSerializableException"],
        messages: &["the DStream object is being referred to from within the closure"],
        zh: "DStream 是 Driver 上的计算计划，不是数据：在任务里运行的函数不能用另一个 DStream。要把两个流合起来，用 join、union、cogroup 或 transformWith。",
        en: "A DStream is a plan on the driver, not data: a function that runs in tasks cannot use another DStream. To combine two streams, use join, union, cogroup or transformWith.",
    },
    Explanation {
        classes: &["org.apache.spark.SparkException"],
        messages: &["This RDD lacks a SparkContext"],
        zh: "一个 RDD 被用在了任务里运行的函数中（如 rdd1.map(x => rdd2.count())）。RDD 的转换和动作只能由 Driver 调用：先在 Driver 上算出结果（val n = rdd2.count()），再在函数里用 n；或者把两个 RDD join 起来。",
        en: "An RDD was used inside a function that runs in a task (as in rdd1.map(x => rdd2.count())). Only the driver can call an RDD's transformations and actions: compute the value on the driver first (val n = rdd2.count()) and use n in the function, or join the two RDDs.",
    },
    Explanation {
        classes: &["java.lang.IllegalArgumentException"],
        messages: &["Some of the DStreams have different slide durations"],
        zh: "join、cogroup、union 和 transformWith 把两个流在同一时刻生成的 RDD 合在一起，所以两个流的滑动间隔必须相同：给两边的窗口同样的滑动间隔（或者给另一个流也开同样滑动的窗口）。",
        en: "join, cogroup, union and transformWith combine the RDDs both streams make at the same time, so both must slide by the same interval: give both windows the same slide (or window the other stream with that slide too).",
    },
    Explanation {
        classes: &["java.io.NotSerializableException"],
        messages: &[],
        zh: "交给 map、filter 等算子的函数会被序列化后发到 Executor 上的任务里，函数用到的对象也跟着一起发送。这个类没有继承 Serializable，所以 Spark 在定义算子时就拒绝了：让它 extends Serializable，或者在函数内部创建它（例如在 mapPartitions 里每个分区 new 一个）。",
        en: "A function given to map, filter and the like is serialised and sent to tasks on the executors, with every object it uses. This class does not extend Serializable, so Spark refuses where the operator is defined: make it extend Serializable, or create it inside the function (one per partition in mapPartitions, say).",
    },
    Explanation {
        classes: &["java.lang.IllegalStateException"],
        messages: &["after starting a context"],
        zh: "ssc.start() 之后 DStream 图就固定了：所有输入、转换和输出都要在 start() 之前定义。",
        en: "Once ssc.start() has run, the DStream graph is fixed: define every input, transformation and output before start().",
    },
    Explanation {
        classes: &["java.util.regex.PatternSyntaxException"],
        messages: &[],
        zh: "split 的参数是正则表达式，而这个不合法：| . * ( [ 这类字符要用两个反斜杠转义（split(\"\\\\|\")）。",
        en: "split takes a regular expression, and this one is not valid: escape characters such as | . * ( [ with two backslashes (split(\"\\\\|\")).",
    },
    Explanation {
        classes: &["java.lang.StackOverflowError"],
        messages: &[],
        zh: "栈用完了。程序里调用自身的函数要能走到不再调用自身的分支（playground 在表达式嵌套 1200 层时停下，一个简单的递归函数约 400 层调用，JVM 能到几千层：一个确实会结束的深递归在 Spark 上也许能跑完）。在负的滑动间隔下的有状态流或逆函数窗口里，每个批次的值依赖于更晚批次的值，计算永远不会结束。",
        en: "The stack ran out. A function of the program that calls itself must reach a case where it does not (the playground stops at 1,200 nested expressions, about 400 calls of a plain recursive function, where a JVM goes to thousands: a deep recursion that does end may still run on Spark). In a stateful or inverse-window stream under a negative slide, each batch's value depends on a later batch's, so computing it never ends.",
    },
    Explanation {
        classes: &["scala.util.control.BreakControl"],
        messages: &[],
        zh: "break 只能在 breakable { ... } 里面用：它抛出的 BreakControl 由包着它的最内层 breakable 接住。在 breakable 外面（或在任务的函数里，而 breakable 在驱动程序里）它就是一个没人接的异常。注意 catch { case _ => } 也会接住它。",
        en: "break works only inside breakable { ... }: the BreakControl it throws is caught by the innermost breakable around it. Outside one (or in a task's function, while the breakable is in the driver) it is an exception no one catches. Note that catch { case _ => } catches it too.",
    },
    Explanation {
        classes: &["org.apache.kafka.clients.consumer.NoOffsetForPartitionException"],
        messages: &[],
        zh: "auto.offset.reset 设为 none，而这个消费组还没有提交过偏移量，消费者不知道从哪里开始读：改成 earliest 或 latest，或先提交偏移量。",
        en: "auto.offset.reset is none and the group has no committed offset, so the consumer does not know where to start: set it to earliest or latest, or commit offsets first.",
    },
    Explanation {
        classes: &["java.lang.IllegalArgumentException"],
        messages: &["requirement failed"],
        zh: "一个 require(条件, 消息)（在你的代码里，或在 Spark 自己的代码里）发现条件为假；它的消息跟在 “requirement failed:” 后面。",
        en: "A require(condition, message), in your code or in Spark's own, found its condition false; its message follows \"requirement failed:\".",
    },
];

/// Sentences of the editor's diagnostics, the compare panel and the timeline's line marks.
impl Lang {
    /// A side of the comparison: `A: reduceByKeyAndWindow with inverse`.
    pub fn compare_side(self, side: char, pipeline: &str) -> String {
        match self {
            Lang::Zh => format!("{side}：{pipeline}"),
            Lang::En => format!("{side}: {pipeline}"),
        }
    }

    /// How many batches differ between A and B.
    pub fn compare_summary(self, differ: usize, total: usize) -> String {
        match self {
            Lang::Zh => format!("{total} 个批次中有 {differ} 个不同。"),
            Lang::En => format!("{differ} of {total} batches differ."),
        }
    }

    /// A typed line's mark on the timeline: what it is and how to move it.
    pub fn line_movable(self, text: &str, at_ms: i64) -> String {
        let at = self.sent_at(at_ms);
        match self {
            Lang::Zh => format!("“{text}”，{at}发送。拖到另一个批次，或按 ←/→ 每次移动一个批次。"),
            Lang::En => format!(
                "“{text}”, sent at {at}. Drag it to another batch, or move it one batch with ←/→."
            ),
        }
    }

    /// A generated line's mark: it cannot be moved.
    pub fn line_generated(self, text: &str) -> String {
        match self {
            Lang::Zh => format!("“{text}”：由重复发送产生，不能拖动；请在 nc 终端里改重复发送的设置。"),
            Lang::En => format!("“{text}”: sent by the repeat generator, so it cannot be moved; change the generator in the nc terminal instead."),
        }
    }
}

/// The facts one narration sentence is made of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narration {
    /// The batch time.
    pub time_ms: i64,
    /// Input lines received.
    pub lines: usize,
    /// The window, if one was computed: first and last batch, batches entered and left.
    pub window: Option<(i64, i64, usize, usize)>,
    /// Calls per user function.
    pub calls: Vec<(String, u64)>,
    /// Lines printed.
    pub output_lines: usize,
}

/// A panel's title and the placeholder it shows until it has content.
#[derive(Debug, PartialEq, Eq)]
pub struct PanelText {
    /// The heading, also the section's `aria-label`.
    pub title: &'static str,
    /// What the panel shows while it is empty.
    pub placeholder: &'static str,
}

/// The names the pipeline selector shows, in [`crate::program::Pipeline::ALL`]'s order.
pub type PipelineNames = [&'static str; 9];

/// All the strings of the shell in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// The page heading.
    pub title: &'static str,
    /// The line under the heading.
    pub subtitle: &'static str,
    /// The label of the language switch group.
    pub lang_switch: &'static str,
    /// The name of this language, written in itself, for its switch button.
    pub lang_name: &'static str,
    /// The Scala program editor.
    pub program: PanelText,
    /// The `nc -lk` terminal that feeds lines to the socket stream.
    pub terminal: PanelText,
    /// Batches and windows on virtual time.
    pub timeline: PanelText,
    /// The user-function calls per key and batch.
    pub calls: PanelText,
    /// What the program prints.
    pub console: PanelText,
    /// The state of stateful streams.
    pub state: PanelText,
    /// The state panel of a stateful program before its first batch.
    pub state_waiting: &'static str,
    /// Every batch as text.
    pub mirror: PanelText,
    /// Spark's Streaming tab.
    pub stats: PanelText,

    /// The editor's accessible name.
    pub editor_label: &'static str,
    /// The heading of the diagnostics list.
    pub problems: &'static str,
    /// The controls group's name.
    pub controls: &'static str,
    /// Batch interval.
    pub batch_interval: &'static str,
    /// `local[n]` cores.
    pub cores: &'static str,
    /// The pipeline selector.
    pub pipeline: &'static str,
    /// The pipelines.
    pub pipelines: PipelineNames,
    /// Shown in the selector when the code's pipeline is not one of ours.
    pub pipeline_custom: &'static str,
    /// Window length.
    pub window: &'static str,
    /// Slide.
    pub slide: &'static str,
    /// `mapWithState`'s timeout.
    pub timeout: &'static str,
    /// `numPartitions`.
    pub partitions: &'static str,
    /// "default" for an unset `numPartitions`.
    pub default_value: &'static str,
    /// The checkpoint switch.
    pub checkpoint: &'static str,
    /// The unit "seconds".
    pub seconds: &'static str,
    /// Restore the default session.
    pub restore_default: &'static str,
    /// Show the scenario as JSON.
    pub export: &'static str,
    /// Explains the exported JSON.
    pub export_note: &'static str,

    /// The terminal's input's label.
    pub send_label: &'static str,
    /// The input's placeholder.
    pub send_placeholder: &'static str,
    /// The send button.
    pub send: &'static str,
    /// Forget the typed lines.
    pub clear_input: &'static str,
    /// The generator switch.
    pub generator: &'static str,
    /// The generator's text field.
    pub generator_text: &'static str,
    /// "every".
    pub every: &'static str,
    /// Nothing sent yet.
    pub no_lines: &'static str,

    /// The time controls' group name.
    pub time: &'static str,
    /// Play.
    pub play: &'static str,
    /// Pause.
    pub pause: &'static str,
    /// Step one batch.
    pub step: &'static str,
    /// Step back one batch.
    pub step_back: &'static str,
    /// The speed selector.
    pub speed: &'static str,
    /// The scrub bar.
    pub scrub: &'static str,
    /// Back to time 0.
    pub reset: &'static str,
    /// Opens the keyboard help.
    pub help: &'static str,
    /// The help overlay's title.
    pub help_title: &'static str,
    /// The shortcuts: key and what it does.
    pub shortcuts: [(&'static str, &'static str); 7],
    /// Closes an overlay.
    pub close: &'static str,
    /// The first-visit hint.
    pub hint: &'static str,

    /// The timeline's SVG title.
    pub timeline_label: &'static str,
    /// Legend: the window.
    pub legend_window: &'static str,
    /// Legend: entered the window.
    pub legend_entered: &'static str,
    /// Legend: left the window.
    pub legend_left: &'static str,
    /// Legend: checkpointed.
    pub legend_checkpoint: &'static str,
    /// Legend: virtual now.
    pub legend_now: &'static str,
    /// Batches waiting in the job queue.
    pub waiting: &'static str,

    /// The calls grid's caption.
    pub calls_caption: &'static str,
    /// The key column.
    pub key: &'static str,
    /// The totals row.
    pub total: &'static str,
    /// Follow a key.
    pub follow: &'static str,
    /// Stop following.
    pub unfollow: &'static str,
    /// Also show per-record functions.
    pub all_fns: &'static str,
    /// No call in the picked cell.
    pub no_calls: &'static str,
    /// While playing, calls are counted but not listed.
    pub pause_for_calls: &'static str,
    /// "partition".
    pub partition: &'static str,
    /// The hint under the grid.
    pub cell_hint: &'static str,

    /// Console tag: driver.
    pub driver: &'static str,
    /// Console tag: task.
    pub task: &'static str,
    /// Console tag: before the first batch.
    pub application: &'static str,
    /// The heading of the explanation beside an error.
    pub explanation: &'static str,
    /// Console: a log line hidden by `setLogLevel` or log4j's `setLevel`.
    pub hidden_log: &'static str,
    /// Console tag: files a job wrote.
    pub files: &'static str,
    /// Console: what the files line is (Spark prints nothing when it saves).
    pub files_note: &'static str,

    /// State table: value column.
    pub value: &'static str,

    /// Mirror columns.
    pub col_batch: &'static str,
    /// Mirror: input column.
    pub col_input: &'static str,
    /// Mirror: window column.
    pub col_window: &'static str,
    /// Mirror: calls column.
    pub col_calls: &'static str,
    /// Mirror: output column.
    pub col_output: &'static str,

    /// Stats: processing time.
    pub processing: &'static str,
    /// Stats: scheduling delay.
    pub scheduling_delay: &'static str,
    /// Stats: total delay.
    pub total_delay: &'static str,
    /// The statistics table's column of Spark jobs per batch (one per output operation).
    pub jobs: &'static str,
    /// Stats: input rate.
    pub input_rate: &'static str,
    /// Stats: records.
    pub records: &'static str,
    /// Run the benchmark.
    pub bench: &'static str,

    /// The corrupt-save notice.
    pub notice_corrupt: &'static str,
    /// Dismiss a notice.
    pub dismiss: &'static str,
    /// Copy a link to this state.
    pub copy_link: &'static str,
    /// Shown once the link is made (and copied when the browser allows).
    pub link_copied: &'static str,
    /// The shared link's field.
    pub link_label: &'static str,
    /// The state is over the link's size cap.
    pub link_too_large: &'static str,
    /// A damaged link was opened.
    pub notice_link_damaged: &'static str,
    /// An oversized link was opened.
    pub notice_link_too_large: &'static str,
    /// A link from a newer version was opened.
    pub notice_link_future: &'static str,
    /// The saved session's last run never finished; loaded, not run.
    pub notice_stopped: &'static str,
    /// The not-found page's heading.
    pub not_found_title: &'static str,
    /// The not-found page's text.
    pub not_found_body: &'static str,
    /// A link to the playground.
    pub to_playground: &'static str,
    /// A link to the lesson index.
    pub to_lessons: &'static str,
    /// Shown while a lesson's words are fetched.
    pub loading_lesson: &'static str,
    /// Lesson 1's contrast view: title, caption, column heads, the shuffle row, a result
    /// that never came.
    pub contrast_title: &'static str,
    /// The contrast table's caption.
    pub contrast_caption: &'static str,
    /// Column: the word.
    pub contrast_word: &'static str,
    /// Column: when its line was sent.
    pub contrast_sent: &'static str,
    /// Column group: micro-batches.
    pub contrast_micro: &'static str,
    /// Column group: one record at a time.
    pub contrast_record: &'static str,
    /// Column: when the result appeared.
    pub contrast_at: &'static str,
    /// Column: the latency.
    pub contrast_latency: &'static str,
    /// Row: records sent through the shuffle.
    pub contrast_shuffled: &'static str,
    /// A result that never came (the batch did not run).
    pub contrast_never: &'static str,
    /// Opens the widget's state in the full playground.
    pub open_full: &'static str,
    /// The site navigation's name.
    pub site_nav: &'static str,
    /// The lesson index's heading.
    pub lessons_title: &'static str,
    /// The lesson index's introduction.
    pub lessons_intro: &'static str,
    /// The lesson panel's name.
    pub lesson_nav: &'static str,
    /// The guided path's heading.
    pub steps_title: &'static str,
    /// The predictions' heading.
    pub predictions_title: &'static str,
    /// The goals' heading.
    pub goals_title: &'static str,
    /// The answer field's label.
    pub your_answer: &'static str,
    /// Submits an answer.
    pub answer: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Shows the answer without guessing.
    pub reveal: &'static str,
    /// A right answer.
    pub right: &'static str,
    /// Checks a goal.
    pub check: &'static str,
    /// A goal reached.
    pub goal_met: &'static str,
    /// A goal not reached yet, before its hint.
    pub goal_not_met: &'static str,
    /// Shown while a prediction waits.
    pub answer_first: &'static str,
    /// A prediction not asked yet.
    pub asked_later: &'static str,

    // Editor diagnostics, the compare panel and moving lines on the timeline.
    /// Where a problem without a position happened.
    pub diag_no_position: &'static str,
    /// Two configurations side by side.
    pub compare: PanelText,
    /// Opens the comparison.
    pub compare_open: &'static str,
    /// Closes it.
    pub compare_close: &'static str,
    /// The pair picker's name.
    pub compare_pick: &'static str,
    /// The three pairs, in [`crate::components::compare::PAIRS`]' order.
    pub compare_pairs: [&'static str; 3],
    /// When the program's pipeline cannot be rewritten.
    pub compare_custom: &'static str,
    /// The comparison table's caption.
    pub compare_caption: &'static str,
    /// A difference between A and B (also said to screen readers).
    pub compare_differs: &'static str,
    /// Says what the comparison runs.
    pub compare_note: &'static str,
    /// An input line on the timeline.
    pub line_mark: &'static str,
    /// The Kafka panels' strings.
    pub kafka: &'static KafkaStrings,
}

/// The Kafka panels' strings (`components/kafka.rs`).
#[derive(Debug, PartialEq, Eq)]
pub struct KafkaStrings {
    /// The producer terminal's heading.
    pub producer: &'static str,
    /// The topic picker's label.
    pub topic: &'static str,
    /// The checkbox: the first word of a line is the key.
    pub parse_key: &'static str,
    /// The producer's input placeholder.
    pub produce_placeholder: &'static str,
    /// The send button.
    pub send: &'static str,
    /// The partitions view's heading.
    pub partitions: &'static str,
    /// The heading of the ranges each batch read.
    pub ranges: &'static str,
    /// The heading of the group's committed offsets.
    pub committed: &'static str,
    /// Nothing committed yet.
    pub nothing_committed: &'static str,
    /// An empty partition.
    pub empty_partition: &'static str,
    /// The failure lab's heading.
    pub lab: &'static str,
    /// What the lab runs (the engine's delivery simulator).
    pub lab_note: &'static str,
    /// The crash batch's label.
    pub crash_batch: &'static str,
    /// The crash point's label.
    pub crash_point: &'static str,
    /// The crash points: before output, after output before commit, after commit.
    pub points: [&'static str; 3],
    /// The commit strategy's label.
    pub commit: &'static str,
    /// The commit strategies: none, after output, before output, auto-commit.
    pub commits: [&'static str; 4],
    /// The restart's label.
    pub restart: &'static str,
    /// Restart from Kafka's offsets, or from the checkpoint.
    pub restarts: [&'static str; 2],
    /// The presets' label.
    pub presets: &'static str,
    /// The three delivery guarantees.
    pub guarantees: [&'static str; 3],
    /// The sinks: append table, idempotent upsert, transactional store.
    pub sinks: [&'static str; 3],
    /// The count columns: sink, lost, duplicated, exactly once, not read yet.
    pub columns: [&'static str; 5],
    /// The driver-crash checkbox for the program itself.
    pub crash_program: &'static str,
    /// The crash moment's label (ms).
    pub crash_at: &'static str,
    /// The restart summary's heading.
    pub restarted: &'static str,
    /// The checkbox for a second crash of the program's driver.
    pub crash_second: &'static str,
}

/// The Kafka strings in Chinese.
pub const KAFKA_ZH: KafkaStrings = KafkaStrings {
    producer: "Kafka 生产者",
    topic: "主题",
    parse_key: "第一个词作为 key",
    produce_placeholder: "输入一条消息，回车发送（如：user1 click）",
    send: "发送",
    partitions: "分区与偏移量",
    ranges: "每个批次读取的偏移量范围",
    committed: "消费者组已提交的偏移量（__consumer_offsets）",
    nothing_committed: "还没有提交过偏移量",
    empty_partition: "（空）",
    lab: "故障实验：Driver 崩溃与投递语义",
    lab_note: "在所选批次的所选时刻让 Driver 崩溃并重启，统计每条记录写入每种 sink 的次数（引擎的投递模拟器）。",
    crash_batch: "崩溃的批次",
    crash_point: "崩溃时刻",
    points: ["输出之前", "输出之后、提交之前", "提交之后"],
    commit: "偏移量提交方式",
    commits: ["不提交", "输出后 commitAsync", "输出前 commitAsync", "自动提交（enable.auto.commit）"],
    restart: "重启方式",
    restarts: ["从 Kafka 已提交的偏移量", "从 checkpoint（getOrCreate）"],
    presets: "三种投递语义",
    guarantees: ["至多一次", "至少一次", "精确一次"],
    sinks: ["追加表", "幂等 upsert 表", "事务存储（结果与偏移量同一事务）"],
    columns: ["sink", "丢失", "重复", "恰好一次", "尚未读取"],
    crash_program: "让程序本身的 Driver 崩溃",
    crash_at: "崩溃时刻（毫秒）",
    restarted: "Driver 重启",
    crash_second: "再崩溃一次",
};

/// The Kafka strings in English.
pub const KAFKA_EN: KafkaStrings = KafkaStrings {
    producer: "Kafka producer",
    topic: "Topic",
    parse_key: "First word is the key",
    produce_placeholder: "Type a record, Enter sends it (e.g. user1 click)",
    send: "Send",
    partitions: "Partitions and offsets",
    ranges: "Offset ranges read by each batch",
    committed: "The group's committed offsets (__consumer_offsets)",
    nothing_committed: "Nothing committed yet",
    empty_partition: "(empty)",
    lab: "Failure lab: driver crash and delivery guarantees",
    lab_note: "Kill the driver at the chosen point of the chosen batch, restart it, and count how many times each record reached each sink (the engine's delivery simulator).",
    crash_batch: "Crash in batch",
    crash_point: "Crash point",
    points: ["Before the output", "After the output, before the commit", "After the commit"],
    commit: "Offset commits",
    commits: ["No commit", "commitAsync after the output", "commitAsync before the output", "Auto-commit (enable.auto.commit)"],
    restart: "Restart",
    restarts: ["From Kafka's committed offsets", "From the checkpoint (getOrCreate)"],
    presets: "The three delivery guarantees",
    guarantees: ["At most once", "At least once", "Exactly once"],
    sinks: ["Append table", "Idempotent upsert table", "Transactional store (results and offsets together)"],
    columns: ["Sink", "Lost", "Duplicated", "Exactly once", "Not read yet"],
    crash_program: "Crash the program's own driver",
    crash_at: "Crash at (ms)",
    restarted: "Driver restart",
    crash_second: "Crash a second time",
};

/// Simplified Chinese.
pub const ZH: Strings = Strings {
    title: "DStream Playground",
    subtitle: "Spark Streaming 离散流演练场：在虚拟时间上重演微批处理",
    lang_switch: "界面语言",
    lang_name: "中文",
    program: PanelText {
        title: "程序",
        placeholder: "这里编辑 Scala 流处理程序。",
    },
    terminal: PanelText {
        title: "nc 终端",
        placeholder: "这里向 nc -lk 9999 输入文本行。",
    },
    timeline: PanelText {
        title: "时间线",
        placeholder: "还没有批次：按播放或单步。",
    },
    calls: PanelText {
        title: "调用",
        placeholder: "还没有用户函数被调用。",
    },
    console: PanelText {
        title: "控制台",
        placeholder: "程序的输出将显示在这里。",
    },
    state: PanelText {
        title: "状态",
        placeholder: "这个程序没有带状态的流。",
    },
    state_waiting: "还没有批次：每个批次之后，这里显示每个 key 的状态。",
    mirror: PanelText {
        title: "文字版",
        placeholder: "还没有批次。",
    },
    stats: PanelText {
        title: "流处理统计",
        placeholder: "还没有批次。",
    },
    editor_label: "Scala 程序",
    problems: "问题",
    controls: "参数",
    batch_interval: "批次间隔",
    cores: "local[n] 核数",
    pipeline: "算子",
    pipelines: [
        "reduceByKey（不开窗）",
        "window 再 reduceByKey",
        "reduceByKey 再 window",
        "reduceByKeyAndWindow，不带逆函数",
        "reduceByKeyAndWindow，带逆函数",
        "reduceByKeyAndWindow，逆函数 + filterFunc",
        "updateStateByKey",
        "mapWithState",
        "mapWithState，带超时",
    ],
    pipeline_custom: "（手写的算子链）",
    window: "窗口长度",
    slide: "滑动间隔",
    timeout: "超时",
    partitions: "numPartitions",
    default_value: "默认",
    checkpoint: "检查点 ssc.checkpoint",
    seconds: "秒",
    restore_default: "恢复默认",
    export: "场景 JSON",
    export_note: "把它存为 scenario.json，可用 dstream replay 在命令行重放。",
    send_label: "发送一行",
    send_placeholder: "输入一行，回车发送",
    send: "发送",
    clear_input: "清空输入",
    generator: "重复发送",
    generator_text: "重复发送的内容",
    every: "每隔",
    no_lines: "还没有发送任何行。",
    time: "时间",
    play: "播放",
    pause: "暂停",
    step: "前进一个批次",
    step_back: "后退一个批次",
    speed: "速度",
    scrub: "虚拟时间",
    reset: "回到 0",
    help: "快捷键",
    help_title: "键盘快捷键（焦点不在输入框时）",
    shortcuts: [
        ("空格 / K", "播放或暂停"),
        ("→ / L", "前进一个批次"),
        ("← / J", "后退一个批次"),
        ("+ / −", "加速 / 减速"),
        ("0", "回到时间 0"),
        ("?", "打开这份帮助"),
        ("Esc", "关闭帮助"),
    ],
    close: "关闭",
    hint: "按 ▶ 播放（或空格键）启动虚拟时钟：每秒向 nc 发送一行 hello hi hi，看 reduceFunc 和 invReduceFunc 随窗口滑动按键调用。",
    timeline_label: "批次时间线：每列一个批次，点选查看",
    legend_window: "所选批次的窗口",
    legend_entered: "进入窗口",
    legend_left: "离开窗口",
    legend_checkpoint: "检查点",
    legend_now: "当前时间",
    waiting: "排队等待的批次：",
    calls_caption: "每个键、每个批次的用户函数调用次数",
    key: "键",
    total: "合计",
    follow: "跟踪",
    unfollow: "取消跟踪",
    all_fns: "也显示逐条记录的函数（mapFunc 等）",
    no_calls: "这个格子里没有调用。",
    partition: "分区",
    pause_for_calls: "播放时只计数；暂停后列出每次调用。",
    cell_hint: "点一个格子，按顺序列出它的每次调用。",
    driver: "driver",
    task: "task",
    application: "main",
    explanation: "解释",
    hidden_log: "已记录，但日志级别高于 WARN，Spark 控制台不会显示",
    files: "文件",
    files_note: "Spark 保存时什么也不打印：这是它写出的文件（每个分区一个 part 文件，空分区也有，最后是 _SUCCESS）。演练场没有磁盘，只在这里列出内容。",
    value: "值",
    col_batch: "批次",
    col_input: "输入",
    col_window: "窗口",
    col_calls: "调用",
    col_output: "输出",
    processing: "处理时间",
    scheduling_delay: "调度延迟",
    total_delay: "总延迟",
    jobs: "作业数",
    input_rate: "输入速率",
    records: "记录数",
    bench: "基准测试：60 个批次，200 行 / 每批 200 行",
    notice_corrupt: "保存的会话无法读取，已载入默认会话。",
    dismiss: "知道了",
    copy_link: "复制链接",
    link_copied: "链接已生成并复制到剪贴板（若浏览器允许）。",
    link_label: "指向当前状态的链接",
    link_too_large: "当前状态太大（超过 64 KB），无法放进链接。",
    notice_link_damaged: "这个链接已损坏或不完整，无法打开；已载入默认状态。",
    notice_link_too_large: "这个链接超过 64 KB 的上限，未被打开；已载入默认状态。",
    notice_link_future: "这个链接来自更新版本的 DStream Playground，当前版本读不懂；已载入默认状态。",
    notice_stopped: "上次访问时，这个会话的运行没有结束（页面在运行中停止了，或被关闭了）。程序和输入的行都还在，但这次没有运行它：修改程序，或单步、播放，就会再次运行。",
    not_found_title: "找不到这个页面",
    not_found_body: "这个地址没有对应的页面，可能是链接拼写有误，或课程已改名。",
    to_playground: "去演练场",
    to_lessons: "全部课程",
    loading_lesson: "正在载入课程……",
    contrast_title: "微批 vs 逐条处理",
    contrast_caption: "同一份输入的两种处理方式：每个词的结果在什么时候出现（虚拟时间，毫秒），延迟是多少。",
    contrast_word: "词",
    contrast_sent: "发出时间 (ms)",
    contrast_micro: "微批（Spark Streaming）",
    contrast_record: "逐条处理",
    contrast_at: "结果出现 (ms)",
    contrast_latency: "延迟 (ms)",
    contrast_shuffled: "经过 shuffle 的记录数",
    contrast_never: "未运行",
    open_full: "在完整演练场中打开",
    site_nav: "站点导航",
    lessons_title: "课程",
    lessons_intro: "十节课，每节讲 Spark Streaming 的一个要点：先读课文，再在演练场里动手，最后做练习检验自己。",
    lesson_nav: "本课",
    steps_title: "引导步骤",
    predictions_title: "预测",
    goals_title: "目标",
    your_answer: "你的答案",
    answer: "回答",
    yes: "是",
    no: "否",
    reveal: "直接看答案",
    right: "答对了。",
    check: "检查",
    goal_met: "目标达成。",
    goal_not_met: "还没有达成。提示：",
    answer_first: "先回答这个问题，这个批次才会运行。",
    asked_later: "播放或单步到这个批次之前时会提问。",
    diag_no_position: "启动或运行时",
    compare: PanelText {
        title: "对比",
        placeholder: "在同一份输入上并排运行两种配置。",
    },
    compare_open: "对比两种配置",
    compare_close: "关闭对比",
    compare_pick: "对比哪两种配置",
    compare_pairs: [
        "逆函数：开 vs 关",
        "updateStateByKey vs mapWithState",
        "window 在 reduceByKey 之前 vs 之后",
    ],
    compare_custom: "这个程序的算子链是手写的，参数栏改写不了，所以没法生成对比的配置。",
    compare_caption: "每个批次的用户函数调用次数和 print() 输出：A 与 B",
    compare_differs: "不同",
    compare_note: "对比面板打开时，引擎会在同一份输入上再运行一次，只改算子链。",
    line_mark: "输入行",
    kafka: &KAFKA_ZH,
};

/// English.
pub const EN: Strings = Strings {
    title: "DStream Playground",
    subtitle: "Spark Streaming's micro-batches, re-enacted on virtual time",
    lang_switch: "Language",
    lang_name: "English",
    program: PanelText {
        title: "Program",
        placeholder: "The Scala streaming program is edited here.",
    },
    terminal: PanelText {
        title: "nc terminal",
        placeholder: "Lines typed into nc -lk 9999 go here.",
    },
    timeline: PanelText {
        title: "Timeline",
        placeholder: "No batch yet: press play or step.",
    },
    calls: PanelText {
        title: "Calls",
        placeholder: "No user function has run yet.",
    },
    console: PanelText {
        title: "Console",
        placeholder: "What the program prints appears here.",
    },
    state: PanelText {
        title: "State",
        placeholder: "This program has no stateful stream.",
    },
    state_waiting: "No batch yet: the state per key appears here after each batch.",
    mirror: PanelText {
        title: "Text mirror",
        placeholder: "No batch yet.",
    },
    stats: PanelText {
        title: "Streaming statistics",
        placeholder: "No batch yet.",
    },
    editor_label: "Scala program",
    problems: "Problems",
    controls: "Settings",
    batch_interval: "Batch interval",
    cores: "local[n] cores",
    pipeline: "Pipeline",
    pipelines: [
        "reduceByKey (no window)",
        "window, then reduceByKey",
        "reduceByKey, then window",
        "reduceByKeyAndWindow, no inverse",
        "reduceByKeyAndWindow with inverse",
        "reduceByKeyAndWindow, inverse + filterFunc",
        "updateStateByKey",
        "mapWithState",
        "mapWithState with timeout",
    ],
    pipeline_custom: "(hand-written pipeline)",
    window: "Window",
    slide: "Slide",
    timeout: "Timeout",
    partitions: "numPartitions",
    default_value: "default",
    checkpoint: "Checkpoint (ssc.checkpoint)",
    seconds: "s",
    restore_default: "Restore default",
    export: "Scenario JSON",
    export_note: "Save it as scenario.json and replay it on the command line with dstream replay.",
    send_label: "Send a line",
    send_placeholder: "type a line, Enter sends it",
    send: "Send",
    clear_input: "Clear input",
    generator: "Repeat",
    generator_text: "Lines to repeat",
    every: "every",
    no_lines: "Nothing sent yet.",
    time: "Time",
    play: "Play",
    pause: "Pause",
    step: "Step one batch",
    step_back: "Step back one batch",
    speed: "Speed",
    scrub: "Virtual time",
    reset: "Reset to 0",
    help: "Shortcuts",
    help_title: "Keyboard shortcuts (when focus is not in a text field)",
    shortcuts: [
        ("Space / K", "play or pause"),
        ("→ / L", "step one batch"),
        ("← / J", "step back one batch"),
        ("+ / −", "faster / slower"),
        ("0", "reset to time 0"),
        ("?", "open this help"),
        ("Esc", "close the help"),
    ],
    close: "Close",
    hint: "Press ▶ Play (or Space) to start the virtual clock: a line hello hi hi goes to nc every second, and reduceFunc and invReduceFunc fire per key as the window slides.",
    timeline_label: "Batch timeline: one column per batch, click to select",
    legend_window: "window of the selected batch",
    legend_entered: "entered the window",
    legend_left: "left the window",
    legend_checkpoint: "checkpoint",
    legend_now: "now",
    waiting: "batches waiting in the queue:",
    calls_caption: "User function calls per key and batch",
    key: "key",
    total: "total",
    follow: "Follow",
    unfollow: "Unfollow",
    all_fns: "Also show per-record functions (mapFunc, ...)",
    no_calls: "No call in this cell.",
    partition: "partition",
    pause_for_calls: "While playing, calls are only counted; pause to list them.",
    cell_hint: "Click a cell to list its calls in order.",
    driver: "driver",
    task: "task",
    application: "main",
    explanation: "What it means",
    hidden_log: "logged, but the log level is above WARN, so Spark's console stays silent",
    files: "files",
    files_note: "Spark prints nothing when it saves: these are the files it wrote (a part file per partition, empty ones too, then _SUCCESS). The playground has no disk, so it lists them here.",
    value: "value",
    col_batch: "Batch",
    col_input: "Input",
    col_window: "Window",
    col_calls: "Calls",
    col_output: "Output",
    processing: "Processing time",
    scheduling_delay: "Scheduling delay",
    total_delay: "Total delay",
    jobs: "Jobs",
    input_rate: "Input rate",
    records: "Records",
    bench: "Benchmark: 60 batches, 200 lines / 200 lines each",
    notice_corrupt: "The saved session could not be read; the default session was loaded.",
    dismiss: "OK",
    copy_link: "Copy link",
    link_copied: "Link ready, and copied to the clipboard if the browser allows.",
    link_label: "Link to this state",
    link_too_large: "This state is too large for a link (over 64 KB).",
    notice_link_damaged: "This link is damaged or incomplete and could not be opened; the default state was loaded.",
    notice_link_too_large: "This link is over the 64 KB limit and was not opened; the default state was loaded.",
    notice_link_future: "This link was made by a newer version of DStream Playground and cannot be read here; the default state was loaded.",
    notice_stopped: "Last visit, this session's run never finished (the page stopped while it ran, or was closed). Your program and lines are all here, not run this time: edit the program, or step or play, to run it again.",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address: the link may be mistyped, or the lesson renamed.",
    to_playground: "Go to the playground",
    to_lessons: "All lessons",
    loading_lesson: "Loading the lesson…",
    contrast_title: "Micro-batch vs record at a time",
    contrast_caption: "The same input processed both ways: when each word's result appears (virtual time, ms) and its latency.",
    contrast_word: "Word",
    contrast_sent: "Sent (ms)",
    contrast_micro: "Micro-batch (Spark Streaming)",
    contrast_record: "Record at a time",
    contrast_at: "Result at (ms)",
    contrast_latency: "Latency (ms)",
    contrast_shuffled: "Records through the shuffle",
    contrast_never: "not run",
    open_full: "Open in the full playground",
    site_nav: "Site",
    lessons_title: "Lessons",
    lessons_intro: "Ten lessons, one idea of Spark Streaming each: read, try it in the widget, then check yourself with the exercises.",
    lesson_nav: "This lesson",
    steps_title: "Guided path",
    predictions_title: "Predictions",
    goals_title: "Goals",
    your_answer: "Your answer",
    answer: "Answer",
    yes: "Yes",
    no: "No",
    reveal: "Show the answer",
    right: "Right.",
    check: "Check",
    goal_met: "Goal reached.",
    goal_not_met: "Not yet. Hint:",
    answer_first: "Answer first: the batch runs once you have.",
    asked_later: "Asked when you play or step up to this batch.",
    diag_no_position: "at start or run time",
    compare: PanelText {
        title: "Compare",
        placeholder: "Two configurations side by side, on the same input.",
    },
    compare_open: "Compare two configurations",
    compare_close: "Close the comparison",
    compare_pick: "What to compare",
    compare_pairs: [
        "Inverse on vs off",
        "updateStateByKey vs mapWithState",
        "window before vs after reduceByKey",
    ],
    compare_custom: "This program's pipeline is hand-written and the settings cannot rewrite it, so there is no second configuration to compare.",
    compare_caption: "User-function calls and print() output per batch: A vs B",
    compare_differs: "differs",
    compare_note: "While the comparison is open, the engine runs a second time on the same input, with only the pipeline changed.",
    line_mark: "input line",
    kafka: &KAFKA_EN,
};

#[cfg(test)]
mod tests {
    use super::*;
    use dstream_engine::lessons::LESSONS;

    /// The error of the default program with `from` replaced by `to`, run on two batches of
    /// the lines given.
    fn error_of(from: &str, to: &str, batches: &[&str]) -> TraceError {
        let scenario = dstream_engine::scenario::Scenario {
            program: crate::program::DEFAULT_PROGRAM.replace(from, to),
            batches: Some(batches.iter().map(|l| vec![l.to_string()]).collect()),
            ..Default::default()
        };
        let trace = dstream_engine::engine::run(&scenario, dstream_engine::trace::Detail::Counts);
        trace.error.expect("an error")
    }

    #[test]
    fn exceptions_are_explained_by_their_root_cause() {
        // `toInt` on a word, in a task: the cause explained, then how a task's failure shows.
        let e = error_of("map((_, 1))", "map(w => (w, w.toInt))", &["1 2", "hello"]);
        assert_eq!(e.class, "org.apache.spark.SparkException");
        let en = Lang::En.explain(&e);
        assert!(
            en.starts_with("toInt, toLong and toDouble read the whole text"),
            "{en}"
        );
        assert!(
            en.contains("toIntOption") && en.contains("raised inside a task"),
            "{en}"
        );
        // Its numbers: Spark's count, which Spark itself varies where stages run side by side.
        assert!(en.contains("numbering varies from run to run"), "{en}");
        let zh = Lang::Zh.explain(&e);
        assert!(zh.contains("toIntOption") && zh.contains("任务"), "{zh}");
        assert!(zh.contains("编号每次运行也可能不同"), "{zh}");
        // A method on a null word: Java 17's message names the placeholder as scalac does.
        let e = error_of(
            "map((_, 1))",
            "map(w => if (w == \"hi\") null else w).map(_.length).map((_, 1))",
            &["hello hi"],
        );
        assert!(
            e.message.ends_with(
                "NullPointerException: Cannot invoke \"String.length()\" because \"x$2\" is null"
            ),
            "{e:?}"
        );
        let en = Lang::En.explain(&e);
        assert!(
            en.starts_with("A value was null") && en.contains("x$N"),
            "{en}"
        );
        assert!(Lang::Zh.explain(&e).contains("占位符"));
        // `window` (WindowedDStream says "a multiple") and `reduceByKeyAndWindow` ("multiple").
        for (from, to) in [
            (
                "reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))",
                "window(Milliseconds(1500)).reduceByKey(_ + _)",
            ),
            ("Seconds(5)", "Milliseconds(2500)"),
        ] {
            let e = error_of(from, to, &["a"]);
            assert!(
                Lang::En
                    .explain(&e)
                    .starts_with("A window is made of whole batches"),
                "{e:?}"
            );
        }
        // Not set up for state: before any task runs, no task note.
        let e = error_of("ssc.checkpoint(\"checkpoint\")", "", &["a"]);
        let en = Lang::En.explain(&e);
        assert!(
            en.starts_with("Stateful operators") && !en.contains("task"),
            "{en}"
        );
        // A program's class that is not serializable, used in a task's function.
        let e = error_of(
            "val wordCounts = lines.flatMap(_.split(\" \"))",
            "class Sep(val s: String)\nval sep = new Sep(\" \")\n\
             val wordCounts = lines.flatMap(_.split(sep.s))",
            &["a"],
        );
        assert_eq!(e.message, "Task not serializable");
        let en = Lang::En.explain(&e);
        assert!(en.contains("does not extend Serializable"), "{en}");
        // The contexts, a DStream or an RDD in a task's function; streams of two slides.
        for (to, says) in [
            (
                "val wordCounts = lines.flatMap(w => ssc.sparkContext.appName.split(\" \"))",
                "exist on the driver only",
            ),
            (
                "val wordCounts = lines.flatMap(w => lines.slideDuration.toString.split(\" \"))",
                "A DStream is a plan on the driver",
            ),
            (
                "lines.foreachRDD(rdd => rdd.map(x => rdd.count()).collect())\nval wordCounts = lines.flatMap(_.split(\" \"))",
                "Only the driver can call an RDD's",
            ),
            (
                "val wordCounts = lines.union(lines.window(Seconds(2), Seconds(2))).flatMap(_.split(\" \"))",
                "both must slide by the same interval",
            ),
            (
                "lines.foreachRDD(rdd => println(ssc.sparkContext.appName))\nval wordCounts = lines.flatMap(_.split(\" \"))",
                "use rdd.sparkContext instead",
            ),
        ] {
            let e = error_of("val wordCounts = lines.flatMap(_.split(\" \"))", to, &["a"]);
            let en = Lang::En.explain(&e);
            assert!(en.contains(says), "{e:?}: {en}");
        }
        // A lambda of two parameters given one pair (Scala 2.13 does not spread it).
        let e = error_of(
            "val ssc",
            "Map(\"a\" -> 1).foreach((k, v) => println(k))\nval ssc",
            &["a"],
        );
        assert!(e.message.starts_with("missing parameter type"), "{e:?}");
        assert!(Lang::En.explain(&e).contains("{ case (k, v) => ... }"));
        assert!(Lang::Zh.explain(&e).contains("模式匹配"));
        // Predef's checks and Java's exact arithmetic, each by its own words.
        for (to, says) in [
            (
                "map(w => { assert(w.length < 3, w); (w, 1) })",
                "An AssertionError is an Error",
            ),
            (
                "map(w => (w, if (w == \"hello\") ??? else 1))",
                "code not written yet",
            ),
            (
                "map(w => { require(w.length < 3); (w, 1) })",
                "A require(condition, message)",
            ),
            (
                "map(w => (w, Math.multiplyExact(w.length, Int.MaxValue)))",
                "*Exact methods throw",
            ),
        ] {
            let e = error_of("map((_, 1))", to, &["1 2", "hello"]);
            let en = Lang::En.explain(&e);
            assert!(en.contains(says), "{e:?}: {en}");
        }
        // The playground's own limit is not presented as Spark's.
        let e = error_of(
            "wordCounts.print()",
            "wordCounts.print()\nssc.sparkContext.parallelize(1 to 3, 200000)",
            &["a"],
        );
        assert_eq!(e.class, "dstream.Unsupported");
        let en = Lang::En.explain(&e);
        assert!(en.starts_with("This is the playground's own limit"), "{en}");
        // A program's own recursion that runs out of stack: the playground's depth said.
        let e = error_of(
            "val ssc",
            "def f(n: Int): Int = f(n + 1)\nprintln(f(0))\nval ssc",
            &["a"],
        );
        assert_eq!(e.class, "java.lang.StackOverflowError");
        let en = Lang::En.explain(&e);
        assert!(
            en.contains("calls itself") && en.contains("about 400 calls"),
            "{en}"
        );
        assert!(Lang::Zh.explain(&e).contains("约 400 层调用"));
        // A `break` outside `breakable`: Scala's own exception, and where `break` works.
        let e = error_of(
            "val ssc",
            "import scala.util.control.Breaks._\nfor (i <- 1 to 3) if (i == 2) break\nval ssc",
            &["a"],
        );
        assert_eq!(e.class, "scala.util.control.BreakControl");
        assert!(Lang::En.explain(&e).contains("inside breakable"));
        assert!(Lang::Zh.explain(&e).contains("breakable"));
        // An exception without an explanation of its own gets the general one.
        let other = TraceError {
            class: "java.lang.RuntimeException".into(),
            message: "boom".into(),
            ..TraceError::default()
        };
        assert_eq!(Lang::En.explain(&other), FALLBACK.1);
    }

    #[test]
    fn every_explanation_is_reachable_and_translated() {
        for (i, x) in EXPLANATIONS.iter().enumerate() {
            // Every alternative of the entry reaches it.
            let classes = if x.classes.is_empty() {
                &["java.lang.Exception"][..]
            } else {
                x.classes
            };
            let messages = if x.messages.is_empty() {
                &[""][..]
            } else {
                x.messages
            };
            for class in classes {
                for message in messages {
                    let e = TraceError {
                        class: (*class).into(),
                        message: (*message).into(),
                        ..TraceError::default()
                    };
                    assert_eq!(Lang::En.explain(&e), x.en, "entry {i}: {class} {message}");
                    assert_eq!(Lang::Zh.explain(&e), x.zh, "entry {i}: {class} {message}");
                }
            }
            assert_ne!(x.zh, x.en);
        }
    }

    /// A language reads back from what `Serialize` writes; an unknown name is refused.
    #[test]
    fn a_language_reads_back_from_its_name() {
        for lang in Lang::ALL {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang, "{json}");
        }
        assert!(serde_json::from_str::<Lang>(r#""Fr""#).is_err());
    }

    /// Every string literal of a `Debug` dump, in order.
    fn literals(dump: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = dump.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut lit = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => lit.extend(chars.next()),
                    '"' => break,
                    c => lit.push(c),
                }
            }
            out.push(lit);
        }
        out
    }

    /// A string that exists in one language only (empty or missing in the other) fails.
    #[test]
    fn every_shell_string_exists_in_both_languages() {
        let zh = literals(&format!("{ZH:?}"));
        let en = literals(&format!("{EN:?}"));
        assert_eq!(zh.len(), en.len(), "as many strings in each language");
        assert!(zh.len() > 100, "the dump lists the strings ({})", zh.len());
        for (z, e) in zh.iter().zip(&en) {
            assert!(
                !z.trim().is_empty() && !e.trim().is_empty(),
                "{z:?} / {e:?}"
            );
        }
    }

    #[test]
    fn every_sentence_exists_in_both_languages() {
        let n = Narration {
            time_ms: 6000,
            lines: 1,
            window: Some((2000, 6000, 1, 1)),
            calls: vec![("reduceFunc".into(), 3)],
            output_lines: 2,
        };
        let [zh, en] = Lang::ALL.map(|l| {
            [
                l.now(6000, 6),
                l.batch(6000),
                l.narrate(&n),
                l.cell_title("hi", 6000),
                l.sent_at(1500),
                l.bench_result(60, 200, 1.0, 2.0, 0.1),
                l.computing(3, 10),
                l.explain(&TraceError {
                    class: "SparkException".into(),
                    message: "x".into(),
                    ..TraceError::default()
                }),
                l.lesson_number(8),
                l.show_batch(7000),
                l.asked_at(7000),
                l.trace_says("3"),
                l.compare_side('A', "x"),
                l.compare_summary(2, 6),
                l.line_movable("a b", 1500),
                l.line_generated("a b"),
            ]
        });
        for (z, e) in zh.iter().zip(&en) {
            assert!(!z.is_empty() && !e.is_empty());
            assert_ne!(z, e, "translated");
        }
    }

    #[test]
    fn every_lesson_text_exists_in_both_languages() {
        for l in LESSONS {
            let mut texts = vec![l.title, l.body];
            texts.extend(l.steps.iter().map(|s| s.text));
            for p in l.predictions {
                texts.extend([p.question, p.explanation]);
            }
            for g in l.goals {
                texts.extend([g.task, g.hint]);
            }
            for t in texts {
                assert!(
                    !t.zh.trim().is_empty() && !t.en.trim().is_empty(),
                    "{}: {t:?}",
                    l.id
                );
            }
        }
    }
}

/// The Kafka timeline's strings (`components/kafka_timeline.rs`); its sentences with numbers
/// are the `Lang::kt_*` methods below.
#[derive(Debug, PartialEq, Eq)]
pub struct KafkaTimelineStrings {
    /// The panel's heading.
    pub title: &'static str,
    /// The SVG's accessible name.
    pub svg_label: &'static str,
    /// What the view shows: order within a partition only.
    pub note: &'static str,
    /// No record produced yet.
    pub no_records: &'static str,
    /// The legend: a record, with its offset.
    pub legend_record: &'static str,
    /// The legend: the offset range a batch read.
    pub legend_range: &'static str,
    /// The legend: a batch boundary (when the batch was generated).
    pub legend_boundary: &'static str,
    /// The read-order table's columns: #, partition, offset, key, value, produced at.
    pub columns: [&'static str; 6],
    /// A record no batch has read.
    pub unread: &'static str,
    /// A batch re-run after a restart.
    pub rerun: &'static str,
}

/// The Kafka timeline's strings in Chinese.
pub const KAFKA_TIMELINE_ZH: KafkaTimelineStrings = KafkaTimelineStrings {
    title: "Kafka 时间线：各分区的记录",
    svg_label: "时间轴上的 Kafka 记录，每个分区一条泳道，标出批次边界和每个批次读取的偏移量范围",
    note: "顺序只在分区内部成立：每个批次按偏移量顺序读每个分区的范围（一个 Kafka 分区对应一个 RDD 分区），分区之间没有先后。",
    no_records: "还没有生产任何 Kafka 记录。",
    legend_record: "记录（圆里是偏移量，下面是 key）",
    legend_range: "批次读取的偏移量范围 [from, until)",
    legend_boundary: "批次边界（批次生成的时刻）",
    columns: ["#", "分区", "偏移量", "key", "值", "生产时间"],
    unread: "尚未读取",
    rerun: "重跑",
};

/// The Kafka timeline's strings in English.
pub const KAFKA_TIMELINE_EN: KafkaTimelineStrings = KafkaTimelineStrings {
    title: "Kafka timeline: records across partitions",
    svg_label: "Kafka records on a time axis, one lane per partition, with the batch boundaries and the offset range each batch read",
    note: "Order holds only inside a partition: each batch reads every partition's range in offset order (one RDD partition per Kafka partition), with no order across partitions.",
    no_records: "No Kafka record has been produced yet.",
    legend_record: "Record (offset in the circle, key below)",
    legend_range: "Offset range a batch read, [from, until)",
    legend_boundary: "Batch boundary (when the batch was generated)",
    columns: ["#", "Partition", "Offset", "Key", "Value", "Produced at"],
    unread: "not read yet",
    rerun: "re-run",
};

/// The Kafka timeline's sentences.
impl Lang {
    /// The Kafka timeline's strings.
    pub fn kafka_timeline(self) -> &'static KafkaTimelineStrings {
        match self {
            Lang::Zh => &KAFKA_TIMELINE_ZH,
            Lang::En => &KAFKA_TIMELINE_EN,
        }
    }

    /// A moment with two decimals: `4.10 s`.
    pub fn kt_at(self, ms: i64) -> String {
        let s = ms as f64 / 1000.0;
        match self {
            Lang::Zh => format!("{s:.2} 秒"),
            Lang::En => format!("{s:.2} s"),
        }
    }

    /// A record mark's accessible name: where it is, what it holds, when it was produced and
    /// which batches read it (`reads`, already joined; empty: not read yet).
    pub fn kt_record(
        self,
        tp: &str,
        offset: i64,
        key: Option<&str>,
        value: &str,
        at_ms: i64,
        reads: &str,
    ) -> String {
        let at = self.kt_at(at_ms);
        let key = key.unwrap_or("null");
        match self {
            Lang::Zh => {
                let read = if reads.is_empty() {
                    KAFKA_TIMELINE_ZH.unread.to_string()
                } else {
                    format!("由{reads}读取")
                };
                format!("{tp}，偏移量 {offset}，key {key}，值 {value}，{at}生产；{read}")
            }
            Lang::En => {
                let read = if reads.is_empty() {
                    KAFKA_TIMELINE_EN.unread.to_string()
                } else {
                    format!("read by {reads}")
                };
                format!("{tp}, offset {offset}, key {key}, value {value}, produced at {at}; {read}")
            }
        }
    }

    /// A bracket's name: `batch 2000 ms reads clicks-0 [4, 7)`.
    pub fn kt_range(self, batch_ms: i64, tp: &str, from: i64, until: i64) -> String {
        let b = self.batch(batch_ms);
        match self {
            Lang::Zh => format!("{b}读取 {tp} [{from}, {until})"),
            Lang::En => format!("{b} reads {tp} [{from}, {until})"),
        }
    }

    /// The read-order table's caption.
    pub fn kt_read_caption(self, batch_ms: i64) -> String {
        let b = self.batch(batch_ms);
        match self {
            Lang::Zh => format!("{b}读取记录的顺序"),
            Lang::En => format!("The records {b} reads, in order"),
        }
    }

    /// The ordering sentence for one batch: `produced` are the records' labels in produce
    /// order, `read` each partition's labels in the order the batch reads them.
    pub fn kt_order(
        self,
        batch_ms: i64,
        produced: &[String],
        read: &[(String, Vec<String>)],
    ) -> String {
        let b = self.batch(batch_ms);
        match (self, read) {
            (Lang::Zh, []) => format!("{b}没有读到记录。"),
            (Lang::En, []) => format!("{b} reads no record."),
            (Lang::Zh, [(tp, labels)]) => {
                format!("{b}只读了 {tp}：[{}]，按偏移量顺序。", labels.join(", "))
            }
            (Lang::En, [(tp, labels)]) => {
                format!(
                    "{b} reads {tp} only: [{}], in offset order.",
                    labels.join(", ")
                )
            }
            (Lang::Zh, _) => {
                let parts: Vec<String> = read
                    .iter()
                    .map(|(tp, l)| format!("{tp} 的 [{}]", l.join(", ")))
                    .collect();
                format!(
                    "生产顺序：{}。{b}先读 {}：每个分区内部保持顺序，但不是生产的顺序。",
                    produced.join("、"),
                    parts.join("，再读 ")
                )
            }
            (Lang::En, _) => {
                let parts: Vec<String> = read
                    .iter()
                    .map(|(tp, l)| format!("{tp}'s [{}]", l.join(", ")))
                    .collect();
                format!(
                    "Produced in this order: {}. {b} reads {}: the order inside each partition, not the order they were produced.",
                    produced.join(", "),
                    parts.join(", then ")
                )
            }
        }
    }
}

#[cfg(test)]
mod kafka_timeline_strings {
    use super::*;

    #[test]
    fn every_kafka_timeline_string_exists_in_both_languages() {
        let zh = format!("{KAFKA_TIMELINE_ZH:?}");
        let en = format!("{KAFKA_TIMELINE_EN:?}");
        assert_eq!(zh.matches('"').count(), en.matches('"').count());
        assert!(!zh.contains("\"\"") && !en.contains("\"\""));
        let read = [
            (
                "clicks-0".to_string(),
                vec!["a".to_string(), "c".to_string()],
            ),
            ("clicks-1".to_string(), vec!["b".to_string()]),
        ];
        let produced = ["a".to_string(), "b".to_string(), "c".to_string()];
        let [z, e] = Lang::ALL.map(|l| {
            [
                l.kt_at(4100),
                l.kt_record("clicks-0", 3, Some("u1"), "click", 4100, ""),
                l.kt_record("clicks-0", 3, None, "click", 4100, "batch 5000 ms"),
                l.kt_range(2000, "clicks-0", 4, 7),
                l.kt_read_caption(2000),
                l.kt_order(2000, &produced, &read),
                l.kt_order(2000, &produced[..1], &read[..1]),
                l.kt_order(2000, &[], &[]),
            ]
        });
        for (z, e) in z.iter().zip(&e) {
            assert!(!z.is_empty() && !e.is_empty());
            assert_ne!(z, e, "translated");
        }
        assert!(
            e[5].contains("clicks-0's [a, c], then clicks-1's [b]"),
            "{}",
            e[5]
        );
    }
}
