//! Lesson 6: `transform` against `foreachRDD`, actions make jobs, and the three scopes code
//! runs in (application, job, task), with the lesson's broadcast example as the preset.

use super::{
    batch_at, batches_scenario, edit, hello_hi, print_blocks, snippet_preset, Answer, Checks, Goal,
    Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::{Scope, Trace};

fn preset() -> Scenario {
    batches_scenario(
        "transform-scopes",
        snippet_preset("scopes_broadcast"),
        hello_hi(6),
    )
}

fn reference_keep_all() -> Scenario {
    let program = edit(
        &snippet_preset("scopes_broadcast"),
        "(6 to 15)",
        "(1 to 15)",
    );
    batches_scenario("transform-scopes: keep all", program, hello_hi(6))
}

fn reference_foreach_rdd() -> Scenario {
    batches_scenario(
        "transform-scopes: foreachRDD",
        snippet_preset("foreach_rdd"),
        hello_hi(6),
    )
}

fn application_prints(t: &Trace) -> Option<Answer> {
    t.batches.first()?;
    let needle = "Son of a bitch Syndra";
    let n = t.stdout_before.matches(needle).count()
        + t.batches
            .iter()
            .map(|b| b.stdout.matches(needle).count())
            .sum::<usize>();
    Some(Answer::Number(n as i64))
}

fn job_num_at_3s(t: &Trace) -> Option<Answer> {
    batch_at(t, 3000)?
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("jobNum : ")?.trim().parse().ok())
        .map(Answer::Number)
}

fn records_at_2s(t: &Trace) -> Option<Answer> {
    let blocks = print_blocks(batch_at(t, 2000)?);
    Some(Answer::Number(blocks.first()?.len() as i64))
}

/// Every batch with input prints all three of its records.
fn keeps_every_record(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches.iter().any(|b| b.num_records > 0)
        && t.batches
            .iter()
            .filter(|b| b.num_records > 0)
            .all(|b| print_blocks(b).first().is_some_and(|blk| blk.len() == 3))
}

/// No print(); every batch with input prints its records from tasks on the executors.
fn written_from_tasks(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches.iter().any(|b| b.num_records > 0)
        && t.batches.iter().all(|b| print_blocks(b).is_empty())
        && t.batches.iter().filter(|b| b.num_records > 0).all(|b| {
            b.console
                .iter()
                .any(|c| matches!(c.scope, Scope::Task { .. }) && c.text.contains("(hello,1)"))
        })
}

/// What the web app needs of lesson 6 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "transform-scopes",
    answers: &[
        ("application-scope", application_prints),
        ("job-num", job_num_at_3s),
        ("records-at-2s", records_at_2s),
    ],
    goals: &[
        ("keep-records", keeps_every_record),
        ("foreach-rdd", written_from_tasks),
    ],
};

/// Lesson 6.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 6,
    title: Text {
        zh: "transform 与 foreachRDD；action 产生 Job；Application、Job、Task 三种作用域",
        en: "transform vs foreachRDD; actions make jobs; application, job and task scopes",
    },
    body: Text {
        zh: "`transform` 和 `foreachRDD` 都在每个批次把这一批的 RDD 交给你的函数。`transform` 的函数必须返回一个 RDD，流还会继续往下走；`foreachRDD` 是末端，函数里必须自己调用 action（foreach、count…），否则什么都不会执行。两者函数里的每个 action 都会多跑一个 Spark Job。\n\n\
代码在哪里运行，取决于它写在哪里：main 里的语句在 Driver 上只跑一次（Application 级）；传给 transform/foreachRDD 的函数体在 Driver 上每个批次跑一次（Job 级）；传给 RDD 算子（filter、map）的函数在 Executor 的任务里对每条记录运行（Task 级）。\n\n\
在演练场里：预设是课程里的广播变量例子。看控制台每一行属于哪个作用域，以及第二个批次起为什么 print() 是空的。",
        en: "`transform` and `foreachRDD` both hand each batch's RDD to your function. A `transform` function must return an RDD, and the stream goes on; `foreachRDD` is the end of the line: its function must call an action itself (foreach, count, …), or nothing runs. In both, every action inside the function runs one more Spark job.\n\n\
Where code runs depends on where it is written: statements in main run once on the driver (application scope); the body of a function given to transform/foreachRDD runs on the driver once per batch (job scope); functions given to RDD operations (filter, map) run in tasks on the executors, once per record (task scope).\n\n\
In the playground: the preset is the lesson's broadcast example. See which scope each console line comes from, and why print() is empty from the second batch on.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "启动前：\"Son of a bitch Syndra\" 在 main 里打印一次，之后再也不会出现。",
                en: "Before the first batch: \"Son of a bitch Syndra\" is printed once in main and never again.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "1 s：transform 的函数在 Driver 上运行，jobNum 变成 1，广播 1 到 5；filter 在任务里运行，三条记录的值 1 都保留下来。",
                en: "1 s: the transform function runs on the driver, jobNum becomes 1, and 1 to 5 is broadcast; filter runs in the tasks and keeps all three records, whose value is 1.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "2 s：jobNum 变成 2，广播换成 6 到 15；值为 1 的记录全被过滤掉，print() 只剩标题。",
                en: "2 s: jobNum becomes 2 and 6 to 15 is broadcast instead; every record (value 1) is filtered out and print() shows only its header.",
            },
            time_ms: 2000,
        },
    ],
    predictions: &[
        Prediction {
            id: "application-scope",
            question: Text {
                zh: "整个运行过程中，\"Son of a bitch Syndra\" 会被打印几次？",
                en: "Over the whole run, how many times is \"Son of a bitch Syndra\" printed?",
            },
            time_ms: 1000,
            explanation: Text {
                zh: "它在 main 里、transform 之外：Application 级，只在启动时运行一次。",
                en: "It is in main, outside transform: application scope, run once at start-up.",
            },
        },
        Prediction {
            id: "job-num",
            question: Text {
                zh: "3 s 的批次会打印 jobNum : 几？",
                en: "What will the 3 s batch print after jobNum : ?",
            },
            time_ms: 3000,
            explanation: Text {
                zh: "transform 的函数体是 Job 级：每个批次在 Driver 上运行一次，jobNum 每批加一：3。",
                en: "The transform body is job scope: it runs once per batch on the driver, adding one each time: 3.",
            },
        },
        Prediction {
            id: "records-at-2s",
            question: Text {
                zh: "2 s 时 print() 会显示几条记录？",
                en: "How many records will print() show at 2 s?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "第二批起广播的是 6 到 15，而每条记录的值都是 1，filter 全部丢掉：0 条。",
                en: "From the second batch on, 6 to 15 is broadcast, and every record's value is 1, so filter drops them all: 0.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "keep-records",
            task: Text {
                zh: "保留 transform 和广播，让每个批次的 print() 都显示这一批的 3 条记录。",
                en: "Keep transform and the broadcast, and make print() show the batch's 3 records at every batch.",
            },
            hint: Text {
                zh: "第二批起广播的列表里没有 1。让它包含 1，例如 (1 to 15)。",
                en: "From the second batch on, the broadcast list has no 1. Make it contain 1, e.g. (1 to 15).",
            },
            reference: reference_keep_all,
        },
        Goal {
            id: "foreach-rdd",
            task: Text {
                zh: "不用 print()，改用 foreachRDD 在 Executor 上把每条记录打印出来。",
                en: "Without print(), use foreachRDD to print every record on the executors.",
            },
            hint: Text {
                zh: "format.foreachRDD(rdd => rdd.foreach(print))：函数体在 Driver 上，rdd.foreach 是 action，它的函数在任务里运行。",
                en: "format.foreachRDD(rdd => rdd.foreach(print)): the body runs on the driver, rdd.foreach is the action, and its function runs in the tasks.",
            },
            reference: reference_foreach_rdd,
        },
    ],
};
