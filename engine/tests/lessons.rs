//! The course (`dstream_engine::lessons`), checked on the engine: every preset replays as its
//! lesson declares; every prediction's answer, computed from the preset's trace, is the
//! answer reasoned out from Spark's rules (written here by hand, not read from the engine);
//! every goal's reference answer passes and its preset does not; every text exists in both
//! languages; slugs and exercise names are unique.

use std::collections::BTreeSet;

use dstream_engine::engine::run;
use dstream_engine::lessons::{
    batch_at, lesson, preset_lines, print_blocks, printed_value, Answer, Lesson, Text, LESSONS,
};
use dstream_engine::record_at_a_time::{contrast, RecordCost};
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace};

fn replay(s: &Scenario) -> Trace {
    run(s, Detail::Full)
}

/// The answers, reasoned out from Spark's rules (see each prediction's explanation).
const EXPECTED: &[(&str, &str, Answer)] = &[
    // 4 hellos in one batch: n − 1 merges, wherever they happen.
    ("bounded-unbounded", "hello-merges", Answer::Number(3)),
    // Sent at 1.5 s: in [1 s, 2 s), the 2 s batch.
    ("bounded-unbounded", "spark-appears", Answer::Number(2000)),
    // `local`: the receiver holds the only core; the job executor's one thread submits the
    // first job, which waits forever (real Spark: `spark_oracle/starved_jobs`).
    ("first-word-count", "jobs-with-local", Answer::Number(1)),
    ("first-word-count", "queue-at-15s", Answer::Number(2)),
    // The 3 s batch sleeps 3.5 s; 4 s queues behind it.
    ("slow-batch", "waiting-at-5s", Answer::Number(2)),
    ("slow-batch", "4s-on-time", Answer::YesNo(false)),
    // Ends ≈ 6.5 s + 3 short batches; 7 s finds the queue empty.
    ("slow-batch", "first-on-time", Answer::Number(7000)),
    ("windows", "output-at-3s", Answer::YesNo(false)),
    ("windows", "batches-in-window", Answer::Number(5)),
    // 5 batches × {(hello,1), (hi,2)}, not merged again.
    ("reduce-and-window", "res-lines", Answer::Number(10)),
    ("reduce-and-window", "res1-hi", Answer::Number(10)),
    // 1 (new batch's two hi) + 9 (ten hi in the window).
    ("reduce-and-window", "hi-calls", Answer::Number(10)),
    ("transform-scopes", "application-scope", Answer::Number(1)),
    ("transform-scopes", "job-num", Answer::Number(3)),
    ("transform-scopes", "records-at-2s", Answer::Number(0)),
    ("update-state", "hi-updates", Answer::Number(1)),
    ("update-state", "idle-key", Answer::Number(1)),
    // Default interval max(10 s, batch): 10 s only.
    ("update-state", "checkpoints", Answer::Number(1)),
    ("inverse-reduce", "first-batch", Answer::Number(1)),
    ("inverse-reduce", "hi-inverse", Answer::Number(1)),
    // The lesson's "3 and 2".
    ("inverse-reduce", "steady-reduce", Answer::Number(3)),
    ("inverse-reduce", "steady-inverse", Answer::Number(2)),
    ("inverse-reduce", "lingering", Answer::Number(0)),
    ("map-with-state", "per-record", Answer::Number(2)),
    // The lesson's function never calls update.
    ("map-with-state", "old-value", Answer::Number(0)),
    ("map-with-state", "idle-key", Answer::Number(0)),
    // Two shuffles read the unpersisted stream: 2 lines × 2.
    ("persist-checkpoint", "parsed-twice", Answer::Number(4)),
    (
        "persist-checkpoint",
        "first-checkpoint",
        Answer::Number(10000),
    ),
    ("persist-checkpoint", "checkpoint-job", Answer::Number(1)),
    // §9: each batch's ranges end at the latest offsets at its generation: the 4 records
    // produced in [1 s, 2 s).
    ("kafka", "records-2s", Answer::Number(4)),
    // §9: `commitAsync` only queues; `commitAll()` sends the queue at the next generation.
    ("kafka", "first-commit", Answer::Number(2000)),
    // §9 "Start offsets" and §10: a new context starts from the group's committed offsets
    // (the 3 s batch's ends; the 4 s batch's commit was still queued when the driver died),
    // with no state: u1's 4 clicks of [3 s, 5 s).
    ("kafka", "u1-after-crash", Answer::Number(4)),
];

fn texts(l: &Lesson) -> Vec<(String, Text)> {
    let mut v = vec![
        (format!("{} title", l.id), l.title),
        (format!("{} body", l.id), l.body),
    ];
    for (i, s) in l.steps.iter().enumerate() {
        v.push((format!("{} step {i}", l.id), s.text));
    }
    for p in l.predictions {
        v.push((format!("{} {} question", l.id, p.id), p.question));
        v.push((format!("{} {} explanation", l.id, p.id), p.explanation));
    }
    for g in l.goals {
        v.push((format!("{} {} task", l.id, g.id), g.task));
        v.push((format!("{} {} hint", l.id, g.id), g.hint));
    }
    v
}

#[test]
fn there_are_eleven_lessons_in_order() {
    assert_eq!(LESSONS.len(), 11);
    for (i, l) in LESSONS.iter().enumerate() {
        assert_eq!(l.number as usize, i + 1, "{}", l.id);
        assert_eq!(lesson(l.id).map(|x| x.number), Some(l.number));
    }
    assert!(lesson("no-such-lesson").is_none());
}

#[test]
fn slugs_and_exercise_ids_are_unique() {
    let mut slugs = BTreeSet::new();
    for l in LESSONS {
        assert!(
            !l.id.is_empty()
                && l.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "slug {:?}",
            l.id
        );
        assert!(slugs.insert(l.id), "duplicate slug {}", l.id);
        let mut ids = BTreeSet::new();
        for id in l
            .predictions
            .iter()
            .map(|p| p.id)
            .chain(l.goals.iter().map(|g| g.id))
        {
            assert!(!id.is_empty());
            assert!(ids.insert(id), "{}: duplicate exercise {id}", l.id);
        }
    }
}

#[test]
fn every_text_exists_in_both_languages() {
    for l in LESSONS {
        for (what, t) in texts(l) {
            assert!(!t.zh.trim().is_empty(), "{what}: no Chinese");
            assert!(!t.en.trim().is_empty(), "{what}: no English");
            assert_ne!(t.zh, t.en, "{what}: the same text in both languages");
            assert!(
                t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{what}: the zh text has no Chinese characters"
            );
        }
    }
}

#[test]
fn every_lesson_has_steps_and_at_least_two_exercises() {
    for l in LESSONS {
        assert!(l.steps.len() >= 2, "{}: steps", l.id);
        assert!(
            l.predictions.len() + l.goals.len() >= 2,
            "{}: exercises",
            l.id
        );
        assert!(!l.predictions.is_empty(), "{}: no prediction", l.id);
        assert!(!l.goals.is_empty(), "{}: no goal", l.id);
    }
}

#[test]
fn every_preset_replays_as_declared() {
    for l in LESSONS {
        let s = (l.preset)();
        assert!(!s.program.is_empty(), "{}: empty program", l.id);
        let t = replay(&s);
        match l.preset_error {
            None => assert_eq!(t.error, None, "{}", l.id),
            Some(class) => assert_eq!(t.error.as_ref().map(|e| e.class.as_str()), Some(class)),
        }
        if l.preset_error.is_none() {
            for st in l.steps {
                assert!(
                    batch_at(&t, st.time_ms).is_some(),
                    "{}: a step shows {} ms, which the preset never reaches",
                    l.id,
                    st.time_ms
                );
            }
        }
        // Deterministic: the web app and the CLI see the same trace.
        assert_eq!(t, replay(&s), "{}", l.id);
    }
}

#[test]
fn every_prediction_is_what_spark_would_do() {
    let mut seen = 0;
    for l in LESSONS {
        let t = replay(&(l.preset)());
        for p in l.predictions {
            assert!(
                batch_at(&t, p.time_ms).is_some(),
                "{} {}: asked before {} ms, which never runs",
                l.id,
                p.id,
                p.time_ms
            );
            let want = EXPECTED
                .iter()
                .find(|(lid, pid, _)| *lid == l.id && *pid == p.id)
                .map(|e| e.2)
                .unwrap_or_else(|| panic!("{} {}: no reasoned answer in EXPECTED", l.id, p.id));
            assert_eq!(p.answer(l, &t), Some(want), "{} {}", l.id, p.id);
            seen += 1;
        }
    }
    assert_eq!(
        seen,
        EXPECTED.len(),
        "EXPECTED names a prediction that is gone"
    );
}

#[test]
fn predictions_say_nothing_about_a_failed_run() {
    let broken = Scenario {
        program: "val x = ".into(),
        ..Scenario::default()
    };
    let t = replay(&broken);
    assert!(t.error.is_some());
    for l in LESSONS {
        for p in l.predictions {
            assert_eq!(p.answer(l, &t), None, "{} {}", l.id, p.id);
        }
        for g in l.goals {
            assert!(!g.check(l, &t), "{} {}", l.id, g.id);
        }
    }
}

#[test]
fn every_goal_reference_passes_and_its_preset_does_not() {
    for l in LESSONS {
        let preset = (l.preset)();
        let pt = replay(&preset);
        for g in l.goals {
            let r = (g.reference)();
            assert!(
                !r.program.is_empty(),
                "{} {}: the reference lost its anchor",
                l.id,
                g.id
            );
            assert_ne!(r.program, preset.program, "{} {}", l.id, g.id);
            let rt = replay(&r);
            assert!(
                g.check(l, &rt),
                "{} {}: the reference fails (error {:?})",
                l.id,
                g.id,
                rt.error
            );
            assert!(
                !g.check(l, &pt),
                "{} {}: the preset already passes",
                l.id,
                g.id
            );
        }
    }
}

#[test]
fn lesson_1_contrast_ships_every_pair_record_at_a_time() {
    let l = lesson("bounded-unbounded").unwrap();
    assert!(l.contrast);
    let lines = preset_lines(l);
    assert!(!lines.is_empty());
    let c = contrast(&lines, 1000, "local[2]", &RecordCost::default());
    let words: u64 = lines.iter().map(|l| l.text.split(' ').count() as u64).sum();
    // Record at a time: every (word, 1) crosses the network; micro-batch: one per word per
    // block after the map-side combine (the 4 hellos of the first second go as 2 records).
    assert_eq!(c.record_at_a_time.shuffled, words);
    assert!(c.micro_batch.shuffled < c.record_at_a_time.shuffled);
    // A record's own latency is far below the batch interval; the micro-batch's is not.
    let worst = |m: &dstream_engine::record_at_a_time::ModeRun| {
        m.records
            .iter()
            .filter_map(|r| r.latency_ms)
            .fold(0.0f64, f64::max)
    };
    assert!(worst(&c.record_at_a_time) < 10.0);
    assert!(worst(&c.micro_batch) > 300.0);
}

#[test]
fn lesson_3_the_queue_drains_in_order() {
    let t = replay(&(lesson("slow-batch").unwrap().preset)());
    let b3 = batch_at(&t, 3000).unwrap();
    assert_eq!(b3.sleep_ms, 3500);
    let end3 = b3.processing_end_ms.unwrap();
    let b4 = batch_at(&t, 4000).unwrap();
    assert_eq!(b4.processing_start_ms, Some(end3));
    assert_eq!(b4.scheduling_delay_ms, Some(end3 - 4000));
    let d: Vec<i64> = [4000, 5000, 6000]
        .iter()
        .map(|&ms| batch_at(&t, ms).unwrap().scheduling_delay_ms.unwrap())
        .collect();
    assert!(d[0] > d[1] && d[1] > d[2] && d[2] > 0, "{d:?}");
}

#[test]
fn lesson_7_without_a_checkpoint_directory_fails_at_start() {
    let mut s = (lesson("update-state").unwrap().preset)();
    let dir_line = s
        .program
        .lines()
        .find(|l| l.contains("sc.setCheckpointDir("))
        .unwrap()
        .to_string();
    s.program = s.program.replace(&dir_line, "");
    let e = replay(&s).error.expect("Spark refuses to start");
    assert_eq!(e.phase, "start");
    assert_eq!(e.class, "java.lang.IllegalArgumentException");
    assert!(
        e.message.contains("checkpoint directory has not been set"),
        "{}",
        e.message
    );
}

#[test]
fn lesson_8_a_slide_longer_than_the_window_gives_wrong_totals_with_the_inverse() {
    // Window 2 s, slide 3 s: at 6 s the window is {5 s, 6 s} (two hellos), but the inverse
    // path adds {4 s, 5 s, 6 s} to the 3 s result and subtracts {2 s, 3 s, 4 s}: 3.
    let mut s = (lesson("inverse-reduce").unwrap().preset)();
    s.program = s.program.replace(
        "Duration(5000), Duration(1000))",
        "Duration(2000), Duration(3000))",
    );
    let t = replay(&s);
    assert_eq!(t.error, None);
    let blocks = print_blocks(batch_at(&t, 6000).unwrap());
    assert_eq!(printed_value(&blocks[0], "hello"), Some(3));
    let w = &batch_at(&t, 6000).unwrap().windows[0];
    assert_eq!(w.batches, vec![5000, 6000]);
}

#[test]
fn lesson_9_timeouts_wait_for_a_checkpoint_batch() {
    // With .timeout(2 s) but the default checkpoint interval, hello (last seen at 3 s)
    // times out only at 10 s, the first checkpoint batch.
    let l = lesson("map-with-state").unwrap();
    let goal = l.goals.iter().find(|g| g.id == "timeout-by-6s").unwrap();
    let mut s = (goal.reference)();
    s.program = s.program.replace(".checkpoint(Duration(2000))", "");
    let t = replay(&s);
    assert_eq!(t.error, None);
    let fired: Vec<i64> = t
        .batches
        .iter()
        .filter(|b| {
            b.time_ms > 3000
                && b.calls
                    .get("mappingFunc")
                    .is_some_and(|m| m.contains_key("hello"))
        })
        .map(|b| b.time_ms)
        .collect();
    assert_eq!(fired, vec![10000]);
    assert!(!goal.check(l, &t));
}

#[test]
fn lesson_2_spark_warns_before_set_log_level_runs() {
    // Spark logs the `local[n]` warning in StreamingContext's constructor, before the
    // program's setLogLevel("ERROR"), so the console shows it (as the recording of real
    // Spark does: tests/lesson/receiver01.spark.json).
    let t = replay(&(lesson("first-word-count").unwrap().preset)());
    assert!(t
        .log
        .iter()
        .any(|l| !l.hidden && l.message.contains("local[n], n > 1")));
    assert_eq!(t.program.scheduling.task_slots, 0);
}

#[test]
fn every_exercise_has_exactly_one_check_and_the_web_table_is_the_course() {
    use dstream_engine::lessons::CHECKS;
    assert_eq!(CHECKS.len(), LESSONS.len());
    for (l, c) in LESSONS.iter().zip(CHECKS) {
        assert_eq!(l.id, c.lesson, "CHECKS is in course order");
        assert_eq!(l.id, l.checks.lesson);
        let predictions: Vec<&str> = l.predictions.iter().map(|p| p.id).collect();
        let answers: Vec<&str> = c.answers.iter().map(|a| a.0).collect();
        assert_eq!(predictions, answers, "{}: one answer per prediction", l.id);
        let goals: Vec<&str> = l.goals.iter().map(|g| g.id).collect();
        let checks: Vec<&str> = c.goals.iter().map(|g| g.0).collect();
        assert_eq!(goals, checks, "{}: one check per goal", l.id);
    }
    // The web app's lookups reach the same functions.
    let t = replay(&(lesson("inverse-reduce").unwrap().preset)());
    assert_eq!(
        dstream_engine::lessons::answer("inverse-reduce", "steady-reduce", &t),
        Some(Answer::Number(3))
    );
    assert_eq!(
        dstream_engine::lessons::goal_reached("inverse-reduce", "filter-zero", &t),
        Some(false)
    );
    assert_eq!(
        dstream_engine::lessons::answer("inverse-reduce", "nope", &t),
        None
    );
    assert_eq!(
        dstream_engine::lessons::goal_reached("nope", "filter-zero", &t),
        None
    );
}
