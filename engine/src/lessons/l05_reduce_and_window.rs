//! Lesson 5: `reduceByKey` then `window`, `window` then `reduceByKey`, and
//! `reduceByKeyAndWindow`. The preset is the lesson's pair `reduce.window(…)` / `win.reduceByKey(…)`
//! printed side by side; a goal asks for the same totals with fewer `reduceFunc` calls.

use super::{
    batch_at, batches_scenario, calls, hello_hi, number, print_blocks, printed_value,
    snippet_preset, total_calls, Answer, Checks, Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

fn preset() -> Scenario {
    batches_scenario(
        "reduce-and-window",
        snippet_preset("reduce_then_window"),
        hello_hi(8),
    )
}

fn reference_reduce_by_key_and_window() -> Scenario {
    batches_scenario(
        "reduce-and-window: reduceByKeyAndWindow",
        snippet_preset("reduce_by_key_and_window"),
        hello_hi(8),
    )
}

fn first_print_lines_at_5s(t: &Trace) -> Option<Answer> {
    let blocks = print_blocks(batch_at(t, 5000)?);
    Some(Answer::Number(blocks.first()?.len() as i64))
}

fn res1_hi_at_5s(t: &Trace) -> Option<Answer> {
    let blocks = print_blocks(batch_at(t, 5000)?);
    printed_value(blocks.get(1)?, "hi").map(Answer::Number)
}

fn hi_calls_at_6s(t: &Trace) -> Option<Answer> {
    batch_at(t, 6000).map(|b| number(calls(b, "reduceFunc", "hi")))
}

/// From 5 s on, a print() block shows the window totals (hello,5) and (hi,10), and no batch
/// calls reduceFunc more than 9 times.
fn totals_with_few_calls(t: &Trace) -> bool {
    let late: Vec<_> = t.batches.iter().filter(|b| b.time_ms >= 5000).collect();
    t.error.is_none()
        && !late.is_empty()
        && late.iter().all(|b| {
            print_blocks(b).iter().any(|blk| {
                printed_value(blk, "hello") == Some(5) && printed_value(blk, "hi") == Some(10)
            })
        })
        && t.batches.iter().all(|b| total_calls(b, "reduceFunc") <= 9)
}

/// What the web app needs of lesson 5 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "reduce-and-window",
    answers: &[
        ("res-lines", first_print_lines_at_5s),
        ("res1-hi", res1_hi_at_5s),
        ("hi-calls", hi_calls_at_6s),
    ],
    goals: &[("fewer-merges", totals_with_few_calls)],
};

/// Lesson 5.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 5,
    title: Text {
        zh: "先 reduceByKey 再 window、先 window 再 reduceByKey，以及 reduceByKeyAndWindow",
        en: "reduceByKey then window, window then reduceByKey, and reduceByKeyAndWindow",
    },
    body: Text {
        zh: "顺序很重要。先 `reduceByKey` 再 `window`：每个批次先各自合并，窗口再把五个批次的结果摆在一起，但不会再合并，所以同一个词出现五次。先 `window` 再 `reduceByKey`：先把五个批次的原始记录放在一起，再整体合并，得到的才是窗口内的总数。\n\n\
`reduceByKeyAndWindow(_ + _, Duration(5000))` 就是后者的简写，而且更省：它先在每个批次内合并，再合并五个批次的小结果，同样的总数，调用 reduceFunc 的次数更少。\n\n\
在演练场里：对比两个 print() 的输出，再看“调用”面板里每个批次 reduceFunc 的调用次数。",
        en: "Order matters. `reduceByKey` then `window`: each batch is merged on its own, and the window just lays five batches' results side by side without merging them again, so each word appears five times. `window` then `reduceByKey`: the raw records of five batches are put together first and merged as a whole, giving the window's real totals.\n\n\
`reduceByKeyAndWindow(_ + _, Duration(5000))` is shorthand for the second, and cheaper: it merges within each batch first and then merges five small results, the same totals with fewer reduceFunc calls.\n\n\
In the playground: compare the two print() outputs, then look at reduceFunc's calls per batch in the calls panel.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1 s：两个输出一样，窗口里只有一个批次。",
                en: "1 s: both outputs agree; the window holds one batch.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "5 s：第一个输出（res）把五个批次的 (hello,1)、(hi,2) 原样列出；第二个（res1）给出总数。",
                en: "5 s: the first output (res) lists the five batches' (hello,1) and (hi,2) as they are; the second (res1) gives the totals.",
            },
            time_ms: 5000,
        },
        Step {
            text: Text {
                zh: "6 s：窗口开始滑动。数一数 reduceFunc：res1 每次都要把窗口里的 15 条记录从头合并。",
                en: "6 s: the window slides. Count reduceFunc: res1 merges all 15 records of the window from scratch every time.",
            },
            time_ms: 6000,
        },
    ],
    predictions: &[
        Prediction {
            id: "res-lines",
            question: Text {
                zh: "5 s 时，第一个 print()（res = reduce.window）会打印几行记录？",
                en: "At 5 s, how many records will the first print() (res = reduce.window) show?",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "五个批次，每批合并后有 (hello,1) 和 (hi,2) 两条，窗口不再合并：10 条。",
                en: "Five batches of two merged records each, (hello,1) and (hi,2), not merged again by the window: 10.",
            },
        },
        Prediction {
            id: "res1-hi",
            question: Text {
                zh: "5 s 时，第二个 print()（res1 = win.reduceByKey）给 hi 的值是多少？",
                en: "At 5 s, what value does the second print() (res1 = win.reduceByKey) show for hi?",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "五个批次各有两个 (hi,1)：10。",
                en: "Five batches with two (hi,1) each: 10.",
            },
        },
        Prediction {
            id: "hi-calls",
            question: Text {
                zh: "6 s 时，reduceFunc 对 hi 一共调用几次（两条链加起来）？",
                en: "At 6 s, how many times does reduceFunc run for hi (both chains together)?",
            },
            time_ms: 6000,
            explanation: Text {
                zh: "reduce 链只合并新批次的两个 hi：1 次；res1 合并窗口里的 10 个 hi：9 次。共 10 次。",
                en: "The reduce chain merges only the new batch's two hi: 1 call; res1 merges the window's 10 hi: 9 calls. 10 in all.",
            },
        },
    ],
    goals: &[Goal {
        id: "fewer-merges",
        task: Text {
            zh: "从 5 s 起每个批次都打印窗口总数 (hello,5) 和 (hi,10)，并且每个批次 reduceFunc 最多调用 9 次。",
            en: "From 5 s on, print the window totals (hello,5) and (hi,10) at every batch, with at most 9 reduceFunc calls per batch.",
        },
        hint: Text {
            zh: "去掉两条链，换成 format.reduceByKeyAndWindow(_ + _, Duration(5000))：每个批次只合并一次，再合并五个小结果。",
            en: "Replace both chains with format.reduceByKeyAndWindow(_ + _, Duration(5000)): each batch is merged once, then five small results.",
        },
        reference: reference_reduce_by_key_and_window,
    }],
};
