//! Lesson 2: the first streaming word count (`socketTextStream`, `nc`, `print()`), and why
//! `local` prints nothing while `local[2]` works. The preset is the lesson's `Lesson01_Receiver01`
//! program, verbatim, with a few lines typed into `nc`.

use super::{
    batch_at, edit, number, print_blocks, snippet_preset, stamped_scenario, Answer, Checks, Goal,
    Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const LINES: &[(i64, &str)] = &[
    (1000, "hello world"),
    (2000, "hello spark"),
    (6000, "hi hello"),
    (12000, "spark"),
];

fn preset() -> Scenario {
    stamped_scenario(
        "first-word-count",
        snippet_preset("receiver01"),
        LINES,
        Some(4),
    )
}

fn reference_two_cores() -> Scenario {
    let program = edit(
        &snippet_preset("receiver01"),
        ".setMaster(\"local\")",
        ".setMaster(\"local[2]\")",
    );
    stamped_scenario("first-word-count: local[2]", program, LINES, Some(4))
}

fn reference_every_second() -> Scenario {
    let program = edit(
        &edit(
            &snippet_preset("receiver01"),
            ".setMaster(\"local\")",
            ".setMaster(\"local[2]\")",
        ),
        "Seconds(5)",
        "Seconds(1)",
    );
    stamped_scenario("first-word-count: 1 s batches", program, LINES, Some(20))
}

fn jobs_at_5s(t: &Trace) -> Option<Answer> {
    batch_at(t, 5000).map(|b| Answer::Number(i64::from(b.jobs)))
}

fn waiting_at_15s(t: &Trace) -> Option<Answer> {
    batch_at(t, 15000).map(|b| number(u64::from(b.waiting_batches)))
}

/// A receiver still reads `nc`, and every batch that received lines printed counts.
fn counts_printed(t: &Trace) -> bool {
    t.error.is_none()
        && t.program.scheduling.receivers >= 1
        && t.batches.iter().any(|b| b.num_records > 0)
        && t.batches
            .iter()
            .filter(|b| b.num_records > 0)
            .all(|b| print_blocks(b).iter().any(|blk| !blk.is_empty()))
}

/// One-second batches, and every batch that received lines printed counts.
fn counts_every_second(t: &Trace) -> bool {
    t.program.batch_ms == 1000 && counts_printed(t)
}

/// What the web app needs of lesson 2 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "first-word-count",
    answers: &[
        ("jobs-with-local", jobs_at_5s),
        ("queue-at-15s", waiting_at_15s),
    ],
    goals: &[
        ("print-counts", counts_printed),
        ("every-second", counts_every_second),
    ],
};

/// Lesson 2.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 2,
    title: Text {
        zh: "第一个流式 WordCount：socketTextStream、nc 与 print()",
        en: "The first streaming word count: socketTextStream, nc and print()",
    },
    body: Text {
        zh: "`socketTextStream` 连到一个 `nc -lk` 监听的端口，把敲进去的每一行当成一条记录。`StreamingContext(conf, Seconds(5))` 每 5 秒切一个批次，`print()` 是输出算子：没有它，一个 Job 都不会跑。\n\n\
接收数据的 receiver 本身就是一个长期运行的任务，要一直占着一个核。`local` 只有一个核，被 receiver 占掉以后，批次照样生成、排队，但没有核去算，所以屏幕上什么也没有。`local[2]` 多出一个核，计算才跑得起来。\n\n\
在演练场里：先用 `local` 运行，看控制台和排队的批次；再改成 `local[2]`，看计数出现。",
        en: "`socketTextStream` connects to a port where `nc -lk` listens and turns every line you type into a record. `StreamingContext(conf, Seconds(5))` cuts a batch every 5 seconds, and `print()` is an output operation: without one, no job ever runs.\n\n\
The receiver is itself a long-running task that holds one core for good. `local` has a single core; once the receiver takes it, batches are still generated and queued, but nothing computes them, so nothing appears. `local[2]` leaves a core for the jobs.\n\n\
In the playground: run with `local` and watch the console and the queue of batches; then switch to `local[2]` and watch the counts appear.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "5 s：第一个批次收到两行，却什么也没打印。看时间线：批次提交了，但没有开始处理。",
                en: "5 s: the first batch received two lines, yet nothing is printed. On the timeline, the batch was submitted but never started.",
            },
            time_ms: 5000,
        },
        Step {
            text: Text {
                zh: "15 s：排队的批次越来越多。控制台里 Spark 的警告说明了原因：local 模式下有 receiver 时要用 local[n]，n > 1。它在创建 StreamingContext 时就打印了，比 setLogLevel(\"ERROR\") 更早，所以没被关掉。",
                en: "15 s: the queue keeps growing. Spark's warning in the console says why: with receivers in local mode, use local[n] with n > 1. It is printed as the StreamingContext is created, before setLogLevel(\"ERROR\") runs, so it is not silenced.",
            },
            time_ms: 15000,
        },
        Step {
            text: Text {
                zh: "把 setMaster(\"local\") 改成 setMaster(\"local[2]\") 再运行：每 5 秒打印一次这 5 秒里的计数。",
                en: "Change setMaster(\"local\") to setMaster(\"local[2]\") and run again: every 5 seconds the counts of those 5 seconds are printed.",
            },
            time_ms: 5000,
        },
    ],
    predictions: &[
        Prediction {
            id: "jobs-with-local",
            question: Text {
                zh: "用 `local` 运行时，5 s 的批次会提交几个 Spark Job？",
                en: "With `local`, how many Spark jobs will the 5 s batch submit?",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "1 个：Spark 的 Job 执行线程提交了 print() 的 Job（Spark UI 的 Jobs 页里它一直是活动状态），可它的任务永远等不到核，因为唯一的核被 receiver 占着，所以 print() 什么都不显示。之后批次的 Job 排在它后面，连提交都轮不到。",
                en: "1: Spark's job executor submits print()'s job (the Jobs tab shows it active for good), but its task never gets a core, since the receiver holds the only one, so print() shows nothing. Later batches' jobs queue behind it and are never even submitted.",
            },
        },
        Prediction {
            id: "queue-at-15s",
            question: Text {
                zh: "15 s 的批次提交时，前面有几个批次还没处理完？",
                en: "When the 15 s batch is submitted, how many earlier batches are still unfinished?",
            },
            time_ms: 15000,
            explanation: Text {
                zh: "5 s 和 10 s 的批次都在排队，永远等不到核：2 个。",
                en: "The 5 s and 10 s batches are both queued, waiting for a core that never frees: 2.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "print-counts",
            task: Text {
                zh: "让每个收到数据的批次都打印出单词计数。",
                en: "Make every batch that received lines print its word counts.",
            },
            hint: Text {
                zh: "receiver 要一个核，计算还要一个：setMaster(\"local[2]\")。",
                en: "The receiver needs one core and the jobs another: setMaster(\"local[2]\").",
            },
            reference: reference_two_cores,
        },
        Goal {
            id: "every-second",
            task: Text {
                zh: "每秒打印一次这一秒里的单词计数。",
                en: "Print the word counts of each second, every second.",
            },
            hint: Text {
                zh: "批次间隔是 StreamingContext 的第二个参数：Seconds(1)。别忘了计算也需要一个核。",
                en: "The batch interval is the StreamingContext's second argument: Seconds(1). The jobs still need a core of their own.",
            },
            reference: reference_every_second,
        },
    ],
};
