//! The runtime every stage of a run shares: the DStream graph, Spark's configuration, where
//! code is running now (scope, batch, task), and the recorder of the current batch's trace.
//!
//! User functions are [`Func`]s: Scala closures from the program, or Rust closures when a
//! test builds the graph through the typed API. Every call goes through
//! [`Runtime::call_user`], which counts it per role and key and, at full detail, records its
//! arguments and result: that is how the trace knows which function fired, for which key.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::graph::Graph;
use crate::scala::interp::{Closure, InterpState};
use crate::scala::user_class::quietly;
use crate::time::{Duration, Time};
use crate::trace::{BatchTrace, CallArgs, CallRecord, Called, ConsoleLine, Detail, LogLine, Scope};
use crate::value::{Object, Value};

/// A JVM exception: its class, its message, and its causes (outermost first).
///
/// The fields live behind one `Box` (read and written through `Deref`), so an `Exn` is a
/// pointer and a `Result<Value, Exn>` is no larger than a `Value`: every `?` of the
/// interpreter then moves a few bytes instead of the whole exception, which keeps the
/// site's `.wasm` smaller. An exception is raised rarely, so the allocation costs nothing
/// measurable.
#[derive(Clone, PartialEq, Eq)]
pub struct Exn(Box<ExnInfo>);

/// What an [`Exn`] holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExnInfo {
    /// The Java class (`java.lang.NumberFormatException`).
    pub class: String,
    /// The message (`For input string: "x"`).
    pub message: String,
    /// Causes, as `class: message`.
    pub causes: Vec<String>,
    /// The byte span of the program expression that raised it (the innermost one), when
    /// user code did; the editor underlines it. Not part of Spark's text.
    pub span: Option<(u32, u32)>,
}

impl std::ops::Deref for Exn {
    type Target = ExnInfo;

    fn deref(&self) -> &ExnInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Exn {
    fn deref_mut(&mut self) -> &mut ExnInfo {
        &mut self.0
    }
}

impl From<ExnInfo> for Exn {
    fn from(info: ExnInfo) -> Exn {
        Exn(Box::new(info))
    }
}

/// Printed as the fields themselves, as when they were `Exn`'s own.
impl fmt::Debug for Exn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exn")
            .field("class", &self.class)
            .field("message", &self.message)
            .field("causes", &self.causes)
            .field("span", &self.span)
            .finish()
    }
}

impl Exn {
    /// An exception of `class` with `message`.
    pub fn new(class: &str, message: impl Into<String>) -> Exn {
        Exn::from(ExnInfo {
            class: class.to_string(),
            message: message.into(),
            causes: Vec::new(),
            span: None,
        })
    }

    /// The fields, moved out.
    pub fn into_info(self) -> ExnInfo {
        *self.0
    }

    /// The exception, raised at `span` unless an inner expression already claimed it.
    pub fn at(mut self, span: (u32, u32)) -> Exn {
        self.span.get_or_insert(span);
        self
    }

    /// A collection of more than [`MAX_ELEMENTS`] values asked for: the run stops here, as
    /// it would not fit a browser tab's memory.
    pub fn too_large(what: &str) -> Exn {
        Exn::unsupported(format!(
            "{what} of more than 10 million elements (the playground keeps every value in the browser's memory)"
        ))
    }

    /// A string of more than [`MAX_TEXT`] bytes asked for (`s = s + s` in a loop): the run
    /// stops here, as it would not fit a browser tab's memory.
    pub fn text_too_large() -> Exn {
        Exn::unsupported(
            "a string of more than 100 million characters (the playground keeps every value in the browser's memory)",
        )
    }

    /// `Err(too_large(what))` when a collection of `n` values is more than [`MAX_ELEMENTS`].
    pub fn check_size(n: usize, what: &str) -> Result<(), Exn> {
        if n as u64 > MAX_ELEMENTS {
            return Err(Exn::too_large(what));
        }
        Ok(())
    }

    /// `n` partitions asked for (`parallelize(xs, n)`, `repartition(n)`, a partitioner): an
    /// error past [`crate::scenario::MAX_PARTITIONS`], as every partition is a task the
    /// playground runs and keeps.
    pub fn check_partitions(n: usize) -> Result<usize, Exn> {
        if n > crate::scenario::MAX_PARTITIONS {
            return Err(Exn::unsupported(format!(
                "{n} partitions, more than the {} the playground can hold (each is a task it runs and keeps)",
                crate::scenario::MAX_PARTITIONS
            )));
        }
        Ok(n)
    }

    /// `Err(text_too_large())` when a string of `bytes` is more than [`MAX_TEXT`].
    pub fn check_text(bytes: usize) -> Result<(), Exn> {
        if bytes as u64 > MAX_TEXT {
            return Err(Exn::text_too_large());
        }
        Ok(())
    }

    /// `java.lang.ArithmeticException: / by zero`: an integer `/` or `%` by zero.
    pub fn by_zero() -> Exn {
        Exn::new("java.lang.ArithmeticException", "/ by zero")
    }

    /// Scala's `require` failing: `IllegalArgumentException("requirement failed: " + msg)`.
    pub fn require(msg: impl fmt::Display) -> Exn {
        Exn::new(
            "java.lang.IllegalArgumentException",
            format!("requirement failed: {msg}"),
        )
    }

    /// `org.apache.spark.SparkException`.
    pub fn spark(msg: impl Into<String>) -> Exn {
        Exn::new("org.apache.spark.SparkException", msg)
    }

    /// A problem of our own (a feature the playground does not model, a bound exceeded):
    /// reported with the class `dstream.Unsupported` so nobody mistakes it for Spark's.
    pub fn unsupported(msg: impl Into<String>) -> Exn {
        Exn::new("dstream.Unsupported", msg)
    }

    /// `class: message`, as Java's `Throwable.toString`.
    pub fn describe(&self) -> String {
        if self.message.is_empty() {
            self.class.clone()
        } else {
            format!("{}: {}", self.class, self.message)
        }
    }
}

/// A native function of the typed API: arguments in, result out.
pub type NativeFn = Rc<dyn Fn(&mut Runtime, &[Value]) -> Result<Value, Exn>>;

/// A function value: what user code passes to `map`, `reduceByKey`, `transform`...
#[derive(Clone)]
pub enum Func {
    /// A Scala closure from the program.
    Scala(Rc<Closure>),
    /// A Rust closure (typed API and tests), with a display name.
    Native(Rc<str>, NativeFn),
}

impl Func {
    /// A native function from a Rust closure.
    pub fn native(
        name: &str,
        f: impl Fn(&mut Runtime, &[Value]) -> Result<Value, Exn> + 'static,
    ) -> Func {
        Func::Native(Rc::from(name), Rc::new(f))
    }

    /// As a value the interpreter can hold.
    pub fn into_value(self) -> Value {
        Value::Obj(Rc::new(self))
    }

    /// The number of parameters, when known.
    pub fn arity(&self) -> Option<usize> {
        match self {
            Func::Scala(c) => Some(c.params.len()),
            Func::Native(..) => None,
        }
    }
}

impl Object for Func {
    fn class_name(&self) -> String {
        "Function".into()
    }
    fn to_string_scala(&self) -> String {
        "<function>".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Spark's configuration as the program set it.
#[derive(Clone, Debug, Default)]
pub struct Conf {
    /// `setMaster(...)`.
    pub master: Option<String>,
    /// `setAppName(...)`.
    pub app_name: Option<String>,
    /// `set(key, value)` pairs.
    pub settings: BTreeMap<String, String>,
}

impl Conf {
    /// Task slots of the master: `n` for `local[n]`, 1 for `local`, the modelled machine's
    /// cores (4) for `local[*]`.
    pub fn cores(&self) -> u32 {
        parse_master_cores(self.master.as_deref().unwrap_or("local[2]"))
    }

    /// `sc.defaultParallelism` in local mode: `spark.default.parallelism` if the program set
    /// it, else the master's cores. What a DStream's shuffles use without a partition count.
    pub fn default_parallelism(&self) -> usize {
        self.settings
            .get("spark.default.parallelism")
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(self.cores() as usize)
    }
}

/// How many cores the playground's simulated machine has: what `local[*]` means here.
pub const MACHINE_CORES: u32 = 4;

/// Task slots for a master string.
pub fn parse_master_cores(master: &str) -> u32 {
    let m = master.trim();
    if m == "local" {
        return 1;
    }
    if let Some(inner) = m.strip_prefix("local[").and_then(|r| r.strip_suffix(']')) {
        let first = inner.split(',').next().unwrap_or("").trim();
        if first == "*" {
            return MACHINE_CORES;
        }
        return first.parse().unwrap_or(1).max(1);
    }
    MACHINE_CORES
}

/// The phase of the run, for error reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// `main` is running before `ssc.start()`: building the graph.
    Build,
    /// Inside `ssc.start()`.
    Start,
    /// Batches are running.
    Run,
}

/// The state of a run.
pub struct Runtime {
    /// How much to record.
    pub detail: Detail,
    /// The DStream graph.
    pub graph: Graph,
    /// `SparkConf`.
    pub conf: Conf,
    /// The batch interval, once a `StreamingContext` exists.
    pub batch: Option<Duration>,
    /// A `SparkContext` exists (made by `new SparkContext` or a `StreamingContext` from a
    /// conf): making a second one fails, as in one JVM.
    pub spark_context: bool,
    /// `ssc.checkpoint(dir)` / `sc.setCheckpointDir(dir)`.
    pub checkpoint_dir: Option<String>,
    /// Where code runs now.
    pub scope: Scope,
    /// The phase.
    pub phase: Phase,
    /// The batch being run.
    pub now: Option<Time>,
    /// The recorder of the current batch.
    pub cur: BatchTrace,
    /// This batch's calls per role, then per key (a few roles, found by a scan).
    counts: Vec<(&'static str, FxHashMap<Value, u64>)>,
    /// Output before the first batch.
    pub stdout_before: String,
    /// Files written before the first batch.
    pub files_before: Vec<crate::trace::SavedDir>,
    /// Spark's call site of what runs now (the RDD or DStream method the program called, and
    /// where): the creation site a new RDD keeps, which `toDebugString` prints.
    pub site: crate::rdd::Site,
    /// The program's file name in call sites (`Main.scala`, or `<console>` for a bare body)
    /// and where its lines start, to turn a site's offset into a line number.
    pub source: (Rc<str>, Rc<[u32]>),
    /// The program's text (where Spark's closure check reads a function's names).
    pub text: Rc<str>,
    /// WARN/ERROR log lines.
    pub log: Vec<LogLine>,
    /// The interpreter's state (globals, closures).
    pub interp: InterpState,
    /// Counters for RDD, stage and job ids.
    pub next_rdd: u32,
    /// Next stage id.
    pub next_stage: u32,
    /// The span of the statement running now, for console lines.
    pub cur_span: Option<(u32, u32)>,
    /// Work left before the run is stopped as runaway (calls and loop iterations).
    pub fuel: u64,
    /// Input partitions per batch time, for the input streams.
    pub feed: BTreeMap<i64, Vec<Vec<Value>>>,
    /// `awaitTerminationOrTimeout(ms)`: stop after this much virtual time.
    pub await_timeout: Option<i64>,
    next_broadcast: u32,
    /// The input streams' blocks have a location (a receiver stored them in the block
    /// manager), as `BlockRDD` reports; not for input given as whole lists (`parallelize`).
    pub blocks_located: bool,
    /// `coalesce`d RDDs made whose partition groups are not decided yet (they are when a job
    /// first runs over them, with the map outputs there are then).
    pub pending_coalesces: u32,
    /// Accumulators the program made so far.
    pub accumulators: u32,
    /// Jobs started so far (a job's number, for what Spark's scheduler saw cached).
    pub job_seq: u32,
    /// Starved (the receivers hold every core): the one job Spark's job executor took, which
    /// waits for a task slot forever and keeps every later job in its queue.
    pub starved_job: bool,
    /// The driver's time since `ssc.start()`: `main`'s `Thread.sleep`s after it (Spark's
    /// `QueueStream` example enqueues, sleeps, enqueues...). The run ends there when `main`
    /// returns or calls `ssc.stop()` without `awaitTermination`.
    pub driver_clock_ms: i64,
    /// What the current batch's code did (tasks, calls, sleeps), for the cost model.
    pub work: crate::schedule::Ledger,
    /// The current batch's streaming jobs: each one's output stream, and why it failed.
    pub batch_jobs: Vec<(crate::graph::NodeId, Option<String>)>,
    /// Where the batch's output stood before its first job and after each (stdout's and the
    /// console's lengths), for the listener's calls (see `scala::listener`).
    pub batch_marks: Vec<(usize, usize)>,
    /// The root logger's level: `sc.setLogLevel(...)`, upper-cased, or log4j's
    /// `Logger.getRootLogger.setLevel(...)`.
    pub log_level: Option<String>,
    /// Levels set on named loggers (`Logger.getLogger("org").setLevel(Level.ERROR)`).
    pub logger_levels: Vec<(String, String)>,
    next_tid: u32,
    /// The running task's id (`TaskContext.taskAttemptId`).
    task_now: u32,
    /// The scenario's driver crash: checkpoints, the restart, the batches to re-run.
    pub recovery: crate::checkpoint::Recovery,
}

/// The most values one collection a program builds may hold (`List.fill`, `Array.ofDim`,
/// `permutations`...): see [`Exn::too_large`].
pub const MAX_ELEMENTS: u64 = 10_000_000;

/// The longest string (in bytes) a program may build: see [`Exn::text_too_large`].
pub const MAX_TEXT: u64 = 100_000_000;

/// How much work one run may do before it is stopped: every expression evaluated is a unit
/// (and a call, a loop turn, a record, an element of an endless iterator, a partition a few
/// more). The heaviest workloads of the benchmarks use about 25 million (`state_100k_keys`:
/// 100,000 keys, 20 batches); anything endless (a `while (true)`, a recursion that fans out)
/// stops after about 1.4 s natively.
pub const DEFAULT_FUEL: u64 = 50_000_000;

/// The work, in the budget, of copying `n` elements into a new sequence (`x :: xs`, `xs :+
/// x`, `xs ++ ys`: the playground's lists are arrays, so each such step copies the whole
/// list, where Scala's shares it): a unit for eight. A loop that prepends for ever was a
/// quadratic hang (minutes); it stops after about two seconds natively, and 20,000 prepends
/// (1.3 s) still fit.
pub fn copy_work(n: usize) -> u64 {
    n as u64 / 8
}

impl Runtime {
    /// A fresh runtime.
    pub fn new(detail: Detail) -> Runtime {
        Runtime {
            detail,
            graph: Graph::default(),
            conf: Conf::default(),
            batch: None,
            spark_context: false,
            checkpoint_dir: None,
            scope: Scope::Application,
            phase: Phase::Build,
            now: None,
            cur: BatchTrace::default(),
            counts: Vec::new(),
            stdout_before: String::new(),
            files_before: Vec::new(),
            site: crate::rdd::Site::default(),
            source: (Rc::from("<console>"), Rc::from(Vec::new())),
            text: Rc::from(""),
            log: Vec::new(),
            interp: InterpState::default(),
            next_rdd: 0,
            next_stage: 0,
            cur_span: None,
            fuel: DEFAULT_FUEL,
            feed: BTreeMap::new(),
            await_timeout: None,
            next_broadcast: 0,
            blocks_located: false,
            pending_coalesces: 0,
            accumulators: 0,
            job_seq: 0,
            starved_job: false,
            driver_clock_ms: 0,
            work: crate::schedule::Ledger::default(),
            batch_jobs: Vec::new(),
            batch_marks: Vec::new(),
            log_level: None,
            logger_levels: Vec::new(),
            next_tid: 0,
            task_now: 0,
            recovery: Default::default(),
        }
    }

    /// Spend `n` units of work; fails once the budget is gone, so no program runs forever.
    pub fn burn(&mut self, n: u64) -> Result<(), Exn> {
        if self.fuel < n {
            self.fuel = 0;
            return Err(Exn::unsupported(
                "the program did too much work for the playground (a loop that never ends, or a very large input); it was stopped",
            ));
        }
        self.fuel -= n;
        Ok(())
    }

    /// Write to stdout, in the current scope.
    pub fn print(&mut self, text: &str) {
        // What a `toString` printed while the value was turned into `text` comes first.
        if let Some(earlier) = crate::scala::user_class::take_output() {
            self.print(&earlier);
        }
        // Java's console writes UTF-8: a lone half of a surrogate pair as `?`.
        let text = &*crate::utf16::for_console(text);
        if self.now.is_none() {
            self.stdout_before.push_str(text);
            return;
        }
        self.cur.stdout.push_str(text);
        match self.cur.console.last_mut() {
            Some(last)
                if last.scope == self.scope
                    && !last.text.ends_with('\n')
                    && last.span == self.cur_span =>
            {
                last.text.push_str(text)
            }
            _ => self.cur.console.push(ConsoleLine {
                scope: self.scope,
                text: text.to_string(),
                span: self.cur_span,
            }),
        }
    }

    /// A WARN line from Spark's logger `logger`.
    pub fn warn(&mut self, logger: &str, message: impl Into<String>) {
        // `sc.setLogLevel("ERROR")` silences Spark's own WARN lines (not our notes).
        let hidden = logger.starts_with("org.apache.spark")
            && crate::scala::log4j::drops_warn(
                &self.logger_levels,
                self.log_level.as_deref(),
                logger,
            );
        self.log.push(LogLine {
            hidden,
            time_ms: self.now.map(|t| t.0),
            level: "WARN".into(),
            logger: logger.into(),
            message: message.into(),
        });
    }

    /// The partition of the task running now (0 on the driver).
    pub fn partition(&self) -> u32 {
        match self.scope {
            Scope::Task { partition, .. } => partition,
            _ => 0,
        }
    }

    /// Runs `f` with `op` at byte `at` of the program as the call site (see [`Runtime::site`]).
    pub fn at_site<T>(&mut self, op: &str, at: u32, f: impl FnOnce(&mut Runtime) -> T) -> T {
        let saved = std::mem::replace(&mut self.site, crate::rdd::Site(Rc::from(op), at));
        let r = f(self);
        self.site = saved;
        r
    }

    /// Call a user function in the role Spark names it (`reduceFunc`), for `key`, counting
    /// and recording the call.
    pub fn call_user(
        &mut self,
        role: &'static str,
        key: Option<&Value>,
        f: &Func,
        args: &[Value],
    ) -> Result<Value, Exn> {
        let result = self.call(f, args);
        if let Func::Native(name, _) = f {
            if name.starts_with("spark.") {
                return result;
            }
        }
        self.work.note(self.scope, self.cur.sleep_ms, true);
        let key = key
            .cloned()
            .unwrap_or_else(|| default_key(args, result.as_ref().ok()));
        if self.now.is_some() {
            if self.detail == Detail::Full {
                let (partition, stage) = match self.scope {
                    Scope::Task { partition, stage } => (partition, stage),
                    _ => (0, 0),
                };
                let (key, result) = quietly(|| {
                    let called = result.as_ref().map_or(Value::Null, crate::trace::as_called);
                    (key.text_rc(), Called(called))
                });
                self.cur.call_records.push(CallRecord {
                    func: role,
                    key,
                    args: CallArgs::of(args),
                    result,
                    partition,
                    stage,
                });
            }
            let i = match self
                .counts
                .iter()
                .position(|(r, _)| std::ptr::eq(*r, role) || *r == role)
            {
                Some(i) => i,
                None => {
                    self.counts.push((role, FxHashMap::default()));
                    self.counts.len() - 1
                }
            };
            *self.counts[i].1.entry(key).or_insert(0) += 1;
        }
        result
    }

    /// Call a function without recording it (Spark's own helpers, driver utilities).
    pub fn call(&mut self, f: &Func, args: &[Value]) -> Result<Value, Exn> {
        self.burn(1)?;
        let r = match f {
            Func::Native(_, n) => n(self, args),
            Func::Scala(c) => crate::scala::interp::call_closure(self, c, args),
        };
        self.work.note(self.scope, self.cur.sleep_ms, false);
        r
    }

    /// Start recording a new batch at `t`.
    pub fn begin_batch(&mut self, t: Time) {
        self.now = Some(t);
        self.cur = BatchTrace {
            time_ms: t.0,
            ..BatchTrace::default()
        };
        self.counts.clear();
        self.work.begin();
        self.batch_jobs.clear();
        self.batch_marks.clear();
    }

    /// Finish the current batch's record.
    pub fn end_batch(&mut self) -> BatchTrace {
        let mut b = std::mem::take(&mut self.cur);
        b.runs = crate::trace::CodeRun::from_counts(crate::scala::interp::take_runs(self));
        // Each role's keys by text: keys that print alike (`1` and `1L`) add up. (A role's map
        // has a few keys a batch: inserted as they come, in one node, with no sort.)
        for (role, keys) in std::mem::take(&mut self.counts) {
            if keys.is_empty() {
                continue;
            }
            if !b.calls.contains_key(role) {
                b.calls.insert(role.to_string(), Default::default());
            }
            if let Some(map) = b.calls.get_mut(role) {
                quietly(|| {
                    for (key, n) in keys {
                        *map.entry(key.text_rc()).or_insert(0) += n;
                    }
                });
            }
        }
        b
    }

    /// A fresh RDD id (`SparkContext.newRddId`: the first is 0).
    pub fn rdd_id(&mut self) -> u32 {
        self.next_rdd += 1;
        self.next_rdd - 1
    }

    /// A fresh broadcast id.
    pub fn next_broadcast(&mut self) -> u32 {
        let b = self.next_broadcast;
        self.next_broadcast += 1;
        b
    }

    /// A fresh task id (Spark's TID: one per task launched in the application).
    pub fn task_id(&mut self) -> u32 {
        let t = self.next_tid;
        self.next_tid += 1;
        self.work.new_task(self.cur.jobs);
        t
    }

    /// The task ids of a stage's tasks, `launch[i]` being task `i`'s place in the order the
    /// scheduler launches them (see `rdd::launch_order`).
    pub fn stage_task_ids(&mut self, launch: &[u32]) -> Vec<u32> {
        let base = self.next_tid;
        self.next_tid += launch.len() as u32;
        launch.iter().map(|&k| base + k).collect()
    }

    /// Task `tid` of a stage whose ids [`Runtime::stage_task_ids`] gave starts: its own work
    /// budget.
    pub fn start_task(&mut self, tid: u32) {
        self.task_now = tid;
        self.work.new_task(self.cur.jobs);
    }

    /// The running task's id.
    pub fn task_now(&self) -> u32 {
        self.task_now
    }

    /// A fresh stage id.
    pub fn stage_id(&mut self) -> u32 {
        let s = self.next_stage;
        self.next_stage += 1;
        s
    }
}

/// The key a per-record call is counted under when the operator names none: the key of a
/// pair argument, else the key of a pair result, else the record itself.
fn default_key(args: &[Value], result: Option<&Value>) -> Value {
    if let Some(k) = args.first().and_then(Value::pair_key) {
        return k.clone();
    }
    if let Some(k) = result.and_then(Value::pair_key) {
        return k.clone();
    }
    args.first().cloned().unwrap_or(Value::Unit)
}

/// A value as JSON for call records: numbers and booleans as themselves, the rest as Spark's
/// `toString`.
pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Int(i) => (*i).into(),
        Value::Long(l) => (*l).into(),
        Value::Bool(b) => (*b).into(),
        Value::Double(d) => serde_json::Number::from_f64(*d)
            .map(serde_json::Value::Number)
            .unwrap_or_else(|| v.to_string().into()),
        Value::Null => serde_json::Value::Null,
        // As Java's console shows it: a lone half of a surrogate pair as `?`.
        other => {
            let text = quietly(|| other.to_text());
            if crate::utf16::has_halves(&text) {
                crate::utf16::for_console(&text).into_owned().into()
            } else {
                text.into()
            }
        }
    }
}

impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_i32(self.hash_code());
    }
}
