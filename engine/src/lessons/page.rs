//! The lessons as data files for the web app: what a lesson page shows (texts, preset, steps,
//! the exercises' words) as JSON, without the checks.
//!
//! `dstream lessons --out static/lessons` writes [`files`]: `index.json` (a [`LessonEntry`]
//! per lesson, for the lesson index) and `<slug>.json` (a [`LessonPage`]); Trunk copies the
//! directory into the site and the web app fetches them by relative URL, so the lessons'
//! words are not compiled into the `.wasm`. The web app checks exercises with
//! [`super::answer`] and [`super::goal_reached`]. The types own their strings so the web app
//! can read them back with serde.

use serde::{Deserialize, Serialize};

use super::{Lesson, Text, LESSONS};
use crate::scenario::Scenario;

/// A text in Chinese (zh-CN) and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl From<Text> for Texts {
    fn from(t: Text) -> Self {
        Texts {
            zh: t.zh.into(),
            en: t.en.into(),
        }
    }
}

/// One lesson in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEntry {
    /// The slug.
    pub id: String,
    /// Its place in the course, from 1.
    pub number: u32,
    /// The title.
    pub title: Texts,
    /// The body's first paragraph.
    pub summary: Texts,
}

/// Everything a lesson page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonPage {
    /// The slug.
    pub id: String,
    /// Its place in the course, from 1.
    pub number: u32,
    /// The title.
    pub title: Texts,
    /// The text: paragraphs separated by blank lines.
    pub body: Texts,
    /// The scenario the playground loads.
    pub preset: Scenario,
    /// The Java class of the error the preset stops with, if that is the lesson's point.
    pub preset_error: Option<String>,
    /// The page shows the record-at-a-time contrast of the preset's stamped lines.
    pub contrast: bool,
    /// The guided path.
    pub steps: Vec<StepPage>,
    /// The predictions, in order.
    pub predictions: Vec<PredictionPage>,
    /// The goals, in order.
    pub goals: Vec<GoalPage>,
}

/// One step of the guided path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPage {
    /// What to look at.
    pub text: Texts,
    /// The batch to show (ms).
    pub time_ms: i64,
}

/// A prediction's words and its batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredictionPage {
    /// Its id in the lesson (the key of its answer function).
    pub id: String,
    /// The question.
    pub question: Texts,
    /// Asked before this batch runs (ms).
    pub time_ms: i64,
    /// Shown after the answer.
    pub explanation: Texts,
}

/// A goal's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalPage {
    /// Its id in the lesson (the key of its check).
    pub id: String,
    /// What to achieve.
    pub task: Texts,
    /// Shown when the check fails.
    pub hint: Texts,
    /// How many batches the check needs to see: as many as its reference answer runs (its
    /// `run_batches`, or its number of per-batch inputs).
    pub batches: i64,
}

/// The first paragraph of a body.
fn first_paragraph(t: &str) -> String {
    t.split("\n\n")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The page of `l`.
pub fn page(l: &Lesson) -> LessonPage {
    LessonPage {
        id: l.id.into(),
        number: l.number,
        title: l.title.into(),
        body: l.body.into(),
        preset: (l.preset)(),
        preset_error: l.preset_error.map(String::from),
        contrast: l.contrast,
        steps: l
            .steps
            .iter()
            .map(|s| StepPage {
                text: s.text.into(),
                time_ms: s.time_ms,
            })
            .collect(),
        predictions: l
            .predictions
            .iter()
            .map(|p| PredictionPage {
                id: p.id.into(),
                question: p.question.into(),
                time_ms: p.time_ms,
                explanation: p.explanation.into(),
            })
            .collect(),
        goals: l
            .goals
            .iter()
            .map(|g| GoalPage {
                id: g.id.into(),
                task: g.task.into(),
                hint: g.hint.into(),
                batches: {
                    let r = (g.reference)();
                    r.run_batches
                        .or(r.batches.as_ref().map(Vec::len))
                        .unwrap_or(0) as i64
                },
            })
            .collect(),
    }
}

/// The lesson index.
pub fn index() -> Vec<LessonEntry> {
    LESSONS
        .iter()
        .map(|l| LessonEntry {
            id: l.id.into(),
            number: l.number,
            title: l.title.into(),
            summary: Texts {
                zh: first_paragraph(l.body.zh),
                en: first_paragraph(l.body.en),
            },
        })
        .collect()
}

/// The name of a lesson's file: `<slug>.json`.
pub fn file_name(id: &str) -> String {
    format!("{id}.json")
}

/// The name of the index file.
pub const INDEX_FILE: &str = "index.json";

/// Pretty JSON with one newline at the end.
fn pretty<T: Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("lesson data serialises") + "\n"
}

/// Every file of the lessons directory, as (name, contents).
pub fn files() -> Vec<(String, String)> {
    let mut out = vec![(INDEX_FILE.to_string(), pretty(&index()))];
    out.extend(LESSONS.iter().map(|l| (file_name(l.id), pretty(&page(l)))));
    out
}
