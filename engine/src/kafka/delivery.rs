//! Failures and delivery guarantees: a Spark Streaming application reading Kafka, a driver
//! crash injected at a chosen moment, a restart, and per record how many times it reached the
//! sink.
//!
//! [`simulate`] is a pure function of a [`DeliveryScenario`]: it runs the direct stream (or,
//! for contrast, the receiver-based stream) batch by batch on virtual time, following
//! `spark-semantics.md` §9 (offset ranges fixed at generation, `maxRatePerPartition`,
//! `commitAsync` only enqueuing and `commitAll()` sending the queue when the next batch is
//! generated) and §10 (metadata checkpoints written after generation and after completion;
//! recovery re-runs `pendingTimes ∪ [checkpointTime, restartTime)`, restores the Kafka offset
//! ranges and the stateful operators' state; receiver blocks only in memory are lost unless
//! the write-ahead log is on). It returns the counts (lost, duplicated, exactly once, still
//! pending in Kafka) and a timeline of [`Event`]s for the playground to draw. The three
//! delivery guarantees are the [`presets`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{
    max_messages_per_partition, offset_ranges, Broker, ConsumerConfig, OffsetRange, OffsetReset,
    TopicPartition, Unkeyed,
};

/// A topic to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSpec {
    /// Its name.
    pub name: String,
    /// Its partitions.
    pub partitions: u32,
}

/// A record sent by the producer at a moment of virtual time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Produced {
    /// When it was sent, in ms from the start.
    pub at_ms: i64,
    /// The topic.
    pub topic: String,
    /// The key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The value.
    pub value: String,
}

/// Where the driver dies, within the batch it is processing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CrashPoint {
    /// After the batch was generated (offset ranges fixed, queued commits sent, generation
    /// checkpoint written), before its output operation wrote to the sink.
    BeforeOutput,
    /// After the output wrote to the sink, before the offsets were committed.
    AfterOutput,
    /// After the commit step: `commitAsync` called (only enqueued: the driver dies before the
    /// next generation sends it), the completion checkpoint written, or (transactional sink)
    /// the transaction committed.
    AfterCommit,
}

crate::deserialize_by_name!(CrashPoint {
    BeforeOutput = "before_output",
    AfterOutput = "after_output",
    AfterCommit = "after_commit",
});

/// A driver crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crash {
    /// The batch (1-based: batch `k` is generated at `k·B`).
    pub batch: usize,
    /// Where in that batch.
    pub point: CrashPoint,
    /// How long the driver stays down, in ms (0: it restarts at once).
    #[serde(default)]
    pub down_ms: i64,
}

/// How (and whether) the application stores its offsets in Kafka.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitStrategy {
    /// No commit at all (`enable.auto.commit = false`, no `commitAsync`).
    None,
    /// `commitAsync(offsetRanges)` after the output (the guide's "Kafka itself").
    AfterOutput,
    /// `commitAsync(offsetRanges)` before the output (derived; the deferred send blurs it).
    BeforeOutput,
    /// `enable.auto.commit = true` on the driver consumer: at each generation it commits its
    /// position, which after `seekToEnd` is the latest offset, not the processed one (§9).
    AutoCommit,
}

crate::deserialize_by_name!(CommitStrategy {
    None = "none",
    AfterOutput = "after_output",
    BeforeOutput = "before_output",
    AutoCommit = "auto_commit",
});

/// Where the output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sink {
    /// Every write appends a row: a repeated batch gives duplicate rows.
    Append,
    /// Rows keyed by `(topic, partition, offset)`: a repeated write overwrites.
    Upsert,
    /// Results and offsets saved in one transaction (standing for MySQL or Redis); a restart
    /// reads its offsets from the store.
    Transactional,
}

/// Where a restarted application starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Restart {
    /// A new `StreamingContext`: offsets committed in Kafka, else `auto.offset.reset`; the
    /// state of stateful operators starts empty.
    KafkaOffsets,
    /// `StreamingContext.getOrCreate(checkpointDir, ...)`: the checkpoint's offsets, state and
    /// pending batches (the default for a scenario's driver crash: the checkpoint directory
    /// is kept).
    #[default]
    Checkpoint,
}

crate::deserialize_by_name!(Restart {
    KafkaOffsets = "kafka_offsets",
    Checkpoint = "checkpoint",
});

impl Restart {
    /// Whether it is [`Restart::Checkpoint`].
    pub fn is_checkpoint(&self) -> bool {
        *self == Restart::Checkpoint
    }
}

/// Which stream reads Kafka.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// `KafkaUtils.createDirectStream`: no receiver, offsets fixed per batch.
    Direct,
    /// The receiver-based stream (`KafkaUtils.createStream`, Kafka 0.8): a receiver holds a
    /// core, stores blocks as records arrive and commits their offsets as it stores them.
    Receiver {
        /// `spark.streaming.receiver.writeAheadLog.enable`.
        wal: bool,
    },
}

/// A stateful operator after the stream: a running count per key (the record's key, or its
/// value when it has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateOp {
    /// `updateStateByKey`: every key's state each batch.
    UpdateStateByKey,
    /// `mapWithState`: the keys of the batch.
    MapWithState,
}

/// Everything a delivery run needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryScenario {
    /// Topics to create.
    pub topics: Vec<TopicSpec>,
    /// What the producer sends.
    pub records: Vec<Produced>,
    /// How unkeyed records are placed.
    #[serde(default)]
    pub unkeyed: Unkeyed,
    /// The batch interval (ms).
    pub batch_ms: i64,
    /// Batches to run (the last one at `batches·B`). A crashed driver down past it does not
    /// come back within the run.
    pub batches: usize,
    /// `spark.streaming.kafka.maxRatePerPartition` (0 = no limit).
    #[serde(default)]
    pub max_rate_per_partition: i64,
    /// `spark.streaming.kafka.minRatePerPartition` (default 1).
    #[serde(default = "one")]
    pub min_rate_per_partition: i64,
    /// `auto.offset.reset`.
    #[serde(default)]
    pub reset: OffsetReset,
    /// `group.id`.
    #[serde(default = "default_group")]
    pub group: String,
    /// Direct or receiver-based.
    pub mode: Mode,
    /// How offsets are committed to Kafka.
    pub commit: CommitStrategy,
    /// The sink.
    pub sink: Sink,
    /// Whether `ssc.checkpoint(dir)` is set (metadata checkpoint every batch).
    #[serde(default)]
    pub checkpoint: bool,
    /// How the application restarts after the crash.
    pub restart: Restart,
    /// The crash, if any.
    #[serde(default)]
    pub crash: Option<Crash>,
    /// A stateful operator, if any.
    #[serde(default)]
    pub state: Option<StateOp>,
}

fn one() -> i64 {
    1
}

fn default_group() -> String {
    "playground".into()
}

/// What finally happened to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Skipped for good: never in the sink.
    Lost,
    /// In the sink once.
    ExactlyOnce,
    /// In the sink more than once.
    Duplicated,
    /// Not read yet at the end of the run (still in Kafka, past the consumer's position).
    Pending,
}

/// One record's delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDelivery {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: u32,
    /// The offset.
    pub offset: i64,
    /// The key.
    pub key: Option<String>,
    /// The value.
    pub value: String,
    /// When it was produced.
    pub produced_ms: i64,
    /// How many times an output wrote it.
    pub writes: u32,
    /// How many times it is in the sink at the end (an upsert keeps one).
    pub in_sink: u32,
    /// The verdict.
    pub outcome: Outcome,
}

/// Which checkpoint was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckpointKind {
    /// After the batch was generated (`clearCheckpointDataLater = false`).
    Generation,
    /// After the batch completed.
    Completion,
}

/// One moment of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A batch was generated with these offset ranges (`rerun`: a batch re-run at recovery).
    Generated {
        /// Virtual ms of the generation.
        at_ms: i64,
        /// The batch time.
        batch_ms: i64,
        /// One range per partition.
        ranges: Vec<OffsetRange>,
        /// Whether it is a re-run after recovery.
        rerun: bool,
    },
    /// `commitAsync` queued these ranges.
    CommitQueued {
        /// The batch time.
        batch_ms: i64,
        /// The ranges.
        ranges: Vec<OffsetRange>,
    },
    /// Offsets committed to the group (`__consumer_offsets`).
    Committed {
        /// Virtual ms.
        at_ms: i64,
        /// `topic-partition` → offset.
        offsets: BTreeMap<String, i64>,
        /// `commitAll` of the queue, auto-commit, or the receiver.
        by: String,
    },
    /// The output wrote records to the sink.
    Output {
        /// The batch time.
        batch_ms: i64,
        /// How many records.
        records: usize,
    },
    /// A metadata checkpoint.
    Checkpoint {
        /// The batch time (`checkpointTime`).
        batch_ms: i64,
        /// Which one.
        which: CheckpointKind,
    },
    /// The driver died.
    Crash {
        /// Virtual ms.
        at_ms: i64,
        /// The batch it was processing.
        batch_ms: i64,
        /// Where.
        point: CrashPoint,
        /// Commits still queued, lost with the driver.
        queued_lost: usize,
    },
    /// The application started again.
    Restart {
        /// Virtual ms.
        at_ms: i64,
        /// Where its offsets came from.
        from: String,
        /// The starting offsets.
        offsets: BTreeMap<String, i64>,
        /// The batch times it re-runs.
        reruns: Vec<i64>,
    },
    /// Received blocks lost with the driver (receiver mode without the write-ahead log).
    BlocksLost {
        /// The batch time.
        batch_ms: i64,
        /// Records in them.
        records: usize,
        /// Spark's warning, when recovering from a checkpoint.
        warning: Option<String>,
    },
    /// Blocks read back from the write-ahead log.
    WalReplay {
        /// The batch time.
        batch_ms: i64,
        /// Records in them.
        records: usize,
    },
}

/// The result of [`simulate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryReport {
    /// Every produced record, in `(topic, partition, offset)` order.
    pub records: Vec<RecordDelivery>,
    /// Records lost.
    pub lost: usize,
    /// Records in the sink more than once.
    pub duplicated: usize,
    /// Records in the sink exactly once.
    pub exactly_once: usize,
    /// Records not read yet.
    pub pending: usize,
    /// The timeline.
    pub events: Vec<Event>,
    /// The group's committed offsets at the end.
    pub committed: BTreeMap<String, i64>,
    /// The stateful operator's state at the end (key → count).
    pub state: Option<BTreeMap<String, i64>>,
    /// Cores the input holds for the whole run (a receiver holds one; the direct stream none).
    pub cores_held: u32,
}

/// Spark's warning when receiver blocks were only in memory (`ReceiverInputDStream
/// .createBlockRDD`), with the source's unbalanced parenthesis.
pub const BLOCKS_NOT_RECOVERED: &str = "Some blocks could not be recovered as they were not found in memory. To prevent such data loss, enable Write Ahead Log (see programming guide for more details.";

/// The three delivery guarantees as presets: at most once (the driver consumer's
/// auto-commit, append sink), at least once (`commitAsync` after the output, the guide's
/// "Kafka itself", append sink), exactly once (results and offsets in one transaction, the
/// guide's "your own data store"). Each has the given topics, records and crash.
pub fn presets(
    topics: Vec<TopicSpec>,
    records: Vec<Produced>,
    batch_ms: i64,
    batches: usize,
    crash: Option<Crash>,
) -> Vec<(&'static str, DeliveryScenario)> {
    let base = DeliveryScenario {
        topics,
        records,
        unkeyed: Unkeyed::RoundRobin,
        batch_ms,
        batches,
        max_rate_per_partition: 0,
        min_rate_per_partition: 1,
        reset: OffsetReset::Earliest,
        group: default_group(),
        mode: Mode::Direct,
        commit: CommitStrategy::AfterOutput,
        sink: Sink::Append,
        checkpoint: false,
        restart: Restart::KafkaOffsets,
        crash,
        state: None,
    };
    vec![
        (
            "at_most_once",
            DeliveryScenario {
                commit: CommitStrategy::AutoCommit,
                ..base.clone()
            },
        ),
        ("at_least_once", base.clone()),
        (
            "exactly_once",
            DeliveryScenario {
                commit: CommitStrategy::None,
                sink: Sink::Transactional,
                ..base
            },
        ),
    ]
}

fn tp_map(m: &BTreeMap<TopicPartition, i64>) -> BTreeMap<String, i64> {
    crate::sort::map_of(m.iter().map(|(k, v)| (k.to_string(), *v)))
}

/// The metadata checkpoint (§10): the stream's `currentOffsets`, the ranges of the batches it
/// remembers as pending, the state before `checkpointTime`.
#[derive(Clone, Debug, Default)]
struct Checkpoint {
    time: i64,
    current: BTreeMap<TopicPartition, i64>,
    pending: BTreeMap<i64, Vec<OffsetRange>>,
    /// Each remembered batch's ranges (the direct stream's checkpoint data).
    ranges: BTreeMap<i64, Vec<OffsetRange>>,
    state_before: BTreeMap<String, i64>,
}

type RecId = (TopicPartition, i64);

struct Sim<'a> {
    sc: &'a DeliveryScenario,
    broker: Broker,
    consumer: ConsumerConfig,
    current: BTreeMap<TopicPartition, i64>,
    queue: Vec<OffsetRange>,
    state: BTreeMap<String, i64>,
    /// State after each batch time (what the state RDDs hold).
    states: BTreeMap<i64, BTreeMap<String, i64>>,
    writes: BTreeMap<RecId, u32>,
    store_offsets: BTreeMap<TopicPartition, i64>,
    checkpoint: Option<Checkpoint>,
    ranges: BTreeMap<i64, Vec<OffsetRange>>,
    events: Vec<Event>,
    max_messages: Option<i64>,
}

impl Sim<'_> {
    fn read(&self, ranges: &[OffsetRange]) -> Vec<super::Record> {
        ranges
            .iter()
            .flat_map(|r| self.broker.read(&r.tp(), r.from, r.until))
            .collect()
    }

    /// Generation of batch `t` at moment `at` (§9 `compute`): ranges, `currentOffsets`,
    /// `commitAll()`, auto-commit, the generation checkpoint.
    fn generate(&mut self, t: i64, at: i64, rerun: bool) -> Vec<OffsetRange> {
        let ranges = offset_ranges(&self.broker, &self.current, at, self.max_messages);
        for r in &ranges {
            self.current.insert(r.tp(), r.until);
        }
        self.events.push(Event::Generated {
            at_ms: at,
            batch_ms: t,
            ranges: ranges.clone(),
            rerun,
        });
        self.commit_all(at);
        if self.sc.commit == CommitStrategy::AutoCommit {
            // The driver consumer's position after `seekToEnd` is the latest offset.
            let latest: BTreeMap<TopicPartition, i64> = crate::sort::map_of(
                self.current
                    .keys()
                    .map(|tp| (tp.clone(), self.broker.end_offset(tp, at))),
            );
            self.broker.commit(&self.sc.group, &latest, at);
            self.events.push(Event::Committed {
                at_ms: at,
                offsets: tp_map(&latest),
                by: "enable.auto.commit".into(),
            });
        }
        self.ranges.insert(t, ranges.clone());
        ranges
    }

    /// `commitAll()`: the largest `untilOffset` per partition of the queue, sent now.
    fn commit_all(&mut self, at: i64) {
        if self.queue.is_empty() {
            return;
        }
        let mut m: BTreeMap<TopicPartition, i64> = BTreeMap::new();
        for r in self.queue.drain(..) {
            let e = m.entry(r.tp()).or_insert(r.until);
            *e = (*e).max(r.until);
        }
        self.broker.commit(&self.sc.group, &m, at);
        self.events.push(Event::Committed {
            at_ms: at,
            offsets: tp_map(&m),
            by: "commitAll".into(),
        });
    }

    fn write_checkpoint(&mut self, t: i64, which: CheckpointKind) {
        if !self.sc.checkpoint {
            return;
        }
        let mut pending = BTreeMap::new();
        if which == CheckpointKind::Generation {
            pending.insert(t, self.ranges.get(&t).cloned().unwrap_or_default());
        }
        let b = self.sc.batch_ms;
        self.checkpoint = Some(Checkpoint {
            time: t,
            current: self.current.clone(),
            pending,
            ranges: self.ranges.clone(),
            state_before: self.states.get(&(t - b)).cloned().unwrap_or_default(),
        });
        self.events.push(Event::Checkpoint { batch_ms: t, which });
    }

    /// The batch's output: the stateful operator, then the sink.
    fn output(&mut self, t: i64, records: &[super::Record], ranges: &[OffsetRange]) {
        if self.sc.state.is_some() {
            let b = self.sc.batch_ms;
            let mut st = self
                .states
                .get(&(t - b))
                .cloned()
                .unwrap_or_else(|| self.state.clone());
            for r in records {
                let k = r.key.clone().unwrap_or_else(|| r.value.clone());
                *st.entry(k).or_insert(0) += 1;
            }
            self.states.insert(t, st.clone());
            self.state = st;
        }
        for r in records {
            *self.writes.entry((r.tp(), r.offset)).or_insert(0) += 1;
        }
        if self.sc.sink == Sink::Transactional {
            for r in ranges {
                self.store_offsets.insert(r.tp(), r.until);
            }
        }
        self.events.push(Event::Output {
            batch_ms: t,
            records: records.len(),
        });
    }

    fn queue_commit(&mut self, t: i64, ranges: &[OffsetRange]) {
        self.queue.extend(ranges.iter().cloned());
        self.events.push(Event::CommitQueued {
            batch_ms: t,
            ranges: ranges.to_vec(),
        });
    }

    /// Process batch `t` (generated at `at`, or from `saved` ranges when re-run from a
    /// checkpoint); returns `true` when the driver crashed in it.
    fn batch(
        &mut self,
        t: i64,
        at: i64,
        saved: Option<Vec<OffsetRange>>,
        rerun: bool,
        crash: Option<Crash>,
    ) -> bool {
        let crash_at = |p: CrashPoint| crash.is_some_and(|c| c.point == p);
        let ranges = match saved {
            Some(r) => {
                self.events.push(Event::Generated {
                    at_ms: at,
                    batch_ms: t,
                    ranges: r.clone(),
                    rerun: true,
                });
                self.ranges.insert(t, r.clone());
                r
            }
            None => self.generate(t, at, rerun),
        };
        self.write_checkpoint(t, CheckpointKind::Generation);
        let records = self.read(&ranges);
        if self.sc.commit == CommitStrategy::BeforeOutput {
            self.queue_commit(t, &ranges);
        }
        if crash_at(CrashPoint::BeforeOutput) {
            return true;
        }
        self.output(t, &records, &ranges);
        if crash_at(CrashPoint::AfterOutput) {
            return true;
        }
        if self.sc.commit == CommitStrategy::AfterOutput {
            self.queue_commit(t, &ranges);
        }
        self.write_checkpoint(t, CheckpointKind::Completion);
        crash_at(CrashPoint::AfterCommit)
    }
}

/// Run a delivery scenario: the batches, the crash, the restart, and the verdict per record.
pub fn simulate(sc: &DeliveryScenario) -> DeliveryReport {
    let mut broker = Broker::new(sc.unkeyed);
    for t in &sc.topics {
        broker.create_topic(&t.name, t.partitions);
    }
    let mut recs = sc.records.clone();
    crate::sort::sort_by_key(&mut recs, |r| r.at_ms);
    for r in &recs {
        broker.produce(&r.topic, r.key.as_deref(), &r.value, r.at_ms);
    }
    match sc.mode {
        Mode::Direct => simulate_direct(sc, broker),
        Mode::Receiver { wal } => simulate_receiver(sc, broker, wal),
    }
}

fn topic_names(sc: &DeliveryScenario) -> Vec<String> {
    sc.topics.iter().map(|t| t.name.clone()).collect()
}

fn simulate_direct(sc: &DeliveryScenario, broker: Broker) -> DeliveryReport {
    let b = sc.batch_ms.max(1);
    let consumer = ConsumerConfig {
        group: sc.group.clone(),
        reset: sc.reset,
        auto_commit: sc.commit == CommitStrategy::AutoCommit,
    };
    let mut sim = Sim {
        sc,
        broker,
        consumer,
        current: BTreeMap::new(),
        queue: Vec::new(),
        state: BTreeMap::new(),
        states: BTreeMap::new(),
        writes: BTreeMap::new(),
        store_offsets: BTreeMap::new(),
        checkpoint: None,
        ranges: BTreeMap::new(),
        events: Vec::new(),
        max_messages: max_messages_per_partition(
            b,
            sc.max_rate_per_partition,
            sc.min_rate_per_partition,
        ),
    };
    // `start()`: the consumer's position per partition at time 0.
    sim.current = start_offsets(&sim, 0);
    let end = b * sc.batches as i64;
    let mut t = b;
    let mut crashed = false;
    while t <= end {
        let c = sc.crash.filter(|c| !crashed && c.batch as i64 * b == t);
        if sim.batch(t, t, None, false, c) {
            crashed = true;
            let c = c.expect("crashed");
            sim.events.push(Event::Crash {
                at_ms: t,
                batch_ms: t,
                point: c.point,
                queued_lost: sim.queue.len(),
            });
            sim.queue.clear();
            // The restart: at `t + down`, the timer's next tick on the original grid; a
            // driver still down after the last batch does not come back within the run.
            let at = t.saturating_add(c.down_ms.max(0));
            if at > end {
                break;
            }
            let restart_time = (at / b + 1) * b;
            t = restart(&mut sim, at, restart_time);
            continue;
        }
        t += b;
    }
    let state = sim.state_if();
    finish(
        sim.sc,
        &sim.broker,
        &sim.writes,
        &sim.current,
        sim.events,
        state,
        0,
    )
}

impl Sim<'_> {
    fn state_if(&self) -> Option<BTreeMap<String, i64>> {
        self.sc.state.map(|_| self.state.clone())
    }
}

/// Where a new context starts: explicit offsets from the transactional store, else the
/// group's committed offsets, else `auto.offset.reset` (§9 "Start offsets").
fn start_offsets(sim: &Sim<'_>, at: i64) -> BTreeMap<TopicPartition, i64> {
    let names = topic_names(sim.sc);
    crate::sort::map_of(sim.broker.partitions_of(&names).into_iter().map(|tp| {
        let o = match sim.store_offsets.get(&tp) {
            Some(&o) if sim.sc.sink == Sink::Transactional => o,
            _ => sim.broker.position(&sim.consumer, &tp, at).unwrap_or(0),
        };
        (tp, o)
    }))
}

/// Restart at `at`; returns the next batch time to run normally. Re-runs the checkpoint's
/// batches when recovering from one.
fn restart(sim: &mut Sim<'_>, at: i64, restart_time: i64) -> i64 {
    let b = sim.sc.batch_ms.max(1);
    let from_checkpoint = sim.sc.restart == Restart::Checkpoint
        && sim.sc.checkpoint
        && sim.sc.sink != Sink::Transactional
        && sim.checkpoint.is_some();
    if !from_checkpoint {
        sim.current = start_offsets(sim, at);
        sim.state = BTreeMap::new();
        sim.states = BTreeMap::new();
        sim.ranges.clear();
        let from = if sim.sc.sink == Sink::Transactional {
            "transactional store"
        } else {
            "Kafka (committed offsets, else auto.offset.reset)"
        };
        sim.events.push(Event::Restart {
            at_ms: at,
            from: from.into(),
            offsets: tp_map(&sim.current),
            reruns: Vec::new(),
        });
        return restart_time;
    }
    let cp = sim.checkpoint.clone().expect("checked");
    // `JobGenerator.restart`: pendingTimes ∪ [checkpointTime, restartTime), sorted.
    let mut times: BTreeSet<i64> = crate::sort::set_of(cp.pending.keys().copied());
    let mut x = cp.time;
    while x < restart_time {
        times.insert(x);
        x += b;
    }
    sim.current = cp.current.clone();
    sim.ranges = cp.ranges.clone();
    let mut states = BTreeMap::new();
    states.insert(cp.time - b, cp.state_before.clone());
    sim.states = states;
    sim.state = cp.state_before.clone();
    sim.events.push(Event::Restart {
        at_ms: at,
        from: format!("checkpoint-{}", cp.time),
        offsets: tp_map(&sim.current),
        reruns: times.iter().copied().collect(),
    });
    for &rt in &times {
        let saved = cp.pending.get(&rt).or(cp.ranges.get(&rt)).cloned();
        if sim.batch(rt, at, saved, true, None) {
            unreachable!("no crash is injected into re-runs");
        }
    }
    restart_time
}

fn finish(
    sc: &DeliveryScenario,
    broker: &Broker,
    writes: &BTreeMap<RecId, u32>,
    position: &BTreeMap<TopicPartition, i64>,
    events: Vec<Event>,
    state: Option<BTreeMap<String, i64>>,
    cores_held: u32,
) -> DeliveryReport {
    let mut out = Vec::new();
    for tp in broker.partitions_of(&topic_names(sc)) {
        for r in broker.log(&tp).cloned().unwrap_or_default() {
            let w = writes.get(&(tp.clone(), r.offset)).copied().unwrap_or(0);
            let in_sink = match sc.sink {
                Sink::Upsert => w.min(1),
                _ => w,
            };
            let pos = position.get(&tp).copied().unwrap_or(0);
            let outcome = match in_sink {
                0 if r.offset >= pos => Outcome::Pending,
                0 => Outcome::Lost,
                1 => Outcome::ExactlyOnce,
                _ => Outcome::Duplicated,
            };
            out.push(RecordDelivery {
                topic: r.topic.clone(),
                partition: r.partition,
                offset: r.offset,
                key: r.key.clone(),
                value: r.value.clone(),
                produced_ms: r.timestamp,
                writes: w,
                in_sink,
                outcome,
            });
        }
    }
    let count = |o: Outcome| out.iter().filter(|r| r.outcome == o).count();
    DeliveryReport {
        lost: count(Outcome::Lost),
        duplicated: count(Outcome::Duplicated),
        exactly_once: count(Outcome::ExactlyOnce),
        pending: count(Outcome::Pending),
        records: out,
        events,
        committed: broker
            .groups
            .get(&sc.group)
            .map(|g| tp_map(&g.committed))
            .unwrap_or_default(),
        state,
        cores_held,
    }
}

/// The receiver-based stream: the receiver reads each record as it is produced, stores it in
/// a block of the batch whose `[t − B, t)` holds it, and commits its offset (to ZooKeeper, for
/// Kafka 0.8's high-level consumer; with the WAL only once the block is in the log). A driver
/// crash kills the executors: blocks not yet output are gone unless the WAL has them (§10).
fn simulate_receiver(sc: &DeliveryScenario, broker: Broker, wal: bool) -> DeliveryReport {
    // The WAL lives in the checkpoint directory; without one Spark refuses to start it.
    let wal = wal && sc.checkpoint;
    let b = sc.batch_ms.max(1);
    let mut events = Vec::new();
    let mut writes: BTreeMap<RecId, u32> = BTreeMap::new();
    let mut broker = broker;
    let group = sc.group.clone();
    let names = topic_names(sc);
    let tps = broker.partitions_of(&names);
    let mut state: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_time: BTreeMap<i64, BTreeMap<String, i64>> = BTreeMap::new();
    // The records received in `[t − B, t)`, in arrival order.
    let block = |broker: &Broker, lo: i64, hi: i64| -> Vec<super::Record> {
        let mut v: Vec<super::Record> = tps
            .iter()
            .flat_map(|tp| broker.log(tp).cloned().unwrap_or_default())
            .filter(|r| r.timestamp >= lo && r.timestamp < hi)
            .collect();
        crate::sort::sort_by_key(&mut v, |r| (r.timestamp, r.partition, r.offset));
        v
    };
    let run_output = |t: i64,
                      recs: &[super::Record],
                      writes: &mut BTreeMap<RecId, u32>,
                      events: &mut Vec<Event>,
                      state: &mut BTreeMap<String, i64>,
                      by_time: &mut BTreeMap<i64, BTreeMap<String, i64>>| {
        if sc.state.is_some() {
            let mut st = by_time
                .get(&(t - b))
                .cloned()
                .unwrap_or_else(|| state.clone());
            for r in recs {
                *st.entry(r.key.clone().unwrap_or_else(|| r.value.clone()))
                    .or_insert(0) += 1;
            }
            by_time.insert(t, st.clone());
            *state = st;
        }
        for r in recs {
            *writes.entry((r.tp(), r.offset)).or_insert(0) += 1;
        }
        events.push(Event::Output {
            batch_ms: t,
            records: recs.len(),
        });
    };
    let end = b * sc.batches as i64;
    let mut t = b;
    let mut lo = 0;
    let mut crashed = false;
    while t <= end {
        let recs = block(&broker, lo, t);
        lo = t;
        // The receiver committed what it stored up to `t`.
        let recv: BTreeMap<TopicPartition, i64> =
            crate::sort::map_of(tps.iter().map(|tp| (tp.clone(), broker.end_offset(tp, t))));
        broker.commit(&group, &recv, t);
        events.push(Event::Committed {
            at_ms: t,
            offsets: tp_map(&recv),
            by: "receiver".into(),
        });
        events.push(Event::Generated {
            at_ms: t,
            batch_ms: t,
            ranges: Vec::new(),
            rerun: false,
        });
        if sc.checkpoint {
            events.push(Event::Checkpoint {
                batch_ms: t,
                which: CheckpointKind::Generation,
            });
        }
        let c = sc.crash.filter(|c| !crashed && c.batch as i64 * b == t);
        let before = c.is_some_and(|c| c.point == CrashPoint::BeforeOutput);
        if !before {
            run_output(t, &recs, &mut writes, &mut events, &mut state, &mut by_time);
        }
        let Some(c) = c else {
            t += b;
            continue;
        };
        crashed = true;
        events.push(Event::Crash {
            at_ms: t,
            batch_ms: t,
            point: c.point,
            queued_lost: 0,
        });
        // A driver still down after the last batch does not come back within the run.
        let at = t.saturating_add(c.down_ms.max(0));
        if at > end {
            break;
        }
        let restart_time = (at / b + 1) * b;
        let from_cp = sc.checkpoint && sc.restart == Restart::Checkpoint;
        // Re-run `[checkpointTime, restartTime)`: the crashed batch's blocks come back from
        // the WAL or are gone; the down times had no receiver, so no blocks.
        let reruns: Vec<i64> = if from_cp {
            (t..restart_time).step_by(b as usize).collect()
        } else {
            Vec::new()
        };
        events.push(Event::Restart {
            at_ms: at,
            from: if from_cp {
                format!("checkpoint-{t}")
            } else {
                "ZooKeeper (the receiver's committed offsets)".into()
            },
            offsets: tp_map(&recv),
            reruns: reruns.clone(),
        });
        if !from_cp {
            state.clear();
            by_time.clear();
        }
        if reruns.first() == Some(&t) {
            if wal {
                events.push(Event::WalReplay {
                    batch_ms: t,
                    records: recs.len(),
                });
                run_output(t, &recs, &mut writes, &mut events, &mut state, &mut by_time);
            } else {
                events.push(Event::BlocksLost {
                    batch_ms: t,
                    records: recs.len(),
                    warning: Some(BLOCKS_NOT_RECOVERED.into()),
                });
            }
        } else if before {
            events.push(Event::BlocksLost {
                batch_ms: t,
                records: recs.len(),
                warning: None,
            });
        }
        // The receiver starts again from the committed offsets: what was produced while the
        // driver was down lands in the first batch after the restart.
        t = restart_time;
    }
    let pos: BTreeMap<TopicPartition, i64> = crate::sort::map_of(
        tps.iter()
            .map(|tp| (tp.clone(), broker.committed(&group, tp).unwrap_or(0))),
    );
    let st = sc.state.map(|_| state.clone());
    finish(sc, &broker, &writes, &pos, events, st, 1)
}
