//! The trace: what the engine did with a scenario, batch by batch.
//!
//! Every view of the playground draws from it, `dstream replay --json` prints it, and the
//! golden tests compare it with what real Spark did. The fields named in
//! `../shared/spec/scenario-format.md` keep their meaning there; the rest (scopes, jobs,
//! windows, state, checkpoints) is what the engine knows beyond Spark's stdout.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::value::Value;

/// How much the engine records per call. A long run keeps counts only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Detail {
    /// Per-key call counts per batch, outputs and console text.
    Counts,
    /// Also every call with its arguments and result.
    #[default]
    Full,
}

/// The whole trace of a run.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Trace {
    /// `null`, or what stopped the program.
    pub error: Option<TraceError>,
    /// The front-end's warnings for a program that runs (code that can only throw when it
    /// runs, ...), with spans; a program with errors has them all in `error` instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<TraceDiagnostic>,
    /// What the program printed before the first batch (application scope).
    pub stdout_before: String,
    /// Files written before the first batch (`rdd.saveAsTextFile` in `main`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files_before: Vec<SavedDir>,
    /// The code that ran while `main` ran (application scope), with how often.
    pub runs_before: Vec<CodeRun>,
    /// Spark's log lines at WARN and above that a learner's console shows.
    pub log: Vec<LogLine>,
    /// Every batch that ran, in time order.
    pub batches: Vec<BatchTrace>,
    /// Facts about the program the views need (batch interval, streams, checkpoint intervals).
    pub program: ProgramInfo,
    /// The scenario's driver crashes and what each restart did, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub restarts: Vec<crate::checkpoint::RestartTrace>,
}

/// An exception, as Spark raises it, and where.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct TraceError {
    /// `parse`, `build`, `start` or `run`.
    pub phase: String,
    /// The Java class of the exception (`java.lang.IllegalArgumentException`), or
    /// `ScalaSyntax` / `Unsupported` for `parse`.
    pub class: String,
    /// The first line of the exception's message, word for word as Spark prints it.
    pub message: String,
    /// The whole message, when it has more lines than the first (Spark's advice after a
    /// first line, as in `This RDD lacks a SparkContext`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_full: Option<String>,
    /// For `run`: the batch in which it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<i64>,
    /// The causes, outermost first, as `class: message`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<String>,
    /// For `parse`: every problem found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<TraceDiagnostic>,
    /// For `build`, `start` and `run`: the byte span of the innermost program expression
    /// that raised the exception, when user code did (not part of Spark's text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
    /// The same place, 1-based, once [`Trace::locate`] has filled it in with the program
    /// text (the engine's run keeps byte offsets only, as `ConsoleLine::span` does): first line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// First column (in characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<u32>,
    /// Last line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// Column after the last character.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_col: Option<u32>,
}

impl Trace {
    /// Give the error's span a line and column in `program` (the program the trace ran).
    pub fn locate(&mut self, program: &str) {
        let Some(e) = self.error.as_mut() else { return };
        let Some((start, end)) = e.span else { return };
        let idx = crate::scala::diag::LineIndex::new(program);
        let ((line, col), (end_line, end_col)) = (idx.line_col(start), idx.line_col(end));
        (e.line, e.col, e.end_line, e.end_col) =
            (Some(line), Some(col), Some(end_line), Some(end_col));
    }
}

/// A diagnostic of the Scala front-end, 1-based, with its kind and arguments as data.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct TraceDiagnostic {
    /// First line.
    pub line: u32,
    /// First column (in characters).
    pub col: u32,
    /// Last line.
    pub end_line: u32,
    /// Column after the last character.
    pub end_col: u32,
    /// Machine-readable kind (`unexpected_token`).
    pub kind: String,
    /// The kind's arguments.
    pub args: Vec<String>,
    /// The English message.
    pub message: String,
    /// `error` or `warning`.
    pub severity: String,
}

/// A log line at WARN or above.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct LogLine {
    /// The batch it belongs to, or `null` before the first batch.
    pub time_ms: Option<i64>,
    /// `WARN` or `ERROR`.
    pub level: String,
    /// The logger (`org.apache.spark.streaming.StreamingContext`).
    pub logger: String,
    /// The message.
    pub message: String,
    /// Logged, but not printed: its logger's level is above WARN (`sc.setLogLevel(...)`, or
    /// log4j's `Logger.getLogger("org").setLevel(Level.ERROR)`). The playground shows it
    /// greyed out, saying why Spark's console stays silent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// Where a piece of code ran, in the lesson's three scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "scope")]
pub enum Scope {
    /// On the driver, once, while `main` runs (application scope).
    Application,
    /// On the driver, once per batch: a `transform` function at job generation, or a
    /// `foreachRDD` body when its job runs (job scope).
    Driver,
    /// In a task on an executor, for one partition (task scope).
    Task {
        /// The partition the task computes.
        partition: u32,
        /// The stage it belongs to.
        stage: u32,
    },
}

/// One line (or part of a line) written to stdout.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ConsoleLine {
    /// Where it was printed.
    #[serde(flatten)]
    pub scope: Scope,
    /// The text, including its newline if it had one.
    pub text: String,
    /// The byte span of the statement that printed it, if user code did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
}

/// One call of a user function.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CallRecord {
    /// The function's role, named as Spark names the parameter (`reduceFunc`).
    #[serde(rename = "fn")]
    pub func: &'static str,
    /// The key it ran for, as Spark's `toString` writes it (a `String` key's own text).
    pub key: std::rc::Rc<str>,
    /// The arguments, as they were at the call (JSON: numbers and booleans as themselves, the
    /// rest as Spark's `toString`).
    pub args: CallArgs,
    /// The result (`null` if it threw), likewise.
    pub result: Called,
    /// The partition of the task it ran in.
    pub partition: u32,
    /// The stage of the task.
    pub stage: u32,
}

/// A call's arguments, kept as values (a call record is made for every user-function call, so
/// it neither formats nor allocates for the usual one or two). A value that holds a mutable
/// object (a `State`) is kept as its text when the call returned, so what later calls do to
/// the object does not change the record.
#[derive(Clone, Debug)]
pub struct CallArgs {
    /// Up to two arguments in place (the rest `Unit`), or none when `more` holds them.
    few: [Value; 2],
    /// How many of `few` are arguments.
    len: u8,
    /// Three or more arguments.
    more: Vec<Value>,
}

impl CallArgs {
    /// The arguments of a call as it is made.
    pub fn of(args: &[Value]) -> CallArgs {
        match args {
            [] => CallArgs::few([Value::Unit, Value::Unit], 0),
            [a] => CallArgs::few([as_called(a), Value::Unit], 1),
            [a, b] => CallArgs::few([as_called(a), as_called(b)], 2),
            more => CallArgs {
                few: [Value::Unit, Value::Unit],
                len: 0,
                more: more.iter().map(as_called).collect(),
            },
        }
    }

    fn few(few: [Value; 2], len: u8) -> CallArgs {
        CallArgs {
            few,
            len,
            more: Vec::new(),
        }
    }

    /// The arguments in order.
    pub fn as_slice(&self) -> &[Value] {
        if self.more.is_empty() {
            &self.few[..usize::from(self.len)]
        } else {
            &self.more
        }
    }
}

impl Serialize for CallArgs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice().iter().map(crate::exec::to_json))
    }
}

/// Records compare as the trace writes them (an `Array` argument, equal by reference in
/// Scala, is the same in two runs when it prints the same).
impl PartialEq for CallArgs {
    fn eq(&self, other: &CallArgs) -> bool {
        let (a, b) = (self.as_slice(), other.as_slice());
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| crate::exec::to_json(x) == crate::exec::to_json(y))
    }
}

/// A call's result as its record keeps it ([`as_called`]), compared and written as the
/// trace's JSON writes it.
#[derive(Clone, Debug)]
pub struct Called(pub Value);

impl std::ops::Deref for Called {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl PartialEq for Called {
    fn eq(&self, other: &Called) -> bool {
        crate::exec::to_json(&self.0) == crate::exec::to_json(&other.0)
    }
}

impl Serialize for Called {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::exec::to_json(&self.0).serialize(s)
    }
}

/// `v` as a record keeps it: itself, or its text when it holds a mutable object.
pub fn as_called(v: &Value) -> Value {
    fn plain(v: &Value) -> bool {
        match v {
            Value::Obj(_) => false,
            Value::Tuple(items) => items.iter().all(plain),
            Value::Seq(_, items) => items.iter().all(plain),
            Value::Some(inner) => plain(inner),
            _ => true,
        }
    }
    if plain(v) {
        v.clone()
    } else {
        Value::str(&v.to_text())
    }
}

/// How often a statement or function body ran in one scope: what the program view colours.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct CodeRun {
    /// Byte offset of the code's first character in the program.
    pub start: u32,
    /// Byte offset after its last character.
    pub end: u32,
    /// `application` (driver, once), `driver` (driver, in the batch) or `task`.
    pub scope: &'static str,
    /// For `task`: the partition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition: Option<u32>,
    /// How many times it ran.
    pub count: u32,
}

impl CodeRun {
    /// From the interpreter's counters.
    pub fn from_counts(runs: Vec<(u32, u32, crate::scala::interp::RunScope, u32)>) -> Vec<CodeRun> {
        use crate::scala::interp::RunScope;
        runs.into_iter()
            .map(|(start, end, s, count)| {
                let (scope, partition) = match s {
                    RunScope::Application => ("application", None),
                    RunScope::Driver => ("driver", None),
                    RunScope::Task(p) => ("task", Some(p)),
                };
                CodeRun {
                    start,
                    end,
                    scope,
                    partition,
                    count,
                }
            })
            .collect()
    }
}

/// A directory of files a job wrote: `rdd.saveAsTextFile(dir)`, once per batch for
/// `saveAsTextFiles(prefix, suffix)`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SavedDir {
    /// The directory (`prefix-1000.txt`), as the program named it.
    pub dir: String,
    /// Written by `saveAsObjectFile(s)` (serialized records, not text).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub objects: bool,
    /// Each part file's lines (`part-00000`, ...; one per partition, empty ones too).
    pub parts: Vec<Vec<String>>,
}

/// Everything about one batch.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct BatchTrace {
    /// The batch time.
    pub time_ms: i64,
    /// A batch re-run after the driver restarted from a checkpoint.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub rerun: bool,
    /// The driver died while this batch ran: its output was cut short (not shown).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
    /// The offset ranges the direct Kafka streams fixed for this batch.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kafka_ranges: Vec<crate::kafka::OffsetRange>,
    /// Offsets committed to Kafka while this batch was generated (`topic-partition` → offset).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub kafka_commits: BTreeMap<String, i64>,
    /// The lines received for this batch.
    pub input: Vec<String>,
    /// The input RDD's partitions (blocks), as lists of lines.
    pub input_partitions: Vec<Vec<String>>,
    /// The code that ran in this batch, by scope, with how often.
    pub runs: Vec<CodeRun>,
    /// Everything printed while this batch ran, in order.
    pub stdout: String,
    /// The same text, line by line, with where each line was printed.
    pub console: Vec<ConsoleLine>,
    /// How many times each user function ran for each key: `{role: {key: n}}` (a key's text
    /// shared with its call records and values, not copied per batch).
    pub calls: BTreeMap<String, BTreeMap<std::rc::Rc<str>, u64>>,
    /// Every call in order, when the trace keeps full detail.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub call_records: Vec<CallRecord>,
    /// Spark jobs run for this batch (one per output operation that produced one, plus one per
    /// RDD action inside `transform`/`foreachRDD`, plus `take`'s extra rounds and checkpoint jobs).
    pub jobs: u32,
    /// For each windowed stream computed at this time: which batches are in the window, which
    /// entered and which left since the previous window.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<WindowTrace>,
    /// Streams whose RDD was checkpointed at this time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checkpointed: Vec<String>,
    /// For stateful streams: the state per key after this batch, as `[key, value]` strings.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub state: BTreeMap<String, Vec<(std::rc::Rc<str>, String)>>,
    /// Directories the batch's jobs wrote (`saveAsTextFiles`, `rdd.saveAsTextFile`): Spark's
    /// output that is not stdout.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<SavedDir>,
    /// Whether an output operation produced a job at this time.
    pub has_output: bool,
    /// Virtual time spent in `Thread.sleep` by user code in this batch.
    pub sleep_ms: i64,
    /// Spark's `BatchInfo.submissionTime`: when the batch's jobs were handed to the job queue
    /// (the batch time, plus any driver work at generation: `transform` functions).
    pub submission_ms: i64,
    /// `processingStartTime`: when its first job started; `null` if none ran (no output was
    /// due, or no task slot is free).
    pub processing_start_ms: Option<i64>,
    /// `processingEndTime`: when its last job ended; `null` if none ran.
    pub processing_end_ms: Option<i64>,
    /// `schedulingDelay`: processing start − submission (time spent waiting in the queue).
    pub scheduling_delay_ms: Option<i64>,
    /// `processingDelay`: processing end − processing start.
    pub processing_ms: Option<i64>,
    /// `totalDelay`: scheduling delay + processing time.
    pub total_delay_ms: Option<i64>,
    /// `numRecords`: the records the receivers (or queues) gave this batch.
    pub num_records: u64,
    /// The Streaming UI's input rate: records per second of batch interval.
    pub input_rate: f64,
    /// Earlier batches not finished when this one was submitted (the UI's waiting batches).
    pub waiting_batches: u32,
    /// The receiver's rate limit (records/s) when this batch's interval ended: `maxRate`, or
    /// backpressure's latest rate; `null` when unlimited.
    pub rate_limit: Option<f64>,
    /// With backpressure: the rate the PID estimator published when this batch completed.
    pub new_rate: Option<f64>,
    /// Lines sent but held back by the rate limit when this batch's interval ended.
    pub receiver_backlog: u64,
}

/// A window computed at a batch time.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct WindowTrace {
    /// The stream (`reduceByKeyAndWindow`, `window`).
    pub stream: std::rc::Rc<str>,
    /// Batch times inside the window.
    pub batches: Vec<i64>,
    /// Batch times that entered since the previous window (for the inverse path: the "new" RDDs).
    pub entered: Vec<i64>,
    /// Batch times that left (for the inverse path: the "old" RDDs).
    pub left: Vec<i64>,
}

/// Facts about the program.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct ProgramInfo {
    /// The batch interval.
    pub batch_ms: i64,
    /// The master string.
    pub master: String,
    /// Task slots (`n` of `local[n]`).
    pub cores: u32,
    /// The streams of the graph, in creation order.
    pub streams: Vec<StreamInfo>,
    /// The scheduling model's settings (see `schedule.rs`): what the UI shows as "a model".
    pub scheduling: SchedulingInfo,
}

/// The cluster and cost settings a run used.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct SchedulingInfo {
    /// Receivers, each holding one task slot for the whole run.
    pub receivers: u32,
    /// Slots left for tasks (cores − receivers); 0: jobs never run.
    pub task_slots: u32,
    /// `spark.streaming.concurrentJobs` (default 1).
    pub concurrent_jobs: u32,
    /// `spark.streaming.blockInterval`, in ms.
    pub block_interval_ms: i64,
    /// `spark.streaming.receiver.maxRate`, records/s per receiver; `null`: unlimited.
    pub max_rate: Option<i64>,
    /// `spark.streaming.backpressure.enabled`.
    pub backpressure: bool,
    /// The cost model (`playground.cost.*`), in µs.
    pub cost: crate::schedule::CostModel,
}

/// One DStream of the graph.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct StreamInfo {
    /// Its index.
    pub id: u32,
    /// Spark's class name (`ReducedWindowedDStream`).
    pub class: String,
    /// The operator that made it (`reduceByKeyAndWindow`).
    pub op: String,
    /// Parents.
    pub parents: Vec<u32>,
    /// Slide duration.
    pub slide_ms: i64,
    /// Window duration, for windowed streams.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_ms: Option<i64>,
    /// Checkpoint interval, if the stream is checkpointed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkpoint_ms: Option<i64>,
    /// Remember duration.
    pub remember_ms: i64,
    /// Whether it is an output stream.
    pub output: bool,
    /// Whether it keeps state per key from batch to batch (its state is in each batch's
    /// `state`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keeps_state: bool,
    /// Where the operator was written, as a byte span of the program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(u32, u32)>,
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::{CallArgs, Called};
    use crate::value::{Object, Value};

    /// A mutable object, as `State` is.
    struct Counter(Cell<i32>);

    impl Object for Counter {
        fn class_name(&self) -> String {
            "Counter".into()
        }
        fn to_string_scala(&self) -> String {
            self.0.get().to_string()
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    #[test]
    fn a_record_keeps_plain_values_and_the_text_of_mutable_ones() {
        let counter = Rc::new(Counter(Cell::new(3)));
        let obj = Value::Obj(counter.clone());
        let args = [
            Value::str("hi"),
            Value::pair(Value::Int(1), obj.clone()),
            Value::Double(1e7),
        ];
        let three = CallArgs::of(&args);
        let two = CallArgs::of(&args[..2]);
        let result = Called(super::as_called(&obj));
        counter.0.set(4);
        let texts = |a: &CallArgs| a.as_slice().iter().map(Value::to_text).collect::<Vec<_>>();
        assert_eq!(texts(&three), ["hi", "(1,3)", "1.0E7"]);
        assert_eq!(texts(&two), ["hi", "(1,3)"]);
        assert_eq!(result.to_text(), "3");
        assert!(matches!(three.as_slice()[0], Value::Str(_)));
        assert_eq!(CallArgs::of(&[]).as_slice().len(), 0);
        // Written and compared as the trace's JSON: numbers as numbers, the rest as text.
        assert_eq!(
            serde_json::to_string(&three).unwrap(),
            r#"["hi","(1,3)",10000000.0]"#
        );
        assert_ne!(CallArgs::of(&args), three, "the object now prints (1,4)");
        counter.0.set(3);
        assert_eq!(CallArgs::of(&args), three);
        assert_ne!(CallArgs::of(&args[..1]), two);
    }
}
