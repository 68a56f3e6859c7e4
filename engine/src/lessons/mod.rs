//! The course: ten lessons, one per idea of the Spark Streaming lesson the playground teaches,
//! as engine data that the web app, the command line and the tests share.
//!
//! A [`Lesson`] has a stable slug ([`Lesson::id`], e.g. `inverse-reduce`), a title and a body
//! in Chinese (zh-CN) and English ([`Text`]), a preset [`Scenario`] (a program in the engine's
//! Scala subset plus its input), a guided path of [`Step`]s (each names the batch to look at),
//! and exercises checked against the engine's [`Trace`]:
//!
//! - a [`Prediction`] is asked before the batch at [`Prediction::time_ms`] runs; its answer is
//!   not stored but computed from the trace by a plain `fn(&Trace) -> Option<Answer>` of the
//!   lesson's [`Checks`] (`None` when the trace does not reach that batch). The web app runs
//!   the scenario the learner is on, asks, and compares the learner's answer with the
//!   function's.
//! - a [`Goal`] is a change the learner makes to the scenario; its `fn(&Trace) -> bool` in
//!   [`Checks`] says whether the trace of the learner's scenario reaches it. Every goal has a
//!   [`Goal::reference`] scenario that passes, and the lesson's preset does not
//!   (`engine/tests/lessons.rs` checks both).
//!
//! Checks are functions rather than a small language of check kinds: each reads the few trace
//! fields its question is about (`calls`, `stdout`, `state`, `checkpointed`, the `BatchInfo`
//! figures), with the helpers below. Everything here is pure: building a lesson runs nothing;
//! the caller runs [`crate::engine::run`] on the scenario.
//!
//! **Text and checks live apart.** Each lesson file has a `CHECKS` const (the lesson's slug
//! and its exercises' functions, by exercise id) and a `LESSON` const (everything else:
//! texts, preset, steps, the exercises' words, reference answers) that names `CHECKS`. The
//! web app links only [`CHECKS`] (via [`answer`] and [`goal_reached`]) and reads the rest from
//! JSON files written by `dstream lessons --out static/lessons` ([`page`]), so the lessons'
//! words do not weigh on the `.wasm`; `engine/tests/lessons_json.rs` fails when the committed
//! JSON is stale. A new lesson: a file with both consts, listed in [`LESSONS`] and
//! [`CHECKS`], then `dstream lessons --out static/lessons`.

use crate::scenario::{Scenario, StampedLine};
use crate::trace::{BatchTrace, Trace};

mod l01_bounded_unbounded;
mod l02_first_word_count;
mod l03_slow_batch;
mod l04_windows;
mod l05_reduce_and_window;
mod l06_transform_scopes;
mod l07_update_state;
mod l08_inverse_reduce;
mod l09_map_with_state;
mod l10_persist_checkpoint;
mod l11_kafka;
pub mod page;

/// A text in both languages of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Simplified Chinese (zh-CN).
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// Both languages, as `(zh, en)`.
    pub fn both(&self) -> [&'static str; 2] {
        [self.zh, self.en]
    }
}

/// One lesson of the course.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// A stable slug, unique in the course: links and embeds name the lesson by it.
    pub id: &'static str,
    /// Its place in the course, from 1.
    pub number: u32,
    /// The title.
    pub title: Text,
    /// The lesson's text: a few short paragraphs, separated by blank lines, ending with what
    /// to try in the playground.
    pub body: Text,
    /// The scenario the playground loads for the lesson.
    pub preset: fn() -> Scenario,
    /// The functions that check its exercises (and its slug): [`Lesson::id`] is
    /// `checks.lesson`; each prediction and goal has its function here, under its id.
    pub checks: Checks,
    /// The Java class of the error the preset stops with, when that error is the lesson's
    /// point; `None`: the preset runs without error.
    pub preset_error: Option<&'static str>,
    /// The lesson shows [`crate::record_at_a_time::contrast`] of the preset's stamped lines
    /// beside the trace.
    pub contrast: bool,
    /// The guided path through the preset, in order.
    pub steps: &'static [Step],
    /// Questions asked before a batch runs.
    pub predictions: &'static [Prediction],
    /// Changes to make to the scenario.
    pub goals: &'static [Goal],
}

/// One step of a lesson's guided path.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// What to look at or do.
    pub text: Text,
    /// The batch to show (its time, in ms).
    pub time_ms: i64,
}

/// The answer to a prediction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A number (a count, a batch time in ms, a value in the output).
    Number(i64),
    /// Yes or no.
    YesNo(bool),
}

/// A question asked before a batch runs, answered from the trace.
#[derive(Clone, Copy, Debug)]
pub struct Prediction {
    /// A stable name, unique in its lesson.
    pub id: &'static str,
    /// The question.
    pub question: Text,
    /// The batch it is about: the playground asks before this batch runs.
    pub time_ms: i64,
    /// Why the answer is what it is, shown after the learner answers.
    pub explanation: Text,
}

/// A change for the learner to make, checked on the trace of their scenario.
#[derive(Clone, Copy, Debug)]
pub struct Goal {
    /// A stable name, unique in its lesson.
    pub id: &'static str,
    /// What to achieve.
    pub task: Text,
    /// A hint, shown when the check fails.
    pub hint: Text,
    /// A scenario that reaches it.
    pub reference: fn() -> Scenario,
}

/// Computes a prediction's answer from the trace of the scenario the learner is on; `None`
/// if the trace does not say (the batch never ran, the program failed).
pub type AnswerFn = fn(&Trace) -> Option<Answer>;

/// Whether a trace reaches a goal.
pub type GoalFn = fn(&Trace) -> bool;

/// A lesson's exercise functions, by exercise id: all the engine keeps for the web app.
#[derive(Clone, Copy, Debug)]
pub struct Checks {
    /// The lesson's slug.
    pub lesson: &'static str,
    /// Each prediction's answer, under the prediction's id.
    pub answers: &'static [(&'static str, AnswerFn)],
    /// Each goal's check, under the goal's id.
    pub goals: &'static [(&'static str, GoalFn)],
}

impl Checks {
    /// The answer function of the prediction `id`.
    pub fn answer(&self, id: &str) -> Option<AnswerFn> {
        self.answers.iter().find(|(i, _)| *i == id).map(|&(_, f)| f)
    }

    /// The check of the goal `id`.
    pub fn goal(&self, id: &str) -> Option<GoalFn> {
        self.goals.iter().find(|(i, _)| *i == id).map(|&(_, f)| f)
    }
}

impl Prediction {
    /// This prediction's answer on `trace`, by `lesson`'s checks (`None`: the trace does not
    /// say, or the lesson has no function for it).
    pub fn answer(&self, lesson: &Lesson, trace: &Trace) -> Option<Answer> {
        lesson.checks.answer(self.id).and_then(|f| f(trace))
    }
}

impl Goal {
    /// Whether `trace` reaches this goal, by `lesson`'s checks.
    pub fn check(&self, lesson: &Lesson, trace: &Trace) -> bool {
        lesson.checks.goal(self.id).is_some_and(|f| f(trace))
    }
}

/// Every lesson's checks, in course order (the same order as [`LESSONS`]).
pub const CHECKS: &[Checks] = &[
    l01_bounded_unbounded::CHECKS,
    l02_first_word_count::CHECKS,
    l03_slow_batch::CHECKS,
    l04_windows::CHECKS,
    l05_reduce_and_window::CHECKS,
    l06_transform_scopes::CHECKS,
    l07_update_state::CHECKS,
    l08_inverse_reduce::CHECKS,
    l09_map_with_state::CHECKS,
    l10_persist_checkpoint::CHECKS,
    l11_kafka::CHECKS,
];

/// The answer of prediction `prediction` of lesson `lesson` on `trace`; `None` when the
/// trace does not say or there is no such prediction.
pub fn answer(lesson: &str, prediction: &str, trace: &Trace) -> Option<Answer> {
    let f = CHECKS
        .iter()
        .find(|c| c.lesson == lesson)?
        .answer(prediction)?;
    f(trace)
}

/// Whether `trace` reaches goal `goal` of lesson `lesson`; `None` when there is no such goal.
pub fn goal_reached(lesson: &str, goal: &str, trace: &Trace) -> Option<bool> {
    let f = CHECKS.iter().find(|c| c.lesson == lesson)?.goal(goal)?;
    Some(f(trace))
}

/// The course, in order.
pub const LESSONS: &[Lesson] = &[
    l01_bounded_unbounded::LESSON,
    l02_first_word_count::LESSON,
    l03_slow_batch::LESSON,
    l04_windows::LESSON,
    l05_reduce_and_window::LESSON,
    l06_transform_scopes::LESSON,
    l07_update_state::LESSON,
    l08_inverse_reduce::LESSON,
    l09_map_with_state::LESSON,
    l10_persist_checkpoint::LESSON,
    l11_kafka::LESSON,
];

/// The lesson with slug `id`.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

/// The lesson's stamped input lines (for [`Lesson::contrast`]), if its preset has any.
pub fn preset_lines(lesson: &Lesson) -> Vec<StampedLine> {
    (lesson.preset)().lines.unwrap_or_default()
}

// ---- helpers the checks share ----

/// The batch at `time_ms`, if the trace has it.
pub fn batch_at(trace: &Trace, time_ms: i64) -> Option<&BatchTrace> {
    trace.batches.iter().find(|b| b.time_ms == time_ms)
}

/// How many times the user function in role `role` (`reduceFunc`) ran for `key` in `b`.
pub fn calls(b: &BatchTrace, role: &str, key: &str) -> u64 {
    b.calls
        .get(role)
        .and_then(|m| m.get(key))
        .copied()
        .unwrap_or(0)
}

/// How many times the user function in role `role` ran in `b`, over all keys.
pub fn total_calls(b: &BatchTrace, role: &str) -> u64 {
    b.calls.get(role).map(|m| m.values().sum()).unwrap_or(0)
}

/// The records of each `print()` block in `b`'s stdout, in order (without the header, the
/// blank line that ends the block, or any other printed line).
pub fn print_blocks(b: &BatchTrace) -> Vec<Vec<String>> {
    const RULE: &str = "-------------------------------------------";
    let lines: Vec<&str> = b.stdout.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == RULE
            && lines.get(i + 1).is_some_and(|l| l.starts_with("Time: "))
            && lines.get(i + 2) == Some(&RULE)
        {
            let mut block = Vec::new();
            i += 3;
            while i < lines.len() && !lines[i].is_empty() {
                block.push(lines[i].to_string());
                i += 1;
            }
            blocks.push(block);
        }
        i += 1;
    }
    blocks
}

/// The value `print()` showed for `key` in a block of `(key,value)` lines.
pub fn printed_value(block: &[String], key: &str) -> Option<i64> {
    let prefix = format!("({key},");
    block.iter().find_map(|l| {
        l.strip_prefix(prefix.as_str())?
            .strip_suffix(')')?
            .parse()
            .ok()
    })
}

/// The state of `key` in the stateful stream whose name starts with `stream` after `b`.
pub fn state_of(b: &BatchTrace, stream: &str, key: &str) -> Option<String> {
    b.state
        .iter()
        .filter(|(name, _)| name.starts_with(stream))
        .flat_map(|(_, kv)| kv.iter())
        .find(|(k, _)| &**k == key)
        .map(|(_, v)| v.clone())
}

/// A count as an [`Answer`].
fn number(n: u64) -> Answer {
    Answer::Number(n as i64)
}

/// A scenario of per-batch `batches`, each sliced into two partitions as the lesson's
/// recordings were.
fn batches_scenario(name: &str, program: String, batches: Vec<Vec<&str>>) -> Scenario {
    Scenario {
        name: name.into(),
        program,
        batches: Some(
            batches
                .into_iter()
                .map(|b| b.into_iter().map(String::from).collect())
                .collect(),
        ),
        input_partitions: Some(2),
        ..Scenario::default()
    }
}

/// The lesson's input: `hello 1`, `hi 1`, `hi 1` each second, `n` times.
fn hello_hi(n: usize) -> Vec<Vec<&'static str>> {
    vec![vec!["hello 1", "hi 1", "hi 1"]; n]
}

/// A scenario of lines typed into `nc` at given virtual times.
fn stamped_scenario(
    name: &str,
    program: String,
    lines: &[(i64, &str)],
    run_batches: Option<usize>,
) -> Scenario {
    Scenario {
        name: name.into(),
        program,
        lines: Some(
            lines
                .iter()
                .map(|&(at_ms, text)| StampedLine {
                    at_ms,
                    text: text.into(),
                })
                .collect(),
        ),
        run_batches,
        ..Scenario::default()
    }
}

/// The host program of the lesson's snippet `id`, with the fix a learner would make.
fn snippet_preset(id: &str) -> String {
    crate::snippets::snippet(id)
        .and_then(|s| s.preset())
        .unwrap_or_default()
}

/// `text` with `from` replaced by `to`; empty (a program that fails to parse) if `from` is
/// not in it, so a reference answer that lost its anchor fails its test loudly.
fn edit(text: &str, from: &str, to: &str) -> String {
    if text.contains(from) {
        text.replacen(from, to, 1)
    } else {
        String::new()
    }
}
