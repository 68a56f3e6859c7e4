//! The playground's state and everything that changes it: the saved [`Session`] (program,
//! input lines, generator, cursor, speed, language), the UI state around it, the [`Action`]s
//! the components dispatch, and the replay that turns a session into the engine's trace.
//!
//! Replay is deterministic: the trace shown at virtual time `T` is always
//! `engine::run` on the program and every line sent before the last batch boundary `≤ T`,
//! run for exactly the batches due by `T`. When time only moves forward, the engine's
//! resumable [`Run`] goes on from where it was with the lines sent since (the same trace, by
//! the engine's property tests); any other change re-runs it from the start, so stepping back
//! and scrubbing are exact. Long work is cut into slices of about [`SLICE_MS`]: the model
//! keeps what is done so far and its [`Model::progress`], and the app asks for the next slice
//! (`Action::Continue`) after the browser has drawn. Batches older than the last
//! [`RECORD_BATCHES`] keep their counts and outputs but drop their call records and input text,
//! so a long run's trace stays small. The reducer is pure apart from the engine, so tests drive
//! it directly.

use std::cell::RefCell;
use std::rc::Rc;

use dstream_engine::engine::{run, Run};
use dstream_engine::lessons::{self, Answer};
use dstream_engine::scenario::{Scenario, StampedLine};
use dstream_engine::trace::{BatchTrace, Detail, Trace};
use dstream_engine::value::Value;
use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::i18n::Lang;
use crate::link::{LinkError, Shared};
use crate::program::{self, Controls, DEFAULT_PROGRAM};
use crate::trace_view::TraceView;

/// The version of the saved session's format; an older or newer save is not read.
pub const SESSION_VERSION: u32 = 1;
/// The scrub bar spans at least this many batches.
pub const HORIZON_BATCHES: i64 = 60;
/// Virtual time never goes past this many batches (an hour of one-second batches).
pub const MAX_BATCHES: i64 = 3600;
/// Batches that keep every call's record, input lines and console lines: the last this many
/// (and the selected one). Older batches keep their per-key counts, outputs, windows, state
/// and timings only.
pub const RECORD_BATCHES: usize = 120;
/// Real milliseconds of engine work per slice before the page gets to draw.
pub const SLICE_MS: f64 = 12.0;
/// Real milliseconds an edit's new run may take before the page shows it part done: until
/// then the panels keep the previous run's trace (with the progress status), so an edit
/// redraws once, when its run has caught up, instead of a partial run and then all of it.
pub const HOLD_MS: f64 = 100.0;
/// Real milliseconds of engine work after which a new run that caught up is drawn in a task
/// of its own: the draw of the panels in view (about 5 ms) still fits the frame after a
/// shorter slice, and drawing in the same task saves the learner a frame. (Measured with
/// `tests/bench/ab.mjs`, against half a slice: the in-view frame 2-5 ms sooner in four of four
/// alternating runs.)
pub const DRAW_WITHIN_MS: f64 = 10.0;
/// The repeat generator's shortest period (the input's `min="0.1"` s): a save or a link asking
/// for less is refused, as a line every millisecond over thousands of batches would not fit.
pub const MIN_GENERATOR_MS: i64 = 100;
/// The speeds the speed selector offers.
pub const SPEEDS: [f64; 10] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0];

/// A line typed into `nc`, at a moment of virtual time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// When it was sent, in virtual ms from the start.
    pub at_ms: i64,
    /// The text.
    pub text: String,
}

impl Line {
    /// The line as the engine reads it.
    pub fn stamped(self) -> StampedLine {
        StampedLine {
            at_ms: self.at_ms,
            text: self.text,
        }
    }
}

/// The repeat generator: sends `text` (one line per text line) every `every_ms`, from `from_ms`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    /// Whether it sends.
    pub enabled: bool,
    /// What it sends each time; several lines are sent together.
    pub text: String,
    /// Its period.
    pub every_ms: i64,
    /// When it sent first.
    pub from_ms: i64,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            enabled: true,
            text: "hello hi hi".into(),
            every_ms: 1000,
            from_ms: 0,
        }
    }
}

impl Generator {
    /// The lines it sent before `until_ms`.
    pub fn lines_before(&self, until_ms: i64) -> Vec<Line> {
        self.lines_between(0, until_ms)
    }

    /// The lines it sent in `[from_ms, until_ms)`.
    pub fn lines_between(&self, from_ms: i64, until_ms: i64) -> Vec<Line> {
        let mut out = Vec::new();
        if !self.enabled || self.every_ms <= 0 || self.text.trim().is_empty() {
            return out;
        }
        let first = self.from_ms.max(0);
        let skip = (from_ms - first).max(0);
        let mut t = first + (skip + self.every_ms - 1) / self.every_ms * self.every_ms;
        while t < until_ms {
            for text in self.text.lines().filter(|l| !l.is_empty()) {
                out.push(Line {
                    at_ms: t,
                    text: text.to_string(),
                });
            }
            t += self.every_ms;
        }
        out
    }
}

/// The work of a session, saved in `localStorage`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// [`SESSION_VERSION`].
    pub version: u32,
    /// The Scala program.
    pub program: String,
    /// The lines typed into `nc`, in the order sent.
    pub lines: Vec<Line>,
    /// The repeat generator.
    pub generator: Generator,
    /// Virtual now, in ms.
    pub cursor_ms: i64,
    /// Virtual seconds per real second.
    pub speed: f64,
    /// The interface language.
    pub lang: Lang,
    /// Partitions of each batch's input RDD (a lesson's preset sets 2, as `parallelize`
    /// would); `None`: one per block, as a receiver makes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_partitions: Option<usize>,
    /// The Kafka producer's records, topics and crash settings (`components/kafka.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka: Option<crate::components::kafka::KafkaSession>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            version: SESSION_VERSION,
            program: DEFAULT_PROGRAM.into(),
            lines: Vec::new(),
            generator: Generator::default(),
            cursor_ms: 0,
            speed: 1.0,
            lang: Lang::default(),
            input_partitions: None,
            kafka: None,
        }
    }
}

impl Session {
    /// Reads a saved session; `None` when it is not one of this version or is out of range.
    pub fn from_json(text: &str) -> Option<Session> {
        let s: Session = serde_json::from_str(text).ok()?;
        s.is_sane().then_some(s)
    }

    /// Whether the values are of this version and in range (a save or a link may be neither).
    pub fn is_sane(&self) -> bool {
        self.version == SESSION_VERSION
            && self.cursor_ms >= 0
            && self.speed.is_finite()
            && self.speed > 0.0
            && self.generator.every_ms >= MIN_GENERATOR_MS
            && self.input_partitions.is_none_or(|n| (1..=64).contains(&n))
            && self
                .kafka
                .as_ref()
                .is_none_or(crate::components::kafka::KafkaSession::is_sane)
    }

    /// The session as JSON, for saving.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The batch interval the program sets (1 s when it cannot be read).
    pub fn batch_ms(&self) -> i64 {
        program::parse(&self.program).batch_ms.max(1)
    }

    /// How many batches are due at the cursor.
    pub fn due_batches(&self) -> i64 {
        (self.cursor_ms / self.batch_ms()).min(MAX_BATCHES)
    }

    /// Every line sent before `until_ms`, typed or generated, ordered by time (stable).
    pub fn lines_before(&self, until_ms: i64) -> Vec<Line> {
        let mut all: Vec<Line> = self
            .lines
            .iter()
            .filter(|l| l.at_ms < until_ms)
            .cloned()
            .collect();
        all.extend(self.generator.lines_before(until_ms));
        dstream_engine::sort::sort_by_key(&mut all, |l| l.at_ms);
        all
    }

    /// Every line sent in `[from_ms, until_ms)`, typed or generated, ordered by time (stable):
    /// the lines a resumed run gets when the cursor moves on.
    pub fn lines_between(&self, from_ms: i64, until_ms: i64) -> Vec<Line> {
        let mut all: Vec<Line> = self
            .lines
            .iter()
            .filter(|l| (from_ms..until_ms).contains(&l.at_ms))
            .cloned()
            .collect();
        all.extend(self.generator.lines_between(from_ms, until_ms));
        dstream_engine::sort::sort_by_key(&mut all, |l| l.at_ms);
        all
    }

    /// Whether `newer` gives the engine this session's program and input plus typed lines
    /// appended, each sent at or after `from_ms` (what a resumed run can take).
    pub fn extended_by(&self, newer: &Session, from_ms: i64) -> bool {
        let n = self.lines.len();
        newer
            .lines
            .get(..n)
            .is_some_and(|head| head == self.lines.as_slice())
            && newer.lines[n..].iter().all(|l| l.at_ms >= from_ms)
            && self.program == newer.program
            && self.generator == newer.generator
            && self.input_partitions == newer.input_partitions
            && self.kafka == newer.kafka
    }

    /// The engine's scenario for the batches due at the cursor.
    pub fn scenario(&self) -> Scenario {
        let due = self.due_batches();
        let until = due * self.batch_ms();
        Scenario {
            name: "playground".into(),
            program: self.program.clone(),
            batches: None,
            lines: Some(
                self.lines_before(until)
                    .into_iter()
                    .map(Line::stamped)
                    .collect(),
            ),
            run_batches: Some(due as usize),
            input_partitions: self.input_partitions,
            // Every record: the broker shows each one only to batches generated after it was
            // produced, so a run can go on forward without a new scenario.
            kafka: self.kafka.as_ref().map(|k| k.input(i64::MAX)),
            driver_crash: (self.kafka.as_ref())
                .map_or_else(Default::default, |k| k.driver_crash.clone()),
        }
    }

    /// The scrub bar's end: 60 batches, doubled until the cursor fits, at most [`MAX_BATCHES`].
    pub fn horizon_ms(&self) -> i64 {
        let b = self.batch_ms();
        let mut n = HORIZON_BATCHES;
        while n * b < self.cursor_ms && n < MAX_BATCHES {
            n *= 2;
        }
        n.min(MAX_BATCHES) * b
    }
}

/// A notice shown above the panels until dismissed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The saved session could not be read; the default was loaded.
    CorruptSave,
    /// The link could not be opened; the default was loaded.
    Link(LinkError),
    /// The last visit never finished running the saved session (see `storage::Running`): it
    /// is loaded halted, not run until the learner acts.
    Stopped,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct Model {
    /// The saved part.
    pub session: Session,
    /// The engine's trace for the session at its cursor (or as far as computed so far).
    pub trace: TraceView,
    /// The engine run behind `trace`, which can go on when time moves forward.
    pub replay: Option<Replay>,
    /// While the trace is behind the cursor (long work, computed a slice at a time): batches
    /// computed and batches due.
    pub progress: Option<(usize, usize)>,
    /// While a new run (an edit's) is behind and the panels still show the previous trace:
    /// the real ms it started at ([`HOLD_MS`]).
    pub held_since: Option<f64>,
    /// The engine time of a held run's last slice, shown (as [`Model::last_run_ms`]) when its
    /// trace is: until then the trace panels' props stay equal and they are not drawn again.
    pub held_run_ms: f64,
    /// At most this many batches per slice (besides [`SLICE_MS`]; tests set it, as a native
    /// build has no clock).
    pub slice_batches: usize,
    /// Whether the clock runs.
    pub playing: bool,
    /// The batch the learner picked; `None` follows the latest.
    pub selected: Option<i64>,
    /// The calls-grid cell picked: key and batch time.
    pub cell: Option<(String, i64)>,
    /// The key the learner follows in the calls grid.
    pub follow: Option<String>,
    /// Whether the calls grid also shows per-record functions (`mapFunc`, `flatMapFunc`).
    pub all_fns: bool,
    /// Whether the keyboard help is open.
    pub help: bool,
    /// A notice to show.
    pub notice: Option<Notice>,
    /// Not run: a session whose last run never finished ([`Notice::Stopped`]) waits, with an
    /// empty trace, for an action that asks for a run (an edit, a step, play).
    pub halted: bool,
    /// Real ms the last engine run took.
    pub last_run_ms: f64,
    /// The benchmark, while it runs and after.
    pub bench: Option<Bench>,
    /// The lesson the page belongs to (its slug), if any.
    pub lesson: Option<String>,
    /// The prediction being asked (its index in the lesson) and the trace's answer to it,
    /// computed before the batch runs; the cursor waits just before that batch.
    pub asking: Option<(usize, Answer)>,
    /// Every exercise answered or checked on this page, in order.
    pub answers: Vec<Answered>,
}

/// The engine run behind the trace: the session it was started for, how many batches it
/// was given, and what it computed. The run is shared by the model's copies (each action
/// copies the model) and only ever moves forward; a copy whose trace it no longer matches
/// starts a new one. A copy whose cursor went back shows a prefix of what was computed.
#[derive(Clone)]
pub struct Replay {
    /// The session whose program and input the run has (its cursor aside).
    setup: Rc<Session>,
    /// The batches the run was given (`run_batches`).
    target: usize,
    /// The run and what it gave.
    run: Rc<RefCell<Computed>>,
}

/// An engine run and everything it has computed so far.
struct Computed {
    /// The run.
    run: Run,
    /// The trace without its batches, as of the last batch computed.
    head: Rc<Trace>,
    /// Every batch computed (old ones without their call records: [`drop_old_records`]).
    batches: Vec<Rc<BatchTrace>>,
}

/// How far back from the last batch computed a step back shows what was computed (a
/// prefix of the batches) rather than running the engine again: within it the batches the
/// views show still have their call records.
pub const PREFIX_BACK: usize = RECORD_BATCHES / 2;

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay")
            .field("target", &self.target)
            .field("batches_run", &self.run.borrow().run.batches_run())
            .finish()
    }
}

/// An exercise the learner answered (a prediction) or checked (a goal).
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    /// The exercise's id in its lesson.
    pub id: String,
    /// `"prediction"` or `"goal"`.
    pub kind: &'static str,
    /// The learner's answer (a number, or 1/0 for yes/no); `None`: skipped, or a goal.
    pub given: Option<i64>,
    /// The trace's answer, for a prediction.
    pub expected: Option<Answer>,
    /// Whether the answer was right or the goal reached.
    pub correct: bool,
}

/// The session a lesson starts from: its preset's program and input (per-batch input sent at
/// the start of each batch interval), the generator off, time 0.
pub fn lesson_session(id: &str, lang: Lang) -> Session {
    let Some(lesson) = crate::lesson_data::get(id) else {
        return Session {
            lang,
            ..Session::default()
        };
    };
    let preset = lesson.preset.clone();
    let kafka = crate::components::kafka::KafkaSession::from_scenario(&preset);
    let b = program::parse(&preset.program).batch_ms.max(1);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(batches) = &preset.batches {
        for (i, batch) in batches.iter().enumerate() {
            lines.extend(batch.iter().map(|text| Line {
                at_ms: i as i64 * b,
                text: text.clone(),
            }));
        }
    }
    if let Some(stamped) = &preset.lines {
        lines.extend(stamped.iter().map(|l| Line {
            at_ms: l.at_ms,
            text: l.text.clone(),
        }));
    }
    Session {
        program: preset.program,
        lines,
        generator: Generator {
            enabled: false,
            text: String::new(),
            ..Generator::default()
        },
        lang,
        input_partitions: preset.input_partitions,
        kafka,
        ..Session::default()
    }
}

/// The in-browser benchmark: the learner's session is set aside; each of [`BENCH_SIZES`] is
/// loaded one batch short and drawn, then its last step (a full engine re-run of every batch
/// plus the redraw) is timed, and the step of the resumed run alone; then the session comes back.
#[derive(Clone, Debug, PartialEq)]
pub struct Bench {
    /// The session to restore.
    pub prev: Box<Session>,
    /// Which size is being measured.
    pub stage: usize,
    /// Whether the size is loaded (one batch short) and its last step is being timed.
    pub stepping: bool,
    /// When the stage started (real ms).
    pub started: f64,
    /// The stage's engine run time (every batch, from scratch).
    pub run_ms: f64,
    /// The stage's engine time for one more batch (the resumed run).
    pub step_ms: f64,
    /// Per size measured: batches, lines, engine ms from scratch, redraw ms, engine ms for
    /// one more batch.
    pub results: Vec<(usize, usize, f64, f64, f64)>,
    /// Whether every size has been measured.
    pub done: bool,
}

/// The benchmark's sizes: 60 batches with 200 lines in all (a lesson), and 200 lines in each.
pub const BENCH_SIZES: [(i64, i64); 2] = [(60, 200), (60, 12_000)];

/// The benchmark's session: the default program, `lines` lines spread evenly over `batches`.
pub fn bench_session(lang: Lang, batches: i64, lines: i64) -> Session {
    const WORDS: [&str; 8] = [
        "hello", "hi", "spark", "stream", "window", "batch", "key", "dstream",
    ];
    let span = batches * 1000;
    let lines = (0..lines)
        .map(|i| {
            let w = |k: i64| WORDS[((i * 3 + k) % 8) as usize];
            Line {
                at_ms: i * span / lines.max(1),
                text: format!("{} {} {}", w(0), w(1), w(5)),
            }
        })
        .collect();
    Session {
        lines,
        generator: Generator {
            enabled: false,
            ..Generator::default()
        },
        cursor_ms: span,
        lang,
        ..Session::default()
    }
}

/// Runs the engine once on a lesson-sized scenario (the page's benchmark's) and returns the
/// batches it ran. The app calls it a few times after loading (`clock::use_warm_up`): V8
/// compiles a WebAssembly function with its optimising compiler only once it has run a
/// while, so without this the learner's first edits run the engine's baseline code, up to
/// twice as slow (`tests/bench/page.mjs` measures edits after it).
pub fn warm_up() -> usize {
    let _running = crate::storage::Running::start();
    let s = bench_session(Lang::En, 60, 200);
    let trace = run(&s.scenario(), Detail::Full);
    trace.batches.len() * usize::from(trace.error.is_none())
}

impl Default for Model {
    fn default() -> Self {
        Model::new(Session::default(), None)
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.session == other.session
            && self.trace.same(&other.trace)
            && self.progress == other.progress
            && self.playing == other.playing
            && self.selected == other.selected
            && self.cell == other.cell
            && self.follow == other.follow
            && self.all_fns == other.all_fns
            && self.help == other.help
            && self.notice == other.notice
            && self.halted == other.halted
            && self.bench == other.bench
            && self.lesson == other.lesson
            && self.asking == other.asking
            && self.answers == other.answers
    }
}

/// What the components ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the program text.
    SetProgram(String),
    /// Rewrite the program to what the controls say.
    SetControls(Controls),
    /// Send lines to `nc` at the cursor.
    Send(Vec<String>),
    /// Send lines to the Kafka producer at the cursor.
    Produce(Vec<String>),
    /// Replace the Kafka settings (topic, crash, failure lab).
    SetKafka(crate::components::kafka::KafkaSession),
    /// Forget every typed line.
    ClearInput,
    /// Move the typed line with this index in `Session::lines` to another moment (clamped to
    /// the run's time span); generated lines are not in that list and cannot be moved.
    MoveLine {
        /// Its index in `Session::lines`.
        index: usize,
        /// When it is now sent, in virtual ms.
        at_ms: i64,
    },
    /// Replace the generator.
    SetGenerator(Generator),
    /// Start or stop the clock.
    SetPlaying(bool),
    /// Toggle the clock.
    TogglePlay,
    /// Advance to the next batch boundary.
    Step,
    /// Go back to the previous batch boundary.
    StepBack,
    /// Move the cursor to a virtual time.
    Seek(i64),
    /// Move the cursor to the end of batch `n` (`n` batches run).
    SeekBatch(i64),
    /// Answer the prediction being asked (`None`: show the answer without guessing).
    Answer(Option<i64>),
    /// Check the lesson's goal with this index on the learner's scenario.
    CheckGoal(usize),
    /// Back to time 0, paused (input kept).
    Reset,
    /// Real milliseconds passed while playing.
    Tick(f64),
    /// Set the speed.
    SetSpeed(f64),
    /// One speed step faster (+1) or slower (−1).
    NudgeSpeed(i32),
    /// Pick a batch (or follow the latest).
    Select(Option<i64>),
    /// Pick a calls-grid cell.
    SelectCell(Option<(String, i64)>),
    /// Follow a key (or stop).
    Follow(Option<String>),
    /// Show or hide per-record functions in the calls grid.
    ShowAllFns(bool),
    /// Open or close the keyboard help.
    SetHelp(bool),
    /// Switch the language.
    SetLang(Lang),
    /// Hide the notice.
    DismissNotice,
    /// Throw the session away and start from the default.
    RestoreDefault,
    /// Start the benchmark.
    Bench,
    /// The benchmark's scenario has been drawn, at this real time.
    BenchDrawn(f64),
    /// Compute the next slice of batches (the app asks after drawing the last one).
    Continue,
}

/// The reducer's state: the model behind an `Rc`, so components can hold it cheaply.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Store(pub Rc<Model>);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self.0).clone();
        m.apply(action);
        Rc::new(Store(Rc::new(m)))
    }
}

impl Model {
    /// A model for `session`, its trace computed.
    pub fn new(session: Session, notice: Option<Notice>) -> Model {
        let mut m = Model::unrun(session, notice);
        m.refresh();
        m
    }

    /// A model for `session` whose last run never finished: shown, not run.
    pub fn halted(session: Session) -> Model {
        let mut m = Model::unrun(session, Some(Notice::Stopped));
        m.halted = true;
        m
    }

    /// A model for `session` with an empty trace.
    fn unrun(session: Session, notice: Option<Notice>) -> Model {
        Model {
            session,
            trace: TraceView::default(),
            replay: None,
            progress: None,
            held_since: None,
            held_run_ms: 0.0,
            slice_batches: usize::MAX,
            playing: false,
            selected: None,
            cell: None,
            follow: None,
            all_fns: false,
            help: false,
            notice,
            halted: false,
            last_run_ms: 0.0,
            bench: None,
            lesson: None,
            asking: None,
            answers: Vec::new(),
        }
    }

    /// A model for a shared link's state.
    pub fn from_shared(shared: Shared) -> Model {
        let mut m = Model::new(shared.session, None);
        m.selected = shared.selected;
        m.follow = shared.follow;
        m.cell = shared.cell;
        m.lesson = shared.lesson;
        m
    }

    /// What a link to this state carries.
    pub fn shared(&self) -> Shared {
        let session = match &self.bench {
            Some(b) if !b.done => (*b.prev).clone(),
            _ => self.session.clone(),
        };
        Shared {
            session,
            selected: self.selected,
            follow: self.follow.clone(),
            cell: self.cell.clone(),
            lesson: self.lesson.clone(),
        }
    }

    /// Brings the trace to the cursor: shows a prefix of what the engine's run computed when
    /// the cursor went back (or forward within it), goes on with the run when the session
    /// only moved forward in time, else starts a new run; computes at most a slice (about
    /// [`SLICE_MS`], or [`Model::slice_batches`]) unless the benchmark runs.
    pub fn refresh(&mut self) {
        if self.halted {
            return;
        }
        // Marked while the engine works, so that work that kills the page is not done again
        // on the next load (`storage::Running`).
        let _running = crate::storage::Running::start();
        let due = self.session.due_batches().max(0) as usize;
        let b = self.session.batch_ms();
        let started = now_ms();
        if let Some(r) = &self.replay {
            let c = r.run.borrow();
            let computed = c.batches.len();
            // Back in time, or forward within what was computed (or up to where the run
            // stopped): nothing new to compute.
            if due <= r.target
                && (due <= computed || c.run.stopped())
                && computed - due.min(computed) <= PREFIX_BACK
                && c.head.restarts.is_empty()
                && r.setup.extended_by(&self.session, due as i64 * b)
            {
                self.trace = TraceView::prefix(&c.head, &c.batches, due);
                self.progress = None;
                // A held run's redraw shows the engine time of the slice that ran it.
                self.last_run_ms = match self.held_since.take() {
                    Some(_) => self.held_run_ms,
                    None => now_ms() - started,
                };
                return;
            }
        }
        let resumed = self.replay.as_mut().filter(|r| {
            r.setup.extended_by(&self.session, r.target as i64 * b)
                && due >= r.target.max(r.run.borrow().batches.len())
        });
        let (replay, fresh) = match resumed {
            Some(r) => {
                if due > r.target {
                    let more: Vec<StampedLine> = self
                        .session
                        .lines_between(r.target as i64 * b, due as i64 * b)
                        .into_iter()
                        .map(Line::stamped)
                        .collect();
                    let mut c = r.run.borrow_mut();
                    // A stopped run (an error) stays stopped: a longer run stops at the same
                    // batch. Anything else refused needs a new run.
                    if !c.run.extend(&more, due) && !c.run.stopped() {
                        drop(c);
                        self.replay = None;
                        return self.refresh();
                    }
                    r.target = due;
                }
                if r.setup.lines.len() != self.session.lines.len() {
                    r.setup = Rc::new(self.session.clone());
                }
                (r.clone(), false)
            }
            None => {
                let mut scenario = self.session.scenario();
                scenario.run_batches = Some(due);
                let r = Replay {
                    setup: Rc::new(self.session.clone()),
                    target: due,
                    run: Rc::new(RefCell::new(Computed {
                        run: Run::start(&scenario, Detail::Full),
                        head: Rc::default(),
                        batches: Vec::new(),
                    })),
                };
                self.replay = Some(r.clone());
                (r, true)
            }
        };
        let benching = self.bench.as_ref().is_some_and(|b| !b.done);
        let mut c = replay.run.borrow_mut();
        let mut new = Vec::new();
        while new.len() < self.slice_batches || benching {
            if !benching && !new.is_empty() && now_ms() - started > SLICE_MS {
                break;
            }
            match c.run.step() {
                Some(batch) => new.push(Rc::new(batch)),
                None => break,
            }
        }
        let behind = c.run.batches_run() < due && !c.run.stopped();
        if fresh || !new.is_empty() {
            let mut head = c.run.trace();
            head.locate(&self.session.program);
            c.head = Rc::new(head);
            c.batches.extend(new);
            drop_old_records(&mut c.batches, self.selected);
        }
        // A new run keeps the previous view while it is behind, for up to HOLD_MS from the
        // first edit of a burst (a first run, or a long one, shows what it has so far); and
        // when it caught up in a slice that already worked DRAW_WITHIN_MS, the redraw waits
        // for a task of its own (one more `Continue`), so neither makes a frame late.
        let since = self.held_since.unwrap_or(started);
        let spent = now_ms() - started;
        let hold = (behind || spent > DRAW_WITHIN_MS)
            && (fresh || self.held_since.is_some())
            && !self.trace.batches.is_empty()
            && now_ms() - since < HOLD_MS;
        self.held_since = hold.then_some(since);
        self.progress = (behind || hold).then(|| (c.run.batches_run(), due));
        if !hold {
            self.trace = TraceView::prefix(&c.head, &c.batches, due);
        }
        drop(c);
        // A held run leaves `last_run_ms` as it was, so the trace panels' props stay equal.
        let ms = now_ms() - started;
        if hold {
            self.held_run_ms = ms;
        } else {
            self.last_run_ms = ms;
        }
    }

    /// Whether `other` shows the same engine run as this model: steps, play and scrubbing go
    /// on with a run or show a prefix of it; an edit (or a step back past what was kept)
    /// starts a new one.
    pub fn same_run(&self, other: &Model) -> bool {
        match (&self.replay, &other.replay) {
            (Some(a), Some(b)) => Rc::ptr_eq(&a.run, &b.run),
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    /// The controls, read from the program.
    pub fn controls(&self) -> Controls {
        program::parse(&self.session.program)
    }

    /// The batch the views focus on: the picked one if it ran, else the latest.
    pub fn focus(&self) -> Option<&BatchTrace> {
        let batches = &self.trace.batches;
        self.selected
            .and_then(|t| batches.iter().find(|b| b.time_ms == t))
            .or_else(|| batches.last())
            .map(|b| &**b)
    }

    /// Loads and runs the benchmark's current size; the redraw is timed by the app.
    fn bench_stage(&mut self) {
        let Some(stage) = self.bench.as_ref().map(|b| b.stage) else {
            return;
        };
        let (batches, lines) = BENCH_SIZES[stage];
        let mut session = bench_session(self.session.lang, batches, lines);
        session.cursor_ms -= session.batch_ms();
        self.session = session;
        self.refresh();
    }

    /// Applies an action.
    pub fn apply(&mut self, action: Action) {
        let b = self.session.batch_ms();
        // A halted session runs again at the first action that asks for the engine's work.
        let was_halted = self.halted;
        self.halted &= matches!(
            action,
            Action::Select(_)
                | Action::SelectCell(_)
                | Action::Follow(_)
                | Action::ShowAllFns(_)
                | Action::SetHelp(_)
                | Action::SetLang(_)
                | Action::DismissNotice
                | Action::SetSpeed(_)
                | Action::NudgeSpeed(_)
                | Action::SetPlaying(false)
                | Action::Tick(_)
                | Action::Continue
                | Action::BenchDrawn(_)
        );
        if was_halted && !self.halted && self.notice == Some(Notice::Stopped) {
            self.notice = None;
        }
        match action {
            Action::SetProgram(p) => self.session.program = p,
            Action::SetControls(c) => {
                self.session.program = program::apply(&self.session.program, &c);
            }
            Action::Send(lines) => {
                let at = self.session.cursor_ms;
                self.session
                    .lines
                    .extend(lines.into_iter().map(|text| Line { at_ms: at, text }));
            }
            Action::Produce(lines) => {
                let at = self.session.cursor_ms;
                self.session
                    .kafka
                    .get_or_insert_with(Default::default)
                    .produce(&lines, at);
            }
            Action::SetKafka(k) => self.session.kafka = Some(k),
            Action::ClearInput => self.session.lines.clear(),
            Action::MoveLine { index, at_ms } => {
                if let Some(line) = self.session.lines.get_mut(index) {
                    line.at_ms = at_ms.clamp(0, MAX_BATCHES * b - 1);
                }
            }
            Action::SetGenerator(g) => {
                let was = self.session.generator.enabled;
                let mut g = g;
                if g.enabled && !was {
                    // Switched on now: it starts sending at the next batch boundary's start.
                    g.from_ms = self.session.cursor_ms;
                }
                g.every_ms = g.every_ms.max(MIN_GENERATOR_MS);
                self.session.generator = g;
            }
            Action::Continue => {}
            Action::SetPlaying(p) => self.playing = p,
            Action::TogglePlay => self.playing = !self.playing,
            Action::Step => {
                self.playing = false;
                self.selected = None;
                let next = (self.session.cursor_ms / b + 1) * b;
                self.session.cursor_ms = next.min(MAX_BATCHES * b);
            }
            Action::StepBack => {
                self.playing = false;
                self.selected = None;
                let prev = ((self.session.cursor_ms + b - 1) / b - 1) * b;
                self.session.cursor_ms = prev.max(0);
            }
            Action::Seek(t) => {
                self.selected = None;
                self.session.cursor_ms = t.clamp(0, MAX_BATCHES * b);
            }
            Action::SeekBatch(n) => {
                self.selected = None;
                self.session.cursor_ms = n.clamp(0, MAX_BATCHES) * b;
            }
            Action::Answer(given) => {
                let Some((i, expected)) = self.asking.take() else {
                    return;
                };
                let Some(l) = self.lesson_def() else {
                    return;
                };
                let Some(p) = l.predictions.get(i) else {
                    return;
                };
                let correct = match (expected, given) {
                    (Answer::Number(n), Some(g)) => n == g,
                    (Answer::YesNo(y), Some(g)) => y == (g != 0),
                    _ => false,
                };
                self.answers.push(Answered {
                    id: p.id.clone(),
                    kind: "prediction",
                    given,
                    expected: Some(expected),
                    correct,
                });
                // Now the batch runs, and the learner looks at it.
                self.session.cursor_ms = p.time_ms;
                self.selected = Some(p.time_ms);
            }
            Action::CheckGoal(i) => {
                let Some(l) = self.lesson_def() else {
                    return;
                };
                let Some(g) = l.goals.get(i) else {
                    return;
                };
                let span = g.batches;
                let mut probe = self.session.clone();
                probe.cursor_ms = span.max(self.session.due_batches()).min(MAX_BATCHES) * b;
                let trace = run(&probe.scenario(), Detail::Full);
                self.answers.push(Answered {
                    id: g.id.clone(),
                    kind: "goal",
                    given: None,
                    expected: None,
                    correct: lessons::goal_reached(&l.id, &g.id, &trace).unwrap_or(false),
                });
                return;
            }
            Action::Reset => {
                self.playing = false;
                self.selected = None;
                self.cell = None;
                self.session.cursor_ms = 0;
            }
            Action::Tick(real_ms) => {
                if self.playing {
                    let dv = (real_ms.max(0.0) * self.session.speed).round() as i64;
                    let end = MAX_BATCHES * b;
                    self.session.cursor_ms = (self.session.cursor_ms + dv).min(end);
                    if self.session.cursor_ms >= end {
                        self.playing = false;
                    }
                }
            }
            Action::SetSpeed(s) => {
                if s.is_finite() && s > 0.0 {
                    self.session.speed = s.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
                }
            }
            Action::NudgeSpeed(dir) => {
                let i = SPEEDS
                    .iter()
                    .position(|&s| s >= self.session.speed)
                    .unwrap_or(SPEEDS.len() - 1) as i32;
                let j = (i + dir).clamp(0, SPEEDS.len() as i32 - 1) as usize;
                self.session.speed = SPEEDS[j];
            }
            Action::Select(t) => self.selected = t,
            Action::SelectCell(c) => {
                if let Some((_, t)) = &c {
                    self.selected = Some(*t);
                }
                self.cell = c;
            }
            Action::Follow(k) => self.follow = k,
            Action::ShowAllFns(v) => self.all_fns = v,
            Action::SetHelp(v) => self.help = v,
            Action::SetLang(l) => self.session.lang = l,
            Action::DismissNotice => self.notice = None,
            Action::Bench => {
                self.playing = false;
                let prev = Box::new(self.session.clone());
                self.bench = Some(Bench {
                    prev,
                    stage: 0,
                    stepping: false,
                    started: 0.0,
                    run_ms: 0.0,
                    step_ms: 0.0,
                    results: Vec::new(),
                    done: false,
                });
                self.bench_stage();
                return;
            }
            Action::BenchDrawn(at) => {
                if let Some(b) = self.bench.as_mut().filter(|b| !b.done) {
                    if !b.stepping {
                        // Loaded and drawn one batch short: now time the last step (the
                        // resumed run), then every batch from scratch (what an edit costs)
                        // and the redraw.
                        b.stepping = true;
                        self.session.cursor_ms += self.session.batch_ms();
                        self.refresh();
                        let step_ms = self.last_run_ms;
                        self.replay = None;
                        let started = now_ms();
                        self.refresh();
                        if let Some(b) = self.bench.as_mut() {
                            b.started = started;
                            b.run_ms = self.last_run_ms;
                            b.step_ms = step_ms;
                        }
                        return;
                    }
                    let (batches, lines) = BENCH_SIZES[b.stage];
                    let total = at - b.started;
                    b.results.push((
                        batches as usize,
                        lines as usize,
                        b.run_ms,
                        (total - b.run_ms).max(0.0),
                        b.step_ms,
                    ));
                    b.stage += 1;
                    b.stepping = false;
                    if b.stage < BENCH_SIZES.len() {
                        self.bench_stage();
                        return;
                    }
                    b.done = true;
                    self.session = (*b.prev).clone();
                }
            }
            Action::RestoreDefault => {
                let lang = self.session.lang;
                let lesson = self.lesson.take();
                let session = match &lesson {
                    Some(id) => lesson_session(id, lang),
                    None => Session {
                        lang,
                        ..Session::default()
                    },
                };
                *self = Model::new(session, None);
                self.lesson = lesson;
                return;
            }
        }
        self.gate_predictions();
        self.refresh();
    }

    /// The lesson's definition, if the page has one.
    pub fn lesson_def(&self) -> Option<std::rc::Rc<crate::lesson_data::LessonPage>> {
        crate::lesson_data::get(self.lesson.as_deref()?)
    }

    /// Whether the prediction with this id has been answered.
    pub fn answered(&self, id: &str) -> Option<&Answered> {
        self.answers.iter().rev().find(|a| a.id == id)
    }

    /// Stops the cursor just before a batch that an unanswered prediction is about, and asks
    /// it: its answer is computed now, from the learner's scenario run through that batch.
    fn gate_predictions(&mut self) {
        let Some(lesson) = self.lesson_def() else {
            return;
        };
        if let Some((i, _)) = self.asking {
            // Time waits for the answer.
            let t = lesson.predictions[i].time_ms;
            if self.session.cursor_ms >= t {
                self.session.cursor_ms = t - 1;
                self.playing = false;
            }
            return;
        }
        let b = self.session.batch_ms();
        let ran_until = self.replay.as_ref().map_or(0, |r| r.target as i64 * b);
        for (i, p) in lesson.predictions.iter().enumerate() {
            let due = self.session.cursor_ms >= p.time_ms;
            if !due
                || ran_until >= p.time_ms
                || self.answered(&p.id).is_some()
                || p.time_ms % b != 0
            {
                continue;
            }
            let mut probe = self.session.clone();
            probe.cursor_ms = p.time_ms;
            let trace = run(&probe.scenario(), Detail::Full);
            if let Some(answer) = lessons::answer(&lesson.id, &p.id, &trace) {
                self.asking = Some((i, answer));
                self.session.cursor_ms = p.time_ms - 1;
                self.playing = false;
                return;
            }
        }
    }
}

/// Drops the call records, input text and console lines of batches older than the last
/// [`RECORD_BATCHES`], except the selected one; their counts, outputs and timings stay.
pub fn drop_old_records(batches: &mut [Rc<BatchTrace>], keep: Option<i64>) {
    let old = batches.len().saturating_sub(RECORD_BATCHES);
    for b in &mut batches[..old] {
        let kept = !(b.call_records.is_empty()
            && b.input.is_empty()
            && b.input_partitions.is_empty()
            && b.console.is_empty()
            && b.runs.is_empty());
        if Some(b.time_ms) != keep && kept {
            let b = Rc::make_mut(b);
            b.call_records = Vec::new();
            b.input = Vec::new();
            b.input_partitions = Vec::new();
            b.console = Vec::new();
            b.runs = Vec::new();
        }
    }
}

/// Real milliseconds from the browser's clock, for measuring the engine (0 outside a browser).
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// The user functions the calls grid shows by default, in its order, with their marks.
pub const AGG_ROLES: [&str; 5] = [
    "reduceFunc",
    "invReduceFunc",
    "filterFunc",
    "updateFunc",
    "mappingFunc",
];

/// The per-record functions shown on request.
pub const RECORD_ROLES: [&str; 6] = [
    "mapFunc",
    "flatMapFunc",
    "filterFunc",
    "transformFunc",
    "foreachFunc",
    "mapPartitionsFunc",
];

/// The calls grid's mark for a role: a distinct glyph per function.
pub fn role_mark(role: &str) -> &'static str {
    match role {
        "reduceFunc" => "+",
        "invReduceFunc" => "−",
        "filterFunc" => "?",
        "updateFunc" => "↻",
        "mappingFunc" => "↦",
        "mapFunc" => "m",
        "flatMapFunc" => "f",
        _ => "•",
    }
}

/// The roles a view shows for a trace, in order: the aggregation roles that ran, then (if
/// asked) every other role that ran.
pub fn roles_of(trace: &TraceView, all: bool) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for b in &trace.batches {
        for role in b.calls.keys() {
            if !seen.contains(role) {
                seen.push(role.clone());
            }
        }
    }
    let mut out: Vec<String> = AGG_ROLES
        .iter()
        .filter(|r| seen.iter().any(|s| s == *r))
        .map(|r| r.to_string())
        .collect();
    if all {
        for role in seen {
            if !out.contains(&role) {
                out.push(role);
            }
        }
    }
    out
}

/// How many times `role` ran in batch `b`, over all keys.
pub fn role_total(b: &BatchTrace, role: &str) -> u64 {
    b.calls.get(role).map_or(0, |m| m.values().sum())
}

/// A call as the learner reads it: `invReduceFunc(10, 2) = 8`, each value as Scala's
/// `toString` writes it (`1.0E7`, strings bare).
pub fn call_text(c: &dstream_engine::trace::CallRecord) -> String {
    let args: Vec<String> = c.args.as_slice().iter().map(Value::to_text).collect();
    format!("{}({}) = {}", c.func, args.join(", "), c.result.to_text())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn steps_go_on_with_a_run_and_an_edit_starts_a_new_one() {
        let m = stepped(3);
        let mut step = m.clone();
        step.apply(Action::Step);
        assert!(step.same_run(&m), "a step resumes the run");
        let mut back = m.clone();
        back.apply(Action::StepBack);
        assert!(back.same_run(&m), "a step back shows a prefix of it");
        let mut edit = m.clone();
        edit.apply(Action::SetProgram(DEFAULT_PROGRAM.replace("_ - _, ", "")));
        assert!(!edit.same_run(&m), "an edit runs again from the start");
    }

    #[test]
    fn a_call_reads_as_scala_prints_its_values() {
        use dstream_engine::trace::{CallArgs, CallRecord, Called};
        let c = CallRecord {
            func: "reduceFunc",
            key: "hi".into(),
            args: CallArgs::of(&[Value::Double(1e7), Value::Double(2.5)]),
            result: Called(Value::Double(1.00000025e7)),
            partition: 1,
            stage: 2,
        };
        // Java's Double.toString, not JSON's 10000000.0.
        assert_eq!(call_text(&c), "reduceFunc(1.0E7, 2.5) = 1.00000025E7");
        let c = CallRecord {
            func: "updateFunc",
            args: CallArgs::of(&[Value::list(vec![Value::Int(1), Value::Int(1)]), Value::None]),
            result: Called(Value::option(Some(Value::Int(2)))),
            ..c
        };
        assert_eq!(call_text(&c), "updateFunc(List(1, 1), None) = Some(2)");
    }

    /// The default session stepped `n` batches (other modules' tests use it too).
    pub(crate) fn stepped(n: usize) -> Model {
        let mut m = Model::default();
        for _ in 0..n {
            m.apply(Action::Step);
        }
        m
    }

    #[test]
    fn default_session_at_batch_six_has_three_reduce_two_inverse() {
        let m = stepped(6);
        let b = m.focus().expect("a batch");
        assert_eq!(b.time_ms, 6000);
        assert_eq!(role_total(b, "reduceFunc"), 3);
        assert_eq!(role_total(b, "invReduceFunc"), 2);
    }

    #[test]
    fn step_back_is_exact_replay() {
        let five = stepped(5);
        let mut m = stepped(7);
        m.apply(Action::StepBack);
        m.apply(Action::StepBack);
        // (Whole traces differ only in JVM-style array identity hashes, content-based in newer engines.)
        let view = |m: &Model| -> Vec<_> {
            m.trace
                .batches
                .iter()
                .map(|b| {
                    (
                        b.time_ms,
                        b.calls.clone(),
                        b.stdout.clone(),
                        b.windows.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(view(&m), view(&five));
    }

    #[test]
    fn a_halted_session_is_shown_not_run_until_an_action_asks() {
        let session = stepped(4).session;
        let mut m = Model::halted(session.clone());
        assert_eq!(m.notice, Some(Notice::Stopped));
        // Looking around runs nothing: no trace, no run.
        for a in [
            Action::SetLang(Lang::Zh),
            Action::Select(Some(2000)),
            Action::SetHelp(true),
            Action::SetSpeed(2.0),
            Action::Tick(1000.0),
            Action::Continue,
        ] {
            m.apply(a);
            assert!(m.halted && m.replay.is_none() && m.trace.batches.is_empty());
        }
        assert_eq!(m.session.program, session.program);
        assert_eq!(m.session.lines, session.lines);
        // A step runs it, from where it was, and the notice goes.
        m.apply(Action::Step);
        assert!(!m.halted && m.notice.is_none());
        assert_eq!(m.trace.batches.len(), 5);
        // An edit does too.
        let mut e = Model::halted(session);
        e.apply(Action::SetProgram(
            e.session.program.replace("Seconds(5)", "Seconds(3)"),
        ));
        assert_eq!(e.trace.batches.len(), 4);
    }

    /// The default model with the generator off and `a b` typed at time 0.
    fn one_typed_line() -> Model {
        let mut m = Model::default();
        m.apply(Action::SetGenerator(Generator {
            enabled: false,
            ..Generator::default()
        }));
        m.apply(Action::Send(vec!["a b".into()]));
        m
    }

    #[test]
    fn typed_lines_land_in_the_next_batch() {
        let mut m = one_typed_line();
        m.apply(Action::Step);
        assert_eq!(m.trace.batches[0].input, vec!["a b".to_string()]);
    }

    #[test]
    fn a_moved_line_lands_in_its_new_batch() {
        let mut m = one_typed_line();
        m.apply(Action::MoveLine {
            index: 0,
            at_ms: 2500,
        });
        m.apply(Action::SeekBatch(3));
        let input: Vec<_> = m.trace.batches.iter().map(|b| b.input.len()).collect();
        assert_eq!(input, [0, 0, 1]);
        m.apply(Action::MoveLine {
            index: 0,
            at_ms: -800,
        });
        assert_eq!(m.session.lines[0].at_ms, 0, "not before the start");
        m.apply(Action::MoveLine {
            index: 7,
            at_ms: 1000,
        });
        assert_eq!(m.session.lines.len(), 1, "no such line: nothing moves");
    }

    fn lesson_model(id: &str) -> Model {
        crate::lesson_data::insert(lessons::page::page(lessons::lesson(id).unwrap()));
        let mut m = Model::new(lesson_session(id, Lang::En), None);
        m.lesson = Some(id.into());
        m
    }

    #[test]
    fn a_prediction_stops_time_before_its_batch_until_answered() {
        let mut m = lesson_model("inverse-reduce");
        m.apply(Action::Step);
        let (i, expected) = m.asking.expect("asked before the 1 s batch");
        assert_eq!(m.lesson_def().unwrap().predictions[i].time_ms, 1000);
        assert_eq!(expected, Answer::Number(1));
        assert!(m.trace.batches.is_empty(), "the batch has not run");
        m.apply(Action::Step);
        assert!(m.trace.batches.is_empty(), "time waits for the answer");
        m.apply(Action::Answer(Some(1)));
        assert!(m.answers[0].correct);
        assert_eq!(m.trace.batches.len(), 1);
        assert_eq!(m.selected, Some(1000));
    }

    #[test]
    fn every_lesson_preset_loads_and_its_goals_are_not_yet_reached() {
        for l in lessons::LESSONS {
            let mut m = lesson_model(l.id);
            // Its session saves and reloads (within what a save may hold).
            let json = m.session.to_json();
            assert_eq!(
                Session::from_json(&json).as_ref(),
                Some(&m.session),
                "{}",
                l.id
            );
            for i in 0..l.goals.len() {
                m.apply(Action::CheckGoal(i));
                assert!(!m.answers.last().unwrap().correct, "{}: goal {i}", l.id);
            }
        }
    }

    /// What the views draw of each batch, call records included.
    fn batches_of(m: &Model) -> Vec<BatchTrace> {
        m.trace.batches.iter().map(|b| (**b).clone()).collect()
    }

    #[test]
    fn stepping_forward_resumes_the_run_and_gives_the_from_scratch_trace() {
        let mut m = stepped(3);
        let run = m.replay.as_ref().map(|r| r.run.clone()).expect("a run");
        m.apply(Action::Send(vec!["a b a".into()]));
        for _ in 0..4 {
            m.apply(Action::Step);
        }
        let same_run = m.replay.as_ref().is_some_and(|r| Rc::ptr_eq(&r.run, &run));
        assert!(same_run, "time only moved forward: the run went on");
        let scratch = Model::new(m.session.clone(), None);
        assert_eq!(batches_of(&m), batches_of(&scratch));
        assert_eq!(m.trace.log, scratch.trace.log);
        assert_eq!(
            m.trace.batches[3].input,
            vec!["a b a".to_string(), "hello hi hi".into()]
        );
        // An edit starts a new run.
        m.apply(Action::SetProgram(
            m.session.program.replace("Seconds(5)", "Seconds(3)"),
        ));
        assert!(!m.replay.as_ref().is_some_and(|r| Rc::ptr_eq(&r.run, &run)));
    }

    /// What a fresh model at `m`'s cursor shows: its batches (call records included) and
    /// the head's exception and log.
    #[cfg(not(target_arch = "wasm32"))]
    fn same_as_fresh(m: &Model) {
        let scratch = Model::new(m.session.clone(), None);
        assert_eq!(batches_of(m), batches_of(&scratch));
        assert_eq!(m.trace.error, scratch.trace.error);
        assert_eq!(m.trace.log, scratch.trace.log);
        assert_eq!(m.trace.stdout_before, scratch.trace.stdout_before);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Stepping back shows a prefix of what was computed, without running the engine
        /// again, and it is what a fresh run at that cursor shows (an exception of a later
        /// batch not yet raised); stepping forward again goes on from there.
        #[test]
        fn stepping_back_shows_what_a_fresh_run_shows(
            typed in proptest::collection::vec((0usize..12, 0usize..4), 0..10),
            forward in 1usize..14,
            back in 1usize..14,
            throws in proptest::bool::ANY,
        ) {
            let mut m = Model::default();
            if throws {
                // `toInt` on a word throws NumberFormatException in the batch that reads it.
                m.apply(Action::SetProgram(DEFAULT_PROGRAM.replace(
                    "flatMap(_.split(\" \"))",
                    "flatMap(_.split(\" \")).map(w => if (w == \"boom\") w.toInt.toString else w)",
                )));
            }
            const WORDS: [&str; 4] = ["a b", "b", "boom", "a a c"];
            for step in 0..forward {
                for (_, w) in typed.iter().filter(|(at, _)| *at == step) {
                    m.apply(Action::Send(vec![WORDS[*w].into()]));
                }
                m.apply(Action::Step);
            }
            let run = m.replay.as_ref().map(|r| r.run.clone());
            for _ in 0..back {
                m.apply(Action::StepBack);
                same_as_fresh(&m);
            }
            let same_run = m.replay.as_ref().map(|r| r.run.clone());
            proptest::prop_assert!(
                run.zip(same_run).is_some_and(|(a, b)| Rc::ptr_eq(&a, &b)),
                "stepping back ran the engine again"
            );
            for _ in 0..back + 2 {
                m.apply(Action::Step);
                same_as_fresh(&m);
            }
        }
    }

    #[test]
    fn long_work_is_computed_a_slice_at_a_time_with_progress() {
        let mut m = Model {
            slice_batches: 25,
            ..Model::default()
        };
        m.apply(Action::SeekBatch(100));
        assert_eq!(m.progress, Some((25, 100)));
        assert_eq!(m.trace.batches.len(), 25);
        let mut slices = 1;
        while m.progress.is_some() {
            m.apply(Action::Continue);
            slices += 1;
        }
        assert_eq!(slices, 4);
        let mut scratch = m.session.clone();
        scratch.cursor_ms = 100_000;
        assert_eq!(batches_of(&m), batches_of(&Model::new(scratch, None)));
    }

    #[test]
    fn the_warm_up_runs_every_batch_of_a_lesson_sized_scenario() {
        assert_eq!(warm_up(), 60);
    }

    #[test]
    fn an_edit_keeps_the_previous_view_until_its_new_run_catches_up() {
        let mut m = Model::default();
        m.apply(Action::SeekBatch(40));
        let before = batches_of(&m);
        assert_eq!(before.len(), 40);
        m.slice_batches = 15;
        m.apply(Action::SetProgram(DEFAULT_PROGRAM.replace("_ - _, ", "")));
        // The first slice computed 15 of 40 batches: the panels still show the old run whole.
        assert_eq!(m.progress, Some((15, 40)));
        assert_eq!(batches_of(&m), before);
        assert!(m.held_since.is_some());
        while m.progress.is_some() {
            m.apply(Action::Continue);
        }
        assert_eq!(m.held_since, None);
        let mut scratch = m.session.clone();
        scratch.cursor_ms = 40_000;
        let fresh = batches_of(&Model::new(scratch, None));
        assert_eq!(batches_of(&m), fresh);
        assert_ne!(fresh, before, "the inverse off changes the calls");
        // Time moving forward (no edit) shows the batches as they come.
        let mut first = Model {
            slice_batches: 15,
            ..Model::default()
        };
        first.apply(Action::SetProgram(DEFAULT_PROGRAM.replace("_ - _, ", "")));
        first.apply(Action::SeekBatch(40));
        assert_eq!(first.trace.batches.len(), 15);
    }

    #[test]
    fn an_hour_at_100_lines_per_second_keeps_call_records_for_the_last_batches_only() {
        let mut m = Model::default();
        // Ten lines every 100 ms: 100 lines (300 words) per second, for an hour.
        m.apply(Action::SetGenerator(Generator {
            enabled: true,
            text: (0..10)
                .map(|i| format!("w{} w{} hi", i, i * 7 % 13))
                .collect::<Vec<_>>()
                .join("\n"),
            every_ms: 100,
            from_ms: 0,
        }));
        m.apply(Action::Select(Some(30_000)));
        m.apply(Action::SetSpeed(100.0));
        m.apply(Action::SetPlaying(true));
        let mut most = 0;
        for n in (600..=3600).step_by(600) {
            // Ten real minutes at 100x: 600 batches.
            m.apply(Action::Tick(6000.0));
            assert_eq!(m.trace.batches.len(), n as usize);
            let with_records: Vec<&BatchTrace> = m
                .trace
                .batches
                .iter()
                .filter(|b| !b.call_records.is_empty())
                .map(|b| &**b)
                .collect();
            most = most.max(
                with_records
                    .iter()
                    .map(|b| b.call_records.len())
                    .max()
                    .unwrap_or(0),
            );
            let retained: usize = with_records.iter().map(|b| b.call_records.len()).sum();
            assert!(
                with_records.len() <= RECORD_BATCHES + 1,
                "{n}: {}",
                with_records.len()
            );
            assert!(retained <= (RECORD_BATCHES + 1) * most, "{n}: {retained}");
            assert!(
                m.trace
                    .batches
                    .iter()
                    .all(|b| b.num_records == 100 && !b.calls.is_empty()),
                "every batch keeps its counts"
            );
        }
        let kept = m
            .trace
            .batches
            .iter()
            .find(|b| b.time_ms == 30_000)
            .unwrap();
        assert!(
            !kept.call_records.is_empty(),
            "the selected batch keeps its records"
        );
    }

    #[test]
    fn session_json_round_trips_and_rejects_garbage() {
        let s = stepped(3).session;
        assert_eq!(Session::from_json(&s.to_json()), Some(s));
        assert_eq!(Session::from_json("{nope"), None);
        assert_eq!(Session::from_json("{\"version\": 99}"), None);
        // A Kafka part out of range (a hand-made link or save) is refused, not run.
        let kafka = Session {
            kafka: Some(crate::components::kafka::KafkaSession::default()),
            ..Session::default()
        };
        assert_eq!(Session::from_json(&kafka.to_json()), Some(kafka.clone()));
        let json = kafka.to_json();
        for (from, to) in [
            ("\"partitions\":2", "\"partitions\":4000000000"),
            ("\"partitions\":2", "\"partitions\":0"),
            ("\"crash_batch\":2", "\"crash_batch\":1000000000000"),
            (
                "\"topics\":[{\"name\":\"words\",\"partitions\":2}]",
                "\"topics\":[]",
            ),
        ] {
            assert!(json.contains(from), "{json}");
            assert_eq!(Session::from_json(&json.replace(from, to)), None, "{to}");
        }
        let mut crash = kafka.clone();
        let k = crash.kafka.as_mut().unwrap();
        k.driver_crash
            .0
            .push(dstream_engine::checkpoint::DriverCrash {
                at_ms: 4500,
                down_ms: -1,
                restart: Default::default(),
            });
        assert_eq!(Session::from_json(&crash.to_json()), None);
        crash.kafka.as_mut().unwrap().driver_crash.0[0].down_ms = 2000;
        assert!(Session::from_json(&crash.to_json()).is_some());
    }
}
