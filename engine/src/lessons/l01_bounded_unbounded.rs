//! Lesson 1: bounded and unbounded data; micro-batches against record-at-a-time. The preset
//! is the word count of [`crate::record_at_a_time::micro_batch_program`] on a few typed lines,
//! shown beside [`crate::record_at_a_time::contrast`] of the same lines.

use super::{
    batch_at, calls, number, print_blocks, stamped_scenario, Answer, Checks, Goal, Lesson,
    Prediction, Step, Text,
};
use crate::record_at_a_time::micro_batch_program;
use crate::scenario::Scenario;
use crate::trace::Trace;

const LINES: &[(i64, &str)] = &[
    (300, "hello hello hello"),
    (700, "hello world"),
    (1500, "spark"),
    (2200, "hello spark"),
    (3600, "world"),
];

fn preset() -> Scenario {
    stamped_scenario(
        "bounded-unbounded",
        micro_batch_program("local[2]", 1000),
        LINES,
        Some(4),
    )
}

fn reference_fast() -> Scenario {
    stamped_scenario(
        "bounded-unbounded: 500 ms batches",
        micro_batch_program("local[2]", 500),
        LINES,
        Some(8),
    )
}

fn hello_merges_at_1s(t: &Trace) -> Option<Answer> {
    batch_at(t, 1000).map(|b| number(calls(b, "reduceFunc", "hello")))
}

fn when_spark_appears(t: &Trace) -> Option<Answer> {
    t.batches
        .iter()
        .find(|b| {
            print_blocks(b)
                .iter()
                .flatten()
                .any(|l| l.starts_with("(spark,"))
        })
        .map(|b| Answer::Number(b.time_ms))
}

/// Every batch with input ran and printed, and its last result left at most 600 ms after the
/// earliest moment one of its lines could have been sent (the start of its interval).
fn latency_under_600ms(t: &Trace) -> bool {
    let b_ms = t.program.batch_ms;
    t.error.is_none()
        && t.batches.iter().any(|b| b.num_records > 0)
        && t.batches.iter().filter(|b| b.num_records > 0).all(|b| {
            b.processing_end_ms
                .is_some_and(|end| end - (b.time_ms - b_ms) <= 600)
                && print_blocks(b).iter().any(|blk| !blk.is_empty())
        })
}

/// What the web app needs of lesson 1 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "bounded-unbounded",
    answers: &[
        ("hello-merges", hello_merges_at_1s),
        ("spark-appears", when_spark_appears),
    ],
    goals: &[("latency-600ms", latency_under_600ms)],
};

/// Lesson 1.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 1,
    title: Text {
        zh: "有界与无界数据：微批 vs 逐条处理",
        en: "Bounded and unbounded data: micro-batches vs one record at a time",
    },
    body: Text {
        zh: "一个文件有头有尾，读完就能算出结果：这是有界数据。`nc` 里敲进来的行永远不会结束：这是无界数据，结果只能一段一段地给。\n\n\
有两种处理无界数据的办法。逐条处理（Storm、Flink）让每条记录一到就流过整条流水线，延迟最低，但每条记录都要单独过网络，没有机会先在本地合并。\
微批（Spark Streaming）把一段时间里到达的记录攒成一个 RDD，整批跑一个 Job：延迟至少是一个批次间隔，但 `reduceByKey` 可以先在每个分区里合并（combiner），少传很多数据。\n\n\
在演练场里：看右侧的对比视图，同一批输入在两种模式下各自的延迟和经过 shuffle 的记录数；再改批次间隔，看延迟怎么变。",
        en: "A file has a beginning and an end: read it all and compute the answer. That is bounded data. The lines you type into `nc` never end: that is unbounded data, and answers can only come piece by piece.\n\n\
There are two ways to process unbounded data. Record-at-a-time systems (Storm, Flink) push every record through the whole pipeline as soon as it arrives: the lowest latency, but every record crosses the network on its own, with no chance to combine first. \
Micro-batching (Spark Streaming) gathers what arrived during an interval into one RDD and runs one job over it: the latency is at least one batch interval, but `reduceByKey` merges inside each partition first (the combiner) and ships far less.\n\n\
In the playground: compare both modes on the same input in the contrast view (latency per word, records sent through the shuffle), then change the batch interval and watch the latency move.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: true,
    steps: &[
        Step {
            text: Text {
                zh: "第一个批次（1 s）收到两行、四个 hello。看“调用”面板：reduceFunc 对 hello 调了几次？",
                en: "The first batch (1 s) holds two lines with four hellos. In the calls panel, how often did reduceFunc run for hello?",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "`spark` 在 1.5 s 就发出了，却要等到 2 s 的批次结束后才打印。对比视图里，逐条模式几毫秒就给出了它的计数。",
                en: "`spark` was sent at 1.5 s but is printed only after the 2 s batch ends. In the contrast view, record-at-a-time reports its count within milliseconds.",
            },
            time_ms: 2000,
        },
        Step {
            text: Text {
                zh: "数一数 shuffle：逐条模式每个 (word, 1) 都过网络；微批在每个块里先合并，同一个词在一个块里只传一条。",
                en: "Count the shuffle: record-at-a-time sends every (word, 1) over the network; the micro-batch merges inside each block first and sends one record per word per block.",
            },
            time_ms: 3000,
        },
    ],
    predictions: &[
        Prediction {
            id: "hello-merges",
            question: Text {
                zh: "1 s 的批次里有 4 个 hello（分在两个块里）。reduceFunc 会对 hello 调用几次？",
                en: "The 1 s batch has 4 hellos (in two blocks). How many times will reduceFunc run for hello?",
            },
            time_ms: 1000,
            explanation: Text {
                zh: "把 n 个值两两合并成一个，正好要合并 n − 1 次，不管在 map 端还是 reduce 端合并：4 个 hello 就是 3 次。第一个值不经过你的函数。",
                en: "Merging n values into one takes exactly n − 1 merges, whether they happen on the map side or the reduce side: 4 hellos, 3 calls. The first value never goes through your function.",
            },
        },
        Prediction {
            id: "spark-appears",
            question: Text {
                zh: "`spark` 在 1.5 s 发出。print() 在哪个批次时间（毫秒）第一次打印 (spark,…)？",
                en: "`spark` is sent at 1.5 s. At which batch time (in ms) does print() first show (spark,…)?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "一行属于把它的到达时间包含在 [t − 1 s, t) 里的批次：1.5 s 属于 2 s 的批次，要等这一批结束才有结果。",
                en: "A line belongs to the batch whose [t − 1 s, t) holds its arrival: 1.5 s falls in the 2 s batch, and its result waits for that batch to end.",
            },
        },
    ],
    goals: &[Goal {
        id: "latency-600ms",
        task: Text {
            zh: "让每个结果在它所在批次开始后 600 ms 内就打印出来（提示：改批次间隔），同时每个有输入的批次仍然打印计数。",
            en: "Make every result print within 600 ms of the start of its batch interval (hint: the batch interval), with every batch that has input still printing its counts.",
        },
        hint: Text {
            zh: "最坏情况下一行在批次刚开始时到达，要等整个间隔再加上处理时间。把 Duration(1000) 改小，比如 Duration(500)。",
            en: "In the worst case a line arrives just as an interval starts and waits the whole interval plus the processing time. Make Duration(1000) smaller, e.g. Duration(500).",
        },
        reference: reference_fast,
    }],
};
