//! The engine's entry point: run a scenario, get its trace.
//!
//! The run loop is Spark's, on virtual time. `main` runs first (application scope), building
//! the graph; `ssc.start()` validates it; then for each batch time `t = B, 2B, ...`: the input
//! received for `t` becomes the input streams' RDDs, every output stream generates its job in
//! registration order (running `transform` functions on the driver), the jobs run one after
//! another (`spark.streaming.concurrentJobs = 1`), and old RDDs are forgotten. An exception
//! stops the run where Spark's `awaitTermination` would rethrow it.

use crate::exec::{Exn, Phase, Runtime};
use crate::graph::NodeKind;
use crate::ops::{for_each, map_with_state};
use crate::rdd::slice_evenly;
use crate::receiver::{PidRateEstimator, Receiver};
use crate::scala::diag::{LineIndex, Severity};
use crate::scala::interp::{run_main, Frame};
use crate::scala::parser::parse;
use crate::scenario::{BatchInput, Scenario, StampedLine, MAX_BATCHES};
use crate::schedule::{BatchTiming, CostModel, Scheduler};
use crate::time::{Duration, Time};
use crate::trace::{
    BatchTrace, CodeRun, Detail, ProgramInfo, SchedulingInfo, Trace, TraceDiagnostic, TraceError,
};
use crate::value::Value;

/// Spark's default `spark.streaming.blockInterval`.
pub const DEFAULT_BLOCK_INTERVAL_MS: i64 = 200;

/// Run a scenario and return its trace. Never panics on any input.
pub fn run(scenario: &Scenario, detail: Detail) -> Trace {
    let mut batches = Vec::new();
    let mut trace = run_with(scenario, detail, &mut |b| batches.push(b));
    trace.batches = batches;
    trace
}

/// Run a scenario, handing each batch's trace to `sink` as soon as the batch is done (so a
/// long run need not keep them all); the returned trace has everything but the batches.
pub fn run_with(scenario: &Scenario, detail: Detail, sink: &mut dyn FnMut(BatchTrace)) -> Trace {
    let mut r = Run::start(scenario, detail);
    while let Some(b) = r.step() {
        sink(b);
    }
    r.into_trace()
}

/// A run that goes one batch at a time and can be resumed with more input.
///
/// [`Run::start`] parses the program and runs `main` (building and starting the graph);
/// each [`Run::step`] runs the next batch. When a scenario with stamped `lines` and
/// `run_batches` has run all its batches, [`Run::extend`] can add lines stamped at or after
/// the last batch boundary and more batches: stepping on then gives exactly the batches a
/// from-scratch [`run`] of the longer scenario gives (the receiver, the scheduler, the
/// interpreter and the graph carry on from where they were). Anything else (an edit of the
/// program, a line inside a batch already run, fewer batches) needs a new run.
pub struct Run {
    /// Everything but the batches; `log` and `program` are filled by [`Run::trace`].
    trace: Trace,
    /// The runtime; `None` when the program did not parse (the trace is final).
    rt: Option<Runtime>,
    /// The batch loop; `None` once no batch can run any more (error, stop, timeout).
    live: Option<Live>,
}

/// The batch loop's state between batches.
struct Live {
    source: Source,
    sched: Scheduler,
    pid: Option<PidRateEstimator>,
    starved: bool,
    batch_ms: i64,
    /// Batches run so far.
    next: usize,
    run_batches: Option<usize>,
    input_partitions: Option<usize>,
}

impl Run {
    /// Parses the program and runs `main`; no batch has run yet.
    pub fn start(scenario: &Scenario, detail: Detail) -> Run {
        let (file, diags) = parse(&scenario.program);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            let unsupported = errors.iter().all(|d| d.kind == "unsupported");
            return Run {
                trace: parse_error_trace(&scenario.program, &diags, unsupported),
                rt: None,
                live: None,
            };
        }

        let mut rt = Runtime::new(detail);
        rt.graph.kafka = (scenario.kafka.as_ref()).map(|k| std::rc::Rc::new(k.broker().into()));
        crate::checkpoint::arm(&mut rt, &scenario.driver_crash, &file);
        let frame = Frame::new(None, true);
        let mut trace = Trace {
            warnings: trace_diagnostics(&scenario.program, diags.iter()),
            ..Trace::default()
        };
        for (text, _) in &file.imports {
            rt.interp.import(text);
        }
        rt.interp.program_object.clone_from(&file.object_name);
        // Call sites name the program's file: its object's (`Lesson03.scala`), or spark-shell's
        // `<console>` for a bare body.
        let file_name = match &file.object_name {
            Some(o) => format!("{o}.scala"),
            None => "<console>".to_string(),
        };
        let starts: Vec<u32> = std::iter::once(0)
            .chain(
                scenario
                    .program
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i as u32 + 1),
            )
            .collect();
        rt.source = (file_name.into(), starts.into());
        rt.text = std::rc::Rc::from(scenario.program.as_str());
        let built = run_main(&mut rt, &frame, &file);
        trace.stdout_before = std::mem::take(&mut rt.stdout_before);
        trace.files_before = std::mem::take(&mut rt.files_before);
        trace.runs_before = CodeRun::from_counts(crate::scala::interp::take_runs(&mut rt));
        let stopped = |rt, trace| Run {
            trace,
            rt: Some(rt),
            live: None,
        };
        if let Err(e) = built {
            trace.error = Some(error_of(
                &e,
                if rt.phase == Phase::Start {
                    "start"
                } else {
                    "build"
                },
                None,
            ));
            if rt.phase == Phase::Start {
                rt.log.push(crate::trace::LogLine {
                    time_ms: None,
                    level: "ERROR".into(),
                    logger: "org.apache.spark.streaming.StreamingContext".into(),
                    message: "Error starting the context, marking it as stopped".into(),
                    hidden: false,
                });
            }
            return stopped(rt, trace);
        }
        if !rt.graph.started {
            return stopped(rt, trace);
        }
        if !rt.interp.awaited && rt.driver_clock_ms > 0 {
            // `main` slept after `ssc.start()` and returned: the JVM exits then.
            rt.interp.awaited = true;
            rt.await_timeout = Some(rt.driver_clock_ms);
        }
        if !rt.interp.awaited {
            rt.warn(
                "dstream",
                "main() returned without ssc.awaitTermination(): the JVM exits and the streaming context stops before any batch runs",
            );
            return stopped(rt, trace);
        }

        let batch = rt.batch.unwrap_or(Duration(1000));
        let block_ms = block_interval(&rt)
            .filter(|b| *b > 0)
            .unwrap_or(DEFAULT_BLOCK_INTERVAL_MS);
        let info = scheduling_info(&rt);
        let starved = info.receivers > 0 && info.task_slots == 0;
        if starved {
            rt.warn(
                "dstream",
                format!(
                    "the receiver{} hold{} all {} core{}: batches are generated but their jobs never get a task slot (on real Spark a batch or two may slip through before the receiver takes its slot)",
                    if info.receivers == 1 { "" } else { "s" },
                    if info.receivers == 1 { "s" } else { "" },
                    rt.conf.cores(),
                    if rt.conf.cores() == 1 { "" } else { "s" },
                ),
            );
        }
        let source = match (&scenario.batches, &scenario.lines) {
            (None, Some(lines)) => {
                Source::Receiver(Receiver::new(lines, batch.0, block_ms, info.max_rate))
            }
            _ => Source::Lists(scenario.inputs(batch.0, block_ms)),
        };
        rt.blocks_located =
            matches!(source, Source::Receiver(_)) && scenario.input_partitions.is_none();
        let live = Live {
            source,
            sched: Scheduler::new(info.cost, info.task_slots, info.concurrent_jobs),
            pid: info.backpressure.then(|| pid_estimator(&rt, batch.0)),
            starved,
            batch_ms: batch.0,
            next: 0,
            run_batches: scenario.run_batches,
            input_partitions: scenario.input_partitions,
        };
        Run {
            trace,
            rt: Some(rt),
            live: Some(live),
        }
    }

    /// Batches run so far.
    pub fn batches_run(&self) -> usize {
        self.live.as_ref().map_or(0, |l| l.next)
    }

    /// Whether no batch can ever run again (an error, a stop, a timeout, or no graph).
    pub fn stopped(&self) -> bool {
        self.live.is_none()
    }

    /// Runs the next batch, if the scenario has one; `None` when its batches are all run
    /// (then [`Run::extend`] may give it more) or the run stopped.
    pub fn step(&mut self) -> Option<BatchTrace> {
        loop {
            let (Some(rt), Some(live)) = (self.rt.as_mut(), self.live.as_mut()) else {
                return None;
            };
            let i = live.next;
            if i >= MAX_BATCHES {
                return None;
            }
            // After a restart from a checkpoint, the re-run batches come first: they are
            // generated when the driver comes back, before any later crash (`checkpoint.rs`).
            if let Some(t) = crate::checkpoint::next_rerun(rt) {
                let (b, outcome) =
                    rerun_batch(rt, &mut live.sched, live.starved, live.batch_ms, Time(t));
                if let Err(e) = outcome {
                    self.trace.error = Some(error_of(&e, "run", Some(t)));
                    self.live = None;
                }
                return Some(b);
            }
            // A driver crash before the next tick: the receiver dies with it, `main` runs
            // again, then the re-runs the checkpoint asks for, then the timer resumes.
            if let Some(c) =
                crate::checkpoint::dies_before(rt, Time(live.batch_ms * (i as i64 + 1)))
            {
                let stored = match &mut live.source {
                    Source::Receiver(rx) => rx.crash(c.at_ms, c.restart_ms()),
                    Source::Lists(_) => Vec::new(),
                };
                if let Err(e) = crate::checkpoint::restart(rt, stored) {
                    let phase = if rt.phase == Phase::Start {
                        "start"
                    } else {
                        "build"
                    };
                    self.trace.error = Some(error_of(&e, phase, None));
                    self.live = None;
                    return None;
                }
                let info = scheduling_info(rt);
                live.starved = info.receivers > 0 && info.task_slots == 0;
                live.sched = Scheduler::new(info.cost, info.task_slots, info.concurrent_jobs);
                live.pid = info.backpressure.then(|| pid_estimator(rt, live.batch_ms));
                continue;
            }
            let (mut input, rate_limit, backlog) = match &mut live.source {
                Source::Lists(inputs) => match inputs.get(i) {
                    Some(input) => (input.clone(), None, 0),
                    None => return None,
                },
                Source::Receiver(rx) => {
                    let more = match live.run_batches {
                        Some(n) => i < n,
                        None => i < rx.natural_batches() || !rx.drained(),
                    };
                    if !more {
                        return None;
                    }
                    let r = rx.next_batch();
                    let mut input = BatchInput {
                        lines: r.lines,
                        partitions: r.partitions,
                    };
                    if let Some(n) = live.input_partitions {
                        let vals: Vec<Value> = input.lines.iter().map(|s| Value::str(s)).collect();
                        input.partitions = slice_evenly(vals, n.max(1))
                            .into_iter()
                            .map(|p| p.iter().map(|v| v.to_string()).collect())
                            .collect();
                    }
                    (input, r.rate_limit, r.backlog)
                }
            };
            let batch_ms = live.batch_ms;
            let t = Time(batch_ms * (i as i64 + 1));
            if rt.await_timeout.is_some_and(|ms| t.0 > ms) {
                self.live = None;
                return None;
            }
            live.next += 1;
            if crate::checkpoint::skipped(rt, t) {
                if !rt.graph.started {
                    self.live = None;
                    return None;
                }
                // The driver was down at `t`: no batch, and what arrived for it is lost.
                continue;
            }
            if socket_streams(rt) == 0 {
                // Lines typed into `nc` reach a program only through a socket stream: without
                // one (a Kafka or a queue program) nothing connects to the port, and no batch
                // receives them.
                input = BatchInput::default();
            }
            rt.begin_batch(t);
            // The tracker's log: this batch's new blocks; blocks recovered from before a
            // crash that no batch took go first.
            let recovered = crate::checkpoint::recovered_input(rt, t.0);
            crate::checkpoint::allocate(rt, t.0, &input.partitions);
            if !recovered.is_empty() {
                let old: Vec<Vec<String>> = recovered
                    .iter()
                    .map(|p| p.iter().map(|v| v.to_string()).collect())
                    .collect();
                input.lines = old.iter().flatten().cloned().chain(input.lines).collect();
                input.partitions = old.into_iter().chain(input.partitions).collect();
            }
            // Blocks stay allocated to their batch until the input stream forgets that batch
            // (`ReceiverTracker.cleanupOldBlocksAndBatches`): a window with a slide longer
            // than the batch reads batches that no job touched when they were current.
            let keep_after = t.0 - input_remember_ms(rt);
            while let Some(e) = rt.feed.first_entry() {
                if *e.key() > keep_after {
                    break;
                }
                e.remove();
            }
            rt.feed.insert(
                t.0,
                input
                    .partitions
                    .iter()
                    .map(|p| p.iter().map(|s| Value::str(s)).collect())
                    .collect(),
            );
            rt.phase = Phase::Run;
            let sizes: Vec<usize> = input.partitions.iter().map(Vec::len).collect();
            rt.cur.input = input.lines;
            rt.cur.input_partitions = input.partitions;
            let outcome = run_batch(rt, t, live.starved);
            record_state(rt, t);
            let timing = live.sched.place(t.0, &rt.work, &sizes, !live.starved);
            // A failed job's batch completes all the same (its output operation says why).
            let told = match &outcome {
                Err(e) if e.class.starts_with("dstream.") => Ok(()),
                _ => tell_listeners(rt, t, &timing),
            };
            let outcome = outcome.and(told);
            let mut b = rt.end_batch();
            fill_timing(&mut b, &timing, batch_ms, rate_limit, backlog);
            crate::checkpoint::after_batch(rt, &mut b);
            if let (Some(pid), Source::Receiver(rx)) = (&mut live.pid, &mut live.source) {
                if let (Some(end), Some(work), Some(wait)) =
                    (b.processing_end_ms, b.processing_ms, b.scheduling_delay_ms)
                {
                    if let Some(rate) = pid.compute(end, b.num_records, work, wait) {
                        // `RateController` publishes `rate.toLong`.
                        rx.update_rate(end, rate as i64);
                        b.new_rate = Some(rate);
                    }
                }
            }
            if let Err(e) = outcome {
                let mut err = error_of(&e, "run", Some(t.0));
                if e.class == "dstream.Unsupported" {
                    err.phase = "run".into();
                }
                self.trace.error = Some(err);
                self.live = None;
            }
            return Some(b);
        }
    }

    /// Gives a run whose scenario had stamped `lines` and `run_batches` more lines (each
    /// stamped at or after the end of the batches already run, and after every line it has)
    /// and `run_batches` batches in all. Returns `false`, changing nothing, when that cannot
    /// give what a from-scratch run of the longer scenario would: the run stopped, its input
    /// is not stamped lines, a line is too early, or `run_batches` is below the batches run.
    pub fn extend(&mut self, more: &[StampedLine], run_batches: usize) -> bool {
        if self.rt.as_ref().is_some_and(crate::checkpoint::armed) {
            return false;
        }
        let Some(live) = self.live.as_mut() else {
            return false;
        };
        let Source::Receiver(rx) = &mut live.source else {
            return false;
        };
        if live.run_batches.is_none() || run_batches < live.next {
            return false;
        }
        if !rx.extend(more) {
            return false;
        }
        live.run_batches = Some(run_batches);
        true
    }

    /// The trace so far without its batches (they went to whoever called [`Run::step`]):
    /// the error, `main`'s output, the log and the program's facts.
    pub fn trace(&self) -> Trace {
        let mut trace = Trace {
            error: self.trace.error.clone(),
            stdout_before: self.trace.stdout_before.clone(),
            files_before: self.trace.files_before.clone(),
            runs_before: self.trace.runs_before.clone(),
            program: self.trace.program.clone(),
            ..Trace::default()
        };
        if let Some(rt) = &self.rt {
            trace.log = rt.log.clone();
            trace.program = program_info(rt);
            trace.restarts = crate::checkpoint::trace_info(rt);
        }
        trace
    }

    /// The trace without its batches, ending the run.
    pub fn into_trace(self) -> Trace {
        let mut trace = self.trace;
        if let Some(mut rt) = self.rt {
            trace.log = std::mem::take(&mut rt.log);
            trace.program = program_info(&rt);
            trace.restarts = crate::checkpoint::trace_info(&rt);
        }
        trace
    }
}

/// The trace of a program that did not parse: every diagnostic, the first as the error.
fn parse_error_trace(
    program: &str,
    diags: &[crate::scala::diag::Diagnostic],
    unsupported: bool,
) -> Trace {
    let diagnostics = trace_diagnostics(program, diags.iter());
    let first = &diagnostics[0];
    Trace {
        error: Some(TraceError {
            phase: "parse".into(),
            class: if unsupported {
                "Unsupported".into()
            } else {
                "ScalaSyntax".into()
            },
            message: format!("{}:{}: {}", first.line, first.col, first.message),
            diagnostics,
            ..TraceError::default()
        }),
        ..Trace::default()
    }
}

/// The front-end's diagnostics, 1-based, with their kinds and arguments.
fn trace_diagnostics<'a>(
    program: &str,
    diags: impl Iterator<Item = &'a crate::scala::diag::Diagnostic>,
) -> Vec<TraceDiagnostic> {
    let idx = LineIndex::new(program);
    diags
        .map(|d| {
            let (line, col) = idx.line_col(d.span.start);
            let (end_line, end_col) = idx.line_col(d.span.end);
            TraceDiagnostic {
                line,
                col,
                end_line,
                end_col,
                kind: d.kind.to_string(),
                args: d.args.clone(),
                message: d.message(),
                severity: match d.severity {
                    Severity::Error => "error".into(),
                    Severity::Warning => "warning".into(),
                },
            }
        })
        .collect()
}

/// One batch at `t`: generate every output's job, run the jobs (unless no task slot is free),
/// forget old RDDs.
///
/// The batch's `jobs` are those its output operations ran, as Spark counts a batch's jobs
/// (those with its `batchTime`): a job an RDD action runs while the batch is generated (inside
/// `transform`, or `sortByKey`'s sampling) runs on the JobGenerator's thread, outside the
/// batch, and is left out of the count (its work still goes to the generation phase).
pub fn run_batch(rt: &mut Runtime, t: Time, starved: bool) -> Result<(), Exn> {
    let _listening = crate::scala::user_class::Listening::start();
    let before = rt.cur.jobs;
    let mut jobs = Vec::new();
    let generated = (|| {
        for o in rt.graph.outputs.clone() {
            rt.cur_span = rt.graph.nodes[o].span;
            if let Some(job) = for_each::generate_job(rt, o, t)? {
                jobs.push(job);
            }
        }
        Ok::<_, Exn>(())
    })();
    let generation_jobs = rt.cur.jobs - before;
    let r = generated.and_then(|()| run_jobs(rt, t, starved, &jobs));
    rt.cur.jobs -= generation_jobs;
    r
}

/// The generated jobs of the batch at `t`, one after another.
fn run_jobs(rt: &mut Runtime, t: Time, starved: bool, jobs: &[for_each::Job]) -> Result<(), Exn> {
    rt.cur.has_output = !jobs.is_empty();
    crate::checkpoint::after_generation(rt, t);
    if starved || jobs.is_empty() {
        // The jobs are queued all the same (and never get a slot when starved). Spark's job
        // executor (one thread) submits the first one, which waits for a slot forever.
        for _ in jobs {
            rt.work.next_segment(rt.cur.jobs);
        }
        rt.work.close(rt.cur.jobs);
        if starved && !jobs.is_empty() && !rt.starved_job {
            rt.starved_job = true;
            rt.cur.jobs += 1;
        }
        return Ok(());
    }
    // A failed job does not stop its batch: Spark's job executor runs the batch's next output
    // operation while `awaitTermination` rethrows the first error in `main` (oracle: a failed
    // `reduce` in the first output, the second's `println` still printed). The playground's
    // own limits stop at once.
    let mut failed = None;
    // Where each job begins and ends in the batch's output (see `scala::listener`).
    rt.batch_marks = vec![(rt.cur.stdout.len(), rt.cur.console.len())];
    for job in jobs {
        rt.cur_span = rt.graph.nodes[job.output].span;
        rt.work.next_segment(rt.cur.jobs);
        let r = for_each::run_job(rt, job, t);
        rt.work.close(rt.cur.jobs);
        let failure = r
            .as_ref()
            .err()
            .map(|e| format!("{}: {}", e.class, e.message));
        rt.batch_jobs.push((job.output, failure));
        rt.batch_marks
            .push((rt.cur.stdout.len(), rt.cur.console.len()));
        match r {
            Err(e) if e.class.starts_with("dstream.") => return Err(e),
            Err(e) => {
                failed.get_or_insert(e);
            }
            Ok(()) => {}
        }
    }
    if let Some(e) = failed {
        // Its batch is not marked complete and gets no cleanup.
        return Err(e);
    }
    rt.graph.clear_metadata(t);
    Ok(())
}

/// The batch's events to the program's `StreamingListener`s (see `scala::listener`): the
/// records of each input stream, its jobs' output operations with their model's times.
fn tell_listeners(rt: &mut Runtime, t: Time, timing: &BatchTiming) -> Result<(), Exn> {
    if rt.interp.listeners.added.is_empty() {
        return Ok(());
    }
    use crate::scala::listener::{input_streams, kafka_input, Input};
    let records = rt.cur.input.len() as u64;
    let no_metadata = || Value::Seq(crate::value::SeqKind::Map, std::rc::Rc::new(Vec::new()));
    let inputs: Vec<(usize, u64, Value)> = input_streams(rt)
        .into_iter()
        .enumerate()
        .filter_map(|(id, input)| match input {
            Input::Receiver => Some((id, records, no_metadata())),
            // The batch's ranges (a program has one Kafka stream, as the lesson's).
            Input::Kafka => {
                let (n, metadata) = kafka_input(&rt.cur.kafka_ranges);
                Some((id, n, metadata))
            }
            Input::Other => None,
        })
        .collect();
    let object = rt.interp.program_object.clone();
    let ops: Vec<crate::scala::listener::Op> = rt
        .batch_jobs
        .iter()
        .enumerate()
        .map(|(i, (output, failure))| {
            let node = &rt.graph.nodes[*output];
            let site = node.site.clone().unwrap_or_default();
            let name = crate::to_debug_string::short_form(rt, &site);
            let at = name.rsplit(" at ").next().unwrap_or_default();
            let spark = match &*site.0 {
                "print" => "org.apache.spark.streaming.dstream.DStream.print(DStream.scala:734)\n",
                "foreachRDD" => {
                    "org.apache.spark.streaming.dstream.DStream.foreachRDD(DStream.scala:635)\n"
                }
                _ => "",
            };
            // Spark's frames, then `main`'s (a bare body's: the shell's line alone).
            let user = match &object {
                Some(o) => format!("{o}$.main({at})\n{o}.main({o}.scala)"),
                None => at.to_string(),
            };
            crate::scala::listener::Op {
                description: format!("{spark}{user}"),
                name,
                times: timing.jobs.get(i).copied(),
                failure: failure.clone(),
            }
        })
        .collect();
    let marks = std::mem::take(&mut rt.batch_marks);
    crate::scala::listener::batch(rt, t, timing, &inputs, &ops, &marks)
}

/// A batch re-run after a recovery from a checkpoint, generated when the driver came back;
/// its input is what the write-ahead log kept (nothing without it).
fn rerun_batch(
    rt: &mut Runtime,
    sched: &mut Scheduler,
    starved: bool,
    batch_ms: i64,
    t: Time,
) -> (BatchTrace, Result<(), Exn>) {
    rt.begin_batch(t);
    let parts = crate::checkpoint::rerun_input(rt, t.0);
    let lines: Vec<String> = parts.iter().flatten().map(|v| v.to_string()).collect();
    let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
    let input_partitions: Vec<Vec<String>> = parts
        .iter()
        .map(|p| p.iter().map(|v| v.to_string()).collect())
        .collect();
    rt.feed.insert(t.0, parts);
    rt.phase = Phase::Run;
    rt.cur.input = lines;
    rt.cur.input_partitions = input_partitions;
    let outcome = run_batch(rt, t, starved);
    crate::checkpoint::restored_kafka_input(rt, t.0);
    record_state(rt, t);
    let at = crate::checkpoint::restart_ms(rt).unwrap_or(t.0).max(t.0);
    let timing = sched.place(at, &rt.work, &sizes, !starved);
    let mut b = rt.end_batch();
    fill_timing(&mut b, &timing, batch_ms, None, 0);
    crate::checkpoint::after_batch(rt, &mut b);
    b.rerun = true;
    (b, outcome)
}

/// The longest remember duration of the receiver streams (their blocks live that long).
fn input_remember_ms(rt: &Runtime) -> i64 {
    rt.graph
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::SocketInput))
        .map(|n| n.remember.unwrap_or(n.slide).0)
        .max()
        .unwrap_or(0)
}

fn record_state(rt: &mut Runtime, t: Time) {
    for (i, n) in rt.graph.nodes.iter().enumerate() {
        if !n.kind.keeps_state() {
            continue;
        }
        if let Some(rdd) = n.generated.get(&t.0) {
            let st = map_with_state::describe_state(rdd);
            rt.cur.state.insert(format!("{} [{}]", n.op, i), st);
        }
    }
}

/// The input of a run: per-batch lists, or a receiver reading stamped lines.
enum Source {
    Lists(Vec<BatchInput>),
    Receiver(Receiver),
}

/// A conf value, trimmed.
fn setting<'a>(rt: &'a Runtime, key: &str) -> Option<&'a str> {
    rt.conf.settings.get(key).map(|v| v.trim())
}

/// The graph's socket streams: each is a receiver of the `nc` lines.
fn socket_streams(rt: &Runtime) -> u32 {
    rt.graph
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::SocketInput))
        .count() as u32
}

/// The cluster and cost settings of the run, from the master, the graph and the conf.
pub fn scheduling_info(rt: &Runtime) -> SchedulingInfo {
    let receivers = socket_streams(rt);
    SchedulingInfo {
        receivers,
        task_slots: rt.conf.cores().saturating_sub(receivers),
        concurrent_jobs: setting(rt, "spark.streaming.concurrentJobs")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(1)
            .min(64),
        block_interval_ms: block_interval(rt)
            .filter(|b| *b > 0)
            .unwrap_or(DEFAULT_BLOCK_INTERVAL_MS),
        max_rate: setting(rt, "spark.streaming.receiver.maxRate")
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|r| *r > 0),
        backpressure: setting(rt, "spark.streaming.backpressure.enabled")
            .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        cost: CostModel::from_conf(&rt.conf),
    }
}

/// Spark's `RateEstimator.create`: the PID estimator with `spark.streaming.backpressure.pid.*`.
fn pid_estimator(rt: &Runtime, batch_ms: i64) -> PidRateEstimator {
    let f = |key: &str, default: f64| {
        setting(rt, &format!("spark.streaming.backpressure.pid.{key}"))
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|x| x.is_finite())
            .unwrap_or(default)
    };
    PidRateEstimator::with(
        batch_ms,
        f("proportional", 1.0),
        f("integral", 0.2),
        f("derived", 0.0),
        f("minRate", 100.0),
    )
}

/// A batch's `BatchInfo` figures from its place on the timeline.
fn fill_timing(
    b: &mut BatchTrace,
    timing: &BatchTiming,
    batch_ms: i64,
    rate_limit: Option<f64>,
    backlog: u64,
) {
    b.submission_ms = timing.submission_ms;
    b.processing_start_ms = timing.processing_start_ms;
    b.processing_end_ms = timing.processing_end_ms;
    b.scheduling_delay_ms = timing.processing_start_ms.map(|s| s - timing.submission_ms);
    b.processing_ms = timing
        .processing_start_ms
        .zip(timing.processing_end_ms)
        .map(|(s, e)| e - s);
    b.total_delay_ms = timing.processing_end_ms.map(|e| e - timing.submission_ms);
    b.num_records = b.input.len() as u64;
    b.input_rate = b.num_records as f64 * 1000.0 / batch_ms.max(1) as f64;
    b.waiting_batches = timing.waiting_batches;
    b.rate_limit = rate_limit;
    b.receiver_backlog = backlog;
}

fn block_interval(rt: &Runtime) -> Option<i64> {
    let v = rt.conf.settings.get("spark.streaming.blockInterval")?;
    parse_time_ms(v)
}

/// Spark's time strings: `200ms`, `1s`, `2min`, or a bare number of ms.
pub fn parse_time_ms(v: &str) -> Option<i64> {
    let v = v.trim();
    let (num, unit) = v.split_at(v.find(|c: char| !c.is_ascii_digit()).unwrap_or(v.len()));
    let n: i64 = num.parse().ok()?;
    let mult = match unit.trim() {
        "" | "ms" => 1,
        "s" => 1000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        _ => return None,
    };
    Some(n * mult)
}

fn error_of(e: &Exn, phase: &str, time_ms: Option<i64>) -> TraceError {
    TraceError {
        phase: phase.into(),
        class: e.class.clone(),
        message: e.message.lines().next().unwrap_or("").to_string(),
        message_full: e.message.contains('\n').then(|| e.message.clone()),
        time_ms,
        causes: e.causes.clone(),
        diagnostics: Vec::new(),
        span: e.span,
        ..TraceError::default()
    }
}

/// The program's facts for the trace.
fn program_info(rt: &Runtime) -> ProgramInfo {
    ProgramInfo {
        batch_ms: rt.batch.map(|b| b.0).unwrap_or(0),
        master: rt.conf.master.clone().unwrap_or_default(),
        cores: rt.conf.cores(),
        streams: rt.graph.describe(),
        scheduling: scheduling_info(rt),
    }
}

/// The trace as the console text Spark's stdout would show: what `main` printed, then each
/// batch's output; an error ends it as the JVM reports an uncaught exception.
pub fn console_text(trace: &Trace) -> String {
    let mut out = trace.stdout_before.clone();
    let mut restarts = trace.restarts.iter().peekable();
    for b in &trace.batches {
        // What `main` printed when it ran again goes before the first batch after that
        // restart: its first re-run, or without re-runs its first batch after the crash (a
        // later restart may come before that same batch too).
        while let Some(r) = restarts.peek() {
            let first = match r.reruns_ms.first() {
                Some(&t) => b.rerun && b.time_ms == t,
                None => !b.rerun && b.time_ms > r.crash_ms,
            };
            if !first {
                break;
            }
            out.push_str(&r.stdout);
            restarts.next();
            if b.rerun {
                break;
            }
        }
        out.push_str(&b.stdout);
    }
    if let Some(e) = &trace.error {
        if e.phase == "parse" {
            for d in &e.diagnostics {
                out.push_str(&format!("error: {}:{}: {}\n", d.line, d.col, d.message));
            }
        } else {
            out.push_str(&format!(
                "Exception in thread \"main\" {}: {}\n",
                e.class,
                e.message_full.as_ref().unwrap_or(&e.message)
            ));
        }
    }
    out
}
