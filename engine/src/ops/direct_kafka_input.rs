//! `DirectKafkaInputDStream` (`KafkaUtils.createDirectStream`): Kafka 0-10's direct stream,
//! with no receiver and no core held (`spark-semantics.md` §9).
//!
//! At `start()` (here: its first `compute`) `currentOffsets` is the driver consumer's
//! position per partition: the group's committed offset, else `auto.offset.reset`. Each
//! `compute(t)`, at generation time: the latest offsets (records produced before `t`), clamped
//! by `spark.streaming.kafka.maxRatePerPartition` (`max((B_s × rate).toLong,
//! minRatePerPartition)` per partition), one `OffsetRange` per partition, a `KafkaRDD` with one
//! partition per Kafka partition (empty ranges included) holding `ConsumerRecord`s in offset
//! order, `currentOffsets = until`, then `commitAll()`: the ranges `commitAsync` queued since
//! the last generation are committed now (largest `untilOffset` per partition). The ranges of
//! every RDD the stream made are kept by RDD id for `HasOffsetRanges`, which works on those
//! RDDs only.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::kafka::pattern::Pattern;
use crate::kafka::{
    max_messages_per_partition, offset_ranges, Broker, ConsumerConfig, OffsetRange, Record,
    TopicPartition,
};
use crate::rdd::{Narrow, Rdd};
use crate::time::{Duration, Time};
use crate::value::{Object, Value};

/// The consumer strategy (`ConsumerStrategies`): which partitions the driver consumer gets.
#[derive(Clone, Debug, PartialEq)]
pub enum Strategy {
    /// `Subscribe(topics, kafkaParams[, offsets])`: every partition of these topics.
    Subscribe(Vec<String>),
    /// `SubscribePattern(pattern, kafkaParams[, offsets])`: every partition of the topics whose
    /// whole name matches the pattern.
    SubscribePattern(Pattern),
    /// `Assign(topicPartitions, kafkaParams[, offsets])`: exactly these partitions, with no
    /// group membership.
    Assign(Vec<TopicPartition>),
}

impl Default for Strategy {
    fn default() -> Strategy {
        Strategy::Subscribe(Vec::new())
    }
}

impl Strategy {
    /// The partitions the driver consumer is assigned, sorted.
    pub fn partitions(&self, broker: &Broker) -> Vec<TopicPartition> {
        let mut tps = match self {
            Strategy::Subscribe(topics) => broker.partitions_of(topics),
            Strategy::SubscribePattern(p) => {
                let topics: Vec<String> = broker
                    .topics
                    .keys()
                    .filter(|t| p.matches(t))
                    .cloned()
                    .collect();
                broker.partitions_of(&topics)
            }
            Strategy::Assign(tps) => tps.clone(),
        };
        crate::sort::sort(&mut tps);
        tps.dedup();
        tps
    }
}

/// The stream's driver-side state (`DirectKafkaInputDStream`'s fields).
#[derive(Debug, Default)]
pub struct DirectKafka {
    /// The broker it reads.
    pub broker: Rc<RefCell<Broker>>,
    /// The consumer strategy.
    pub strategy: Strategy,
    /// The strategy's explicit starting offsets (`onStart` seeks there when `currentOffsets`
    /// is empty).
    pub offsets: BTreeMap<TopicPartition, i64>,
    /// The driver consumer's settings (`group.id`, `auto.offset.reset`, ...).
    pub consumer: ConsumerConfig,
    /// `currentOffsets`, once started.
    pub current: Option<BTreeMap<TopicPartition, i64>>,
    /// `commitQueue`: ranges `commitAsync` enqueued, sent at the next generation.
    pub queue: Vec<OffsetRange>,
    /// Every commit `commitAll()` sent: `(virtual ms, offsets)`.
    pub commits: Vec<(i64, BTreeMap<TopicPartition, i64>)>,
    /// The offset ranges of each RDD it made, by RDD id (`HasOffsetRanges`).
    pub ranges: BTreeMap<u32, Vec<OffsetRange>>,
    /// The offset ranges by batch time.
    pub by_time: BTreeMap<i64, Vec<OffsetRange>>,
    /// After a recovery: the moment the driver came back. A batch computed for an earlier
    /// time (one it missed while down) still asks Kafka for its latest offsets now.
    pub restarted_at: Option<i64>,
}

impl DirectKafka {
    /// The stream's checkpointable fields, as `Checkpoint` serializes them with the graph:
    /// `currentOffsets`, the commit queue (a `ConcurrentLinkedQueue`, serialized with the
    /// stream) and each remembered batch's ranges. The broker is the outside world, shared.
    pub fn checkpoint_copy(&self) -> DirectKafka {
        DirectKafka {
            broker: self.broker.clone(),
            strategy: self.strategy.clone(),
            offsets: self.offsets.clone(),
            consumer: self.consumer.clone(),
            current: self.current.clone(),
            queue: self.queue.clone(),
            commits: Vec::new(),
            ranges: self.ranges.clone(),
            by_time: self.by_time.clone(),
            restarted_at: None,
        }
    }
}

/// A `ConsumerRecord[String, String]`, as the stream's RDDs hold them.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsumerRecordObj(pub Record);

impl Object for ConsumerRecordObj {
    fn class_name(&self) -> String {
        "ConsumerRecord".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_consumer_record_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `OffsetRange`, as a Scala value.
#[derive(Clone, Debug, PartialEq)]
pub struct OffsetRangeObj(pub OffsetRange);

impl Object for OffsetRangeObj {
    fn class_name(&self) -> String {
        "OffsetRange".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `KafkaUtils.createDirectStream(ssc, PreferConsistent, Subscribe(topics, kafkaParams))`.
pub fn new(rt: &mut Runtime, batch: Duration, state: DirectKafka) -> NodeId {
    rt.graph.add(
        "DirectKafkaInputDStream",
        "createDirectStream",
        Vec::new(),
        batch,
        NodeKind::DirectKafka(Rc::new(RefCell::new(state))),
    )
}

/// The batch's `KafkaRDD`.
pub fn compute(
    rt: &mut Runtime,
    id: NodeId,
    st: &RefCell<DirectKafka>,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let batch = rt.graph.nodes[id].slide.0;
    let setting = |k: &str| {
        rt.conf
            .settings
            .get(k)
            .and_then(|v| v.trim().parse::<i64>().ok())
    };
    let max_rate = setting("spark.streaming.kafka.maxRatePerPartition").unwrap_or(0);
    let min_rate = setting("spark.streaming.kafka.minRatePerPartition").unwrap_or(1);
    let zero = rt.graph.zero.0;
    let mut s = st.borrow_mut();
    let broker = s.broker.clone();
    let broker = broker.borrow();
    if s.current.is_none() {
        let mut cur = BTreeMap::new();
        for tp in s.strategy.partitions(&broker) {
            let o = match s.offsets.get(&tp) {
                Some(&o) => o,
                None => broker.position(&s.consumer, &tp, zero).map_err(|m| {
                    Exn::new(
                        "org.apache.kafka.clients.consumer.NoOffsetForPartitionException",
                        m,
                    )
                })?,
            };
            cur.insert(tp, o);
        }
        s.current = Some(cur);
    }
    let current = s.current.clone().unwrap_or_default();
    // `latestOffsets()` asks Kafka now: a batch re-generated after a restart for a time the
    // driver missed sees everything produced until the restart.
    let now = s.restarted_at.map_or(t.0, |r| r.max(t.0));
    let ranges = offset_ranges(
        &broker,
        &current,
        now,
        max_messages_per_partition(batch, max_rate, min_rate),
    );
    let parts: Vec<Vec<Value>> = ranges
        .iter()
        .map(|r| {
            broker
                .read(&r.tp(), r.from, r.until)
                .into_iter()
                .map(|rec| Value::Obj(Rc::new(ConsumerRecordObj(rec))))
                .collect()
        })
        .collect();
    drop(broker);
    for p in &parts {
        rt.cur.input.extend(p.iter().map(|v| v.to_string()));
    }
    let first = s.ranges.is_empty();
    let rdd = Rdd::source(rt, parts);
    let rdd = if rt.graph.nodes[id].persist {
        if first {
            // `DirectKafkaInputDStream.persist` (which `window` and `checkpoint` call) logs
            // this, then persists serialized all the same: storing the block then fails.
            rt.log.push(crate::trace::LogLine {
                hidden: false,
                time_ms: None,
                level: "ERROR".into(),
                logger: "org.apache.spark.streaming.kafka010.DirectKafkaInputDStream".into(),
                message: PERSIST_ERROR.into(),
            });
        }
        rdd.narrow(
            rt,
            Narrow::Native(Rc::new(
                |_rt: &mut Runtime, _p, recs: Vec<Value>| match recs.first() {
                    Some(r) => Err(not_serializable(r, &[])),
                    None => Ok(recs),
                },
            )),
        )
    } else {
        rdd
    };
    s.current = Some(crate::sort::map_of(
        ranges.iter().map(|r| (r.tp(), r.until)),
    ));
    s.ranges.insert(rdd.id, ranges.clone());
    rt.cur.kafka_ranges.extend(ranges.iter().cloned());
    s.by_time.insert(t.0, ranges);
    let sent = s.commits.len();
    commit_all(&mut s, now);
    if s.consumer.auto_commit {
        // `enable.auto.commit` on the driver consumer commits its position, which after
        // `seekToEnd` is the latest offset, not the processed one (§9, derived).
        let b = s.broker.clone();
        let latest: BTreeMap<TopicPartition, i64> = crate::sort::map_of(
            s.current
                .iter()
                .flatten()
                .map(|(tp, _)| (tp.clone(), b.borrow().end_offset(tp, now))),
        );
        b.borrow_mut().commit(&s.consumer.group, &latest, now);
        s.commits.push((now, latest));
    }
    for (_, offsets) in &s.commits[sent..] {
        for (tp, o) in offsets {
            rt.cur.kafka_commits.insert(tp.to_string(), *o);
        }
    }
    Ok(Some(rdd))
}

/// What `DirectKafkaInputDStream.persist` logs (at ERROR) before persisting anyway.
pub const PERSIST_ERROR: &str =
    "Kafka ConsumerRecord is not serializable. Use .map to extract fields before calling .persist or .window";

const RECORD_CLASS: &str = "org.apache.kafka.clients.consumer.ConsumerRecord";

/// Java serialization failing on a `ConsumerRecord`, as Spark's `SerializationDebugger`
/// improves the message: the class, then the serialization stack from the record outwards
/// (`path`: the enclosing lines, innermost first).
fn not_serializable(record: &Value, path: &[String]) -> Exn {
    let mut stack = vec![format!(
        "object not serializable (class: {RECORD_CLASS}, value: {record})"
    )];
    stack.extend(path.iter().cloned());
    let lines: Vec<String> = stack.iter().map(|l| format!("\t- {l}")).collect();
    Exn::new(
        "java.io.NotSerializableException",
        format!("{RECORD_CLASS}\nSerialization stack:\n{}", lines.join("\n")),
    )
}

/// The error a task's result raises when it holds a `ConsumerRecord` (`print()`, `collect()`,
/// `take()` on the stream itself): the result array is Java-serialized to go back to the
/// driver, and `ConsumerRecord` is not `Serializable`. `None` when the result serializes.
pub fn result_not_serializable(values: &[Value]) -> Option<Exn> {
    let array_class = |inner: &str| format!("array (class [L{inner};, size {})", values.len());
    for (i, v) in values.iter().enumerate() {
        if v.obj::<ConsumerRecordObj>().is_some() {
            return Some(not_serializable(
                v,
                &[
                    format!("element of array (index: {i})"),
                    array_class(RECORD_CLASS),
                ],
            ));
        }
        if let Value::Tuple(items) = v {
            if let Some(j) = items
                .iter()
                .position(|x| x.obj::<ConsumerRecordObj>().is_some())
            {
                let n = items.len();
                return Some(not_serializable(
                    &items[j],
                    &[
                        format!(
                            "field (class: scala.Tuple{n}, name: _{}, type: class java.lang.Object)",
                            j + 1
                        ),
                        format!("object (class scala.Tuple{n}, {v})"),
                        format!("element of array (index: {i})"),
                        array_class(&format!("scala.Tuple{n}")),
                    ],
                ));
            }
        }
    }
    None
}

/// `commitAll()`: send the queue, the largest `untilOffset` per partition.
fn commit_all(s: &mut DirectKafka, at: i64) {
    if s.queue.is_empty() {
        return;
    }
    let mut m: BTreeMap<TopicPartition, i64> = BTreeMap::new();
    for r in s.queue.drain(..) {
        let e = m.entry(r.tp()).or_insert(r.until);
        *e = (*e).max(r.until);
    }
    s.broker.borrow_mut().commit(&s.consumer.group, &m, at);
    s.commits.push((at, m));
}

/// `stream.asInstanceOf[CanCommitOffsets].commitAsync(ranges)`: only enqueue.
pub fn commit_async(st: &RefCell<DirectKafka>, ranges: &[OffsetRange]) {
    st.borrow_mut().queue.extend(ranges.iter().cloned());
}

/// The direct stream's state, if `id` is one.
pub fn state_of(rt: &Runtime, id: NodeId) -> Option<Rc<RefCell<DirectKafka>>> {
    match &rt.graph.nodes.get(id)?.kind {
        NodeKind::DirectKafka(s) => Some(s.clone()),
        _ => None,
    }
}

/// `rdd.asInstanceOf[HasOffsetRanges].offsetRanges`: the ranges when `rdd` is one a direct
/// stream made itself; `None` (a `ClassCastException` in Spark) for any other RDD.
pub fn offset_ranges_of(rt: &Runtime, rdd: &Rdd) -> Option<Vec<OffsetRange>> {
    rt.graph.nodes.iter().find_map(|n| match &n.kind {
        NodeKind::DirectKafka(s) => s.borrow().ranges.get(&rdd.id).cloned(),
        _ => None,
    })
}
