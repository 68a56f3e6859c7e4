//! Lesson 3: batches block each other. One line makes its task sleep 3.5 s (`Thread.sleep` in
//! user code), so the 3 s batch outlasts its interval and the batches behind it wait: the
//! scheduling fields of each `BatchTrace` (`scheduling_delay_ms`, `waiting_batches`, …) show
//! the queue growing and draining.

use super::{
    batch_at, number, print_blocks, stamped_scenario, Answer, Checks, Goal, Lesson, Prediction,
    Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const PROGRAM: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("SlowBatch")
val ssc = new StreamingContext(conf, Seconds(1))
val lines = ssc.socketTextStream("localhost", 9999)
val words = lines.flatMap(_.split(" ")).map { w =>
  if (w == "slow") Thread.sleep(3500) // one record costs 3.5 s
  (w, 1)
}
words.reduceByKey(_ + _).print()
ssc.start()
ssc.awaitTermination()
"#;

/// `a b` every 250 ms from 50 ms, and `slow` at 2300 ms (the 3 s batch).
fn lines() -> Vec<(i64, &'static str)> {
    (0..40)
        .map(|i| (50 + 250 * i, if i == 9 { "slow" } else { "a b" }))
        .collect()
}

fn preset() -> Scenario {
    stamped_scenario("slow-batch", PROGRAM.into(), &lines(), None)
}

fn reference_concurrent() -> Scenario {
    let program = PROGRAM.replace(
        ".setMaster(\"local[2]\")",
        ".setMaster(\"local[4]\").set(\"spark.streaming.concurrentJobs\", \"4\")",
    );
    stamped_scenario("slow-batch: concurrent jobs", program, &lines(), None)
}

fn waiting_at_5s(t: &Trace) -> Option<Answer> {
    batch_at(t, 5000).map(|b| number(u64::from(b.waiting_batches)))
}

fn batch_4s_on_time(t: &Trace) -> Option<Answer> {
    batch_at(t, 4000).and_then(|b| b.scheduling_delay_ms.map(|d| Answer::YesNo(d == 0)))
}

fn first_on_time_after_3s(t: &Trace) -> Option<Answer> {
    t.batches
        .iter()
        .find(|b| b.time_ms > 3000 && b.scheduling_delay_ms == Some(0))
        .map(|b| Answer::Number(b.time_ms))
}

/// The slow record still sleeps, every batch prints, and none waits more than 100 ms.
fn no_waiting(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches.iter().any(|b| b.sleep_ms >= 3000)
        && t.batches
            .iter()
            .filter(|b| b.num_records > 0)
            .all(|b| b.scheduling_delay_ms.is_some_and(|d| d <= 100) && !print_blocks(b).is_empty())
}

/// What the web app needs of lesson 3 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "slow-batch",
    answers: &[
        ("waiting-at-5s", waiting_at_5s),
        ("4s-on-time", batch_4s_on_time),
        ("first-on-time", first_on_time_after_3s),
    ],
    goals: &[("no-queue", no_waiting)],
};

/// Lesson 3.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 3,
    title: Text {
        zh: "批次之间会阻塞：一个慢批次和它身后的调度延迟",
        en: "Batches block each other: a slow batch and the scheduling delay behind it",
    },
    body: Text {
        zh: "默认情况下，Spark Streaming 只用一个线程按顺序执行各批次的 Job（spark.streaming.concurrentJobs = 1）。一个批次如果比批次间隔还慢，下一个批次到点照样生成，但只能排队。\n\n\
Streaming 页面上的几个数字描述的就是这件事：提交时间、开始处理时间、调度延迟（开始 − 提交，也就是排队的时间）、处理时间、总延迟，以及提交时还没做完的批次数。\n\n\
在演练场里：`slow` 这一行让它的任务睡 3.5 秒。看 3 s 批次之后的调度延迟怎么一批比一批小，直到队列清空；再试试给 Job 更多线程和核。",
        en: "By default Spark Streaming runs the batches' jobs one after another on a single thread (spark.streaming.concurrentJobs = 1). When a batch takes longer than the interval, the next batch is still generated on time, but it has to queue.\n\n\
The Streaming page's figures describe exactly this: submission time, processing start, scheduling delay (start − submission: the time spent queueing), processing time, total delay, and how many batches were unfinished at submission.\n\n\
In the playground: the line `slow` makes its task sleep 3.5 s. Watch the scheduling delay of the batches after 3 s shrink batch by batch until the queue drains; then try giving the jobs more threads and cores.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "3 s：这一批包含 `slow`，处理时间约 3.5 秒，远超 1 秒的间隔。",
                en: "3 s: this batch holds `slow`; it takes about 3.5 s to process, far beyond the 1 s interval.",
            },
            time_ms: 3000,
        },
        Step {
            text: Text {
                zh: "4 s、5 s、6 s：它们准时提交，却要等 3 s 批次结束才开始。调度延迟依次变小，因为后面的批次提交得更晚。",
                en: "4 s, 5 s, 6 s: each is submitted on time but starts only when the 3 s batch ends. Their scheduling delays shrink, because each was submitted later.",
            },
            time_ms: 5000,
        },
        Step {
            text: Text {
                zh: "7 s：队列清空，批次又准时开始。",
                en: "7 s: the queue has drained, and batches start on time again.",
            },
            time_ms: 7000,
        },
    ],
    predictions: &[
        Prediction {
            id: "waiting-at-5s",
            question: Text {
                zh: "5 s 的批次提交时，有几个更早的批次还没完成？",
                en: "When the 5 s batch is submitted, how many earlier batches are unfinished?",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "3 s 的批次还在睡，4 s 的批次在它后面排队：2 个。",
                en: "The 3 s batch is still sleeping and the 4 s batch queues behind it: 2.",
            },
        },
        Prediction {
            id: "4s-on-time",
            question: Text {
                zh: "4 s 的批次会准时开始处理吗（调度延迟为 0）？",
                en: "Will the 4 s batch start on time (scheduling delay 0)?",
            },
            time_ms: 4000,
            explanation: Text {
                zh: "不会：只有一个 Job 线程，它要等 3 s 批次做完，延迟两秒多。",
                en: "No: there is one job thread, so it waits for the 3 s batch to finish, more than two seconds.",
            },
        },
        Prediction {
            id: "first-on-time",
            question: Text {
                zh: "3 s 之后，第一个调度延迟为 0 的批次是哪个（毫秒）？",
                en: "After 3 s, which is the first batch (in ms) with a scheduling delay of 0?",
            },
            time_ms: 4000,
            explanation: Text {
                zh: "3 s 批次大约在 6.5 s 结束，4、5、6 s 的批次很快做完；7 s 的批次到来时队列已空。",
                en: "The 3 s batch ends at about 6.5 s and the 4, 5 and 6 s batches finish quickly; when the 7 s batch comes, the queue is empty.",
            },
        },
    ],
    goals: &[Goal {
        id: "no-queue",
        task: Text {
            zh: "保留 `slow` 的 3.5 秒睡眠，让每个批次的调度延迟都不超过 100 ms。",
            en: "Keep the 3.5 s sleep of `slow`, and make every batch's scheduling delay 100 ms or less.",
        },
        hint: Text {
            zh: "让多个批次的 Job 同时跑：spark.streaming.concurrentJobs，再给它们足够的核（local[4]）。",
            en: "Let several batches' jobs run at once: spark.streaming.concurrentJobs, and give them enough cores (local[4]).",
        },
        reference: reference_concurrent,
    }],
};
