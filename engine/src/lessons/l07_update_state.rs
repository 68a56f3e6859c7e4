//! Lesson 7: `updateStateByKey`, which calls its function once per key per batch, for every
//! key in the state (even keys with no new values), and why it needs a checkpoint directory.
//! The preset is the lesson's running count in its host program; `hello` stops after 3 s.

use super::{
    batch_at, batches_scenario, calls, edit, number, snippet_preset, state_of, Answer, Checks,
    Goal, Lesson, Prediction, Step, Text,
};
use crate::scenario::Scenario;
use crate::trace::Trace;

const STREAM: &str = "updateStateByKey";

/// Three batches of `hello 1, hi 1, hi 1`, then nine of `hi 1, hi 1`.
fn input() -> Vec<Vec<&'static str>> {
    let mut b = vec![vec!["hello 1", "hi 1", "hi 1"]; 3];
    b.extend(vec![vec!["hi 1", "hi 1"]; 9]);
    b
}

fn preset() -> Scenario {
    batches_scenario(
        "update-state",
        snippet_preset("update_state_by_key"),
        input(),
    )
}

fn reference_drop_idle() -> Scenario {
    let program = edit(
        &snippet_preset("update_state_by_key"),
        "Some(cnt + oldVal)",
        "if (nv.isEmpty) None else Some(cnt + oldVal)",
    );
    batches_scenario("update-state: drop idle keys", program, input())
}

fn reference_checkpoint_2s() -> Scenario {
    let program = edit(
        &snippet_preset("update_state_by_key"),
        "    res.print()",
        "    res.checkpoint(Duration(2000))\n    res.print()",
    );
    batches_scenario("update-state: checkpoint every 2 s", program, input())
}

fn hi_updates_at_2s(t: &Trace) -> Option<Answer> {
    batch_at(t, 2000).map(|b| number(calls(b, "updateFunc", "hi")))
}

fn hello_updates_at_5s(t: &Trace) -> Option<Answer> {
    batch_at(t, 5000).map(|b| number(calls(b, "updateFunc", "hello")))
}

fn checkpoints_in_12s(t: &Trace) -> Option<Answer> {
    batch_at(t, 12000)?;
    let n = t
        .batches
        .iter()
        .filter(|b| b.time_ms <= 12000 && b.checkpointed.iter().any(|s| s.starts_with(STREAM)))
        .count();
    Some(Answer::Number(n as i64))
}

/// hello counts up to 3, then leaves the state once a batch brings it nothing; hi keeps
/// counting.
fn drops_idle_keys(t: &Trace) -> bool {
    let (Some(b3), Some(b4)) = (batch_at(t, 3000), batch_at(t, 4000)) else {
        return false;
    };
    t.error.is_none()
        && state_of(b3, STREAM, "hello").as_deref() == Some("3")
        && state_of(b4, STREAM, "hello").is_none()
        && state_of(b4, STREAM, "hi").as_deref() == Some("8")
}

/// The state is checkpointed at 2, 4, 6 and 8 s and still counts (hi is 8 at 4 s).
fn checkpoints_every_2s(t: &Trace) -> bool {
    t.error.is_none()
        && [2000, 4000, 6000, 8000].iter().all(|&ms| {
            batch_at(t, ms).is_some_and(|b| b.checkpointed.iter().any(|s| s.starts_with(STREAM)))
        })
        && batch_at(t, 4000).is_some_and(|b| state_of(b, STREAM, "hi").as_deref() == Some("8"))
}

/// What the web app needs of lesson 7 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "update-state",
    answers: &[
        ("hi-updates", hi_updates_at_2s),
        ("idle-key", hello_updates_at_5s),
        ("checkpoints", checkpoints_in_12s),
    ],
    goals: &[
        ("drop-idle", drops_idle_keys),
        ("checkpoint-2s", checkpoints_every_2s),
    ],
};

/// Lesson 7.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 7,
    title: Text {
        zh: "updateStateByKey，以及它为什么需要 checkpoint 目录",
        en: "updateStateByKey, and why it needs a checkpoint directory",
    },
    body: Text {
        zh: "窗口再大也只看最近几个批次；要一直累计，就得把历史保存成状态。`updateStateByKey(updateFunc)` 每个批次对每个 key 调用一次你的函数：第一个参数是这一批该 key 的所有新值（Seq），第二个是旧状态（Option），返回新状态；返回 None 就把这个 key 删掉。\n\n\
注意：状态里的每个 key 每批都会被调用，哪怕这一批没有它的数据（Seq 为空）。key 越多，每批的工作越多。\n\n\
每批的状态 RDD 都依赖上一批的状态，血缘会无限变长，所以 Spark 要求定期把状态写到可靠存储：没有 checkpoint 目录，程序启动就会失败。\n\n\
在演练场里：看 hello 在 3 s 之后没有新数据时 updateFunc 是否还被调用，以及状态在哪个批次被写入 checkpoint。",
        en: "However large a window is, it only sees the last few batches; to keep counting forever, history must be kept as state. `updateStateByKey(updateFunc)` calls your function once per key per batch: the first argument is all of the key's new values in this batch (a Seq), the second the old state (an Option); it returns the new state, and None removes the key.\n\n\
Note that every key in the state is called every batch, even when the batch has nothing for it (an empty Seq). The more keys, the more work per batch.\n\n\
Each batch's state RDD depends on the previous one, so its lineage grows without end; Spark therefore requires the state to be saved to reliable storage now and then: without a checkpoint directory, the program fails at start.\n\n\
In the playground: see whether updateFunc still runs for hello after 3 s, when hello gets no new data, and at which batch the state is written to the checkpoint.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "2 s：两个 hi 一起交给 updateFunc，每个 key 一次调用。",
                en: "2 s: both hi values go to updateFunc together: one call per key.",
            },
            time_ms: 2000,
        },
        Step {
            text: Text {
                zh: "4 s：这一批没有 hello，但 updateFunc 仍然为 hello 调用了一次（nv 为空），状态保持 3。",
                en: "4 s: no hello in this batch, yet updateFunc runs once for hello (nv empty), and its state stays 3.",
            },
            time_ms: 4000,
        },
        Step {
            text: Text {
                zh: "10 s：状态被写入 checkpoint（默认间隔是 10 秒，至少一个批次）。删掉 sc.setCheckpointDir 这一行再运行，看启动时的错误。",
                en: "10 s: the state is written to the checkpoint (the default interval is 10 seconds, at least one batch). Delete the sc.setCheckpointDir line and run again to see the error at start.",
            },
            time_ms: 10000,
        },
    ],
    predictions: &[
        Prediction {
            id: "hi-updates",
            question: Text {
                zh: "2 s 时，updateFunc 对 hi 调用几次？",
                en: "At 2 s, how many times does updateFunc run for hi?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "每个 key 每批一次：两个新值一起放在 Seq 里。",
                en: "Once per key per batch: both new values arrive together in the Seq.",
            },
        },
        Prediction {
            id: "idle-key",
            question: Text {
                zh: "5 s 的批次没有 hello。updateFunc 对 hello 会调用几次？",
                en: "The 5 s batch has no hello. How many times does updateFunc run for hello?",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "1 次：状态里的每个 key 每批都要更新，新值是空的 Seq。",
                en: "Once: every key in the state is updated every batch, here with an empty Seq.",
            },
        },
        Prediction {
            id: "checkpoints",
            question: Text {
                zh: "前 12 秒里，状态会被写入 checkpoint 几次？",
                en: "In the first 12 seconds, how many times is the state written to the checkpoint?",
            },
            time_ms: 10000,
            explanation: Text {
                zh: "有状态流的默认 checkpoint 间隔是 10 秒（向上取整到批次间隔的倍数）：只在 10 s 写一次。",
                en: "A stateful stream's default checkpoint interval is 10 seconds (rounded up to a multiple of the batch): written once, at 10 s.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "drop-idle",
            task: Text {
                zh: "让某一批没有新数据的 key 从状态里消失（hello 在 4 s 时不再出现），其他 key 照常累计。",
                en: "Make a key that gets no new data in a batch leave the state (hello is gone at 4 s), while the others keep counting.",
            },
            hint: Text {
                zh: "updateFunc 返回 None 就会删除这个 key：if (nv.isEmpty) None else Some(...)。",
                en: "Returning None from updateFunc removes the key: if (nv.isEmpty) None else Some(...).",
            },
            reference: reference_drop_idle,
        },
        Goal {
            id: "checkpoint-2s",
            task: Text {
                zh: "让状态每 2 秒写一次 checkpoint。",
                en: "Write the state to the checkpoint every 2 seconds.",
            },
            hint: Text {
                zh: "在状态流上设置间隔：res.checkpoint(Duration(2000))。",
                en: "Set the interval on the state stream: res.checkpoint(Duration(2000)).",
            },
            reference: reference_checkpoint_2s,
        },
    ],
};
