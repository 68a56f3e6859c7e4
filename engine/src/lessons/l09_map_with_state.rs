//! Lesson 9: `mapWithState` against `updateStateByKey`: one call per record instead of one per
//! key, no call for idle keys, state that changes only through `state.update`, and timeouts
//! that fire only on the batches where the state is checkpointed. The preset is the lesson's
//! `mapWithState` code (with the `print()` it lacks), which never updates its state.

use super::{
    batch_at, batches_scenario, calls, edit, number, print_blocks, snippet_preset, Answer, Checks,
    Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const RESULT: &str = "(k, nv.getOrElse(0) + ov.getOption.getOrElse(0))";

/// Three batches of `hello 1, hi 1, hi 1`, then nine of `hi 1, hi 1`.
fn input() -> Vec<Vec<&'static str>> {
    let mut b = vec![vec!["hello 1", "hi 1", "hi 1"]; 3];
    b.extend(vec![vec!["hi 1", "hi 1"]; 9]);
    b
}

fn preset() -> Scenario {
    batches_scenario("map-with-state", snippet_preset("map_with_state"), input())
}

/// The lesson's function, keeping its sum in the state.
fn updating_program(guard: &str) -> String {
    edit(
        &snippet_preset("map_with_state"),
        RESULT,
        &format!(
            "val sum = nv.getOrElse(0) + ov.getOption.getOrElse(0)\n        {guard}ov.update(sum)\n        (k, sum)"
        ),
    )
}

fn reference_update() -> Scenario {
    batches_scenario("map-with-state: update", updating_program(""), input())
}

fn reference_timeout() -> Scenario {
    let program = edit(
        &updating_program("if (!ov.isTimingOut) "),
        "    ))\n    .print()",
        "    ).timeout(Duration(2000))).checkpoint(Duration(2000))\n    .print()",
    );
    batches_scenario("map-with-state: timeout", program, input())
}

fn hi_calls_at_2s(t: &Trace) -> Option<Answer> {
    batch_at(t, 2000).map(|b| number(calls(b, "mappingFunc", "hi")))
}

fn hello_old_value_at_3s(t: &Trace) -> Option<Answer> {
    batch_at(t, 3000)?.stdout.lines().find_map(|l| {
        let rest = l.strip_prefix("=====K: hello, NV: ")?;
        let (_, ov) = rest.split_once(", OV: ")?;
        ov.strip_suffix("=====")?.parse().ok().map(Answer::Number)
    })
}

fn hello_calls_at_4s(t: &Trace) -> Option<Answer> {
    batch_at(t, 4000).map(|b| number(calls(b, "mappingFunc", "hello")))
}

/// The running count reaches the output: (hello,3) at 3 s and (hi,10) at 5 s.
fn running_count(t: &Trace) -> bool {
    let shows = |ms: i64, line: &str| {
        batch_at(t, ms).is_some_and(|b| print_blocks(b).iter().flatten().any(|l| l == line))
    };
    t.error.is_none() && shows(3000, "(hello,3)") && shows(5000, "(hi,10)")
}

/// mappingFunc runs for hello, which stopped arriving after 3 s, in a batch after 3 s and
/// no later than 6 s: its timeout fired.
fn times_out_by_6s(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches.iter().any(|b| {
            b.time_ms > 3000
                && b.time_ms <= 6000
                && !b.input.iter().any(|l| l.starts_with("hello"))
                && calls(b, "mappingFunc", "hello") > 0
        })
}

/// What the web app needs of lesson 9 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "map-with-state",
    answers: &[
        ("per-record", hi_calls_at_2s),
        ("old-value", hello_old_value_at_3s),
        ("idle-key", hello_calls_at_4s),
    ],
    goals: &[
        ("running-count", running_count),
        ("timeout-by-6s", times_out_by_6s),
    ],
};

/// Lesson 9.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 9,
    title: Text {
        zh: "mapWithState 与 updateStateByKey：逐条记录 vs 逐个 key；只在 checkpoint 批次触发的超时",
        en: "mapWithState vs updateStateByKey: per record vs per key; timeouts that fire only on checkpoint batches",
    },
    body: Text {
        zh: "`updateStateByKey` 每批把一个 key 的所有新值一次性交给函数，而且状态里的每个 key 每批都要处理。`mapWithState` 则是每来一条记录调用一次函数，参数是 key、这条记录的值（Option）和这个 key 的 State；没有新数据的 key 不会被调用，所以 key 很多时便宜得多。\n\n\
State 不会自己改变：函数必须调用 `state.update(...)`，否则下一次读到的还是旧值。函数的返回值是输出流里的一条记录，不是新状态。\n\n\
用 `StateSpec.function(...).timeout(d)` 可以让长时间没有数据的 key 过期，过期时函数会再被调用一次（isTimingOut 为真）。但检查超时要扫描全部状态，Spark 只在状态被 checkpoint 的批次做这件事（默认每 10 个批次），所以超时会比 d 晚很多才触发。\n\n\
在演练场里：看课程代码打印的 OV 为什么一直是 0，然后让计数真正累加，再试试超时。",
        en: "`updateStateByKey` hands a key's new values to its function all at once, and every key in the state is processed every batch. `mapWithState` calls its function once per record, with the key, that record's value (an Option) and the key's State; keys with no new data are not called at all, which is far cheaper when there are many keys.\n\n\
The State does not change by itself: the function must call `state.update(...)`, or the next call reads the old value again. What the function returns is a record of the output stream, not the new state.\n\n\
`StateSpec.function(...).timeout(d)` expires keys that get no data for a while, calling the function once more as they go (isTimingOut is true). But finding them means scanning the whole state, which Spark does only on the batches where the state is checkpointed (every 10 batches by default), so a timeout fires well after d.\n\n\
In the playground: see why the lesson's code always prints OV: 0, make the count really accumulate, then try a timeout.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1 s：三条记录，函数调用三次：hi 两次、hello 一次；输出里也有三条记录。",
                en: "1 s: three records, three calls: twice for hi, once for hello; the output has three records too.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "3 s：OV 还是 0。函数只返回了 (k, 和)，从没调用 ov.update，状态一直是空的。",
                en: "3 s: OV is still 0. The function only returns (k, sum) and never calls ov.update, so the state stays empty.",
            },
            time_ms: 3000,
        },
        Step {
            text: Text {
                zh: "4 s：没有 hello，函数也不为 hello 调用（updateStateByKey 会调用）。",
                en: "4 s: no hello, and the function is not called for hello (updateStateByKey would be).",
            },
            time_ms: 4000,
        },
        Step {
            text: Text {
                zh: "加上 ov.update 和 .timeout(Duration(2000))：hello 的超时要等到 10 s 的 checkpoint 批次才触发；再加 .checkpoint(Duration(2000)) 看它提前到 6 s。",
                en: "Add ov.update and .timeout(Duration(2000)): hello's timeout waits for the checkpoint batch at 10 s; add .checkpoint(Duration(2000)) and watch it move to 6 s.",
            },
            time_ms: 10000,
        },
    ],
    predictions: &[
        Prediction {
            id: "per-record",
            question: Text {
                zh: "2 s 时，mappingFunc 会为 hi 调用几次？",
                en: "At 2 s, how many times will mappingFunc run for hi?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "每条记录一次：这一批有两个 hi，调用 2 次（updateStateByKey 只调用 1 次）。",
                en: "Once per record: two hi in this batch, 2 calls (updateStateByKey would call once).",
            },
        },
        Prediction {
            id: "old-value",
            question: Text {
                zh: "3 s 时，课程代码为 hello 打印的 OV 是多少？",
                en: "At 3 s, what OV does the lesson's code print for hello?",
            },
            time_ms: 3000,
            explanation: Text {
                zh: "0：函数从未调用 ov.update，状态里什么也没有，getOrElse(0) 给出 0。",
                en: "0: the function never calls ov.update, so the state holds nothing and getOrElse(0) gives 0.",
            },
        },
        Prediction {
            id: "idle-key",
            question: Text {
                zh: "4 s 的批次没有 hello。mappingFunc 会为 hello 调用几次？",
                en: "The 4 s batch has no hello. How many times will mappingFunc run for hello?",
            },
            time_ms: 4000,
            explanation: Text {
                zh: "0：mapWithState 只为这一批到达的记录调用函数（超时除外）。",
                en: "0: mapWithState calls the function only for records that arrived in the batch (timeouts aside).",
            },
        },
    ],
    goals: &[
        Goal {
            id: "running-count",
            task: Text {
                zh: "让输出变成真正的累计数：3 s 时有 (hello,3)，5 s 时有 (hi,10)。",
                en: "Make the output a real running count: (hello,3) at 3 s and (hi,10) at 5 s.",
            },
            hint: Text {
                zh: "先算出 sum，调用 ov.update(sum)，再返回 (k, sum)。",
                en: "Compute sum, call ov.update(sum), then return (k, sum).",
            },
            reference: reference_update,
        },
        Goal {
            id: "timeout-by-6s",
            task: Text {
                zh: "hello 在 3 s 之后不再出现。让它的超时在 6 s 或更早触发（函数为它再被调用一次）。",
                en: "hello stops arriving after 3 s. Make its timeout fire at 6 s or earlier (the function is called for it once more).",
            },
            hint: Text {
                zh: "StateSpec 加 .timeout(Duration(2000))；超时只在 checkpoint 批次检查，所以还要 .checkpoint(Duration(2000))。超时时不能再 update。",
                en: "Add .timeout(Duration(2000)) to the StateSpec; timeouts are checked only on checkpoint batches, so add .checkpoint(Duration(2000)) too. Do not update a state that is timing out.",
            },
            reference: reference_timeout,
        },
    ],
};
