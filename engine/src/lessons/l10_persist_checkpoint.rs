//! Lesson 10: `persist` and `checkpoint`: where state lives and what each costs. The preset
//! parses each line once for a per-batch count and once more for a running total (two
//! shuffles read the same unpersisted stream), and checkpoints its state every 10 s.

use super::{
    batch_at, batches_scenario, calls, edit, hello_hi, number, print_blocks, state_of, total_calls,
    Answer, Checks, Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const PROGRAM: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("PersistCheckpoint")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val lines = ssc.socketTextStream("localhost", 9999)
val words = lines.map(_.split(" ")).map(x => (x(0), x(1).toInt))
val counts = words.reduceByKey(_ + _)
counts.print()
val totals = words.updateStateByKey((nv: Seq[Int], ov: Option[Int]) => Some(nv.sum + ov.getOrElse(0)))
totals.print()
ssc.start()
ssc.awaitTermination()
"#;

const STATE: &str = "updateStateByKey";

fn preset() -> Scenario {
    batches_scenario("persist-checkpoint", PROGRAM.into(), hello_hi(12))
}

fn reference_cache() -> Scenario {
    let program = edit(PROGRAM, "val counts = ", "words.cache()\nval counts = ");
    batches_scenario("persist-checkpoint: cache", program, hello_hi(12))
}

fn reference_rare_checkpoint() -> Scenario {
    let program = edit(
        PROGRAM,
        "totals.print()",
        "totals.checkpoint(Seconds(20))\ntotals.print()",
    );
    batches_scenario("persist-checkpoint: every 20 s", program, hello_hi(12))
}

fn splits_at_2s(t: &Trace) -> Option<Answer> {
    batch_at(t, 2000).map(|b| number(calls(b, "mapFunc", "hi 1")))
}

fn first_checkpoint(t: &Trace) -> Option<Answer> {
    t.batches
        .iter()
        .find(|b| b.checkpointed.iter().any(|s| s.starts_with(STATE)))
        .map(|b| Answer::Number(b.time_ms))
}

fn extra_jobs_at_10s(t: &Trace) -> Option<Answer> {
    let (b9, b10) = (batch_at(t, 9000)?, batch_at(t, 10000)?);
    Some(Answer::Number(i64::from(b10.jobs) - i64::from(b9.jobs)))
}

/// Both outputs still print, the running total is right at 12 s, and no batch calls the map
/// functions more than twice per record (once each).
fn parsed_once(t: &Trace) -> bool {
    t.error.is_none()
        && batch_at(t, 12000).is_some_and(|b| state_of(b, STATE, "hi").as_deref() == Some("24"))
        && t.batches
            .iter()
            .all(|b| print_blocks(b).len() >= 2 && total_calls(b, "mapFunc") <= 2 * b.num_records)
}

/// The state still counts, and no batch of the first 12 s is checkpointed.
fn no_checkpoint_in_12s(t: &Trace) -> bool {
    t.error.is_none()
        && batch_at(t, 12000).is_some_and(|b| state_of(b, STATE, "hi").as_deref() == Some("24"))
        && t.batches
            .iter()
            .filter(|b| b.time_ms <= 12000)
            .all(|b| b.checkpointed.is_empty())
}

/// What the web app needs of lesson 10 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "persist-checkpoint",
    answers: &[
        ("parsed-twice", splits_at_2s),
        ("first-checkpoint", first_checkpoint),
        ("checkpoint-job", extra_jobs_at_10s),
    ],
    goals: &[
        ("parse-once", parsed_once),
        ("rare-checkpoint", no_checkpoint_in_12s),
    ],
};

/// Lesson 10.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 10,
    title: Text {
        zh: "persist 与 checkpoint：状态放在哪里，各要付出什么",
        en: "persist and checkpoint: where state lives, what each costs",
    },
    body: Text {
        zh: "`persist`（`cache`）把算好的 RDD 留在本机的 BlockManager 里：快，但节点一挂就没了。没有 persist 的 RDD 每被用一次就从源头重算一次，两个 shuffle 读同一个流，流上的函数就跑两遍。\n\n\
`checkpoint` 把 RDD 写到可靠的外部存储（HDFS），切断血缘：慢，要多跑一个 Job，但能从故障中恢复。有状态的流两者都用：每批的状态先 persist 在本机，下一批直接读它；每隔一段时间（默认 10 秒）再写一次 checkpoint。\n\n\
在演练场里：数一数每条记录被解析了几次，加上 cache 再数；看 checkpoint 批次多出来的 Job 和处理时间，再调整 checkpoint 间隔。",
        en: "`persist` (`cache`) keeps a computed RDD in the local BlockManager: fast, but gone if the node dies. An RDD that is not persisted is recomputed from its source every time it is used: when two shuffles read the same stream, the stream's functions run twice.\n\n\
`checkpoint` writes the RDD to reliable external storage (HDFS) and cuts its lineage: slow, one more job, but it survives failures. Stateful streams use both: each batch's state is persisted locally and the next batch reads it from there; every so often (10 seconds by default) it is also checkpointed.\n\n\
In the playground: count how many times each record is parsed, add cache and count again; look at the extra job and processing time of the checkpoint batch, then change the checkpoint interval.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1 s：counts 和 totals 各有一个 shuffle，都从 words 读。“调用”面板里每行 \"hi 1\" 被 split 了两次。",
                en: "1 s: counts and totals each have a shuffle, and both read words. In the calls panel, each \"hi 1\" line is split twice.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "9 s 和 10 s：10 s 的状态被写入 checkpoint，多一个 Job，处理时间也更长。",
                en: "9 s and 10 s: at 10 s the state is written to the checkpoint: one more job, and a longer processing time.",
            },
            time_ms: 10000,
        },
        Step {
            text: Text {
                zh: "在 counts 之前加一行 words.cache()：每行只解析一次，第二个 shuffle 直接读缓存。",
                en: "Add words.cache() before counts: each line is parsed once, and the second shuffle reads the cached blocks.",
            },
            time_ms: 2000,
        },
    ],
    predictions: &[
        Prediction {
            id: "parsed-twice",
            question: Text {
                zh: "2 s 的批次有两行 \"hi 1\"。split 函数（mapFunc）会为 \"hi 1\" 调用几次？",
                en: "The 2 s batch has two \"hi 1\" lines. How many times will the split function (mapFunc) run for \"hi 1\"?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "words 没有 persist，两个 shuffle 各自从 receiver 的块重新算一遍：2 行 × 2 = 4 次。",
                en: "words is not persisted, so each of the two shuffles recomputes it from the receiver's blocks: 2 lines × 2 = 4.",
            },
        },
        Prediction {
            id: "first-checkpoint",
            question: Text {
                zh: "状态第一次被写入 checkpoint 是在哪个批次（毫秒）？",
                en: "At which batch (in ms) is the state first written to the checkpoint?",
            },
            time_ms: 1000,
            explanation: Text {
                zh: "有状态流默认每 10 秒 checkpoint 一次：10000。",
                en: "A stateful stream is checkpointed every 10 seconds by default: 10000.",
            },
        },
        Prediction {
            id: "checkpoint-job",
            question: Text {
                zh: "10 s 的批次比 9 s 的多跑几个 Spark Job？",
                en: "How many more Spark jobs does the 10 s batch run than the 9 s batch?",
            },
            time_ms: 10000,
            explanation: Text {
                zh: "写 checkpoint 是一个单独的 Job：多 1 个。",
                en: "Writing the checkpoint is a job of its own: 1 more.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "parse-once",
            task: Text {
                zh: "保留两个输出，让每条记录在每个批次只被解析一次。",
                en: "Keep both outputs, and make each record be parsed only once per batch.",
            },
            hint: Text {
                zh: "把 words 留在内存里：words.cache()（或 persist()），写在两个 shuffle 之前。",
                en: "Keep words in memory: words.cache() (or persist()), before the two shuffles.",
            },
            reference: reference_cache,
        },
        Goal {
            id: "rare-checkpoint",
            task: Text {
                zh: "保留累计状态，但让前 12 秒里没有一个批次付出 checkpoint 的代价。（代价是什么？出故障时要重算更长的血缘。）",
                en: "Keep the running state, but let no batch of the first 12 seconds pay for a checkpoint. (The price: a longer lineage to recompute after a failure.)",
            },
            hint: Text {
                zh: "给状态流设一个更长的间隔：totals.checkpoint(Seconds(20))。",
                en: "Give the state stream a longer interval: totals.checkpoint(Seconds(20)).",
            },
            reference: reference_rare_checkpoint,
        },
    ],
};
