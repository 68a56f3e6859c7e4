//! Lesson 4: windows. Window size (how many batches a result covers) and slide (how often a
//! result is computed), both multiples of the batch interval, and when output appears. The
//! preset is the lesson's `format.window(Duration(5000), Duration(5000))` in its host program.

use super::{
    batch_at, batches_scenario, edit, hello_hi, print_blocks, printed_value, snippet_preset,
    Answer, Checks, Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const WINDOW: &str = "format.window(Duration(5000), Duration(5000))";

fn preset() -> Scenario {
    batches_scenario("windows", snippet_preset("window_5s_5s"), hello_hi(10))
}

fn reference_6s_every_2s() -> Scenario {
    let program = edit(
        &snippet_preset("window_5s_5s"),
        WINDOW,
        "format.window(Duration(6000), Duration(2000))",
    );
    batches_scenario("windows: 6 s every 2 s", program, hello_hi(10))
}

fn reference_totals() -> Scenario {
    let program = edit(
        &snippet_preset("window_5s_5s"),
        "newDS.print()",
        "newDS.reduceByKey(_ + _).print()",
    );
    batches_scenario("windows: totals", program, hello_hi(10))
}

fn prints_at_3s(t: &Trace) -> Option<Answer> {
    batch_at(t, 3000).map(|b| Answer::YesNo(!print_blocks(b).is_empty()))
}

fn batches_in_window_at_10s(t: &Trace) -> Option<Answer> {
    let w = batch_at(t, 10000)?.windows.first()?;
    Some(Answer::Number(w.batches.len() as i64))
}

/// Output only every 2 s, each covering 6 batches (6 s).
fn six_seconds_every_two(t: &Trace) -> bool {
    let printed: Vec<_> = t
        .batches
        .iter()
        .filter(|b| !print_blocks(b).is_empty())
        .collect();
    t.error.is_none()
        && printed.len() >= 3
        && printed.iter().all(|b| b.time_ms % 2000 == 0)
        && t.batches
            .iter()
            .flat_map(|b| &b.windows)
            .any(|w| w.batches.len() == 6)
        && t.batches
            .iter()
            .flat_map(|b| &b.windows)
            .all(|w| w.batches.len() <= 6)
}

/// At 5 s, print() shows the window's totals: (hello,5) and (hi,10).
fn totals_at_5s(t: &Trace) -> bool {
    batch_at(t, 5000).is_some_and(|b| {
        print_blocks(b).iter().any(|blk| {
            printed_value(blk, "hello") == Some(5) && printed_value(blk, "hi") == Some(10)
        })
    })
}

/// What the web app needs of lesson 4 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "windows",
    answers: &[
        ("output-at-3s", prints_at_3s),
        ("batches-in-window", batches_in_window_at_10s),
    ],
    goals: &[
        ("six-every-two", six_seconds_every_two),
        ("window-totals", totals_at_5s),
    ],
};

/// Lesson 4.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 4,
    title: Text {
        zh: "窗口：大小与滑动，批次间隔的整数倍，输出何时出现",
        en: "Windows: size and slide, multiples of the batch, when output appears",
    },
    body: Text {
        zh: "没有写 window 的时候，每个结果只看一个批次：窗口就是批次间隔本身。`window(窗口大小, 滑动间隔)` 把最近若干个批次的 RDD 合在一起算：窗口大小决定看多少历史，滑动间隔决定多久算一次、多久输出一次。\n\n\
两者都必须是批次间隔的整数倍，否则 Spark 在启动时就会报错。滑动间隔不写时等于批次间隔：每个批次都输出一次最近一个窗口的数据。\n\n\
在演练场里：预设是 window(5 s, 5 s)，每 5 秒输出一次。改变两个参数，看时间线上哪些批次有输出，窗口里包含哪些批次。",
        en: "Without a window, each result covers one batch: the window is the batch interval itself. `window(size, slide)` puts the RDDs of the last few batches together: the size says how much history a result covers, the slide how often it is computed and printed.\n\n\
Both must be multiples of the batch interval, or Spark refuses to start. Without a slide, it equals the batch interval: every batch prints the latest window.\n\n\
In the playground: the preset is window(5 s, 5 s), printing every 5 seconds. Change both durations and watch which batches print and which batches each window holds.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1–4 s：批次照常接收数据，但窗口的滑动间隔是 5 s，这些时刻不生成输出。",
                en: "1–4 s: batches receive data as usual, but the window slides every 5 s, so these times produce no output.",
            },
            time_ms: 3000,
        },
        Step {
            text: Text {
                zh: "5 s：第一个窗口，包含 1–5 s 五个批次的 15 条记录；print() 只显示前 10 条，后面跟着 \"...\"。",
                en: "5 s: the first window, with the 15 records of batches 1–5 s; print() shows the first 10 and then \"...\".",
            },
            time_ms: 5000,
        },
        Step {
            text: Text {
                zh: "10 s：下一个窗口正好接在上一个后面，没有重叠（大小 = 滑动）。",
                en: "10 s: the next window starts right where the last one ended, with no overlap (size = slide).",
            },
            time_ms: 10000,
        },
    ],
    predictions: &[
        Prediction {
            id: "output-at-3s",
            question: Text {
                zh: "3 s 时 print() 会打印吗？",
                en: "Will print() print anything at 3 s?",
            },
            time_ms: 3000,
            explanation: Text {
                zh: "不会：窗口流只在滑动间隔的整数倍（5 s、10 s…）生成 RDD，其他时刻连 Time 标题都没有。",
                en: "No: the windowed stream makes an RDD only at multiples of its slide (5 s, 10 s, …); at other times there is not even a Time header.",
            },
        },
        Prediction {
            id: "batches-in-window",
            question: Text {
                zh: "10 s 的窗口包含几个批次？",
                en: "How many batches does the window at 10 s hold?",
            },
            time_ms: 10000,
            explanation: Text {
                zh: "窗口大小 5 s ÷ 批次间隔 1 s = 5 个批次：6 s 到 10 s。",
                en: "A 5 s window over 1 s batches holds 5 batches: 6 s to 10 s.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "six-every-two",
            task: Text {
                zh: "改成每 2 秒输出一次最近 6 秒的数据。",
                en: "Print the last 6 seconds of data every 2 seconds.",
            },
            hint: Text {
                zh: "第一个参数是窗口大小，第二个是滑动间隔：window(Duration(6000), Duration(2000))。",
                en: "The first argument is the size, the second the slide: window(Duration(6000), Duration(2000)).",
            },
            reference: reference_6s_every_2s,
        },
        Goal {
            id: "window-totals",
            task: Text {
                zh: "让 5 s 的输出是窗口内每个词的总数：(hello,5) 和 (hi,10)。",
                en: "Make the output at 5 s the window's total per word: (hello,5) and (hi,10).",
            },
            hint: Text {
                zh: "window 只是把批次放在一起，并不合并；在它后面加 reduceByKey(_ + _)。",
                en: "window only puts batches together, it does not merge them; add reduceByKey(_ + _) after it.",
            },
            reference: reference_totals,
        },
    ],
};
