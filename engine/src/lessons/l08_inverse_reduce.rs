//! Lesson 8: the inverse reduce. `reduceByKeyAndWindow(reduceFunc, invReduceFunc, …)` adds the
//! batch that enters and subtracts the one that leaves, so in the lesson's example it calls
//! `reduceFunc` 3 times and `invReduceFunc` 2 times per batch; the first value of a key never
//! reaches `reduceFunc` (`createCombiner` is Spark's own); keys linger at 0 without
//! `filterFunc`; and a slide longer than the window gives wrong totals. The preset is the
//! lesson's `window_inverse` program; `hey` appears only in the first two batches.

use super::{
    batch_at, batches_scenario, calls, edit, number, print_blocks, printed_value, snippet_preset,
    total_calls, Answer, Checks, Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const DURATIONS: &str = "Duration(5000), Duration(1000))";

/// Twelve batches of `hello 1, hi 1, hi 1`; the first two also have `hey 1`.
fn input() -> Vec<Vec<&'static str>> {
    (0..12)
        .map(|i| {
            let mut b = vec!["hello 1", "hi 1", "hi 1"];
            if i < 2 {
                b.push("hey 1");
            }
            b
        })
        .collect()
}

fn preset() -> Scenario {
    batches_scenario("inverse-reduce", snippet_preset("window_inverse"), input())
}

fn reference_filter() -> Scenario {
    let program = edit(
        &snippet_preset("window_inverse"),
        DURATIONS,
        "Duration(5000), Duration(1000), 2, (kv: (String, Int)) => kv._2 != 0)",
    );
    batches_scenario("inverse-reduce: filterFunc", program, input())
}

fn reference_long_slide() -> Scenario {
    let program = edit(
        &snippet_preset("window_no_inverse"),
        DURATIONS,
        "Duration(2000), Duration(3000))",
    );
    batches_scenario("inverse-reduce: slide > window", program, input())
}

fn reduce_calls_at_1s(t: &Trace) -> Option<Answer> {
    batch_at(t, 1000).map(|b| number(total_calls(b, "reduceFunc")))
}

fn hi_inverse_at_7s(t: &Trace) -> Option<Answer> {
    batch_at(t, 7000).map(|b| number(calls(b, "invReduceFunc", "hi")))
}

fn reduce_calls_at_9s(t: &Trace) -> Option<Answer> {
    batch_at(t, 9000).map(|b| number(total_calls(b, "reduceFunc")))
}

fn inverse_calls_at_9s(t: &Trace) -> Option<Answer> {
    batch_at(t, 9000).map(|b| number(total_calls(b, "invReduceFunc")))
}

fn hey_at_8s(t: &Trace) -> Option<Answer> {
    let blocks = print_blocks(batch_at(t, 8000)?);
    printed_value(blocks.first()?, "hey").map(Answer::Number)
}

/// The inverse function still runs, no printed count is 0, and the window at 9 s is right.
fn no_zero_keys(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches
            .iter()
            .any(|b| total_calls(b, "invReduceFunc") > 0)
        && t.batches
            .iter()
            .flat_map(print_blocks)
            .flatten()
            .all(|l| !l.ends_with(",0)"))
        && batch_at(t, 9000).is_some_and(|b| {
            print_blocks(b).iter().any(|blk| {
                printed_value(blk, "hello") == Some(5) && printed_value(blk, "hi") == Some(10)
            })
        })
}

/// A 2 s window sliding every 3 s, printing the right totals at 6 s: (hello,2) and (hi,4).
fn long_slide_right(t: &Trace) -> bool {
    t.error.is_none()
        && t.program
            .streams
            .iter()
            .any(|s| s.window_ms == Some(2000) && s.slide_ms == 3000)
        && batch_at(t, 6000).is_some_and(|b| {
            print_blocks(b).iter().any(|blk| {
                printed_value(blk, "hello") == Some(2) && printed_value(blk, "hi") == Some(4)
            })
        })
}

/// What the web app needs of lesson 8 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "inverse-reduce",
    answers: &[
        ("first-batch", reduce_calls_at_1s),
        ("hi-inverse", hi_inverse_at_7s),
        ("steady-reduce", reduce_calls_at_9s),
        ("steady-inverse", inverse_calls_at_9s),
        ("lingering", hey_at_8s),
    ],
    goals: &[
        ("filter-zero", no_zero_keys),
        ("long-slide", long_slide_right),
    ],
};

/// Lesson 8.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 8,
    title: Text {
        zh: "逆向 reduce：加上进入的，减去离开的",
        en: "The inverse reduce: add what enters, subtract what leaves",
    },
    body: Text {
        zh: "窗口每滑动一次，大部分数据其实没变。给 `reduceByKeyAndWindow` 再传一个逆函数（invReduceFunc），Spark 就不再重算整个窗口，而是拿上一个窗口的结果，加上新进入的批次、减去刚离开的批次。为此它要保存上一个窗口的结果，所以这种写法需要 checkpoint 目录。\n\n\
课程的例子里每秒一个 hello、两个 hi。稳定后每个批次：hi 在批内合并一次，再和旧结果合并一次；hello 只和旧结果合并一次：reduceFunc 共 3 次。离开的批次里 hello、hi 各减一次：invReduceFunc 共 2 次。每个 key 的第一个值不经过你的函数：它由 Spark 自带的 createCombiner 直接放进去。\n\n\
两个陷阱：不再出现的 key 会以 0 留在结果里，要用 filterFunc 去掉；滑动间隔比窗口还长时，加减的批次对不上，结果是错的。\n\n\
在演练场里：用控制台里的“被调起...”数 reduceFunc，用“调用”面板看每个 key 的调用。",
        en: "Each time a window slides, most of its data stays the same. Give `reduceByKeyAndWindow` an inverse function (invReduceFunc) as well, and Spark stops recomputing the whole window: it takes the previous window's result, adds the batch that entered and subtracts the batch that left. It must keep the previous result for that, so this form needs a checkpoint directory.\n\n\
In the lesson's example one hello and two hi arrive every second. In the steady state, each batch: hi is merged once inside the batch and once with the old result; hello only once with the old result: 3 reduceFunc calls. In the batch that left, hello and hi are each subtracted once: 2 invReduceFunc calls. A key's first value never goes through your function: Spark's own createCombiner puts it in as it is.\n\n\
Two traps: keys that stop arriving linger in the result at 0 until filterFunc removes them; and with a slide longer than the window, the batches added and subtracted do not line up, and the totals are wrong.\n\n\
In the playground: count reduceFunc by the console's \"被调起...\" lines, and see the calls per key in the calls panel.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1 s：只有一个“被调起...”：两个 hi 合并一次；hello 和 hey 只有一个值，不调用你的函数。",
                en: "1 s: a single \"被调起...\": the two hi are merged once; hello and hey have one value each and never reach your function.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "6 s：1 s 的批次离开窗口，invReduceFunc 第一次出现：hello、hi、hey 各减一次。",
                en: "6 s: the 1 s batch leaves the window and invReduceFunc appears for the first time: hello, hi and hey are each subtracted once.",
            },
            time_ms: 6000,
        },
        Step {
            text: Text {
                zh: "8 s：hey 已经离开窗口，但 (hey,0) 还在输出里：状态里的 key 不会自己消失。",
                en: "8 s: hey has left the window, but (hey,0) is still printed: keys do not leave the state on their own.",
            },
            time_ms: 8000,
        },
        Step {
            text: Text {
                zh: "9 s：稳定状态，reduceFunc 3 次、invReduceFunc 2 次。再把参数改成 Duration(2000), Duration(3000)，看 6 s 时 hello 的值为什么是 3 而不是 2。",
                en: "9 s: the steady state, 3 reduceFunc and 2 invReduceFunc calls. Then change the durations to Duration(2000), Duration(3000) and see why hello is 3 at 6 s instead of 2.",
            },
            time_ms: 9000,
        },
    ],
    predictions: &[
        Prediction {
            id: "first-batch",
            question: Text {
                zh: "1 s 的批次（一个 hello、两个 hi、一个 hey），reduceFunc 一共调用几次？",
                en: "In the 1 s batch (one hello, two hi, one hey), how many times does reduceFunc run in all?",
            },
            time_ms: 1000,
            explanation: Text {
                zh: "只有 hi 有第二个值：1 次。每个 key 的第一个值由 createCombiner 接收，那不是你的函数。",
                en: "Only hi has a second value: 1 call. Each key's first value is taken by createCombiner, which is not your function.",
            },
        },
        Prediction {
            id: "hi-inverse",
            question: Text {
                zh: "7 s 时，invReduceFunc 会为 hi 调用几次？",
                en: "At 7 s, how many times will invReduceFunc run for hi?",
            },
            time_ms: 7000,
            explanation: Text {
                zh: "每次滑动只离开一个批次（2 s 的），它的 hi 已经合并成 (hi,2)：减一次。",
                en: "One batch leaves per slide (the 2 s one), and its hi values are already merged into (hi,2): one subtraction.",
            },
        },
        Prediction {
            id: "steady-reduce",
            question: Text {
                zh: "9 s 时（稳定状态），reduceFunc 一共调用几次？",
                en: "At 9 s (the steady state), how many times does reduceFunc run in all?",
            },
            time_ms: 9000,
            explanation: Text {
                zh: "hi：批内 1 次 + 与旧窗口合并 1 次；hello：与旧窗口合并 1 次。共 3 次。",
                en: "hi: 1 inside the batch + 1 with the old window; hello: 1 with the old window. 3 in all.",
            },
        },
        Prediction {
            id: "steady-inverse",
            question: Text {
                zh: "9 s 时，invReduceFunc 一共调用几次？",
                en: "At 9 s, how many times does invReduceFunc run in all?",
            },
            time_ms: 9000,
            explanation: Text {
                zh: "离开的 4 s 批次里有 hello 和 hi 两个 key：各减一次，共 2 次。",
                en: "The 4 s batch that leaves has two keys, hello and hi: one subtraction each, 2 in all.",
            },
        },
        Prediction {
            id: "lingering",
            question: Text {
                zh: "hey 只在前两秒出现。8 s 时 print() 给 hey 的值是多少？",
                en: "hey arrives only in the first two seconds. What value does print() show for hey at 8 s?",
            },
            time_ms: 8000,
            explanation: Text {
                zh: "1 − 1 − … 减到 0，但 key 还在：0。",
                en: "Subtracted down to 0, but the key stays: 0.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "filter-zero",
            task: Text {
                zh: "保留逆函数，让计数为 0 的 key 不再出现在输出里。",
                en: "Keep the inverse function, and make keys whose count is 0 disappear from the output.",
            },
            hint: Text {
                zh: "reduceByKeyAndWindow 还有两个参数：分区数和 filterFunc，例如 2, (kv: (String, Int)) => kv._2 != 0。",
                en: "reduceByKeyAndWindow takes two more arguments: the number of partitions and filterFunc, e.g. 2, (kv: (String, Int)) => kv._2 != 0.",
            },
            reference: reference_filter,
        },
        Goal {
            id: "long-slide",
            task: Text {
                zh: "用 2 秒的窗口、3 秒的滑动间隔，让 6 s 的输出是正确的 (hello,2) 和 (hi,4)。",
                en: "With a 2 s window sliding every 3 s, make the output at 6 s the right (hello,2) and (hi,4).",
            },
            hint: Text {
                zh: "滑动比窗口长时，加减的批次对不上。去掉逆函数，让每个窗口重新计算。",
                en: "When the slide is longer than the window, the batches added and subtracted do not match. Drop the inverse function so each window is computed afresh.",
            },
            reference: reference_long_slide,
        },
    ],
};
