//! Driver failure and recovery (`Checkpoint.scala`, `StreamingContext.getOrCreate`,
//! `JobGenerator.restart`; `spark-semantics.md` §10): the scenario's `driver_crash` kills the
//! driver at a moment of virtual time, and the program's `main` runs again.
//!
//! While a crash is due and `ssc.checkpoint(dir)` is set, a metadata checkpoint is taken
//! twice per batch, after generation (its time pending) and after completion, as Spark writes
//! them: the graph (the same `Graph` object stands for the deserialized one), the conf, the
//! pending times, each stream's checkpointed RDDs (only those whose data were written, as
//! `DStreamCheckpointData` keeps them; the direct Kafka stream keeps every remembered batch's
//! offset ranges), `DirectKafkaInputDStream`'s `currentOffsets` and commit queue (fields of the
//! serialized stream), and the received blocks when the receiver write-ahead log is on.
//!
//! When the driver dies the batch running is cut short (its output is not shown), queued
//! commits die with it, received blocks in memory are gone, and lines or records arriving while
//! it is down wait (Kafka) or are lost (a socket). At `crash + down_ms` `main` runs again:
//! `StreamingContext.getOrCreate(dir, createFunc)` then returns the checkpoint's context
//! without calling `createFunc`, and starting it re-runs `pendingTimes ∪ [checkpointTime,
//! restartTime)` (stepped by the batch interval, sorted) before the timer resumes at
//! `restartTime`, the next tick of the original grid. Stateful streams recompute from their
//! last checkpointed RDD; a batch re-generated for a time the driver missed asks Kafka for
//! its latest offsets at the restart. Without a checkpoint (or with a plain
//! `new StreamingContext`) the program builds a new context whose first batch is at
//! `restartTime`, reading Kafka from the group's committed offsets.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::exec::{Conf, Exn, Phase, Runtime};
use crate::graph::{Graph, NodeKind};
use crate::ops::direct_kafka_input::DirectKafka;
use crate::rdd::Rdd;
use crate::scala::ast::SourceFile;
use crate::scala::interp::{run_main, Frame};
use crate::time::{Duration, Time};
use crate::trace::{BatchTrace, Scope};

use crate::value::Value;

/// The scenario's driver crash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverCrash {
    /// The moment the driver dies (virtual ms).
    pub at_ms: i64,
    /// How long it stays down before `main` runs again (ms, default 0).
    #[serde(default)]
    pub down_ms: i64,
}

/// What the trace says about the crash and the restart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RestartTrace {
    /// When the driver died.
    pub crash_ms: i64,
    /// The batch it was processing then, if any (its output was cut short).
    pub interrupted_ms: Option<i64>,
    /// When `main` ran again.
    pub restart_ms: i64,
    /// The tick the batch timer resumed at (`RecurringTimer.getRestartTime`).
    pub restart_time_ms: i64,
    /// The checkpoint recovered from (`checkpointTime`); `None`: a new context.
    pub checkpoint_ms: Option<i64>,
    /// The checkpoint's pending batches.
    pub pending_ms: Vec<i64>,
    /// The batch times re-run before the timer resumed.
    pub reruns_ms: Vec<i64>,
    /// Whether `createFunc` ran on the restart (`false`: the checkpoint's graph was used).
    pub created: bool,
    /// What `main` printed when it ran again.
    pub stdout: String,
}

/// A metadata checkpoint, as recovery reads it back.
struct Checkpoint {
    dir: String,
    time: i64,
    pending: Vec<i64>,
    conf: Conf,
    batch: Duration,
    /// Per stream: the RDDs recovery restores, by time.
    rdds: Vec<BTreeMap<i64, Rc<Rdd>>>,
    /// The direct Kafka streams' fields, by stream id.
    kafka: Vec<(usize, DirectKafka)>,
    /// Received blocks by batch time: with the WAL, what they held; without it, `None` for
    /// the times that had any (they were only in executor memory).
    blocks: BTreeMap<i64, Option<Vec<Vec<Value>>>>,
}

/// The crash machinery's state, kept on the runtime.
#[derive(Default)]
pub struct Recovery {
    crash: Option<DriverCrash>,
    program: Option<Rc<SourceFile>>,
    last: Option<Checkpoint>,
    old_graph: Option<Graph>,
    restored: Option<(i64, Vec<i64>)>,
    reruns: VecDeque<i64>,
    resume_at: i64,
    restart_ms: Option<i64>,
    blocks: BTreeMap<i64, Option<Vec<Vec<Value>>>>,
    info: Option<RestartTrace>,
}

/// Spark's warning when recovered batches' blocks were only in executor memory.
pub const BLOCKS_LOST: &str = crate::kafka::delivery::BLOCKS_NOT_RECOVERED;

/// Arm the crash (before `main` first runs).
pub fn arm(rt: &mut Runtime, crash: Option<DriverCrash>, program: &SourceFile) {
    rt.recovery.crash = crash;
    if crash.is_some() {
        rt.recovery.program = Some(Rc::new(program.clone()));
    }
}

fn wal_on(rt: &Runtime) -> bool {
    rt.conf
        .settings
        .get("spark.streaming.receiver.writeAheadLog.enable")
        .is_some_and(|v| v.trim() == "true")
}

/// Write a metadata checkpoint for `t` (when a crash is due and a checkpoint dir is set).
fn write(rt: &mut Runtime, t: Time, pending: Vec<i64>) {
    if rt.recovery.crash.is_none() {
        return;
    }
    let (Some(dir), Some(batch)) = (rt.checkpoint_dir.clone(), rt.batch) else {
        return;
    };
    let mut kafka = Vec::new();
    let rdds = rt
        .graph
        .nodes
        .iter()
        .enumerate()
        .map(|(id, n)| match &n.kind {
            NodeKind::DirectKafka(st) => {
                kafka.push((id, st.borrow().checkpoint_copy()));
                n.generated.clone()
            }
            _ => n
                .generated
                .iter()
                .filter(|(_, r)| r.is_checkpointed())
                .map(|(k, r)| (*k, r.clone()))
                .collect(),
        })
        .collect();
    let wal = wal_on(rt);
    let blocks = rt
        .feed
        .iter()
        .filter(|(_, parts)| wal || parts.iter().any(|p| !p.is_empty()))
        .map(|(k, v)| (*k, wal.then(|| v.clone())))
        .collect();
    rt.recovery.last = Some(Checkpoint {
        dir,
        time: t.0,
        pending,
        conf: rt.conf.clone(),
        batch,
        rdds,
        kafka,
        blocks,
    });
}

/// After batch `t` was generated (its jobs submitted): the first checkpoint of the batch.
pub fn after_generation(rt: &mut Runtime, t: Time) {
    if rt.recovery.crash.is_some() {
        write(rt, t, vec![t.0]);
    }
}

/// Whether the driver dies before a batch at `t` is generated; if so, it restarts now.
pub fn dies_before(rt: &Runtime, t: Time) -> bool {
    rt.recovery.crash.is_some_and(|c| t.0 > c.at_ms)
}

/// After batch `b` ran: if the driver died while it ran, cut it short; else write the
/// completion checkpoint.
pub fn after_batch(rt: &mut Runtime, b: &mut BatchTrace) {
    let Some(c) = rt.recovery.crash else {
        return;
    };
    let end = b.processing_end_ms.unwrap_or(b.submission_ms);
    if end > c.at_ms {
        b.interrupted = true;
        b.stdout.clear();
        b.console.clear();
        rt.recovery
            .info
            .get_or_insert_with(RestartTrace::default)
            .interrupted_ms = Some(b.time_ms);
    } else {
        write(rt, Time(b.time_ms), Vec::new());
    }
}

/// The driver died: run `main` again. Afterwards [`next_rerun`] gives the batches to re-run
/// and [`skipped`] the times the timer missed.
pub fn restart(rt: &mut Runtime) -> Result<(), Exn> {
    let Some(c) = rt.recovery.crash.take() else {
        return Ok(());
    };
    let restart_ms = c.at_ms + c.down_ms.max(0);
    let mut info = rt.recovery.info.take().unwrap_or_default();
    info.crash_ms = c.at_ms;
    info.restart_ms = restart_ms;
    rt.recovery.restart_ms = Some(restart_ms);
    // The old driver's state is gone; the checkpoint (and Kafka) are what is left.
    let old = std::mem::take(&mut rt.graph);
    rt.graph.kafka = old.kafka.clone();
    rt.recovery.old_graph = Some(old);
    rt.conf = Conf::default();
    rt.batch = None;
    rt.checkpoint_dir = None;
    rt.feed.clear();
    rt.await_timeout = None;
    rt.log_level = None;
    rt.interp.awaited = false;
    rt.phase = Phase::Build;
    rt.scope = Scope::Application;
    rt.now = None;
    rt.recovery.resume_at = i64::MAX;
    let program = rt.recovery.program.clone().unwrap_or_default();
    let frame = Frame::new(None, true);
    let r = run_main(rt, &frame, &program.body, &program.object_defs);
    crate::scala::interp::take_runs(rt);
    info.stdout = std::mem::take(&mut rt.stdout_before);
    info.created = rt.recovery.restored.is_none();
    rt.recovery.old_graph = None;
    if r.is_ok() && rt.graph.started && rt.interp.awaited {
        let b = rt.batch.unwrap_or(Duration(1000)).0.max(1);
        let zero = rt.graph.zero.0;
        // `RecurringTimer.getRestartTime(zeroTime)`: the next tick of the original grid.
        let restart_time = ((restart_ms - zero).div_euclid(b) + 1) * b + zero;
        info.restart_time_ms = restart_time;
        rt.recovery.resume_at = restart_time;
        if let Some((cp_time, pending)) = rt.recovery.restored.take() {
            info.checkpoint_ms = Some(cp_time);
            info.pending_ms = pending.clone();
            let mut times = pending;
            let mut d = cp_time;
            while d < restart_time {
                times.push(d);
                d += b;
            }
            times.retain(|&x| x < restart_time);
            times.sort_unstable();
            times.dedup();
            info.reruns_ms = times.clone();
            rt.recovery.reruns = times.into();
        }
    }
    rt.recovery.info = Some(info);
    r
}

/// Whether the run has a driver crash (so it cannot be extended batch by batch).
pub fn armed(rt: &Runtime) -> bool {
    rt.recovery.program.is_some()
}

/// The next batch time to re-run after a recovery.
pub fn next_rerun(rt: &mut Runtime) -> Option<i64> {
    rt.recovery.reruns.pop_front()
}

/// The input partitions a re-run batch finds: the write-ahead log's blocks, else nothing
/// (with Spark's warning when there were blocks).
pub fn rerun_input(rt: &mut Runtime, t: i64) -> Vec<Vec<Value>> {
    match rt.recovery.blocks.remove(&t) {
        Some(Some(parts)) => parts,
        Some(None) => {
            rt.warn(
                "org.apache.spark.streaming.scheduler.ReceivedBlockTracker",
                BLOCKS_LOST,
            );
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// When a re-run batch is generated: at the restart.
pub fn restart_ms(rt: &Runtime) -> Option<i64> {
    rt.recovery.restart_ms
}

/// Whether the timer skipped `t` (the driver was down): its input is lost.
pub fn skipped(rt: &Runtime, t: Time) -> bool {
    rt.recovery.restart_ms.is_some() && t.0 < rt.recovery.resume_at
}

/// What the trace says about the restart, if the driver crashed.
pub fn trace_info(rt: &Runtime) -> Option<RestartTrace> {
    rt.recovery.info.clone()
}

/// The zero time `ssc.start()` uses: the original one, or for a new context after a
/// restart, one batch before the restart tick (`startTime = getStartTime()`, `zeroTime =
/// startTime − batchDuration`).
pub fn start_zero(rt: &Runtime) -> Time {
    match (rt.recovery.restart_ms, rt.batch) {
        (Some(r), Some(b)) if rt.recovery.restored.is_none() => {
            let b = b.0.max(1);
            Time(r.div_euclid(b) * b)
        }
        _ => rt.graph.zero,
    }
}

/// `StreamingContext.getOrCreate(checkpointPath, creatingFunc)`: the checkpoint's context
/// when `checkpointPath` holds one (`creatingFunc` is not called), else `creatingFunc()`.
pub fn get_or_create(rt: &mut Runtime, path: &str, create: Value) -> Result<Value, Exn> {
    let found =
        rt.recovery.last.as_ref().is_some_and(|c| c.dir == path) && rt.recovery.old_graph.is_some();
    if !found {
        let span = crate::scala::ast::Span::default();
        return crate::scala::interp::apply_value(rt, create, Vec::new(), span);
    }
    let cp = rt.recovery.last.take().expect("found above");
    let mut g = rt.recovery.old_graph.take().expect("found above");
    g.kafka = rt.graph.kafka.clone();
    for (n, rdds) in g.nodes.iter_mut().zip(cp.rdds) {
        n.generated = rdds;
    }
    let restart = rt.recovery.restart_ms;
    for (id, mut st) in cp.kafka {
        if let NodeKind::DirectKafka(s) = &g.nodes[id].kind {
            st.restarted_at = restart;
            *s.borrow_mut() = st;
        }
    }
    g.started = false;
    rt.graph = g;
    rt.conf = cp.conf;
    rt.batch = Some(cp.batch);
    rt.checkpoint_dir = Some(cp.dir);
    rt.recovery.blocks = cp.blocks;
    rt.recovery.restored = Some((cp.time, cp.pending));
    Ok(Value::Obj(Rc::new(crate::scala::spark_api::SscObj)))
}
