//! Driver failure and recovery (`Checkpoint.scala`, `StreamingContext.getOrCreate`,
//! `JobGenerator.restart`, `ReceivedBlockTracker`; `spark-semantics.md` §10): the scenario's
//! `driver_crash` list kills the driver at moments of virtual time, and each time the
//! program's `main` runs again.
//!
//! While a crash is due and `ssc.checkpoint(dir)` is set, a metadata checkpoint is taken
//! twice per batch, after generation (its time and every batch still running pending) and
//! after completion, as Spark writes them: the graph (the same `Graph` object stands for the
//! deserialized one), the conf, the pending times, each stream's checkpointed RDDs (only those
//! whose data were written, as `DStreamCheckpointData` keeps them; the direct Kafka stream
//! keeps every remembered batch's offset ranges), and `DirectKafkaInputDStream`'s
//! `currentOffsets` and commit queue (fields of the serialized stream). Each checkpoint is
//! written at a moment (the generation at the batch time, the completion when its last job
//! ends), so a crash finds only those written before it; the restart reads the newest
//! (`CheckpointReader.read`: the latest `checkpoint-<time>`, rewritten by its completion).
//! Batches re-run after a restart write completion checkpoints but no generation ones
//! (`JobGenerator.restart` submits them without `DoCheckpoint`), so a crash that comes before
//! the restarted driver's first checkpoint recovers from the same checkpoint again.
//!
//! The driver's `ReceivedBlockTracker` logs, under the checkpoint directory, each block a
//! receiver reported (`BlockAdditionEvent`) and each batch's allocation
//! (`BatchAllocationEvent`). A block reaches it once `BlockGenerator`'s timer cut it (every
//! `spark.streaming.blockInterval`, `updateCurrentBuffer`) and the block handler stored it:
//! with `spark.streaming.receiver.writeAheadLog.enable` in the receiver's write-ahead log too
//! (`WriteAheadLogBasedBlockHandler`), else only in executor memory
//! (`BlockManagerBasedBlockHandler`). What the receiver held in its current buffer is lost
//! at a crash either way. A restart from the checkpoint reads the tracker's log back
//! (`recoverPastEvents`): re-run batches get the blocks allocated to them, and blocks that no
//! batch had taken go to the first batch after the last allocated one (`allocateBlocksToBatch`).
//! A block's data then comes from the write-ahead log (`WriteAheadLogBackedBlockRDD`); without
//! it the block is gone, and `ReceiverInputDStream.createBlockRDD` logs Spark's warning. A new
//! context does not read the old log.
//!
//! When the driver dies the batch running is cut short (its output is not shown), queued
//! commits die with it, and lines or records arriving while it is down wait (Kafka) or are
//! lost (a socket). At `crash + down_ms` `main` runs again: with the crash's `restart` left at
//! `checkpoint`, `StreamingContext.getOrCreate(dir, createFunc)` returns the checkpoint's
//! context without calling `createFunc`, and starting it re-runs `pendingTimes ∪
//! [checkpointTime, restartTime)` (stepped by the batch interval, sorted) before the timer
//! resumes at `restartTime`, the next tick of the original grid. Stateful streams recompute
//! from their last checkpointed RDD; a batch re-generated for a time the driver missed asks
//! Kafka for its latest offsets at the restart. Without a checkpoint (no checkpoint written
//! yet, a plain `new StreamingContext`, or `restart: "kafka_offsets"`, which deletes the
//! checkpoint directory first) the program builds a new context whose first batch is at
//! `restartTime`, reading Kafka from the group's committed offsets. A crash due while the
//! driver is still down is ignored.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::exec::{Conf, Exn, Phase, Runtime};
use crate::graph::{Graph, NodeKind};
use crate::kafka::delivery::Restart;
use crate::ops::direct_kafka_input::{ConsumerRecordObj, DirectKafka};
use crate::rdd::Rdd;
use crate::scala::ast::SourceFile;
use crate::scala::interp::{run_main, Frame};
use crate::scenario::MAX_BATCHES;
use crate::time::{Duration, Time};
use crate::trace::{BatchTrace, Scope};

use crate::value::Value;

/// One driver crash.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverCrash {
    /// The moment the driver dies (virtual ms).
    pub at_ms: i64,
    /// How long it stays down before `main` runs again (ms, default 0).
    #[serde(default)]
    pub down_ms: i64,
    /// How it comes back: `checkpoint` (default: the directory is kept, so `getOrCreate`
    /// finds the checkpoint) or `kafka_offsets` (the directory is deleted first, so the
    /// program builds a new context that reads Kafka from the committed offsets).
    #[serde(default, skip_serializing_if = "Restart::is_checkpoint")]
    pub restart: Restart,
}

impl DriverCrash {
    /// When `main` runs again: `down_ms` after the crash (a negative `down_ms` is 0; a time
    /// past `Long.MaxValue` is `Long.MaxValue`, a restart that never comes within the run).
    pub fn restart_ms(&self) -> i64 {
        self.at_ms.saturating_add(self.down_ms.max(0))
    }
}

/// The scenario's driver crashes, in time order. In JSON: one object (as `driver_crash` has
/// always been written) or a list of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DriverCrashes(pub Vec<DriverCrash>);

impl DriverCrashes {
    /// No crash.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first crash, if any.
    pub fn first(&self) -> Option<DriverCrash> {
        self.0.first().copied()
    }
}

impl From<Option<DriverCrash>> for DriverCrashes {
    fn from(c: Option<DriverCrash>) -> DriverCrashes {
        DriverCrashes(c.into_iter().collect())
    }
}

impl From<Vec<DriverCrash>> for DriverCrashes {
    fn from(v: Vec<DriverCrash>) -> DriverCrashes {
        DriverCrashes(v)
    }
}

impl Serialize for DriverCrashes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

/// Read by a visitor of its own, not serde's `untagged` (which buffers the input and brings
/// a second copy of the crash's code into the site's `.wasm`): an object is one crash, an
/// array a list of them, `null` none.
impl<'de> Deserialize<'de> for DriverCrashes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DriverCrashes, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = DriverCrashes;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a driver crash, a list of them, or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<DriverCrashes, E> {
                Ok(DriverCrashes::default())
            }

            fn visit_unit<E: de::Error>(self) -> Result<DriverCrashes, E> {
                Ok(DriverCrashes::default())
            }

            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<DriverCrashes, D2::Error> {
                d.deserialize_any(OneOrMany)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DriverCrashes, A::Error> {
                DriverCrash::deserialize(MapAccessDeserializer::new(map))
                    .map(|c| DriverCrashes(vec![c]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DriverCrashes, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(DriverCrashes)
            }
        }
        d.deserialize_option(OneOrMany)
    }
}

/// What the trace says about one crash and its restart.
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
    /// When it was written (virtual ms).
    written_ms: i64,
    pending: Vec<i64>,
    conf: Conf,
    batch: Duration,
    /// Per stream: the RDDs recovery restores, by time.
    rdds: Vec<BTreeMap<i64, Rc<Rdd>>>,
    /// The direct Kafka streams' fields, by stream id.
    kafka: Vec<(usize, DirectKafka)>,
}

/// A received block as the tracker's log knows it.
#[derive(Clone, Debug)]
struct Block {
    lines: Vec<Value>,
    /// Whether the receiver's write-ahead log holds its data.
    in_wal: bool,
}

/// The driver's `ReceivedBlockTracker` log (kept under the checkpoint directory).
#[derive(Clone, Debug, Default)]
struct BlockLog {
    /// `BatchAllocationEvent`s: the blocks of each batch time.
    allocated: BTreeMap<i64, Vec<Block>>,
    /// `BlockAdditionEvent`s of blocks no batch took before the crash.
    unallocated: Vec<Block>,
}

/// The crash machinery's state, kept on the runtime.
#[derive(Default)]
pub struct Recovery {
    /// The crashes still due, in time order.
    crashes: VecDeque<DriverCrash>,
    program: Option<Rc<SourceFile>>,
    /// The checkpoint files: those a crash due next could read, and newer ones.
    checkpoints: Vec<Checkpoint>,
    old_graph: Option<Graph>,
    restored: Option<(i64, Vec<i64>)>,
    reruns: VecDeque<i64>,
    resume_at: i64,
    restart_ms: Option<i64>,
    /// Batches that ran and when they ended, for the pending times.
    ended: Vec<(i64, i64)>,
    /// A re-run batch is being generated (no generation checkpoint).
    in_rerun: bool,
    log: BlockLog,
    /// What the trace says about the crash due next, so far.
    next: RestartTrace,
    infos: Vec<RestartTrace>,
}

/// Spark's warning when recovered batches' blocks were only in executor memory.
pub const BLOCKS_LOST: &str = crate::kafka::delivery::BLOCKS_NOT_RECOVERED;

/// The logger of that warning: `ReceiverInputDStream.createBlockRDD` logs it, as the
/// socket stream it is.
pub const BLOCKS_LOST_LOGGER: &str = "org.apache.spark.streaming.dstream.SocketInputDStream";

/// Arm the crashes (before `main` first runs).
pub fn arm(rt: &mut Runtime, crashes: &DriverCrashes, program: &SourceFile) {
    let mut due: Vec<DriverCrash> = crashes.0.iter().filter(|c| c.at_ms >= 0).copied().collect();
    crate::sort::sort_by_key(&mut due, |c| c.at_ms);
    if !due.is_empty() {
        rt.recovery.program = Some(Rc::new(program.clone()));
    }
    rt.recovery.crashes = due.into();
}

fn wal_on(rt: &Runtime) -> bool {
    rt.conf
        .settings
        .get("spark.streaming.receiver.writeAheadLog.enable")
        .is_some_and(|v| v.trim() == "true")
}

/// Whether the tracker keeps its log: a crash is due, a checkpoint directory is set and the
/// graph has a receiver.
fn logging(rt: &Runtime) -> bool {
    !rt.recovery.crashes.is_empty()
        && rt.checkpoint_dir.is_some()
        && rt
            .graph
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::SocketInput))
}

/// Write a metadata checkpoint for `t` at `written_ms` (when a crash is due and a checkpoint
/// dir is set).
fn write(rt: &mut Runtime, t: Time, pending: Vec<i64>, written_ms: i64) {
    let Some(next_crash) = rt.recovery.crashes.front().map(|c| c.at_ms) else {
        return;
    };
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
            _ => crate::sort::map_of(
                n.generated
                    .iter()
                    .filter(|(_, r)| r.is_checkpointed())
                    .map(|(k, r)| (*k, r.clone())),
            ),
        })
        .collect();
    let cps = &mut rt.recovery.checkpoints;
    cps.push(Checkpoint {
        dir,
        time: t.0,
        written_ms,
        pending,
        conf: rt.conf.clone(),
        batch,
        rdds,
        kafka,
    });
    // Of the files the next crash can find, only the one it reads is worth keeping.
    if let Some(best) = newest(cps, next_crash, None) {
        let keep_written = cps[best].written_ms;
        let keep_time = cps[best].time;
        cps.retain(|c| {
            c.written_ms > next_crash || (c.time == keep_time && c.written_ms == keep_written)
        });
    }
    // The tracker's log forgets batches no checkpoint can ask for again.
    let floor = cps
        .iter()
        .flat_map(|c| c.pending.iter().copied().chain([c.time]))
        .min();
    if let Some(floor) = floor {
        let log = &mut rt.recovery.log.allocated;
        *log = log.split_off(&floor);
    }
}

/// The checkpoint `CheckpointReader.read` finds at `at_ms`: the newest `checkpoint-<time>`
/// written by then (a later write of the same time replaces it).
fn newest(cps: &[Checkpoint], at_ms: i64, dir: Option<&str>) -> Option<usize> {
    cps.iter()
        .enumerate()
        .filter(|(_, c)| c.written_ms <= at_ms && dir.is_none_or(|d| c.dir == d))
        .max_by_key(|(_, c)| (c.time, c.written_ms))
        .map(|(i, _)| i)
}

/// After batch `t` was generated (its jobs submitted): the first checkpoint of the batch,
/// with every batch still running pending. Re-run batches write none.
pub fn after_generation(rt: &mut Runtime, t: Time) {
    if rt.recovery.crashes.is_empty() || rt.recovery.in_rerun {
        return;
    }
    rt.recovery.ended.retain(|&(_, end)| end > t.0);
    let mut pending: Vec<i64> = rt.recovery.ended.iter().map(|&(time, _)| time).collect();
    pending.push(t.0);
    write(rt, t, pending, t.0);
}

/// Whether the driver dies before a batch at `t` is generated; if so, the crash.
pub fn dies_before(rt: &Runtime, t: Time) -> Option<DriverCrash> {
    rt.recovery
        .crashes
        .front()
        .filter(|c| t.0 > c.at_ms)
        .copied()
}

/// After batch `b` ran: if the driver died while it ran, cut it short; else write the
/// completion checkpoint (the re-runs still queued and any batch still running pending).
pub fn after_batch(rt: &mut Runtime, b: &mut BatchTrace) {
    rt.recovery.in_rerun = false;
    let Some(c) = rt.recovery.crashes.front().copied() else {
        return;
    };
    let end = b.processing_end_ms.unwrap_or(b.submission_ms);
    if end > c.at_ms {
        b.interrupted = true;
        b.stdout.clear();
        b.console.clear();
        rt.recovery.next.interrupted_ms = Some(b.time_ms);
        return;
    }
    let mut pending: Vec<i64> = rt.recovery.reruns.iter().copied().collect();
    pending.extend(
        (rt.recovery.ended.iter())
            .filter(|&&(_, e)| e > end)
            .map(|&(time, _)| time),
    );
    crate::sort::sort(&mut pending);
    rt.recovery.ended.push((b.time_ms, end));
    write(rt, Time(b.time_ms), pending, end);
}

/// The driver died (`crash`): run `main` again. `stored` are the blocks the receiver had
/// stored but no batch had taken (the tracker's unallocated `BlockAdditionEvent`s).
/// Afterwards [`next_rerun`] gives the batches to re-run and [`skipped`] the times the timer
/// missed.
pub fn restart(rt: &mut Runtime, stored: Vec<Vec<String>>) -> Result<(), Exn> {
    // The dead driver's tracker logged its blocks if a checkpoint directory was set.
    let logged = logging(rt);
    let wal = wal_on(rt);
    let Some(c) = rt.recovery.crashes.pop_front() else {
        return Ok(());
    };
    let restart_ms = c.restart_ms();
    // A crash due while the driver is down has nothing to kill.
    while rt
        .recovery
        .crashes
        .front()
        .is_some_and(|n| n.at_ms < restart_ms)
    {
        rt.recovery.crashes.pop_front();
    }
    let mut info = std::mem::take(&mut rt.recovery.next);
    info.crash_ms = c.at_ms;
    info.restart_ms = restart_ms;
    let rec = &mut rt.recovery;
    rec.restart_ms = Some(restart_ms);
    // Checkpoints the dead driver would have written later never were.
    rec.checkpoints.retain(|cp| cp.written_ms <= c.at_ms);
    rec.ended.clear();
    rec.reruns.clear();
    rec.in_rerun = false;
    rec.restored = None;
    if logged {
        // After the blocks recovered earlier that no batch took yet.
        rec.log
            .unallocated
            .extend(stored.into_iter().map(|p| Block {
                lines: p.iter().map(|s| Value::str(s)).collect(),
                in_wal: wal,
            }));
    }
    if c.restart == Restart::KafkaOffsets {
        // The checkpoint directory (with the tracker's log) is deleted before the restart.
        rec.checkpoints.clear();
        rec.log = BlockLog::default();
    }
    // The old driver's state is gone; the checkpoint (and Kafka) are what is left.
    let old = std::mem::take(&mut rt.graph);
    rt.graph.kafka = old.kafka.clone();
    rt.recovery.old_graph = Some(old);
    rt.conf = Conf::default();
    rt.batch = None;
    rt.spark_context = false;
    rt.checkpoint_dir = None;
    rt.feed.clear();
    rt.await_timeout = None;
    rt.log_level = None;
    rt.logger_levels.clear();
    rt.starved_job = false;
    rt.driver_clock_ms = 0;
    rt.interp.awaited = false;
    rt.phase = Phase::Build;
    rt.scope = Scope::Application;
    rt.now = None;
    rt.recovery.resume_at = i64::MAX;
    let program = rt.recovery.program.clone().unwrap_or_default();
    let frame = Frame::new(None, true);
    let r = run_main(rt, &frame, &program);
    crate::scala::interp::take_runs(rt);
    info.stdout = std::mem::take(&mut rt.stdout_before);
    info.created = rt.recovery.restored.is_none();
    rt.recovery.old_graph = None;
    if info.created {
        // A new context's tracker does not read the old log back.
        rt.recovery.log = BlockLog::default();
    }
    if r.is_ok() && rt.graph.started && rt.interp.awaited {
        let b = rt.batch.unwrap_or(Duration(1000)).0.max(1);
        let zero = rt.graph.zero.0;
        // `RecurringTimer.getRestartTime(zeroTime)`: the next tick of the original grid.
        let restart_time = (restart_ms.saturating_sub(zero).div_euclid(b))
            .saturating_add(1)
            .saturating_mul(b)
            .saturating_add(zero);
        info.restart_time_ms = restart_time;
        rt.recovery.resume_at = restart_time;
        if let Some((cp_time, pending)) = rt.recovery.restored.clone() {
            info.checkpoint_ms = Some(cp_time);
            info.pending_ms = pending.clone();
            // `JobGenerator.restart` reschedules every batch of the down time,
            // `checkpointTime.until(restartTime, batchDuration)`: counted before they are
            // listed, so a driver down for years is a message, not billions of batches.
            let down = (restart_time.saturating_sub(cp_time).max(0) as u64).div_ceil(b as u64);
            let reschedule = down.saturating_add(pending.len() as u64);
            if reschedule > MAX_BATCHES as u64 {
                // Spark reschedules them inside the restarted `ssc.start()`.
                rt.phase = Phase::Start;
                rt.recovery.infos.push(info);
                return Err(Exn::unsupported(format!(
                    "the driver was down for {} ms: when it restarts, Spark re-runs every batch it missed ({reschedule} batches to reschedule), more than the {MAX_BATCHES} batches a playground run may have; the run was stopped",
                    c.down_ms.max(0)
                )));
            }
            let mut times = pending;
            let mut d = cp_time;
            while d < restart_time {
                times.push(d);
                d = d.saturating_add(b);
            }
            times.retain(|&x| x < restart_time);
            crate::sort::sort(&mut times);
            times.dedup();
            info.reruns_ms = times.clone();
            rt.recovery.reruns = times.into();
        }
    }
    rt.recovery.infos.push(info);
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

/// The blocks' data as a batch's partitions: what the write-ahead log holds; a block only in
/// a dead executor's memory is gone, with Spark's warning from each receiver stream
/// (`ReceiverInputDStream.createBlockRDD`).
fn read_blocks(rt: &mut Runtime, blocks: &[Block]) -> Vec<Vec<Value>> {
    if blocks.iter().any(|b| !b.in_wal) {
        let streams = (rt.graph.nodes.iter())
            .filter(|n| matches!(n.kind, NodeKind::SocketInput))
            .count();
        for _ in 0..streams {
            rt.warn(BLOCKS_LOST_LOGGER, BLOCKS_LOST);
        }
    }
    blocks
        .iter()
        .filter(|b| b.in_wal)
        .map(|b| b.lines.clone())
        .collect()
}

/// `allocateBlocksToBatch(t)` on the recovered tracker: the blocks no batch took go to the
/// first batch after the last allocated one.
fn take_unallocated(rt: &mut Runtime, t: i64) -> Vec<Block> {
    let log = &mut rt.recovery.log;
    let after_last = log
        .allocated
        .keys()
        .next_back()
        .is_none_or(|&last| t > last);
    if !after_last || log.unallocated.is_empty() {
        return Vec::new();
    }
    let blocks = std::mem::take(&mut log.unallocated);
    log.allocated.insert(t, blocks.clone());
    blocks
}

/// The input partitions a re-run batch at `t` finds (call it once the batch began): the
/// blocks the recovered tracker had allocated to `t`, or for a time after the last
/// allocated one the blocks no batch took, read back from the write-ahead log (nothing
/// without it).
pub fn rerun_input(rt: &mut Runtime, t: i64) -> Vec<Vec<Value>> {
    rt.recovery.in_rerun = true;
    let blocks = match rt.recovery.log.allocated.get(&t) {
        Some(b) => b.clone(),
        None => take_unallocated(rt, t),
    };
    read_blocks(rt, &blocks)
}

/// For a batch generated by the timer at `t` (once it began): the recovered blocks no batch
/// took yet, which go before what the new receiver stored.
pub fn recovered_input(rt: &mut Runtime, t: i64) -> Vec<Vec<Value>> {
    let blocks = take_unallocated(rt, t);
    read_blocks(rt, &blocks)
}

/// Log the allocation of the receiver's new blocks to batch `t` (`BatchAllocationEvent`).
pub fn allocate(rt: &mut Runtime, t: i64, parts: &[Vec<String>]) {
    if !logging(rt) {
        return;
    }
    let in_wal = wal_on(rt);
    let blocks = parts.iter().filter(|p| !p.is_empty()).map(|p| Block {
        lines: p.iter().map(|s| Value::str(s)).collect(),
        in_wal,
    });
    rt.recovery
        .log
        .allocated
        .entry(t)
        .or_default()
        .extend(blocks);
}

/// When a re-run batch is generated: at the restart.
pub fn restart_ms(rt: &Runtime) -> Option<i64> {
    rt.recovery.restart_ms
}

/// Whether the timer skipped `t` (the driver was down): its input is lost.
pub fn skipped(rt: &Runtime, t: Time) -> bool {
    rt.recovery.restart_ms.is_some() && t.0 < rt.recovery.resume_at
}

/// What the trace says about each crash and restart, in order.
pub fn trace_info(rt: &Runtime) -> Vec<RestartTrace> {
    rt.recovery.infos.clone()
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
    let found = match rt.recovery.old_graph {
        Some(_) => newest(&rt.recovery.checkpoints, i64::MAX, Some(path)),
        None => None,
    };
    let Some(i) = found else {
        let span = crate::scala::ast::Span::default();
        return crate::scala::interp::apply_value(rt, create, Vec::new(), span);
    };
    let cp = &rt.recovery.checkpoints[i];
    let (rdds, kafka) = (
        cp.rdds.clone(),
        (cp.kafka.iter())
            .map(|(id, st)| (*id, st.checkpoint_copy()))
            .collect::<Vec<_>>(),
    );
    let (conf, batch, dir) = (cp.conf.clone(), cp.batch, cp.dir.clone());
    let restored = (cp.time, cp.pending.clone());
    let mut g = rt.recovery.old_graph.take().expect("found above");
    g.kafka = rt.graph.kafka.clone();
    for (n, rdds) in g.nodes.iter_mut().zip(rdds) {
        n.generated = rdds;
    }
    let restart = rt.recovery.restart_ms;
    for (id, mut st) in kafka {
        if let Some(NodeKind::DirectKafka(s)) = g.nodes.get(id).map(|n| &n.kind) {
            st.restarted_at = restart;
            *s.borrow_mut() = st;
        }
    }
    g.started = false;
    rt.graph = g;
    rt.conf = conf;
    rt.batch = Some(batch);
    rt.checkpoint_dir = Some(dir);
    rt.recovery.restored = Some(restored);
    Ok(Value::Obj(Rc::new(crate::scala::spark_api::SscObj)))
}

/// For a re-run batch whose Kafka RDDs came back from the checkpoint (they were not
/// computed again): the restored offset ranges and the records they read, for the trace.
pub fn restored_kafka_input(rt: &mut Runtime, t: i64) {
    if !rt.cur.kafka_ranges.is_empty() {
        return;
    }
    for n in &rt.graph.nodes {
        let NodeKind::DirectKafka(st) = &n.kind else {
            continue;
        };
        let st = st.borrow();
        let Some(ranges) = st.by_time.get(&t) else {
            continue;
        };
        let broker = st.broker.borrow();
        for r in ranges {
            rt.cur.input.extend(
                (broker.read(&r.tp(), r.from, r.until).into_iter())
                    .map(|rec| Value::Obj(Rc::new(ConsumerRecordObj(rec))).to_string()),
            );
        }
        rt.cur.kafka_ranges.extend(ranges.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One object, a list, `null`, an empty list; anything else is refused.
    #[test]
    fn driver_crashes_read_one_many_or_none() {
        let read = |json: &str| serde_json::from_str::<DriverCrashes>(json);
        let crash = |at_ms, restart| DriverCrash {
            at_ms,
            down_ms: 0,
            restart,
        };
        assert_eq!(
            read(r#"{"at_ms": 3500}"#).unwrap().0,
            vec![crash(3500, Restart::Checkpoint)]
        );
        assert_eq!(
            read(r#"[{"at_ms": 1}, {"at_ms": 2, "restart": "kafka_offsets"}]"#)
                .unwrap()
                .0,
            vec![
                crash(1, Restart::Checkpoint),
                crash(2, Restart::KafkaOffsets)
            ]
        );
        assert!(read("null").unwrap().is_empty());
        assert!(read("[]").unwrap().is_empty());
        assert!(read("5").is_err());
        assert!(read(r#""x""#).is_err());
        assert!(read(r#"{"down_ms": 1}"#).is_err());
    }
}
